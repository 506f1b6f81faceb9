"""Campaign finance: the transactions steps (declared here, their scripts in sql/)."""

from __future__ import annotations

from calaccess.process.finance import SQL
from calaccess.process.runner import Account, Step

#: The raw tables whose lines are transactions, in the order transaction.sql reads them.
ITEM_TABLES = ("rcpt_cd", "expn_cd", "loan_cd", "s497_cd", "s496_cd", "s498_cd", "debt_cd", "s401_cd")


def _account(table: str) -> Account:
    """One item table: its rows in, the transactions made of it, the earlier versions' rows folded into
    them, and the rows set aside with why."""
    tally = f"FROM transaction_tally WHERE calaccess_table = '{table}'"
    counts = ("identified", "transactions", "current", "memo", "no_amount", "not_campaign", "unreadable")
    return Account(
        f"ocd.transaction from {table}",
        {
            "rows": f"SELECT count(*) FROM raw.{table}",
            **{count: f"SELECT coalesce(sum({count}), 0) {tally}" for count in counts},
        },
        rows_in="rows",
        rows_out="transactions",
        rows_merged="identified - transactions",
        rows_set_aside="no_amount + not_campaign + unreadable",
        note="out: {transactions} transactions ({current} in their filing's current version, {memo} memo "
        "lines); merged: earlier versions' rows of the same transaction; set aside: {no_amount} with no "
        "amount, {not_campaign} of filings that are no campaign filing (findings), {unreadable} whose "
        "AMEND_ID is unreadable (a finding of the filing versions step)",
    )


TRANSACTIONS = Step(
    "transactions",
    SQL,
    scripts=("transaction",),
    accounts=tuple(_account(table) for table in ITEM_TABLES),
    makes=("ocd.transaction",),
)

STEPS: tuple[Step, ...] = (TRANSACTIONS,)
