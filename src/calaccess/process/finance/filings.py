"""Campaign finance: the committees, the filings and their versions (declared here, their scripts in sql/).

The committees step makes a Committee of every filer id the export gives as a committee's (see the header
of `sql/committee_filer.sql`), enriching the measure committees the elections made (same ids) rather than
making them again. It leaves, for the later steps, `committee_filer` (TEMP: every committee filer id and its
`committee_id`) and the macro `committee_filer_id(text)` (a printed id as the canonical filer id, NULL when
it is none): a line that names a committee by its filer id links to `committee_id_of(committee_filer_id(..))`
exactly when that filer id is in `committee_filer`, so no reference dangles. The filings step makes a
Filing per campaign filing and a FilingAction per version (with `filing_plan` and `filing_action_plan`,
TEMP: every action's id and date, for the transactions).
"""

from __future__ import annotations

from calaccess.process.finance import SQL
from calaccess.process.runner import Account, Step, StepRun
from calaccess.settings import EXPORT_URL

#: The state's address of a filing's image; the filing id, '&amendid=' and the amendment follow.
FILING_IMAGE_URL = "https://cal-access.sos.ca.gov/PDFGen/pdfgen.prg?filingid="

COMMITTEE_SCRIPTS = ("committee_filer", "committee", "committee_candidacy", "committee_measure")
FILING_SCRIPTS = ("filing", "filing_action", "filing_action_summary")


def build_committees(step: StepRun) -> None:
    """The committee scripts, after the one parameter they take (the export's address, their source)."""
    step.con.execute("SET VARIABLE export_url = ?", [EXPORT_URL])
    for name in COMMITTEE_SCRIPTS:
        step.script(name)


def build_filings(step: StepRun) -> None:
    """The filing scripts, after the address of the state's filing images."""
    step.con.execute("SET VARIABLE filing_image_url = ?", [FILING_IMAGE_URL])
    for name in FILING_SCRIPTS:
        step.script(name)


COMMITTEES = Step(
    "committees",
    SQL,
    python=build_committees,
    makes=("ocd.committee",),
    accounts=(
        Account(
            "ocd.committee",
            {
                "filer_ids": "SELECT count(*) FROM committee_filer WHERE filer_id IS NOT NULL",
                "unknown_filers": "SELECT count(*) FROM committee_filer WHERE filer_id IS NULL",
                "measures": "SELECT count(*) FROM committee_plan WHERE made_by_measures",
                "committees": "SELECT count(*) FROM ocd.committee",
                "nameless": "SELECT count(*) FROM committee_plan WHERE name_from IS NULL",
                "nameless_ids": "SELECT count(*) FROM committee_plan WHERE name_from IS NULL "
                "AND filer_id IS NOT NULL",
                "filing_named": "SELECT count(*) FROM committee_filer WHERE evidence = ['named by filings']",
            },
            rows_in="filer_ids + unknown_filers",
            rows_out="committees - measures - nameless",
            rows_merged="measures",
            rows_unknown="nameless",
            note="in: {filer_ids} committee filer ids (filers, filer types, ids printed on filings, filer "
            "links, measure pages; {filing_named} known only from lines of filings) and {unknown_filers} "
            "filings that name no filer; merged: the {measures} measure committees, enriched under their "
            "ids; unknown: {nameless} committees whose name the export does not hold ({nameless_ids} with a "
            "filer id, the rest a filing's unknown filer), kept and named so plainly (findings)",
        ),
        Account(
            "ocd.committee_candidacy_designation",
            {
                "designations": "SELECT count(*) FROM ocd.committee_candidacy_designation",
                "vehicles": "SELECT count(*) FROM ocd.committee_candidacy_designation "
                "WHERE designation = 'primary vehicle for'",
                "links": "SELECT count(*) FROM controlled_link",
                "unread": "SELECT count(*) FROM controlled_link WHERE candidate_filer_id IS NULL",
            },
            rows_in="designations",
            rows_out="designations",
            note="{vehicles} 'primary vehicle for' (the committee a Form 501 names), the rest 'supports' (a "
            "controlled-committee link in force on election day); {links} controlled-committee links read, "
            "{unread} of them with no side known as the candidate (findings)",
        ),
        Account(
            "filing measure positions",
            {
                "positions": "SELECT count(*) FROM filing_measure_position",
                "resolved": "SELECT count(*) FROM filing_measure_position WHERE filer_kind = 'committee' "
                "AND contest_id IS NOT NULL AND position IN ('S', 'O')",
            },
            rows_in="positions",
            rows_out="resolved",
            rows_set_aside="positions - resolved",
            note="in: measures the latest covers name; out: resolved to a contest with a position, kept as "
            "committee options (beside the measure pages'); set aside: unresolved (findings)",
        ),
    ),
)

