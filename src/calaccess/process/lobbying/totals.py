"""Lobbying: the money (schema `lobbying`), and the reconciliation of the employers' and firms' reports.

Two steps, after the lobbying forms. `lobbying reconciliation` checks, for every version of every Form 635
and 625, each itemised part against the total the filer reported for it on the report's summary lines (a
finding per difference; nothing fixed). `lobbying totals` adds up the current versions of the reports per
employer (Form 635) and per firm (Form 625), per quarter and per legislative session, lists every gift
or other activity expense to a named official (Forms 615, 625, 635, 645), adds those up per official
and session, lists which firm worked for which employer or client per session (Form 601, and the
state's employer-firm table), and carries the state's own table of lobbyists' contributions. The rules
are in each script's header; this module declares the tables (once, here: DDL, data dictionary and
published schema come from `TABLES`) and the steps with their accounting.
"""

from __future__ import annotations

from calaccess.process.lobbying import SQL
from calaccess.process.runner import Account, Step, StepRun
from calaccess.tables import Column, Table

SCHEMA = "lobbying"
MONEY = "DECIMAL(18,2)"


def _money(name: str, description: str, *, nullable: bool = True) -> Column:
    return Column(name, MONEY, f"{description} In dollars, exact.", nullable=nullable)


def _count(name: str, description: str) -> Column:
    return Column(name, "BIGINT", description, nullable=False)


_SESSION = Column(
    "session",
    "INTEGER",
    "The legislative session: two calendar years starting with an odd one, named for the first (2015 "
    "covers 2015 and 2016).",
    nullable=False,
)
_YEAR = Column("year", "INTEGER", "Calendar year of the quarter (of the last day the report covers).")
_QUARTER = Column("quarter", "INTEGER", "Calendar quarter, 1 to 4, of the last day the report covers.")


def _who(role: str) -> tuple[Column, ...]:
    return (
        Column(f"{role}_filer_id", "VARCHAR", f"CAL-ACCESS filer id of the {role}.", nullable=False),
        Column(
            f"{role}_name",
            "VARCHAR",
            f"Name of the {role} as printed on its latest report of the period (cover page).",
        ),
    )


def _employer_columns(*, quarter: bool) -> tuple[Column, ...]:
    when = (_SESSION, _YEAR, _QUARTER) if quarter else (_SESSION,)
    return (
        *_who("employer"),
        *when,
        _count("reports", "Forms 635 of the period (current versions)."),
        Column("period_start", "DATE", "First day the reports cover."),
        Column("period_end", "DATE", "Last day the reports cover."),
        _money(
            "total_payments",
            "Total payments in connection with lobbying: the reported part III total (line ABCD) where "
            "the reports give it, else the itemised payments to firms and activity expenses added; null "
            "when the export holds neither for any report of the period.",
        ),
        Column(
            "total_from",
            "VARCHAR",
            "Where total_payments comes from: reported (every report gives line ABCD), itemised (none "
            "does), or both (some do; the itemised parts stand in for the others).",
        ),
        _money("reported_total_payments", "Part III total, line ABCD, added; null when no report gives it."),
        _money("reported_in_house_lobbyists", "Part III A, payments to in-house employee lobbyists, added."),
        _money("reported_payments_to_firms", "Part III B, payments to lobbying firms, added."),
        _money("reported_activity_expenses", "Part III C, activity expenses, added."),
        _money(
            "reported_other_payments",
            "Part III D, other payments to influence legislative or administrative action, added.",
        ),
        _money("reported_ratemaking_payments", "Part III E, payments for testimony before the PUC, added."),
        _money(
            "itemised_payments_to_firms",
            "Part III B lines (LPAY_CD), period totals, memo lines apart.",
            nullable=False,
        ),
        _count("firms_paid", "Lobbying firms the itemised payments name (by filer id, else name)."),
        Column("firm_names", "VARCHAR", "Their names as printed, sorted, separated by '; '."),
        _money("itemised_activity_expenses", "Part III C lines (LEXP_CD), memo lines apart.", nullable=False),
        _money(
            "itemised_contributions",
            "Part IV campaign contributions (LCCM_CD), memo lines apart.",
            nullable=False,
        ),
        _count(
            "lobbyists",
            "Partners, owners and employees whose lobbyist reports (Form 615) are attached (part 2 names).",
        ),
        Column("lobbyist_names", "VARCHAR", "Their names as printed, sorted, separated by '; '."),
    )


