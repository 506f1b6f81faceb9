"""The flat files: one row per thing a reporter looks up, names beside ids, columns read without a manual.

Each is declared here once (its columns, typed and described: the data package's Table Schema and the docs
come from this) and built by the script of the same name in `sql/` (`flat_candidates.sql`, ...), which must
give exactly these columns in this order (a test holds the two together).
"""

from __future__ import annotations

from importlib import resources

from calaccess.tables import Column, Table

SCHEMA = "flat"
MONEY = "DECIMAL(18,2)"


def _c(name: str, duckdb_type: str, description: str) -> Column:
    return Column(name, duckdb_type, description)


def _money(name: str, description: str) -> Column:
    return Column(name, MONEY, f"{description} In dollars, exact; empty when no filing reports it.")


CANDIDATES = Table(
    SCHEMA,
    "candidates",
    "One row per candidacy: who ran for what in which election, with the party, the Form 501s, the result, "
    "and the money of the candidate's controlled committees in the election's cycle.",
    (
        _c("candidacy_id", "VARCHAR", "The candidacy (relational candidacy.id)."),
        _c("candidate_name", "VARCHAR", "The name as the ballot or the certified list prints it."),
        _c("person_id", "VARCHAR", "The person (relational person.id): the same across elections."),
        _c("person_name", "VARCHAR", "The person's name."),
        _c("filer_ids", "VARCHAR", "The person's CAL-ACCESS filer ids, separated by '; '."),
        _c("party", "VARCHAR", "The party the candidacy is for, where known."),
        _c("office", "VARCHAR", "The office sought, e.g. 'Assembly Member, District 54'."),
        _c("division_id", "VARCHAR", "The OCD division the office serves."),
        _c("contest_id", "VARCHAR", "The contest (relational candidate_contest.id)."),
        _c("contest", "VARCHAR", "The contest's name."),
        _c("election", "VARCHAR", "The election's name, e.g. '2016 PRIMARY'."),
        _c("election_date", "DATE", "The election's date."),
        _c("is_incumbent", "BOOLEAN", "Whether the candidate held the office when running."),
        _c("registration_status", "VARCHAR", "The candidacy's status, e.g. 'qualified'."),
        _c("filed_date", "DATE", "When the candidate filed the statement of intention (Form 501)."),
        _c(
            "form501_filing_ids",
            "VARCHAR",
            "The CAL-ACCESS filing ids of the Forms 501 linked, separated by '; '.",
        ),
        _c("election_result", "VARCHAR", "winner, or unknown where nothing in the data tells."),
        _c("cycle", "INTEGER", "The election cycle the money is of (2016 covers 2015 and 2016)."),
        _c("committees", "BIGINT", "The candidate's controlled committees in the cycle."),
        _money("raised", "Their total contributions (Form 460 line 5)."),
        _money("spent", "Their total expenditures (Form 460 line 11)."),
        _money("cash_on_hand", "Their ending cash on their latest 460 of the cycle."),
        _money("late_contributions", "Their late contributions (Form 497) after the last 460."),
        _money(
            "raised_total", "New money raised: raised plus late contributions, less transfers among them."
        ),
        _money("independent_expenditures_supporting", "Independent expenditures supporting the candidate."),
        _money("independent_expenditures_opposing", "Independent expenditures opposing the candidate."),
    ),
    key=("candidacy_id",),
)

