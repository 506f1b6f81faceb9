"""Lobbying: the transactions of the report schedules (declared here, the script in sql/)."""

from __future__ import annotations

from calaccess.process.lobbying import SQL
from calaccess.process.runner import Account, Step

#: The raw tables whose lines are lobbying transactions, in the order lobbying_transaction.sql reads them.
ITEM_TABLES = ("lpay_cd", "lexp_cd", "lccm_cd", "loth_cd", "latt_cd")


def _account(table: str) -> Account:
    """One schedule table: its rows in, the transactions made of it, the earlier versions' rows folded into
    them, and the rows set aside with why."""
    tally = f"FROM lobbying_transaction_tally WHERE calaccess_table = '{table}'"
    plan = f"FROM lobbying_transaction_plan WHERE calaccess_table = '{table}' AND NOT superseded"
    counts = {
        "rows": f"SELECT count(*) FROM raw.{table}",
        **{n: f"SELECT coalesce(sum({n}), 0) {tally}" for n in ("identified", "no_amount", "not_lobbying")},
        "unreadable": f"SELECT coalesce(sum(unreadable), 0) {tally}",
        "no_action": f"SELECT coalesce(sum(no_action), 0) {tally}",
        "transactions": f"SELECT count(*) {plan}",
        "current": f"SELECT count(*) {plan} AND is_current",
        "memo": f"SELECT count(*) {plan} AND memo",
        "linked": f"SELECT count(*) FROM lobbying_party_link AS link JOIN lobbying_transaction_plan AS p "
        f"USING (id) WHERE p.calaccess_table = '{table}' "
        "AND coalesce(link.committee_id, link.organization_id) IS NOT NULL",
    }
    return Account(
        f"ocd.transaction from {table}",
        counts,
        rows_in="rows",
        rows_out="transactions",
        rows_merged="identified - transactions",
        rows_set_aside="no_amount + not_lobbying + unreadable + no_action",
        note="out: {transactions} transactions ({current} in their filing's current version, {memo} memo "
        "lines, {linked} whose other side is linked by its printed filer id); merged: earlier versions' rows "
        "of the same transaction; set aside: {no_amount} with no amount, {not_lobbying} of filings that are "
        "no lobbying filing, {unreadable} whose AMEND_ID is unreadable, {no_action} of a version without an "
        "action (findings)",
    )


BENEFICIARIES = Account(
    "activity expense beneficiaries",
    {
        "named": "SELECT count(*) FROM lobbying_beneficiary",
        "linked": "SELECT count(*) FROM lobbying_beneficiary WHERE person_id IS NOT NULL",
        "ambiguous": "SELECT count(*) FROM lobbying_beneficiary WHERE candidates > 1",
    },
    rows_in="named",
    rows_out="linked",
    rows_unknown="named - linked",
    note="in: officials and staff the current activity expenses name (LEXP_CD BENE_NAME); out: linked to an "
    "ocd.person (same name, an office held that day); unknown: kept by name only, unlinked ({ambiguous} "
    "of them matching several people)",
)

TRANSACTIONS = Step(
    "lobbying transactions",
    SQL,
    scripts=("lobbying_transaction",),
    accounts=(*(_account(table) for table in ITEM_TABLES), BENEFICIARIES),
    makes=("ocd.transaction",),
)

STEPS: tuple[Step, ...] = (TRANSACTIONS,)