def _firm_columns(*, quarter: bool) -> tuple[Column, ...]:
    when = (_SESSION, _YEAR, _QUARTER) if quarter else (_SESSION,)
    return (
        *_who("firm"),
        *when,
        _count("reports", "Forms 625 of the period (current versions)."),
        Column("period_start", "DATE", "First day the reports cover."),
        Column("period_end", "DATE", "Last day the reports cover."),
        _money(
            "total_payments_received",
            "Payments received in connection with lobbying: the reported part II total (line 0) where "
            "the reports give it, else the itemised payments received added; null when the export holds "
            "neither for any report of the period.",
        ),
        Column(
            "total_from", "VARCHAR", "Where total_payments_received comes from: reported, itemised or both."
        ),
        _money("reported_payments_received", "Part II total, added; null when no report gives it."),
        _money(
            "itemised_payments_received",
            "Part II lines (LPAY_CD), period totals, memo lines apart.",
            nullable=False,
        ),
        _count("employers", "Employers and clients the itemised payments name (by filer id, else name)."),
        Column("employer_names", "VARCHAR", "Their names as printed, sorted, separated by '; '."),
        _money("itemised_activity_expenses", "Part III A lines (LEXP_CD), memo lines apart.", nullable=False),
        _money(
            "itemised_payments_made",
            "Part III B lines, payments to other firms (LOTH_CD), memo lines apart.",
            nullable=False,
        ),
        _money(
            "itemised_contributions",
            "Part IV campaign contributions (LCCM_CD), memo lines apart.",
            nullable=False,
        ),
        _count("lobbyists", "Partners, owners, officers and employees the reports name (part 1)."),
        Column("lobbyist_names", "VARCHAR", "Their names as printed, sorted, separated by '; '."),
    )


EMPLOYER_QUARTER_TOTALS = Table(
    SCHEMA,
    "employer_quarter_totals",
    "What each lobbyist employer or coalition paid to lobby in each quarter, from the current versions "
    "of its Forms 635: the totals it reported (part III by section) and the itemised lines beside them, "
    "the firms it paid and the lobbyists it employed.",
    _employer_columns(quarter=True),
    key=("employer_filer_id", "year", "quarter"),
)
EMPLOYER_SESSION_TOTALS = Table(
    SCHEMA,
    "employer_session_totals",
    "What each lobbyist employer or coalition paid to lobby in each legislative session: its quarters "
    "(lobbying.employer_quarter_totals) added, the firms and lobbyists counted once over the session.",
    _employer_columns(quarter=False),
    key=("employer_filer_id", "session"),
)
FIRM_QUARTER_TOTALS = Table(
    SCHEMA,
    "firm_quarter_totals",
    "What each lobbying firm was paid, and spent, in each quarter, from the current versions of its "
    "Forms 625: the totals it reported and the itemised lines beside them, the employers that paid it "
    "and its lobbyists.",
    _firm_columns(quarter=True),
    key=("firm_filer_id", "year", "quarter"),
)
FIRM_SESSION_TOTALS = Table(
    SCHEMA,
    "firm_session_totals",
    "What each lobbying firm was paid, and spent, in each legislative session: its quarters added, the "
    "employers and lobbyists counted once over the session.",
    _firm_columns(quarter=False),
    key=("firm_filer_id", "session"),
)