BALLOT_MEASURES = Table(
    SCHEMA,
    "ballot_measures",
    "One row per state ballot measure, with the money of the committees for and against it.",
    (
        _c("ballot_measure_id", "VARCHAR", "The measure (relational ballot_measure_contest.id)."),
        _c("name", "VARCHAR", "The measure's name, e.g. 'Proposition 28'."),
        _c("title", "VARCHAR", "Its title as the Secretary of State's site prints it."),
        _c("classification", "VARCHAR", "Its kind, e.g. 'initiative constitutional amendment'."),
        _c("division_id", "VARCHAR", "The OCD division that votes on it."),
        _c("election", "VARCHAR", "The election it is on."),
        _c("election_date", "DATE", "The election's date."),
        _c("calaccess_measure_id", "BIGINT", "Its id on the CAL-ACCESS site."),
        _c("committees_for", "BIGINT", "Committees supporting it, over the cycles they report in."),
        _money("raised_for", "New money raised by the committees supporting it."),
        _money("spent_for", "Spent by the committees supporting it."),
        _money("independent_expenditures_for", "Independent expenditures supporting it."),
        _c("committees_against", "BIGINT", "Committees opposing it, over the cycles they report in."),
        _money("raised_against", "New money raised by the committees opposing it."),
        _money("spent_against", "Spent by the committees opposing it."),
        _money("independent_expenditures_against", "Independent expenditures opposing it."),
    ),
    key=("ballot_measure_id",),
)

RECALL_MEASURES = Table(
    SCHEMA,
    "recall_measures",
    "One row per recall question: who it would recall, from what office, and whether they were recalled.",
    (
        _c("recall_measure_id", "VARCHAR", "The question (relational retention_contest.id)."),
        _c("name", "VARCHAR", "Its name, e.g. 'Recall of DENHAM, JEFF (STATE SENATE 12)'."),
        _c("title", "VARCHAR", "Its title as the Secretary of State's site prints it."),
        _c("division_id", "VARCHAR", "The OCD division that votes on it."),
        _c("election", "VARCHAR", "The election it is on."),
        _c("election_date", "DATE", "The election's date."),
        _c("person_id", "VARCHAR", "The office holder it would recall (relational person.id)."),
        _c("person_name", "VARCHAR", "Their name."),
        _c("office", "VARCHAR", "The office they hold."),
        _c("recalled", "BOOLEAN", "Whether they were recalled, where the data tells."),
        _c("calaccess_measure_id", "BIGINT", "Its id on the CAL-ACCESS site."),
    ),
    key=("recall_measure_id",),
)

COMMITTEES = Table(
    SCHEMA,
    "committees",
    "One row per committee: its filer id, kind and status, the candidates and measures it is for or "
    "against, and what it raised and spent over the cycles it reported in.",
    (
        _c("committee_id", "VARCHAR", "The committee (relational committee.id)."),
        _c("name", "VARCHAR", "Its latest name; says so plainly where the export names it nowhere."),
        _c("filer_id", "VARCHAR", "Its CAL-ACCESS filer id; empty for a filing that names no filer."),
        _c("committee_type", "VARCHAR", "Its kind, where the filer tables give one."),
        _c("status", "VARCHAR", "Its latest status, e.g. 'active' or 'terminated'."),
        _c(
            "candidates",
            "VARCHAR",
            "The candidacies it is designated for, by candidate name, separated by '; '.",
        ),
        _c("measures", "VARCHAR", "The ballot measures it takes a side on, e.g. 'Proposition 28 (for)'."),
        _c("first_cycle", "INTEGER", "The first election cycle it reported money in."),
        _c("last_cycle", "INTEGER", "The last election cycle it reported money in."),
        _money("raised", "Total contributions (Form 460 line 5) over every cycle."),
        _money("spent", "Total expenditures (Form 460 line 11) over every cycle."),
        _money("late_contributions", "Late contributions (Form 497) counted, over every cycle."),
        _c(
            "name_from",
            "VARCHAR",
            "Where its name comes from (filer names, a filing's cover, a measure page...).",
        ),
    ),
    key=("committee_id",),
)

