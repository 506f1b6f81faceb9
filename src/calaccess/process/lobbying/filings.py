"""Lobbying: the filings and their versions (declared here, their scripts in sql/).

A Filing per lobbying filing (filing_form.domain 'lobbying'), filed by the lobbying filer's Organization or
Person (the OCD extension's `filer_type`), and a FilingAction per version, the latest current, with the
changes a Form 690 or 605 makes kept on the version that is that amendment. It leaves `lobbying_filing_plan`
and `lobbying_action_plan` (TEMP) for the transactions.
"""

from __future__ import annotations

from calaccess.process.lobbying import SQL
from calaccess.process.runner import Account, Step

FILINGS = Step(
    "lobbying filings",
    SQL,
    scripts=("lobbying_filing", "lobbying_filing_action"),
    makes=("ocd.filing", "ocd.filing_action"),
    accounts=(
        Account(
            "ocd.filing from lobbying",
            {
                "lobbying": "SELECT count(*) FROM lobbying_filing_filer",
                "filings": "SELECT count(*) FROM lobbying_filing_plan",
                "people": "SELECT count(*) FROM lobbying_filing_plan WHERE filer_type = 'person'",
                "covered": "SELECT count(*) FROM lobbying_filing_plan WHERE thru_date IS NOT NULL",
                "lobbied": "SELECT count(*) FROM lobbying_filing_plan WHERE lobbied_texts IS NOT NULL",
                "bills": "SELECT count(*) FROM lobbying_filing_plan WHERE len(bills) > 0",
            },
            rows_in="lobbying",
            rows_out="filings",
            rows_set_aside="lobbying - filings",
            note="in: lobbying filings; out: one filing each ({people} filed by a lobbyist, the rest by an "
            "organization; {covered} with a coverage period; {lobbied} saying what was lobbied, {bills} "
            "naming bills)",
        ),
        Account(
            "ocd.filing_action from lobbying",
            {
                "versions": "SELECT count(*) FROM lobbying_action_plan",
                "actions": "SELECT count(*) FROM lobbying_action_plan WHERE action_date IS NOT NULL",
                "current": "SELECT count(*) FROM lobbying_action_plan "
                "WHERE action_date IS NOT NULL AND is_current",
                "own": "SELECT count(*) FROM lobbying_action_plan WHERE date_from IN "
                "('cover RPT_DATE', 'cover SIG_DATE', 'FILER_FILINGS_CD FILING_DATE')",
                "estimated": "SELECT count(*) FROM lobbying_action_plan WHERE date_from LIKE 'estimated%'",
                "report_changes": "SELECT count(*) FROM lobbying_action_plan "
                "WHERE report_changes IS NOT NULL",
                "registration_changes": "SELECT count(*) FROM lobbying_action_plan "
                "WHERE registration_changes IS NOT NULL",
            },
            rows_in="versions",
            rows_out="actions",
            rows_set_aside="versions - actions",
            note="in: versions of lobbying filings; out: one action each ({current} current; {own} dated by "
            "their cover or the index, {estimated} estimated from the filing id, the rest by a signed "
            "amendment or a bound; findings by kind); {report_changes} carry a Form 690's changes, "
            "{registration_changes} a Form 605's; set aside: no date at all (findings)",
        ),
        Account(
            "lobbying amendments kept on their actions",
            {
                "rows_690": "SELECT count(*) FROM raw.f690p2_cd",
                "rows_605": "SELECT count(*) FROM raw.lobby_amendments_cd",
                "kept_690": "SELECT coalesce(sum(len(report_changes)), 0) FROM lobbying_action_plan "
                "WHERE action_date IS NOT NULL",
                "kept_605": "SELECT coalesce(sum(len(registration_changes)), 0) FROM lobbying_action_plan "
                "WHERE action_date IS NOT NULL",
            },
            rows_in="rows_690 + rows_605",
            rows_out="kept_690 + kept_605",
            rows_set_aside="rows_690 + rows_605 - kept_690 - kept_605",
            note="in: {rows_690} Form 690 rows (F690P2_CD) and {rows_605} Form 605 rows "
            "(LOBBY_AMENDMENTS_CD); out: kept in the extras of the action of the version they are; set "
            "aside: a row of a filing that is no lobbying filing, whose AMEND_ID is unreadable, or whose "
            "version has no action",
        ),
    ),
)

STEPS: tuple[Step, ...] = (FILINGS,)