OFFICIAL_GIFTS = Table(
    SCHEMA,
    "official_gifts",
    "Every gift or other activity expense (a meal, a ticket, a reception) a lobbyist, firm, employer or "
    "spender reported for a named beneficiary, from the current versions of Forms 615, 625, 635 and 645: "
    "the official as printed, the date, the amount that benefited them, and who paid. The official is "
    "as the filer wrote them (no link to ocd.person here).",
    (
        Column("filing_id", "BIGINT", "The CAL-ACCESS filing id.", nullable=False),
        Column("amend_id", "INTEGER", "The report's version (its current one).", nullable=False),
        Column("form", "VARCHAR", "The report: F615, F625, F635 or F645.", nullable=False),
        Column("line_item", "INTEGER", "Line of the expense within the version."),
        Column("tran_id", "VARCHAR", "Transaction id of the line, the same across versions."),
        Column(
            "beneficiary_name",
            "VARCHAR",
            "The official or other person who benefited, as printed.",
            nullable=False,
        ),
        Column("beneficiary_position", "VARCHAR", "Their official position, as printed."),
        Column("date", "DATE", "Date of the expense."),
        _money("amount", "What benefited this person (BENE_AMT)."),
        _money(
            "expense_amount",
            "The whole expense, of which amount is this person's part (null on a "
            "further beneficiary's line).",
        ),
        Column("description", "VARCHAR", "What the expense was, as described."),
        Column("payee_name", "VARCHAR", "Who was paid (the restaurant, hotel ...), as printed."),
        Column("payer_filer_id", "VARCHAR", "Filer id of who reported and paid (the report's filer)."),
        Column(
            "payer_name",
            "VARCHAR",
            "Name of who paid, as printed on the report's cover; null when the "
            "export holds no cover of the report.",
        ),
        Column(
            "payer_type",
            "VARCHAR",
            "What the payer is (the cover's ENTITY_CD decoded: lobbyist, "
            "lobbying firm, lobbyist employer ...).",
        ),
        Column("is_memo", "BOOLEAN", "A memo line: its amount already inside another line.", nullable=False),
    ),
    key=("filing_id", "amend_id", "form", "line_item"),
)

OFFICIAL_GIFT_TOTALS = Table(
    SCHEMA,
    "official_gift_totals",
    "Per official named as a beneficiary and legislative session, the gifts and other activity expenses "
    "reported for them (lobbying.official_gifts added, memo lines apart): how many, how much, from how "
    "many payers. The official is a name as printed, compared upper case with spaces collapsed; no link "
    "to ocd.person here, so one person written two ways is two rows.",
    (
        Column("official_key", "VARCHAR", "The name compared: upper case, spaces collapsed.", nullable=False),
        Column("beneficiary_name", "VARCHAR", "The name as most often printed.", nullable=False),
        _SESSION,
        Column("positions", "VARCHAR", "Positions printed with the name, sorted, separated by '; '."),
        _count("gifts", "Gifts and other activity expenses (lines) counted."),
        _money("amount", "What benefited the official, added."),
        _count("payers", "Who paid them (by filer id, else name)."),
        Column("payer_names", "VARCHAR", "Their names as printed on the reports, sorted, separated by '; '."),
        Column("first_date", "DATE", "Date of the first dated gift of the session."),
        Column("last_date", "DATE", "Date of the last dated gift of the session."),
    ),
    key=("official_key", "session"),
)