FILINGS = Table(
    SCHEMA,
    "filings",
    "One row per filing (every form, every amendment folded in): its form, who filed it, what it covers, "
    "and its current version.",
    (
        _c("filing_id", "VARCHAR", "The filing (relational filing.id)."),
        _c("calaccess_filing_id", "BIGINT", "Its CAL-ACCESS FILING_ID."),
        _c("form", "VARCHAR", "The form, e.g. 'F460'."),
        _c("form_title", "VARCHAR", "The form's title."),
        _c("filer_ocd_id", "VARCHAR", "Who filed it: a committee (relational committee.id) or a person."),
        _c("filer_id", "VARCHAR", "The filer's CAL-ACCESS filer id."),
        _c("filer_name", "VARCHAR", "The filer's name."),
        _c("coverage_start_date", "DATE", "First day of the period it covers."),
        _c("coverage_end_date", "DATE", "Last day of the period it covers."),
        _c("versions", "BIGINT", "How many versions (the original and its amendments) the export holds."),
        _c("current_amend_id", "INTEGER", "The AMEND_ID of its current (latest) version."),
        _c("current_action_id", "VARCHAR", "The current version (relational filing_action.id)."),
        _c("current_version_date", "DATE", "When the current version was filed."),
        _c("current_version", "VARCHAR", "'original' or 'amendment N'."),
    ),
    key=("filing_id",),
)

TRANSACTIONS = Table(
    SCHEMA,
    "transactions",
    "One row per itemised transaction of every filing (contributions, expenditures, loans, late "
    "contributions, independent expenditures, debts...), both parties named, with the lineage back to the "
    "form, version and line it came from. Memo lines are flagged: leave them out of any total.",
    (
        _c(
            "transaction_id",
            "VARCHAR",
            "The transaction (relational transaction.id): the same across versions.",
        ),
        _c("filing_id", "VARCHAR", "The filing (relational filing.id)."),
        _c("calaccess_filing_id", "BIGINT", "Its CAL-ACCESS FILING_ID."),
        _c("amend_id", "INTEGER", "The version (AMEND_ID) of the line: the latest that carries it."),
        _c(
            "is_current",
            "BOOLEAN",
            "Whether that version is the filing's current one (false: later amendments dropped the line).",
        ),
        _c("form", "VARCHAR", "The form, e.g. 'F460'."),
        _c("schedule", "VARCHAR", "The schedule or part (FORM_TYPE), e.g. 'A' for monetary contributions."),
        _c("calaccess_table", "VARCHAR", "The export's table the line is in, e.g. 'rcpt_cd'."),
        _c("line_item", "INTEGER", "Its LINE_ITEM in that version."),
        _c("tran_id", "VARCHAR", "Its TRAN_ID: the filer's id for it, kept across amendments."),
        _c("classification", "VARCHAR", "contribution, expenditure, loan, late contribution, ..."),
        _c("date", "DATE", "When it happened."),
        _money("amount", "The amount."),
        _c("in_kind", "BOOLEAN", "Whether it was goods or services (nonmonetary), not money."),
        _c("memo", "BOOLEAN", "A memo line: its amount is already inside another line."),
        _c("sender_type", "VARCHAR", "Who gave: person, organization or committee."),
        _c("sender_name", "VARCHAR", "Who gave, by name."),
        _c("sender_id", "VARCHAR", "Who gave, as a committee or person id, where known."),
        _c("recipient_type", "VARCHAR", "Who received: person, organization or committee."),
        _c("recipient_name", "VARCHAR", "Who received, by name."),
        _c("recipient_id", "VARCHAR", "Who received, as a committee or person id, where known."),
        _c("filer_name", "VARCHAR", "Who filed the filing."),
        _c("description", "VARCHAR", "What it was for, as filed."),
    ),
    key=("transaction_id",),
)

# --- lobbying ---------------------------------------------------------------------------------------------


