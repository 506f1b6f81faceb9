"""Campaign finance: the money behind each race (schema `finance`), and the Form 460 reconciliation.

Two steps. `reconciliation` checks, for every version of every Form 460, each schedule's itemised total
against the total its summary page reports (a finding per difference; nothing fixed). `money` adds up the
current versions' summaries and items per committee and election cycle, then per candidacy (its controlled
committees), per ballot measure and side, and the independent expenditures for or against each candidate
or measure. The rules are in each script's header; this module declares the tables (once, here: DDL,
data dictionary and published schema come from `TABLES`) and the steps with their accounting.

The tables are made by the steps' Python part from the declarations (`CREATE OR REPLACE`), so a column
added here reaches an existing database, and the scripts only insert.
"""

from __future__ import annotations

from calaccess.process.finance import SQL
from calaccess.process.runner import Account, Step, StepRun
from calaccess.tables import Column, Table

SCHEMA = "finance"
MONEY = "DECIMAL(18,2)"


def _money(name: str, description: str, *, nullable: bool = True) -> Column:
    return Column(name, MONEY, f"{description} In dollars, exact.", nullable=nullable)


def _count(name: str, description: str) -> Column:
    return Column(name, "BIGINT", description, nullable=False)


_CYCLE = Column(
    "cycle",
    "INTEGER",
    "The election cycle: the two calendar years ending with a general election, named for the even year "
    "(2016 covers 2015 and 2016).",
    nullable=False,
)


def _side_totals(whose: str) -> tuple[Column, ...]:
    """The totals a candidacy and a measure side share: their committees' totals added."""
    return (
        _count("committees", f"{whose} in the cycle."),
        _count("committees_reporting", "Of those, the committees with a 460 or a 497 in the cycle."),
        _money("raised", "Their total contributions (Form 460 line 5), added; null when none reported it."),
        _money("spent", "Their total expenditures (Form 460 line 11), added."),
        _money("loans_received", "Their loans received (Form 460 line 2), added."),
        _money("cash_on_hand", "Their ending cash on their latest 460 of the cycle, added."),
        _money("itemised_contributions", "Their itemised contributions (schedules A and C).", nullable=False),
        _money("itemised_expenditures", "Their itemised payments (schedule E).", nullable=False),
        _money("late_contributions", "Their late contributions counted (Form 497).", nullable=False),
    )


COMMITTEE_CYCLE_TOTALS = Table(
    SCHEMA,
    "committee_cycle_totals",
    "What each committee raised, spent, borrowed and held in each election cycle: the sums of the current "
    "versions of its Forms 460 of the cycle (summary page, this-period column), the itemised totals of "
    "the same versions beside them (memo lines never counted), and its late contributions (Form 497) "
    "received after the last day its 460s and 461s cover (earlier ones are reported again on a 460).",
    (
        Column("committee_id", "VARCHAR", "The committee (ocd.committee).", nullable=False),
        _CYCLE,
        Column("filer_id", "VARCHAR", "Its CAL-ACCESS filer id; null for a filing that names no filer."),
        _count("statements", "Forms 460 of the cycle (current versions)."),
        _count("statements_with_summary", "Of those, the ones whose summary page the export holds."),
        Column("first_day_covered", "DATE", "First day the cycle's 460s cover."),
        Column("last_day_covered", "DATE", "Last day the cycle's 460s cover."),
        _money("raised", "Total contributions, line 5 (it includes loans received, line 2), added up."),
        _money("spent", "Total expenditures, line 11, added up."),
        _money("loans_received", "Loans received, line 2, added up."),
        _money("cash_on_hand", "Ending cash, line 16, of the latest 460 of the cycle that reports it."),
        Column("cash_on_hand_on", "DATE", "The last day of the period of that 460."),
        _money("itemised_contributions", "Itemised contributions, schedules A and C.", nullable=False),
        _money("itemised_expenditures", "Itemised payments, schedule E.", nullable=False),
        _money(
            "itemised_loans_received", "Itemised loans received this period, schedule B1.", nullable=False
        ),
        _money(
            "late_contributions", "Late contributions (F497P1) counted: after the last 460.", nullable=False
        ),
        _count("late_contribution_lines", "The lines of those late contributions."),
        _money(
            "late_contributions_reported_again",
            "Late contributions not counted: received within a period a 460 of the cycle already covers.",
            nullable=False,
        ),
        _money("raised_including_late", "raised (0 when null) plus late_contributions.", nullable=False),
    ),
    key=("committee_id", "cycle"),
)