REPORT_RECONCILIATION = Table(
    SCHEMA,
    "report_reconciliation",
    "For every version of every Form 635 and 625 and each part compared, the itemised total against the "
    "total the filer reported for it on the report's summary lines: reconciles, differs (a finding), or "
    "not comparable (why). Nothing is corrected: both amounts are the export's.",
    (
        Column("filing_id", "BIGINT", "The CAL-ACCESS filing id.", nullable=False),
        Column("amend_id", "INTEGER", "The version.", nullable=False),
        Column("is_current", "BOOLEAN", "Whether this version is the filing's latest.", nullable=False),
        Column("form", "VARCHAR", "F635 or F625.", nullable=False),
        Column(
            "part", "VARCHAR", "The part compared: its schedule (F635P3B, F635P3C, F625P2).", nullable=False
        ),
        Column(
            "summary_line",
            "VARCHAR",
            "The summary line compared (SMRY_CD FORM_TYPE and LINE_ITEM).",
            nullable=False,
        ),
        Column("compared", "VARCHAR", "What is compared (payments to lobbying firms, ...).", nullable=False),
        _money(
            "itemised_amount", "Sum of the version's lines of the part, memo lines apart.", nullable=False
        ),
        _count("itemised_lines", "The lines added."),
        _count("memo_lines", "Memo lines of the part, not added."),
        _money("reported_amount", "What the summary line reports for the period (AMOUNT_A)."),
        _money("difference", "itemised_amount - reported_amount."),
        Column("status", "VARCHAR", "reconciles, differs or not comparable.", nullable=False),
        Column("not_comparable_because", "VARCHAR", "Why not comparable: no summary line, or no items."),
    ),
    key=("filing_id", "amend_id", "part", "summary_line"),
)

FIRM_CLIENTS = Table(
    SCHEMA,
    "firm_clients",
    "Which lobbying firm worked for which lobbyist employer or client, per legislative session: the "
    "employers (part 2A) and subcontracted clients (part 2B) its Form 601 registrations list, current "
    "versions, and the state's own table of employers and firms (LOBBYIST_EMPLOYER_FIRMS, sessions up to "
    "2001-02). A contract, not money: what was paid is in the firm and employer totals.",
    (
        Column("firm_filer_id", "VARCHAR", "CAL-ACCESS filer id of the lobbying firm.", nullable=False),
        Column("firm_organization_id", "VARCHAR", "The firm (relational organization.id), where it is one."),
        Column(
            "firm_name", "VARCHAR", "The firm's latest name, else its name as the state's table prints it."
        ),
        Column(
            "client_key",
            "VARCHAR",
            "The client compared: its filer id, else its printed name upper case with spaces collapsed.",
            nullable=False,
        ),
        Column("client_filer_id", "VARCHAR", "CAL-ACCESS filer id of the employer or client, where given."),
        Column(
            "client_organization_id", "VARCHAR", "The client (relational organization.id), where it is one."
        ),
        Column("client_name", "VARCHAR", "The client's latest name, else as the registration prints it."),
        _SESSION,
        Column(
            "relationship",
            "VARCHAR",
            "employer (it contracted the firm: part 2A, or the state's table) or subcontracted client (the "
            "firm works for it under another firm's contract: part 2B).",
            nullable=False,
        ),
        Column(
            "subcontracting_firm_filer_id",
            "VARCHAR",
            "For a subcontracted client: the firm that holds the contract.",
        ),
        Column("subcontracting_firm_name", "VARCHAR", "Its name as printed."),
        Column(
            "effective_date",
            "DATE",
            "The earliest date the registrations give the contract as taking effect.",
        ),
        Column(
            "contract_periods",
            "VARCHAR",
            "The contract periods as written (Continuing, 2001-2002 ...), '; '.",
        ),
        Column(
            "termination_date", "DATE", "When the firm stopped working for the employer (the state's table)."
        ),
        Column(
            "registration_filing_id", "BIGINT", "The latest Form 601 that lists the client in the session."
        ),
        Column(
            "lobbying_interests",
            "VARCHAR",
            "The client's lobbying interests as that registration describes them.",
        ),
        Column(
            "agencies",
            "VARCHAR",
            "The agencies to be lobbied for the client, as that registration lists them.",
        ),
        Column(
            "sources",
            "VARCHAR",
            "Where the row comes from: Form 601, LOBBYIST_EMPLOYER_FIRMS_CD, or both (' and ').",
            nullable=False,
        ),
    ),
    key=("firm_filer_id", "client_key", "session", "relationship"),
)