FILINGS = Step(
    "filings",
    SQL,
    python=build_filings,
    makes=("ocd.filing", "ocd.filing_action"),
    accounts=(
        Account(
            "ocd.filing",
            {
                "campaign": "SELECT count(*) FROM filing_filer",
                "filings": "SELECT count(*) FROM ocd.filing",
                "covered": "SELECT count(*) FROM ocd.filing WHERE coverage_end_date IS NOT NULL",
                "elections": "SELECT count(DISTINCT filing_id) FROM ocd.filing_election",
                "images": "SELECT count(DISTINCT filing_id) FROM ocd.filing_source",
            },
            rows_in="campaign",
            rows_out="filings",
            rows_set_aside="campaign - filings",
            note="in: campaign filings; out: one filing each ({covered} with a coverage period, {elections} "
            "naming a state election, {images} with the state's image)",
        ),
        Account(
            "ocd.filing_action",
            {
                "versions": "SELECT count(*) FROM filing_action_plan",
                "actions": "SELECT count(*) FROM ocd.filing_action",
                "cover": "SELECT count(*) FROM filing_action_plan WHERE date_from = 'cover RPT_DATE'",
                "signed": "SELECT count(*) FROM filing_action_plan WHERE date_from = 'verification SIG_DATE'",
                "indexed": "SELECT count(*) FROM filing_action_plan "
                "WHERE date_from = 'FILER_FILINGS_CD FILING_DATE'",
                "bounded": "SELECT count(*) FROM filing_action_plan WHERE date_from LIKE '%bound)'",
                "estimated": "SELECT count(*) FROM filing_action_plan WHERE date_from LIKE 'estimated%'",
                "current": "SELECT count(*) FROM ocd.filing_action WHERE is_current",
            },
            rows_in="versions",
            rows_out="actions",
            rows_set_aside="versions - actions",
            note="in: versions of campaign filings; out: one action each ({current} current), dated by the "
            "cover ({cover}), the signature ({signed}), FILER_FILINGS_CD ({indexed}), a bound ({bounded}: "
            "period end, lines, another version) or an estimate from the filing id ({estimated}; findings "
            "by kind); set aside: no date at all (findings)",
        ),
        Account(
            "ocd.filing_action_summary_amount",
            {
                "lines": "SELECT count(*) FROM summary_line",
                "empty": "SELECT count(*) FROM summary_line "
                "WHERE amount_a IS NULL AND amount_b IS NULL AND amount_c IS NULL",
                "amounts": "SELECT count(*) FROM ocd.filing_action_summary_amount",
                "named": "SELECT count(*) FROM ocd.filing_action_summary_amount "
                "WHERE label NOT LIKE '%not confirmed%'",
            },
            rows_in="lines",
            rows_out="lines - empty",
            rows_set_aside="empty",
            note="in: SMRY_CD lines of campaign versions; out: lines with an amount, as {amounts} amounts "
            "(one per column; {named} labelled as the form names them, the rest by line and column, "
            "their meaning not confirmed); set aside: lines with no amount",
        ),
    ),
)

STEPS: tuple[Step, ...] = (COMMITTEES, FILINGS)