CANDIDACY_TOTALS = Table(
    SCHEMA,
    "candidacy_totals",
    "The money of each candidacy's controlled committees (designated 'primary vehicle for' it) in the "
    "cycle of its election, added from finance.committee_cycle_totals, with money moved between those "
    "committees counted once, and the independent expenditures for and against the candidate.",
    (
        Column("candidacy_id", "VARCHAR", "The candidacy (ocd.candidacy).", nullable=False),
        _CYCLE,
        *_side_totals("Its controlled committees"),
        _money(
            "moved_between_own_committees",
            "What one of its committees received from another of them (counted once, not twice).",
            nullable=False,
        ),
        _money(
            "raised_total",
            "raised plus late contributions, less moved_between_own_committees: new money raised.",
            nullable=False,
        ),
        _money(
            "independent_expenditures_supporting",
            "Independent expenditures supporting the candidate (finance.independent_expenditure_totals).",
            nullable=False,
        ),
        _money(
            "independent_expenditures_opposing",
            "Independent expenditures opposing the candidate.",
            nullable=False,
        ),
    ),
    key=("candidacy_id",),
)

BALLOT_MEASURE_TOTALS = Table(
    SCHEMA,
    "ballot_measure_totals",
    "The money of the committees supporting ('yes') or opposing ('no') each ballot measure or recall "
    "question in the cycle of its election, with the independent expenditures on that side. A committee "
    "on several measures counts in full on each, so rows are not to be added across measures.",
    (
        Column(
            "ballot_measure_contest_id",
            "VARCHAR",
            "The measure (ocd.ballot_measure_contest).",
            nullable=False,
        ),
        Column("option", "VARCHAR", "The side: 'yes' supports the measure, 'no' opposes it.", nullable=False),
        _CYCLE,
        *_side_totals("The committees on this side"),
        _money(
            "moved_between_side_committees",
            "What one committee of the side received from another of the same side (counted once).",
            nullable=False,
        ),
        _money(
            "raised_total",
            "raised plus late contributions, less money moved within the side.",
            nullable=False,
        ),
        _money(
            "independent_expenditures",
            "Independent expenditures for this side of the measure.",
            nullable=False,
        ),
    ),
    key=("ballot_measure_contest_id", "option"),
)

INDEPENDENT_EXPENDITURE_TOTALS = Table(
    SCHEMA,
    "independent_expenditure_totals",
    "Independent expenditures for or against each candidate or measure, per cycle, from Forms 496 and 465 "
    "and the periodic statements' schedules (EXPN_CODE IND): a 496 or 465 counted only after the last day "
    "the spender's 460s and 461s cover (they report it again). The candidate or measure is as the filings "
    "name it, linked to its candidacy or measure where it resolves to exactly one.",
    (
        _CYCLE,
        Column(
            "target",
            "VARCHAR",
            "The candidate or measure as the filings write it, normalised.",
            nullable=False,
        ),
        Column("position", "VARCHAR", "support or oppose (SUP_OPP_CD S or O).", nullable=False),
        Column("target_kind", "VARCHAR", "candidate or measure.", nullable=False),
        Column("candidacy_id", "VARCHAR", "The candidacy the candidate resolves to, if exactly one."),
        Column("ballot_measure_contest_id", "VARCHAR", "The measure it resolves to, if exactly one."),
        _money("amount", "Independent expenditures counted.", nullable=False),
        _count("lines", "The lines counted."),
        _count("spenders", "The committees (or filers) that made them."),
        _money(
            "from_periodic_statements",
            "Of amount, from 460 schedules D and E and 461 part 5.",
            nullable=False,
        ),
        _money(
            "from_late_reports",
            "Of amount, from 496s and 465s after the last periodic statement.",
            nullable=False,
        ),
        _money(
            "late_reports_reported_again",
            "496 and 465 lines not counted: a periodic statement of the spender covers their day.",
            nullable=False,
        ),
    ),
    key=("cycle", "target", "position"),
)