STATE_LOBBYIST_CONTRIBUTIONS = Table(
    SCHEMA,
    "state_lobbyist_contributions",
    "Campaign contributions by lobbyists, lobbying firms and employers as the state compiled them per "
    "filing period (LOBBYIST_CONTRIBUTIONS3_CD, no longer maintained), the contributor and the recipient "
    "linked where their filer ids resolve. The same money the committees report receiving, and the "
    "lobbying reports itemise (lobbying_contributions): shown apart, never added to them.",
    (
        Column(
            "contribution_key",
            "VARCHAR",
            "The row: a digest of its fields and its ordinal (the table has no key of its own).",
            nullable=False,
        ),
        Column(
            "ordinal",
            "BIGINT",
            "1 for a row no other equals; 1, 2 ... for rows with the same fields, each kept.",
            nullable=False,
        ),
        Column(
            "contributor_filer_id",
            "VARCHAR",
            "Filer id of the lobbyist, firm or employer that gave.",
            nullable=False,
        ),
        Column("contributor_person_id", "VARCHAR", "The lobbyist (relational person.id), where it is one."),
        Column(
            "contributor_organization_id",
            "VARCHAR",
            "The firm or employer (relational organization.id), where it is one.",
        ),
        Column("contributor_name", "VARCHAR", "The contributor's latest name, where the filer id resolves."),
        Column("period_start", "DATE", "First day of the filing period."),
        Column("period_end", "DATE", "Last day of the filing period, as the state's table gives it."),
        Column("contribution_date", "DATE", "Date of the contribution, where given."),
        Column("recipient_filer_id", "VARCHAR", "Filer id of the recipient committee, where given."),
        Column(
            "recipient_committee_id", "VARCHAR", "The recipient (relational committee.id), where it is one."
        ),
        Column("recipient_name", "VARCHAR", "The recipient as printed, else the committee's latest name."),
        _money("amount", "The amount contributed.", nullable=False),
    ),
    key=("contribution_key",),
)

TABLES: tuple[Table, ...] = (
    EMPLOYER_QUARTER_TOTALS,
    EMPLOYER_SESSION_TOTALS,
    FIRM_QUARTER_TOTALS,
    FIRM_SESSION_TOTALS,
    OFFICIAL_GIFTS,
    OFFICIAL_GIFT_TOTALS,
    FIRM_CLIENTS,
    STATE_LOBBYIST_CONTRIBUTIONS,
    REPORT_RECONCILIATION,
)

TOTALS_SCRIPTS = (
    "lobbying_totals_report",
    "lobbying_totals_employer",
    "lobbying_totals_firm",
    "lobbying_totals_gifts",
    "lobbying_totals_officials",
    "lobbying_firm_clients",
    "lobbying_state_contributions",
)


def _create(step: StepRun, *tables: Table) -> None:
    for table in tables:
        step.con.execute(table.create_sql(replace=True))


def reconcile(step: StepRun) -> None:
    """Make lobbying.report_reconciliation from its declaration, then fill it."""
    _create(step, REPORT_RECONCILIATION)
    step.script("lobbying_reconciliation")


def add_up(step: StepRun) -> None:
    """Make the totals tables from their declarations, then run the scripts that fill them, in order."""
    _create(
        step,
        EMPLOYER_QUARTER_TOTALS,
        EMPLOYER_SESSION_TOTALS,
        FIRM_QUARTER_TOTALS,
        FIRM_SESSION_TOTALS,
        OFFICIAL_GIFTS,
        OFFICIAL_GIFT_TOTALS,
        FIRM_CLIENTS,
        STATE_LOBBYIST_CONTRIBUTIONS,
    )
    for name in TOTALS_SCRIPTS:
        step.script(name)


_PARTS = "SELECT count(*) FROM lobbying.report_reconciliation"
_VERSION_STATUS = (
    "SELECT count(*) FROM (SELECT version.filing_id, version.amend_id,"
    " bool_or(status = 'differs') AS differs, bool_or(status = 'reconciles') AS reconciles"
    " FROM lobbying_reconciliation_version AS version"
    " LEFT JOIN lobbying.report_reconciliation USING (filing_id, amend_id)"
    " GROUP BY ALL) WHERE {}"
)