def _lobbying_organization(name: str, kind: str, description: str, money: tuple[Column, ...]) -> Table:
    """A firm or an employer: one row per filer, its registrations, its lobbyists, its money."""
    return Table(
        SCHEMA,
        name,
        description,
        (
            _c(f"{kind}_id", "VARCHAR", "The organization (relational organization.id)."),
            _c("name", "VARCHAR", "Its latest name."),
            _c("filer_id", "VARCHAR", "Its CAL-ACCESS filer id."),
            _c("other_names", "VARCHAR", "Every other name it filed under, separated by '; '."),
            _c("sessions", "VARCHAR", "The legislative sessions it registered for (e.g. '2019-2020'), '; '."),
            _c("interest", "VARCHAR", "Its industry or interest as the state records it (employers)."),
            _c("lobbyists", "BIGINT", "Lobbyists it employed, over every session."),
            _c("lobbyist_names", "VARCHAR", "Their names, separated by '; '."),
            _c("reports", "BIGINT", "Its lobbying reports (current versions)."),
            *money,
        ),
        key=(f"{kind}_id",),
    )


LOBBYISTS = Table(
    SCHEMA,
    "lobbyists",
    "One row per lobbyist (Form 604 certifications): who employed them in which session.",
    (
        _c("lobbyist_id", "VARCHAR", "The lobbyist (relational person.id)."),
        _c("name", "VARCHAR", "The lobbyist's name."),
        _c("filer_id", "VARCHAR", "Their CAL-ACCESS filer id."),
        _c("first_session", "INTEGER", "The first year of the first session they lobbied in."),
        _c("last_session", "INTEGER", "The first year of the last session they lobbied in."),
        _c("employers", "BIGINT", "Firms and employers they lobbied for, over every session."),
        _c("employer_names", "VARCHAR", "Their names, with the session, separated by '; '."),
    ),
    key=("lobbyist_id",),
)

LOBBYIST_EMPLOYERS = _lobbying_organization(
    "lobbyist_employers",
    "employer",
    "One row per lobbyist employer or lobbying coalition: who it is, its lobbyists, and what it paid "
    "(its Form 635 reports: payments to firms and activity expenses, current versions, memo lines left out).",
    (
        _c("kind", "VARCHAR", "'lobbying employer' or 'lobbying coalition'."),
        _money("paid_to_firms", "What it reported paying lobbying firms."),
        _money("activity_expenses", "What it reported spending on officials (gifts, meals, travel)."),
        _money("contributions", "Campaign contributions it reported making."),
        _c("firms_paid", "BIGINT", "Firms it reported paying."),
    ),
)

LOBBYING_FIRMS = _lobbying_organization(
    "lobbying_firms",
    "firm",
    "One row per lobbying firm: who it is, its lobbyists, and what its clients paid it (its Form 625 "
    "reports, current versions, memo lines left out).",
    (
        _money("payments_received", "What it reported receiving from its employers and clients."),
        _money("activity_expenses", "What it reported spending on officials (gifts, meals, travel)."),
        _money("contributions", "Campaign contributions it reported making."),
        _c("clients", "BIGINT", "Employers and clients it reported payments from."),
    ),
)


def _lobbying_line(name: str, description: str, extra: tuple[Column, ...]) -> Table:
    """One itemised line of a lobbying report, its parties named, its lineage back to the export."""
    return Table(
        SCHEMA,
        name,
        description + " Memo lines are flagged: leave them out of any total.",
        (
            _c("transaction_id", "VARCHAR", "The line (relational transaction.id), across versions."),
            _c("filing_id", "VARCHAR", "The report (relational filing.id)."),
            _c("calaccess_filing_id", "BIGINT", "Its CAL-ACCESS FILING_ID."),
            _c("amend_id", "INTEGER", "The version (AMEND_ID) of the line: the latest that carries it."),
            _c("is_current", "BOOLEAN", "Whether that version is the report's current one."),
            _c("form", "VARCHAR", "The form, e.g. 'F635'."),
            _c("schedule", "VARCHAR", "The schedule or part (FORM_TYPE), e.g. 'F635P3B'."),
            _c("calaccess_table", "VARCHAR", "The export's table the line is in, e.g. 'lpay_cd'."),
            _c("line_item", "INTEGER", "Its LINE_ITEM in that version."),
            _c("tran_id", "VARCHAR", "Its TRAN_ID."),
            _c("classification", "VARCHAR", "What kind of line: payment for lobbying, activity expense, ..."),
            _c("date", "DATE", "When it happened, where the line says."),
            _money("amount", "The amount."),
            _c("memo", "BOOLEAN", "A memo line: its amount is already inside another line."),
            _c("payer_name", "VARCHAR", "Who paid, by name."),
            _c("payer_id", "VARCHAR", "Who paid: an organization, person or committee id, where known."),
            _c("payee_name", "VARCHAR", "Who was paid, by name."),
            _c("payee_id", "VARCHAR", "Who was paid: an organization, person or committee id, where known."),
            _c("filer_name", "VARCHAR", "Who filed the report."),
            _c("description", "VARCHAR", "What it was for, as filed."),
            *extra,
        ),
        key=("transaction_id",),
    )