FORM460_RECONCILIATION = Table(
    SCHEMA,
    "form460_reconciliation",
    "For every version of every Form 460 and each schedule compared (A, C, E, B1), the itemised total "
    "against the total its summary page reports: reconciles, differs (a finding), or not comparable "
    "(why). Nothing is corrected: both amounts are the export's.",
    (
        Column("filing_id", "BIGINT", "The CAL-ACCESS filing id.", nullable=False),
        Column("amend_id", "INTEGER", "The amendment (version).", nullable=False),
        Column("is_current", "BOOLEAN", "Whether this version is the filing's latest.", nullable=False),
        Column("schedule", "VARCHAR", "The schedule: A, C, E or B1.", nullable=False),
        Column(
            "summary_line",
            "VARCHAR",
            "The schedule's summary line compared (SMRY_CD LINE_ITEM).",
            nullable=False,
        ),
        Column(
            "compared", "VARCHAR", "What is compared (itemised monetary contributions, ...).", nullable=False
        ),
        Column(
            "rule_confirmed",
            "BOOLEAN",
            "Whether a source confirms the line's meaning (B1's follows the paper form only).",
            nullable=False,
        ),
        _money(
            "itemised_amount", "Sum of the version's items of the schedule, memo lines apart.", nullable=False
        ),
        _count("itemised_lines", "The items added."),
        _count("memo_lines", "Memo lines of the schedule, not added."),
        _money("reported_amount", "What the summary line reports for the period (AMOUNT_A)."),
        _money("difference", "itemised_amount - reported_amount."),
        Column("status", "VARCHAR", "reconciles, differs or not comparable.", nullable=False),
        Column("not_comparable_because", "VARCHAR", "Why not comparable: no summary line, or no items."),
    ),
    key=("filing_id", "amend_id", "schedule"),
)

TABLES: tuple[Table, ...] = (
    COMMITTEE_CYCLE_TOTALS,
    CANDIDACY_TOTALS,
    BALLOT_MEASURE_TOTALS,
    INDEPENDENT_EXPENDITURE_TOTALS,
    FORM460_RECONCILIATION,
)

MONEY_SCRIPTS = (
    "money_statement",
    "money_committee_cycle",
    "money_independent_expenditure",
    "money_candidacy",
    "money_ballot_measure",
)


def _create(step: StepRun, *tables: Table) -> None:
    for table in tables:
        step.con.execute(table.create_sql(replace=True))


def reconcile(step: StepRun) -> None:
    """Make finance.form460_reconciliation from its declaration, then fill it."""
    _create(step, FORM460_RECONCILIATION)
    step.script("reconciliation")


def add_up(step: StepRun) -> None:
    """Make the money tables from their declarations, then run the scripts that fill them, in order."""
    _create(
        step, COMMITTEE_CYCLE_TOTALS, INDEPENDENT_EXPENDITURE_TOTALS, CANDIDACY_TOTALS, BALLOT_MEASURE_TOTALS
    )
    for name in MONEY_SCRIPTS:
        step.script(name)


_SCHEDULES = "SELECT count(*) FROM finance.form460_reconciliation"
_VERSION_STATUS = (
    "SELECT count(*) FROM (SELECT version.filing_id, version.amend_id,"
    " bool_or(status = 'differs') AS differs, bool_or(status = 'reconciles') AS reconciles"
    " FROM reconciliation_version AS version"
    " LEFT JOIN finance.form460_reconciliation USING (filing_id, amend_id)"
    " GROUP BY ALL) WHERE {}"
)

RECONCILIATION = Step(
    "form 460 reconciliation",
    SQL,
    python=reconcile,
    makes=(FORM460_RECONCILIATION.qualified_name,),
    accounts=(
        Account(
            "form 460 versions reconciled",
            {
                "versions": "SELECT count(*) FROM reconciliation_version",
                "differ": _VERSION_STATUS.format("differs"),
                "reconcile": _VERSION_STATUS.format("reconciles AND NOT differs"),
            },
            rows_in="versions",
            rows_out="reconcile + differ",
            rows_unknown="versions - reconcile - differ",
            note="in: every version of every Form 460; out: {reconcile} versions whose compared schedules "
            "all reconcile, {differ} with a schedule that differs (a finding each); unknown: not "
            "comparable (no summary line, or the items are not in the export)",
        ),
        Account(
            "form 460 schedules reconciled",
            {
                "rows": _SCHEDULES,
                "reconcile": _SCHEDULES + " WHERE status = 'reconciles'",
                "differ": _SCHEDULES + " WHERE status = 'differs'",
                "no_summary": _SCHEDULES + " WHERE status = 'not comparable' AND reported_amount IS NULL",
            },
            rows_in="rows",
            rows_out="reconcile + differ",
            rows_unknown="rows - reconcile - differ",
            note="in: (version, schedule) pairs with a summary line or items; out: {reconcile} reconcile, "
            "{differ} differ; unknown: not comparable ({no_summary} no summary line, the rest items "
            "missing)",
        ),
    ),
)