RECONCILIATION = Step(
    "lobbying reconciliation",
    SQL,
    python=reconcile,
    makes=(REPORT_RECONCILIATION.qualified_name,),
    accounts=(
        Account(
            "forms 635 and 625 versions reconciled",
            {
                "versions": "SELECT count(*) FROM lobbying_reconciliation_version",
                "differ": _VERSION_STATUS.format("differs"),
                "reconcile": _VERSION_STATUS.format("reconciles AND NOT differs"),
            },
            rows_in="versions",
            rows_out="reconcile + differ",
            rows_unknown="versions - reconcile - differ",
            note="in: every version of every Form 635 and 625; out: {reconcile} versions whose compared "
            "parts all reconcile, {differ} with a part that differs (a finding each); unknown: not "
            "comparable (no summary line, or the items are not in the export)",
        ),
        Account(
            "forms 635 and 625 parts reconciled",
            {
                "rows": _PARTS,
                "reconcile": _PARTS + " WHERE status = 'reconciles'",
                "differ": _PARTS + " WHERE status = 'differs'",
                "no_summary": _PARTS + " WHERE status = 'not comparable' AND reported_amount IS NULL",
            },
            rows_in="rows",
            rows_out="reconcile + differ",
            rows_unknown="rows - reconcile - differ",
            note="in: (version, part) pairs with a summary line or items; out: {reconcile} reconcile, "
            "{differ} differ; unknown: not comparable ({no_summary} no summary line, the rest items "
            "missing)",
        ),
    ),
)

_REPORTS = "SELECT count(*) FROM lobbying_report WHERE form = '{}'"
_GIFT_LINES = "SELECT count(*) FROM lobbying_gift_line"


def _reports_account(who: str, form: str) -> Account:
    """The current versions of one form's reports: added into the totals, or set aside with the reason."""
    reports = _REPORTS.format(form)
    return Account(
        f"lobbying.{who}_quarter_totals (Form {form[1:]})",
        {
            "reports": reports,
            "counted": reports + " AND status = 'counted'",
            "no_filer": reports + " AND status = 'no filer known'",
            "no_period": reports + " AND status = 'no period known'",
            "quarters": f"SELECT count(*) FROM lobbying.{who}_quarter_totals",
            "sessions": f"SELECT count(*) FROM lobbying.{who}_session_totals",
        },
        rows_in="reports",
        rows_out="counted",
        rows_set_aside="reports - counted",
        note=f"in: current versions of Forms {form[1:]}; out: added into {{quarters}} {who}-quarters and "
        f"{{sessions}} {who}-sessions; set aside: {{no_filer}} no filer known (no cover or index row names "
        "it), {no_period} no period known (no cover or index row dates it)",
    )


_GIFTS_ACCOUNT = Account(
    "lobbying.official_gifts",
    {
        "lines": _GIFT_LINES,
        "named": _GIFT_LINES + " WHERE beneficiary_name IS NOT NULL",
        "gifts": "SELECT count(*) FROM lobbying.official_gifts",
        "memo": "SELECT count(*) FROM lobbying.official_gifts WHERE is_memo",
    },
    rows_in="lines",
    rows_out="gifts",
    rows_set_aside="lines - named",
    note="in: activity-expense lines of current versions (Forms 615, 625, 635, 645); out: each line that "
    "names a beneficiary ({memo} memo lines, flagged); set aside: no beneficiary named",
)