LOBBYING_PAYMENTS = _lobbying_line(
    "lobbying_payments",
    "One row per payment a lobbying report itemises: employers' payments to firms (fees, retainers, "
    "expenses), a firm's payments received and made, payments to and by coalitions.",
    (),
)

ACTIVITY_EXPENSES = _lobbying_line(
    "activity_expenses",
    "One row per activity expense (gifts, meals, travel) a lobbying report itemises, with the official "
    "or staff member who benefited, as named.",
    (
        _c("beneficiary_name", "VARCHAR", "Who benefited, as the report names them."),
        _c("beneficiary_position", "VARCHAR", "Their position or agency, as the report gives it."),
        _money("beneficiary_amount", "Their share of the expense."),
        _c(
            "beneficiary_person_id",
            "VARCHAR",
            "The person (relational person.id), only where the match is certain (same name, an office held "
            "that day); empty otherwise.",
        ),
    ),
)

LOBBYING_CONTRIBUTIONS = _lobbying_line(
    "lobbying_contributions",
    "One row per campaign contribution a lobbyist, firm or employer reports making. The recipient "
    "committee reports the same money on its own Schedule A (transactions): never add the two.",
    (_c("recipient_committee_id", "VARCHAR", "The committee (relational committee.id), where it resolves."),),
)

TABLES: tuple[Table, ...] = (
    CANDIDATES,
    BALLOT_MEASURES,
    RECALL_MEASURES,
    COMMITTEES,
    FILINGS,
    TRANSACTIONS,
    LOBBYISTS,
    LOBBYIST_EMPLOYERS,
    LOBBYING_FIRMS,
    LOBBYING_PAYMENTS,
    ACTIVITY_EXPENSES,
    LOBBYING_CONTRIBUTIONS,
)
#: The flat tables too big for one spreadsheet, and the date that puts a row in a year.
YEAR_COLUMNS: dict[str, str] = {
    "filings": "coverage_end_date",
    "transactions": "date",
    "lobbying_payments": "date",
    "activity_expenses": "date",
    "lobbying_contributions": "date",
}


def _script(name: str) -> str:
    script = resources.files("calaccess.publish").joinpath("sql", f"flat_{name}.sql").read_text()
    return "\n".join(line for line in script.splitlines() if not line.lstrip().startswith("--"))


def query(table: Table) -> str:
    """The script that builds a flat table, its columns in the declared order and of the declared types.

    The lobbying tables select from two shared bodies: the lines of the reports (`{lobbying_lines}`) and
    the firms and employers (`{lobbying_organizations}`), each a script of its own."""
    body = _script(table.name)
    for shared in ("lobbying_lines", "lobbying_organizations"):
        body = body.replace("{" + shared + "}", f"({_script(shared)})")
    columns = ", ".join(f'CAST("{c.name}" AS {c.duckdb_type}) AS "{c.name}"' for c in table.columns)
    return f"SELECT {columns} FROM ({body}) AS flat"