_LATE = "SELECT count(*) FROM money_late WHERE status {}"
_IE = "SELECT count(*) FROM money_ie_line WHERE status {}"

MONEY_STEP = Step(
    "money",
    SQL,
    python=add_up,
    makes=tuple(table.qualified_name for table in TABLES if table is not FORM460_RECONCILIATION),
    accounts=(
        Account(
            "finance.committee_cycle_totals (Form 460)",
            {
                "statements": "SELECT count(*) FROM money_statement",
                "dated": "SELECT count(*) FROM money_statement WHERE cycle IS NOT NULL",
                "rows": "SELECT count(*) FROM finance.committee_cycle_totals",
            },
            rows_in="statements",
            rows_out="dated",
            rows_set_aside="statements - dated",
            note="in: current versions of Forms 460; out: added into {rows} committee-cycles; set aside: "
            "no period (no cover or index row dates it)",
        ),
        Account(
            "finance.committee_cycle_totals (Form 497 late contributions)",
            {
                "lines": "SELECT count(*) FROM money_late",
                "counted": _LATE.format("= 'counted'"),
                "again": _LATE.format("= 'reported again on a 460'"),
                "memo": _LATE.format("= 'memo'"),
            },
            rows_in="lines",
            rows_out="counted",
            rows_merged="again",
            rows_set_aside="lines - counted - again",
            note="in: F497P1 lines of current versions; out: counted (after the last 460 of the cycle); "
            "merged: reported again on a 460, not counted twice; set aside: {memo} memo lines, the rest "
            "no date or no amount",
        ),
        Account(
            "finance.independent_expenditure_totals",
            {
                "lines": "SELECT count(*) FROM money_ie_line",
                "counted": _IE.format("= 'counted'"),
                "again": _IE.format("= 'reported again on a periodic statement'"),
                "memo": _IE.format("= 'memo'"),
                "unnamed": _IE.format("= 'names no candidate or measure'"),
                "rows": "SELECT count(*) FROM finance.independent_expenditure_totals",
                "resolved": "SELECT count(*) FROM finance.independent_expenditure_totals"
                " WHERE candidacy_id IS NOT NULL OR ballot_measure_contest_id IS NOT NULL",
            },
            rows_in="lines",
            rows_out="counted",
            rows_merged="again",
            rows_set_aside="lines - counted - again",
            note="in: independent-expenditure lines of current versions (496, 465, 460 D/E and 461 IND); "
            "out: counted into {rows} rows ({resolved} linked to a candidacy or measure); merged: a 496 "
            "or 465 a periodic statement reports again; set aside: {memo} memo, {unnamed} naming no "
            "candidate or measure, the rest no position, date or amount",
        ),
        Account(
            "finance.candidacy_totals",
            {
                "candidacies": "SELECT count(DISTINCT candidacy_id) FROM money_candidacy_committee",
                "rows": "SELECT count(*) FROM finance.candidacy_totals",
            },
            rows_in="candidacies",
            rows_out="rows",
            rows_set_aside="candidacies - rows",
            note="in: candidacies with a controlled committee; out: a row each; set aside: the candidacy's "
            "election has no date",
        ),
        Account(
            "finance.ballot_measure_totals",
            {
                "sides": "SELECT count(*) FROM (SELECT DISTINCT ballot_measure_contest_id, option"
                " FROM money_measure_committee)",
                "rows": "SELECT count(*) FROM finance.ballot_measure_totals",
            },
            rows_in="sides",
            rows_out="rows",
            rows_set_aside="sides - rows",
            note="in: measure sides with a committee; out: a row each; set aside: the measure's election "
            "has no date",
        ),
    ),
)

STEPS: tuple[Step, ...] = (RECONCILIATION, MONEY_STEP)