_OFFICIAL = "SELECT count(*) FROM lobbying_official_gift"
_OFFICIALS_ACCOUNT = Account(
    "lobbying.official_gift_totals",
    {
        "gifts": _OFFICIAL,
        "counted": _OFFICIAL + " WHERE NOT is_memo AND NOT names_no_one AND session IS NOT NULL",
        "memo": _OFFICIAL + " WHERE is_memo",
        "no_one": _OFFICIAL + " WHERE NOT is_memo AND names_no_one",
        "undated": _OFFICIAL + " WHERE NOT is_memo AND NOT names_no_one AND session IS NULL",
        "rows": "SELECT count(*) FROM lobbying.official_gift_totals",
    },
    rows_in="gifts",
    rows_out="counted",
    rows_set_aside="memo + no_one + undated",
    note="in: lobbying.official_gifts; out: added into {rows} official-sessions; set aside: {memo} memo "
    "lines (inside another line), {no_one} naming no one (SEE ATTACHMENT A: findings), {undated} with no "
    "date and no report period to place them in a session",
)

_CLIENT_LINES = "SELECT count(*) FROM lobbying_firm_client_line"
_FIRM_CLIENTS_ACCOUNT = Account(
    "lobbying.firm_clients",
    {
        "lines": _CLIENT_LINES,
        "state": "SELECT count(*) FROM lobbying_state_employer_firm",
        "counted": _CLIENT_LINES + " WHERE left_out_because IS NULL",
        "no_filer": _CLIENT_LINES + " WHERE left_out_because LIKE '%no filer'",
        "no_session": _CLIENT_LINES + " WHERE left_out_because LIKE 'no session%'",
        "no_client": _CLIENT_LINES + " WHERE left_out_because = 'names no client'",
        "rows": "SELECT count(*) FROM lobbying.firm_clients",
        "in_both": "SELECT count(*) FROM lobbying.firm_clients WHERE sources LIKE '% and %'",
    },
    rows_in="lines + state",
    rows_out="counted + state",
    rows_set_aside="no_filer + no_session + no_client",
    note="in: Form 601 part 2A and 2B lines of current versions, and the state's employer-firm rows "
    "(the two copies as one); out: into {rows} firm-client-sessions ({in_both} in both); set aside: "
    "{no_filer} on a registration that names no filer, {no_session} with no session (no cover, no "
    "effective date), {no_client} naming no client",
)

_STATE_ROWS = "SELECT count(*) FROM lobbying_state_contribution"
_STATE_CONTRIBUTIONS_ACCOUNT = Account(
    "lobbying.state_lobbyist_contributions",
    {
        "rows": _STATE_ROWS,
        "kept": "SELECT count(*) FROM lobbying.state_lobbyist_contributions",
        "no_filer": _STATE_ROWS + " WHERE contributor_filer_id IS NULL",
        "no_amount": _STATE_ROWS + " WHERE contributor_filer_id IS NOT NULL AND amount IS NULL",
        "repeated": "SELECT count(*) FROM lobbying.state_lobbyist_contributions WHERE ordinal > 1",
        "to_committee": "SELECT count(*) FROM lobbying.state_lobbyist_contributions"
        " WHERE recipient_committee_id IS NOT NULL",
    },
    rows_in="rows",
    rows_out="kept",
    rows_set_aside="no_filer + no_amount",
    note="in: LOBBYIST_CONTRIBUTIONS3_CD; out: one row each ({repeated} equal to another row, kept and "
    "numbered; {to_committee} linked to a committee); set aside: {no_filer} with no contributor filer id, "
    "{no_amount} with no amount",
)

TOTALS_STEP = Step(
    "lobbying totals",
    SQL,
    python=add_up,
    makes=tuple(table.qualified_name for table in TABLES if table is not REPORT_RECONCILIATION),
    accounts=(
        _reports_account("employer", "F635"),
        _reports_account("firm", "F625"),
        _GIFTS_ACCOUNT,
        _OFFICIALS_ACCOUNT,
        _FIRM_CLIENTS_ACCOUNT,
        _STATE_CONTRIBUTIONS_ACCOUNT,
    ),
)

STEPS: tuple[Step, ...] = (RECONCILIATION, TOTALS_STEP)
