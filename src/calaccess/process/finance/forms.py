"""Campaign finance: the form-level tables (schema `forms`), the forms reporters know, as filed.

Each form or schedule is declared once below (`Form`): the raw table and the FORM_TYPE values that feed it,
and each output column with the raw column (or expression) it comes from. From that one declaration come
the DDL, the SQL that fills the table, the data dictionary (`docs/forms-tables.md`, with the lobbying
forms, through `calaccess.process.form_tables`), the Frictionless schema and the row accounting, so they
cannot drift apart. The machinery (`Form`, the field helpers, `FormSet`: one domain's forms, their step
and accounting) serves the lobbying forms too (`calaccess.process.lobbying.forms`).

Every form is two tables: `forms.<name>_all_versions`, every line of every version (amendments are whole
re-filings, so what each version said stays here), and `forms.<name>`, the lines of each filing's current
version. The second is a VIEW over the first (`WHERE is_current`): the itemised tables are the big ones
(~9 M receipts), and one rewrite of each is the stage's budget, so the latest rows are not copied again.

Codes are decoded in place (the code kept beside its meaning): the letter codes of the electronic filing
format from the small lists in `CODES` (declared once here; the export holds no table of them), the
numeric codes of Form 501 from raw.lookup_codes_cd. A code no list knows keeps its code, with no meaning,
and a finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from calaccess.process.finance import SQL
from calaccess.process.runner import Account, Step, StepRun
from calaccess.process.scripts import Scripts
from calaccess.tables import Column, Table, quote_identifier, quote_literal

SCHEMA = "forms"

# --- Code lists ------------------------------------------------------------------------------------------

#: The letter codes of the state's electronic filing format (Cal Format) the forms carry, by list. Meanings
#: from the format's documentation and the FPPC's forms; a code seen in the data but not listed here keeps
#: its code and gets a finding, never a guessed meaning.
CODES: Mapping[str, Mapping[str, str]] = {
    "entity": {
        "IND": "individual",
        "COM": "committee",
        "OTH": "other (business or organisation)",
        "PTY": "political party",
        "SCC": "small contributor committee",
        "RCP": "recipient committee",
        "CAO": "candidate or officeholder",
        "CTL": "controlled committee",
        "BMC": "ballot measure committee",
        "MDI": "major donor or independent expenditure committee",
        "SMO": "slate mailer organisation",
        "BNM": "ballot measure",
        # the lobbying forms' (Forms 601-690): registrants, and the people and bodies their pages name
        "LBY": "lobbyist",
        "FRM": "lobbying firm",
        "LEM": "lobbyist employer",
        "LCO": "lobbying coalition",
        "EMP": "employee",
        "OFF": "officer",
        "OWN": "owner",
        "PTN": "partner",
        "MBR": "member of a lobbying coalition",
        "SCL": "subcontracted client",
        "CLI": "client",
        "AGY": "state agency",
    },
    "office": {
        "APP": "State Appellate Court Justice",
        "ASM": "State Assembly",
        "ASR": "Assessor",
        "ATT": "Attorney General",
        "BED": "Board of Education",
        "BOE": "Board of Equalization",
        "BSU": "Board of Supervisors",
        "CAT": "City Attorney",
        "CCB": "Community College Board",
        "CCM": "City Council Member",
        "CON": "State Controller",
        "COU": "County Counsel",
        "CSU": "County Supervisor",
        "CTR": "Local Controller",
        "DAT": "District Attorney",
        "GOV": "Governor",
        "INS": "Insurance Commissioner",
        "LTG": "Lieutenant Governor",
        "MAY": "Mayor",
        "OTH": "other",
        "PDR": "Public Defender",
        "PER": "Public Employees Retirement System",
        "PLN": "Planning Commissioner",
        "SCJ": "Superior Court Judge",
        "SEN": "State Senate",
        "SHC": "Sheriff-Coroner",
        "SOS": "Secretary of State",
        "SPM": "Supreme Court Justice",
        "SUP": "Superintendent of Public Instruction",
        "TRE": "State Treasurer",
        "TRS": "Local Treasurer",
    },
    "jurisdiction": {
        "STW": "statewide",
        "ASM": "Assembly district",
        "SEN": "State Senate district",
        "BOE": "Board of Equalization district",
        "CIT": "city",
        "CTY": "county",
        "LOC": "local",
        "OTH": "other",
    },
    "sought_or_held": {"S": "sought", "H": "held"},
    "support_oppose": {"S": "support", "O": "oppose"},
    "receipt_type": {
        "F": "forgiven loan",
        "I": "received through an intermediary",
        "R": "returned contribution",
        "T": "loan repaid by a third party",
        "X": "transfer",
    },
    "purpose": {
        "CMP": "campaign paraphernalia and miscellaneous",
        "CNS": "campaign consultants",
        "CTB": "contribution",
        "CVC": "civic donations",
        "FIL": "candidate filing and ballot fees",
        "FND": "fundraising events",
        "IKD": "in-kind contribution",
        "IND": "independent expenditure",
        "LEG": "legal defense",
        "LIT": "campaign literature and mailings",
        "MBR": "member communications",
        "MTG": "meetings and appearances",
        "OFC": "office expenses",
        "PET": "petition circulating",
        "PHO": "phone banks",
        "POL": "polling and survey research",
        "POS": "postage, delivery and messenger services",
        "PRO": "professional services (legal, accounting)",
        "PRT": "print ads",
        "RAD": "radio airtime and production costs",
        "RFD": "returned contributions",
        "SAL": "campaign workers' salaries",
        "TEL": "television or cable airtime and production costs",
        "TRC": "candidate travel, lodging and meals",
        "TRS": "staff or spouse travel, lodging and meals",
        "TSF": "transfer between committees of the same candidate or sponsor",
        "VOT": "voter registration",
        "WEB": "information technology costs (internet, e-mail)",
    },
    "statement_type": {
        "PE": "pre-election",
        "QT": "quarterly",
        "SA": "semi-annual",
        "SE": "supplemental pre-election",
        "SY": "special odd-year report",
        "S1": "semi-annual, January 1 to June 30",
        "S2": "semi-annual, July 1 to December 31",
        "TS": "termination",
    },
    "committee_type": {
        "C": "controlled",
        "G": "general purpose",
        "P": "primarily formed",
        "B": "ballot measure",
    },
    "loan_type": {
        "B1L": "lender",
        "B1G": "guarantor",
        "B2R": "repaid",
        "B2F": "forgiven",
        "B2T": "paid by a third party",
        "H2R": "repaid",
        "H2F": "forgiven",
        "H2T": "paid by a third party",
    },
}


def normalized(expression: str) -> str:
    """A code as the lists key it: trimmed, upper case, NULL when blank."""
    return f"nullif(upper(trim({expression})), '')"


def decoded(code_list: str, expression: str) -> str:
    """The meaning of a letter code (SQL), NULL when the list does not know it."""
    branches = " ".join(
        f"WHEN {quote_literal(code)} THEN {quote_literal(meaning)}"
        for code, meaning in CODES[code_list].items()
    )
    return f"CASE {normalized(expression)} {branches} END"


def looked_up(code_list: str, expression: str) -> str:
    """The meaning of a numeric code of raw.lookup_codes_cd (SQL); 0, the export's none, is NULL."""
    return f"form_lookup_code({quote_literal(code_list)}, {expression})"


# --- The declaration ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    """One output column and the SQL over the raw row (`item`) that fills it."""

    column: Column
    source: str
    #: the code list that decodes it, when it is a decoded meaning (for the unknown-code findings)
    code_of: str | None = None


def field(name: str, duckdb_type: str, description: str, source: str) -> Field:
    return Field(Column(name, duckdb_type, description), source)


def text(name: str, description: str, raw: str) -> Field:
    """A text column as filed, blank as NULL."""
    return field(name, "VARCHAR", description, f"nullif(trim(item.{raw}), '')")


def amount(name: str, description: str, raw: str) -> Field:
    return field(name, "DECIMAL(18,2)", f"{description}, in dollars.", f"CAST(item.{raw} AS DECIMAL(18,2))")


def same(name: str, duckdb_type: str, description: str, raw: str) -> Field:
    return field(name, duckdb_type, description, f"item.{raw}")


def code(name: str, code_list: str, description: str, raw: str) -> tuple[Field, Field]:
    """A code as filed (`<name>_code`) and its meaning (`<name>`), from one of the `CODES` lists."""
    return (
        field(f"{name}_code", "VARCHAR", f"{description}: the code as filed.", normalized(f"item.{raw}")),
        Field(
            Column(name, "VARCHAR", f"{description}: what the code means (NULL when no list knows it)."),
            decoded(code_list, f"item.{raw}"),
            code_of=f"{name}_code",
        ),
    )


def lookup(name: str, code_list: str, description: str, raw: str) -> tuple[Field, Field]:
    """A numeric code of raw.lookup_codes_cd (`<name>_code`, 0 as NULL) and its meaning (`<name>`)."""
    return (
        field(f"{name}_code", "INTEGER", f"{description}: the code as filed.", f"nullif(item.{raw}, 0)"),
        Field(
            Column(name, "VARCHAR", f"{description}: the meaning raw.lookup_codes_cd gives the code."),
            looked_up(code_list, f"item.{raw}"),
            code_of=f"{name}_code",
        ),
    )


def person(
    prefix: str, raw: str, who: str, *, address: str | None = None, work: str | None = None
) -> list[Field]:
    """A name as filed (last, first, title, suffix), the whole name, and where given the address and job.

    `raw` is the raw columns' stem (`ctrib` for `ctrib_naml`...), `address` the stem of the address columns
    when it differs (`loan` for `loan_city`), `work` the stem of employer and occupation (`ctrib_emp`)."""
    fields = [
        field(
            f"{prefix}_name",
            "VARCHAR",
            f"Name of {who}, whole: first name then last name (or the organisation's name).",
            f"nullif(trim(concat_ws(' ', nullif(trim(item.{raw}_namf), ''), "
            f"nullif(trim(item.{raw}_naml), ''))), '')",
        ),
        text(f"{prefix}_last_name", f"Last name of {who}, or the organisation's name.", f"{raw}_naml"),
        text(f"{prefix}_first_name", f"First name of {who}.", f"{raw}_namf"),
        text(f"{prefix}_title", f"Title or prefix of {who} (Mr., Dr., Hon. ...).", f"{raw}_namt"),
        text(f"{prefix}_suffix", f"Suffix of {who} (Jr., III ...).", f"{raw}_nams"),
    ]
    if address is not None:
        fields += [
            text(f"{prefix}_city", f"City of {who}.", f"{address}_city"),
            text(f"{prefix}_state", f"State of {who}, two letters.", f"{address}_st"),
            text(f"{prefix}_zip", f"ZIP code of {who} (text: leading zeros kept).", f"{address}_zip4"),
        ]
    if work is not None:
        fields += [
            text(f"{prefix}_employer", f"Employer of {who}.", f"{work}_emp"),
            text(f"{prefix}_occupation", f"Occupation of {who}.", f"{work}_occ"),
            same(f"{prefix}_self_employed", "BOOLEAN", f"Whether {who} is self-employed.", f"{work}_self"),
        ]
    return fields


def entity(prefix: str, who: str) -> tuple[Field, Field]:
    return code(f"{prefix}_type", "entity", f"What kind of party {who} is (ENTITY_CD)", "entity_cd")


def committee_id(prefix: str, who: str) -> Field:
    return text(
        f"{prefix}_committee_id", f"Filer id of {who}, when a committee with one (CMTE_ID).", "cmte_id"
    )


def memo() -> list[Field]:
    """The memo flag and its references, on every itemised line."""
    return [
        field(
            "is_memo",
            "BOOLEAN",
            "A memo line (MEMO_CODE X): given for information, its amount already inside another line; "
            "never add it to a total.",
            "coalesce(item.memo_code, false)",
        ),
        text(
            "memo_reference",
            "Reference of the memo text (TEXT_MEMO_CD.REF_NO) that explains the line.",
            "memo_refno",
        ),
    ]


def parent() -> list[Field]:
    return [
        text(
            "parent_tran_id",
            "Transaction id of the line this one details (a sub-item's parent).",
            "bakref_tid",
        ),
        text("cross_reference_schedule", "Schedule on which a related line appears.", "xref_schnm"),
        same(
            "has_cross_reference",
            "BOOLEAN",
            "Whether a line on another schedule has the same transaction id.",
            "xref_match",
        ),
    ]


def candidate_and_measure() -> list[Field]:
    """Who or what a line is about: a candidate and office, or a measure, and support or opposition."""
    return [
        *person("candidate", "cand", "the candidate or officeholder the line is about"),
        *code("office", "office", "Office the candidate seeks or holds", "office_cd"),
        text("office_description", "Office, written out when the code is other or missing.", "offic_dscr"),
        *code("jurisdiction", "jurisdiction", "Jurisdiction of the office", "juris_cd"),
        text(
            "jurisdiction_description",
            "Jurisdiction, written out (a city, county or district).",
            "juris_dscr",
        ),
        text("district_number", "District number of the office.", "dist_no"),
        *code(
            "office_sought_or_held", "sought_or_held", "Whether the office is sought or held", "off_s_h_cd"
        ),
        text("measure_name", "Name of the ballot measure the line is about.", "bal_name"),
        text("measure_number", "Number or letter of the ballot measure.", "bal_num"),
        text("measure_jurisdiction", "Jurisdiction that votes on the ballot measure.", "bal_juris"),
        *code("support_or_oppose", "support_oppose", "Whether the line supports or opposes", "sup_opp_cd"),
    ]


@dataclass(frozen=True)
class Form:
    """One form or schedule: its tables (`<name>_all_versions` and the view `<name>`), where its rows come
    from (a raw table, the FORM_TYPE values it takes), its natural key and its columns."""

    name: str
    title: str
    description: str
    raw_table: str
    form_types: tuple[str, ...]
    fields: tuple[Field, ...]
    #: the line's natural key after filing_id and amend_id
    line_key: tuple[str, ...] = ("line_item", "tran_id")
    #: the TEMP table (filing_id, filer_id) that says who filed each filing, and how it was resolved
    filers: str = "filing_filer"
    filers_description: str = (
        "as the finance steps resolved it (FILER_FILINGS_CD, else the cover's, through FILER_XREF_CD)"
    )
    filer_who: str = "the committee or person"

    @property
    def leading(self) -> tuple[Field, ...]:
        """The columns every forms table starts with: the version, is it current, the filer, the line."""
        fields = [
            field("filing_id", "BIGINT", "Id of the filing (FILING_ID).", "item.filing_id"),
            field(
                "amend_id",
                "INTEGER",
                "Version of the filing: 0 the original, then each amendment (AMEND_ID).",
                "item.amend_id",
            ),
            field(
                "is_current",
                "BOOLEAN",
                "Whether this version is the filing's current one: the highest AMEND_ID any table of the "
                "export records for it.",
                "coalesce(version.is_current, false)",
            ),
            field(
                "filer_id",
                "VARCHAR",
                f"Filer id of {self.filer_who} that filed, {self.filers_description}; NULL when "
                "none is known.",
                "filer.filer_id",
            ),
        ]
        if "line_item" in self.line_key:
            fields.append(
                same(
                    "line_item",
                    "INTEGER",
                    "Line number within this version (renumbered by each amendment).",
                    "line_item",
                )
            )
        if "tran_id" in self.line_key:
            fields.append(
                text(
                    "tran_id", "Transaction id the filer gives the line, the same across versions.", "tran_id"
                )
            )
        if len(self.form_types) > 1 or "schedule" in self.line_key:
            fields.append(
                field(
                    "schedule",
                    "VARCHAR",
                    "Schedule or part as filed (FORM_TYPE).",
                    normalized("item.form_type"),
                )
            )
        return tuple(fields)

    @property
    def all_fields(self) -> tuple[Field, ...]:
        return (*self.leading, *self.fields, OCCURRENCE)

    @property
    def key(self) -> tuple[str, ...]:
        return ("filing_id", "amend_id", *self.line_key, OCCURRENCE.column.name)

    def number_repeats_sql(self) -> str:
        """The UPDATE that numbers the rows a version repeats under one natural key (a summary line or a
        cover filed twice): each keeps its row, 1, 2 ... in the order of its content, so the key (with
        `occurrence`) is unique and the same on every run. Only the repeated keys are read twice."""
        table = self.all_versions_table().target()
        names = [quote_identifier(name) for name in self.key[:-1]]
        key = ", ".join(names)
        same_key = " AND ".join(f"rows.{n} IS NOT DISTINCT FROM repeated.{n}" for n in names)
        return f"""
UPDATE {table} AS target SET occurrence = numbered.occurrence
FROM (
    SELECT row_id, row_number() OVER (PARTITION BY {key} ORDER BY content, row_id) AS occurrence
    FROM (
        SELECT rows.rowid AS row_id, {", ".join(f"rows.{n}" for n in names)}, CAST(rows AS VARCHAR) AS content
        FROM {table} AS rows
        SEMI JOIN (SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1) AS repeated ON {same_key}
    )
) AS numbered
WHERE target.rowid = numbered.row_id AND numbered.occurrence > 1"""

    def all_versions_table(self) -> Table:
        return Table(
            SCHEMA,
            f"{self.name}_all_versions",
            f"{self.title}, every version of every filing: {self.description} One row per line of each "
            f"version; from raw.{self.raw_table} rows of FORM_TYPE {', '.join(self.form_types)}.",
            tuple(f.column for f in self.all_fields),
            key=self.key,
        )

    def latest_table(self) -> Table:
        return Table(
            SCHEMA,
            self.name,
            f"{self.title}, each filing's current version: {self.description} A view: the rows of "
            f"`forms.{self.name}_all_versions` whose version is current.",
            tuple(f.column for f in self.all_fields),
            key=self.key,
        )

    def taken(self) -> str:
        """The SQL condition on a raw row of `raw_table` that this form takes it."""
        types = ", ".join(quote_literal(form_type) for form_type in self.form_types)
        return f"{normalized('item.form_type')} IN ({types})"

    def fill_sql(self) -> str:
        """The INSERT that fills the all-versions table from the raw rows (a row without a version is left
        to the accounting, set aside)."""
        table = self.all_versions_table()
        names = ", ".join(quote_identifier(f.column.name) for f in self.all_fields)
        sources = ",\n    ".join(f"{f.source} AS {quote_identifier(f.column.name)}" for f in self.all_fields)
        return (
            f"INSERT INTO {table.target()} ({names})\nSELECT\n    {sources}\n"
            f"FROM raw.{quote_identifier(self.raw_table)} AS item\n"
            "LEFT JOIN filing_version AS version\n"
            "    ON version.filing_id = item.filing_id AND version.amend_id = item.amend_id\n"
            f"LEFT JOIN {self.filers} AS filer ON filer.filing_id = item.filing_id\n"
            f"WHERE item.filing_id IS NOT NULL AND item.amend_id IS NOT NULL AND {self.taken()}"
        )

    def view_sql(self) -> str:
        return (
            f"CREATE OR REPLACE VIEW {self.latest_table().target()} AS\n"
            f"SELECT * FROM {self.all_versions_table().target()} WHERE is_current"
        )


#: The last column of every forms table, and of its key: a version may repeat a natural key (the same
#: summary line twice), and every row is kept.
OCCURRENCE = Field(
    Column(
        "occurrence",
        "INTEGER",
        "1; 2, 3 ... for a further row of the same version under the same key (filing, version and line), "
        "which the filer wrote again: every row is kept, numbered in the order of its content.",
        nullable=False,
    ),
    "1",
)


# --- The forms -----------------------------------------------------------------------------------------


def cover(name: str, form: str, title: str, description: str, extra: Iterable[Field] = ()) -> Form:
    """A cover page of CVR_CAMPAIGN_DISCLOSURE_CD: who filed, when, treasurer, candidate, measure."""
    return Form(
        name,
        title,
        description,
        "cvr_campaign_disclosure_cd",
        (form,),
        (
            text(
                "filer_id_as_written",
                "Filer id as the cover page prints it (may be an older cross-reference id).",
                "filer_id",
            ),
            *entity("filer", "the filer"),
            *person("filer", "filer", "the filer", address="filer"),
            text("filer_phone", "Phone number of the filer.", "filer_phon"),
            text("filer_email", "Email address of the filer.", "file_email"),
            text("mailing_city", "City of the filer's mailing address.", "mail_city"),
            text("mailing_state", "State of the filer's mailing address.", "mail_st"),
            text("mailing_zip", "ZIP code of the filer's mailing address.", "mail_zip4"),
            text(
                "report_number", "Amendment number as the filer writes it (000 the original).", "report_num"
            ),
            field(
                "report_date",
                "DATE",
                "Date the report was filed, as the filer gives it.",
                "CAST(item.rpt_date AS DATE)",
            ),
            *code("statement_type", "statement_type", "Type of statement", "stmt_type"),
            text(
                "late_report_number",
                "Number that tells apart several late reports of one period.",
                "late_rptno",
            ),
            same("period_start", "DATE", "First day of the period the report covers.", "from_date"),
            same("period_end", "DATE", "Last day of the period the report covers.", "thru_date"),
            same("election_date", "DATE", "Date of the election the report is about.", "elect_date"),
            *code("committee_type", "committee_type", "Type of recipient committee", "cmtte_type"),
            same(
                "is_controlled",
                "BOOLEAN",
                "Whether a candidate or officeholder controls the committee.",
                "control_yn",
            ),
            same("is_sponsored", "BOOLEAN", "Whether the committee is sponsored.", "sponsor_yn"),
            same(
                "is_primarily_formed",
                "BOOLEAN",
                "Whether the committee is primarily formed for a candidate or measure.",
                "primfrm_yn",
            ),
            same(
                "is_broad_based", "BOOLEAN", "Whether the committee is a broad-based committee.", "brdbase_yn"
            ),
            field(
                "amendment_explanation",
                "VARCHAR",
                "Why the filer amended, its three lines joined.",
                "nullif(trim(concat_ws(' ', trim(item.amendexp_1), trim(item.amendexp_2), "
                "trim(item.amendexp_3))), '')",
            ),
            *person("treasurer", "tres", "the treasurer or responsible officer", address="tres"),
            text("treasurer_phone", "Phone number of the treasurer.", "tres_phon"),
            text("treasurer_email", "Email address of the treasurer.", "tres_email"),
            *candidate_and_measure(),
            text("candidate_phone", "Phone number of the candidate.", "cand_phon"),
            text("candidate_email", "Email address of the candidate.", "cand_email"),
            *extra,
        ),
        line_key=(),
    )


def receipts(
    name: str, title: str, description: str, form_types: tuple[str, ...], who: str = "contributor"
) -> Form:
    """Lines of RCPT_CD: a contribution (or other receipt), its contributor and any intermediary."""
    return Form(
        name,
        title,
        description,
        "rcpt_cd",
        form_types,
        (
            *entity(who, f"the {who}"),
            *person(who, "ctrib", f"the {who}", address="ctrib", work="ctrib"),
            committee_id(who, f"the {who}"),
            *code(
                "receipt_type",
                "receipt_type",
                "Special kind of receipt (TRAN_TYPE; blank an ordinary one)",
                "tran_type",
            ),
            same("date", "DATE", "Date received.", "rcpt_date"),
            same(
                "date_through",
                "DATE",
                "Last day of a range of dates over which it was received.",
                "date_thru",
            ),
            amount("amount", "Amount received (fair market value, for goods or services)", "amount"),
            amount("cumulative_ytd", f"Total from this {who} in the calendar year to date", "cum_ytd"),
            amount("cumulative_other", f"Total from this {who} for another period (per election)", "cum_oth"),
            text("description", "Goods or services received, for a nonmonetary contribution.", "ctrib_dscr"),
            *person(
                "intermediary", "intr", "the intermediary it passed through", address="intr", work="intr"
            ),
            *memo(),
            *parent(),
        ),
    )


def payments(name: str, title: str, description: str, form_types: tuple[str, ...]) -> Form:
    """Lines of EXPN_CD: a payment, its payee, its purpose, and the candidate or measure it is about."""
    return Form(
        name,
        title,
        description,
        "expn_cd",
        form_types,
        (
            *entity("payee", "the payee"),
            *person("payee", "payee", "the payee", address="payee"),
            committee_id("payee", "the payee"),
            same("date", "DATE", "Date of the payment.", "expn_date"),
            amount("amount", "Amount paid", "amount"),
            amount("cumulative_ytd", "Total paid to this payee in the calendar year to date", "cum_ytd"),
            amount("cumulative_other", "Total for another period (per election)", "cum_oth"),
            text("check_number", "Number of the cheque, if given.", "expn_chkno"),
            *code("purpose", "purpose", "Purpose of the payment (EXPN_CODE)", "expn_code"),
            text("description", "Purpose of the payment, as the filer describes it.", "expn_dscr"),
            *person("agent", "agent", "the agent or contractor who paid on the filer's behalf"),
            text(
                "parent_schedule",
                "For a payment by an agent (schedule G), the schedule of its parent payment (E or F).",
                "g_from_e_f",
            ),
            *candidate_and_measure(),
            *memo(),
            *parent(),
        ),
    )


def late_contributions(name: str, title: str, description: str, form_type: str, who: str) -> Form:
    """Lines of S497_CD: a late contribution received (part 1) or made (part 2)."""
    return Form(
        name,
        title,
        description,
        "s497_cd",
        (form_type,),
        (
            *entity(who, f"the {who}"),
            *person(who, "enty", f"the {who}", address="enty", work="ctrib"),
            committee_id(who, f"the {who}"),
            same("date", "DATE", "Date of the contribution.", "ctrib_date"),
            same("date_through", "DATE", "Last day of a range of dates over which it was made.", "date_thru"),
            amount("amount", "Amount of the contribution", "amount"),
            same("election_date", "DATE", "Date of the election the contribution is for.", "elec_date"),
            *candidate_and_measure(),
            *memo(),
        ),
    )


def loan_people(prefix: str, who: str) -> list[Field]:
    return [
        *entity(prefix, f"the {who}"),
        *person(prefix, "lndr", f"the {who}", address="loan", work="loan"),
        committee_id(prefix, f"the {who}"),
        *code("loan_type", "loan_type", "Schedule part and role of the line (LOAN_TYPE)", "loan_type"),
    ]


def loan_end() -> list[Field]:
    return [*person("intermediary", "intr", "the intermediary", address="intr"), *memo(), *parent()]


F460_COVER = cover(
    "f460_cover",
    "F460",
    "Form 460 cover page",
    "the recipient committee's campaign statement: who filed, the period, the treasurer, and the "
    "candidate or measure it is about.",
)

F460_SCHEDULE_A = receipts(
    "f460_schedule_a",
    "Form 460 schedule A, monetary contributions received",
    "each contribution of $100 or more (A-1, of older forms, in the same table, told apart by `schedule`).",
    ("A", "A-1"),
)

F460_SCHEDULE_B1 = Form(
    "f460_schedule_b1",
    "Form 460 schedule B part 1, loans received",
    "each loan the committee received: the lender, the balances and what was paid this period.",
    "loan_cd",
    ("B1",),
    (
        *loan_people("lender", "lender"),
        same("date_received", "DATE", "Date the loan was received (LOAN_DATE1).", "loan_date1"),
        same("date_due", "DATE", "Date the loan is due (LOAN_DATE2).", "loan_date2"),
        text("interest_rate", "Interest rate as written by the filer.", "loan_rate"),
        amount(
            "balance_beginning", "Outstanding balance at the beginning of the period (LOAN_AMT4)", "loan_amt4"
        ),
        amount("amount_received", "Amount received this period (LOAN_AMT1)", "loan_amt1"),
        amount("amount_paid", "Amount paid this period (LOAN_AMT5)", "loan_amt5"),
        amount("amount_forgiven", "Amount forgiven this period (LOAN_AMT6)", "loan_amt6"),
        amount("balance_ending", "Outstanding balance at the close of the period (LOAN_AMT2)", "loan_amt2"),
        amount("interest_paid", "Interest paid this period (LOAN_AMT7)", "loan_amt7"),
        amount("original_amount", "Original amount of the loan (LOAN_AMT8)", "loan_amt8"),
        amount(
            "cumulative_ytd",
            "Cumulative contributions from the lender in the calendar year (LOAN_AMT3)",
            "loan_amt3",
        ),
        *loan_end(),
    ),
)

F460_SCHEDULE_B2 = Form(
    "f460_schedule_b2",
    "Form 460 schedule B part 2, loans received: guarantors, and loans repaid or forgiven by others",
    "each line of part 2 (LOAN_TYPE says whether repaid, forgiven or paid by a third party); the meaning "
    "of its amounts beyond the first is not confirmed by any source, so they keep the export's order.",
    "loan_cd",
    ("B2",),
    (
        *loan_people("lender", "lender or guarantor named"),
        same("date", "DATE", "First date of the line (LOAN_DATE1).", "loan_date1"),
        same(
            "date_2", "DATE", "Second date of the line (LOAN_DATE2): repaid, forgiven or due.", "loan_date2"
        ),
        text("interest_rate", "Interest rate as written by the filer.", "loan_rate"),
        amount("amount", "Amount guaranteed, repaid or forgiven, by LOAN_TYPE (LOAN_AMT1)", "loan_amt1"),
        amount(
            "loan_amount_2",
            "LOAN_AMT2 (cumulative or outstanding; unconfirmed on this schedule)",
            "loan_amt2",
        ),
        amount("loan_amount_3", "LOAN_AMT3 (unconfirmed on this schedule)", "loan_amt3"),
        amount("loan_amount_4", "LOAN_AMT4 (unconfirmed on this schedule)", "loan_amt4"),
        *loan_end(),
    ),
)

F460_SCHEDULE_C = receipts(
    "f460_schedule_c",
    "Form 460 schedule C, nonmonetary contributions received",
    "each gift of goods or services of $100 or more, at its fair market value.",
    ("C",),
)

F460_SCHEDULE_D = payments(
    "f460_schedule_d",
    "Form 460 schedule D, contributions and independent expenditures for or against candidates and measures",
    "each payment the committee made to support or oppose a candidate or measure.",
    ("D",),
)

F460_SCHEDULE_E = payments(
    "f460_schedule_e",
    "Form 460 schedule E, payments made",
    "each payment of $100 or more, with its payee and purpose.",
    ("E",),
)

F460_SCHEDULE_F = Form(
    "f460_schedule_f",
    "Form 460 schedule F, accrued expenses (unpaid bills)",
    "each debt of $100 or more: the creditor, what was incurred and paid this period, and the balance.",
    "debt_cd",
    ("F",),
    (
        *entity("creditor", "the creditor"),
        *person("creditor", "payee", "the creditor", address="payee"),
        committee_id("creditor", "the creditor"),
        amount("balance_beginning", "Balance owed at the beginning of the period", "beg_bal"),
        amount("amount_incurred", "Amount incurred this period", "amt_incur"),
        amount("amount_paid", "Amount paid this period", "amt_paid"),
        amount("balance_ending", "Balance owed at the close of the period", "end_bal"),
        *code("purpose", "purpose", "Purpose of the debt (EXPN_CODE)", "expn_code"),
        text("description", "Purpose of the debt, as the filer describes it.", "expn_dscr"),
        *memo(),
        *parent(),
    ),
)

F460_SCHEDULE_G = payments(
    "f460_schedule_g",
    "Form 460 schedule G, payments made by an agent or independent contractor",
    "each payment of $100 or more an agent made on the committee's behalf (`parent_schedule` and "
    "`parent_tran_id` name the payment to the agent it is part of).",
    ("G",),
)

F460_SCHEDULE_H = Form(
    "f460_schedule_h",
    "Form 460 schedule H, loans made to others",
    "each loan the committee made: the borrower, the balances and what was repaid this period.",
    "loan_cd",
    ("H",),
    (
        *loan_people("borrower", "borrower"),
        same("date_made", "DATE", "Date the loan was made (LOAN_DATE1).", "loan_date1"),
        same("date_due", "DATE", "Date the loan is due (LOAN_DATE2).", "loan_date2"),
        text("interest_rate", "Interest rate as written by the filer.", "loan_rate"),
        amount(
            "balance_beginning", "Outstanding balance at the beginning of the period (LOAN_AMT4)", "loan_amt4"
        ),
        amount("amount_loaned", "Amount loaned this period (LOAN_AMT1)", "loan_amt1"),
        amount("amount_repaid", "Amount repaid this period (LOAN_AMT5)", "loan_amt5"),
        amount(
            "loan_amount_6", "LOAN_AMT6 (forgiven, on schedule B; unconfirmed on this schedule)", "loan_amt6"
        ),
        amount("balance_ending", "Outstanding balance at the close of the period (LOAN_AMT2)", "loan_amt2"),
        amount("interest_received", "Interest received this period (LOAN_AMT7)", "loan_amt7"),
        amount("original_amount", "Original amount of the loan (LOAN_AMT8)", "loan_amt8"),
        amount("cumulative_to_date", "Cumulative loans to this borrower to date (LOAN_AMT3)", "loan_amt3"),
        *loan_end(),
    ),
)

F460_SCHEDULE_I = receipts(
    "f460_schedule_i",
    "Form 460 schedule I, miscellaneous increases to cash",
    "each increase to cash that is not a contribution (interest, refunds, ...) of $100 or more.",
    ("I",),
    who="source",
)

F461_COVER = cover(
    "f461_cover",
    "F461",
    "Form 461 cover page",
    "the major donor's or independent expenditure committee's campaign statement: who filed, the period, "
    "and the filer's business and interests.",
    extra=(
        text("business_name", "Name of the filer's employer or business.", "bus_name"),
        text("business_city", "City of the business.", "bus_city"),
        text("business_state", "State of the business.", "bus_st"),
        text("business_zip", "ZIP code of the business.", "bus_zip4"),
        text("business_interests", "Interests of the employer or business.", "bus_inter"),
        text("business_activity", "Business activity.", "busactvity"),
        text("association_interests", "Association interests.", "assoc_int"),
        text("other_interests", "Other entity interests.", "other_int"),
    ),
)

F461_CONTRIBUTIONS_MADE = payments(
    "f461_contributions_made",
    "Form 461 part 5, contributions and independent expenditures made",
    "each contribution or independent expenditure a major donor or independent expenditure committee made.",
    ("F461P5",),
)

F496_COVER = cover(
    "f496_cover",
    "F496",
    "Form 496 cover page",
    "the late independent expenditure report: who filed, and the candidate or measure the expenditures "
    "support or oppose.",
)

F496_INDEPENDENT_EXPENDITURES = Form(
    "f496_independent_expenditures",
    "Form 496, late independent expenditures",
    "each independent expenditure of $1,000 or more made in the last days before an election (the "
    "candidate or measure is on the cover, `forms.f496_cover`).",
    "s496_cd",
    ("F496",),
    (
        amount("amount", "Amount of the expenditure", "amount"),
        same("date", "DATE", "Date of the expenditure.", "exp_date"),
        same("date_through", "DATE", "Last day of a range of dates over which it was made.", "date_thru"),
        text("description", "What the expenditure paid for.", "expn_dscr"),
        *memo(),
    ),
)

F496_CONTRIBUTIONS_RECEIVED = receipts(
    "f496_contributions_received",
    "Form 496 part 3, contributions received",
    "each contribution of $100 or more the filer of a late independent expenditure report received.",
    ("F496P3",),
)

F497_COVER = cover(
    "f497_cover",
    "F497",
    "Form 497 cover page",
    "the late contribution report: who filed, and the period.",
)

F497_CONTRIBUTIONS_RECEIVED = late_contributions(
    "f497_contributions_received",
    "Form 497 part 1, late contributions received",
    "each contribution of $1,000 or more received in the last days before an election (reported again "
    "on the next Form 460: never add both).",
    "F497P1",
    "contributor",
)

F497_CONTRIBUTIONS_MADE = late_contributions(
    "f497_contributions_made",
    "Form 497 part 2, late contributions made",
    "each contribution of $1,000 or more made in the last days before an election.",
    "F497P2",
    "recipient",
)

F501 = Form(
    "f501",
    "Form 501, candidate intention statement",
    "who intends to run for which office in which election, their party, their committee, and whether "
    "they accept the voluntary expenditure ceiling.",
    "f501_502_cd",
    ("F501",),
    (
        text("filer_id_as_written", "Filer id as the statement records it.", "filer_id"),
        text("committee_id", "Filer id of the candidate's committee.", "committee_id"),
        *person("candidate", "cand", "the candidate", address="cand"),
        text("candidate_middle_name", "Middle name of the candidate.", "can_namm"),
        text("candidate_nickname", "Nickname the candidate is known by.", "moniker"),
        text("candidate_phone", "Phone number of the candidate.", "cand_phon"),
        text("candidate_email", "Email address of the candidate.", "cand_email"),
        text("report_number", "Amendment number as the filer writes it (000 the original).", "report_num"),
        field(
            "report_date",
            "DATE",
            "Date the statement was filed, as the filer gives it.",
            "CAST(item.rpt_date AS DATE)",
        ),
        *lookup(
            "statement_type",
            "statement_type",
            "Type of statement (original, amendment, termination)",
            "stmt_type",
        ),
        same("election_date", "DATE", "Date of the election.", "elect_date"),
        same("election_year", "INTEGER", "Year of the election.", "yr_of_elec"),
        *lookup(
            "election_type", "election_type", "Type of election (primary, general, special ...)", "elec_type"
        ),
        *lookup("office", "office", "Office sought", "office_cd"),
        text("office_description", "Office, written out when the code is other or missing.", "offic_dscr"),
        text("agency_name", "Agency of a local office (a city, county or district).", "agency_nam"),
        *lookup("jurisdiction", "jurisdiction", "Jurisdiction of the office", "juris_cd"),
        text("jurisdiction_description", "Jurisdiction, written out.", "juris_dscr"),
        text("district_number", "District number of the office, as written.", "dist_no"),
        *lookup("district", "district", "District of the office", "district_cd"),
        text("party_as_written", "Political party as written on the statement.", "party"),
        *lookup("party", "party", "Political party", "party_cd"),
        same(
            "accepts_expenditure_ceiling",
            "BOOLEAN",
            "Whether the candidate accepts the voluntary expenditure ceiling.",
            "accept_limit_yn",
        ),
        same(
            "exceeded_ceiling_date",
            "DATE",
            "Date the candidate exceeded the voluntary expenditure ceiling.",
            "did_exceed_dt",
        ),
        same(
            "personal_funds_date",
            "DATE",
            "Date the candidate contributed personal funds above the limit.",
            "cntrb_prsnl_fnds_dt",
        ),
        field("signed_date", "DATE", "Date the statement was signed.", "CAST(item.execute_dt AS DATE)"),
    ),
    line_key=(),
)

#: The summary page of Form 460 and its schedules' summaries (SMRY_CD), one row per line, as filed.
F460_SUMMARY_LINES = Form(
    "f460_summary_lines",
    "Form 460 summary page and schedule summaries, one row per line",
    "each line of the summary page (`schedule` F460) and of the schedules' own summaries (A, B1, C, D, E, "
    "F, H, I ...), with what the line means where a source confirms it. Every line is kept, named or not; "
    "`forms.f460_summary` puts the named ones in columns.",
    "smry_cd",
    ("F460", "A", "A-1", "B1", "B2", "B3", "C", "D", "E", "F", "G", "H", "H1", "H2", "H3", "I"),
    (
        text("line", "Line of the page or schedule, as filed (a number, sometimes letters).", "line_item"),
        field(
            "line_description",
            "VARCHAR",
            "What the line is (from the FPPC form); NULL where no source confirms the line's meaning.",
            "NULL",  # filled from SUMMARY_LINES in fill_sql
        ),
        amount("amount_period", "Column A: this period", "amount_a"),
        amount("amount_ytd", "Column B: calendar year to date", "amount_b"),
        amount(
            "amount_column_c",
            "Column C, which a few older filings fill; its meaning is not documented",
            "amount_c",
        ),
        same("election_date", "DATE", "Date of the election the summary is for.", "elec_dt"),
    ),
    line_key=("schedule", "line"),
)

#: Lines of the Form 460 summary page and schedule summaries whose meaning a source confirms (DESIGN.md):
#: (schedule, line) -> (column name in forms.f460_summary, description). The summary page's lines 1 to 11
#: have a calendar-year column too (`<name>_ytd`).
SUMMARY_LINES: Mapping[tuple[str, str], tuple[str, str]] = {
    ("F460", "1"): ("monetary_contributions", "Monetary contributions (schedule A)"),
    ("F460", "2"): ("loans_received", "Loans received (schedule B)"),
    ("F460", "3"): ("subtotal_cash_contributions", "Subtotal cash contributions (lines 1 and 2)"),
    ("F460", "4"): ("nonmonetary_contributions", "Nonmonetary contributions (schedule C)"),
    ("F460", "5"): ("total_contributions", "Total contributions received (lines 3 and 4)"),
    ("F460", "6"): ("payments_made", "Payments made (schedule E)"),
    ("F460", "7"): ("loans_made", "Loans made (schedule H)"),
    ("F460", "8"): ("subtotal_cash_payments", "Subtotal cash payments (lines 6 and 7)"),
    ("F460", "9"): ("accrued_expenses", "Accrued expenses, unpaid bills (schedule F)"),
    ("F460", "10"): ("nonmonetary_adjustment", "Nonmonetary adjustment (schedule C)"),
    ("F460", "11"): ("total_expenditures", "Total expenditures made (lines 8, 9 and 10)"),
    ("F460", "12"): ("beginning_cash", "Beginning cash balance"),
    ("F460", "13"): ("cash_receipts", "Cash receipts"),
    ("F460", "14"): ("miscellaneous_increases", "Miscellaneous increases to cash (schedule I)"),
    ("F460", "15"): ("cash_payments", "Cash payments"),
    ("F460", "16"): ("ending_cash", "Ending cash balance"),
    ("F460", "17"): ("loan_guarantees_received", "Loan guarantees received (schedule B part 2)"),
    ("F460", "18"): ("cash_equivalents", "Cash equivalents"),
    ("F460", "19"): ("outstanding_debts", "Outstanding debts"),
    ("A", "1"): ("schedule_a_itemized", "Schedule A: itemised monetary contributions"),
    ("A", "2"): ("schedule_a_unitemized", "Schedule A: unitemised monetary contributions (under $100)"),
    ("A", "3"): ("schedule_a_total", "Schedule A: total monetary contributions (to summary line 1)"),
    ("C", "1"): ("schedule_c_itemized", "Schedule C: itemised nonmonetary contributions"),
    ("C", "2"): ("schedule_c_unitemized", "Schedule C: unitemised nonmonetary contributions (under $100)"),
    ("C", "3"): (
        "schedule_c_total",
        "Schedule C: total nonmonetary contributions (to summary lines 4 and 10)",
    ),
    ("E", "1"): ("schedule_e_itemized", "Schedule E: itemised payments"),
    ("E", "2"): ("schedule_e_unitemized", "Schedule E: unitemised payments (under $100)"),
    ("E", "3"): ("schedule_e_loan_interest", "Schedule E: interest paid on loans"),
    ("E", "4"): ("schedule_e_total", "Schedule E: total payments (to summary line 6)"),
}
YTD_LINES = tuple(str(line) for line in range(1, 12))


def summary_line_description() -> str:
    """The SQL of a summary line's description, from `SUMMARY_LINES`."""
    branches = " ".join(
        f"WHEN {quote_literal(schedule)} || '/' || {quote_literal(line)} THEN {quote_literal(description)}"
        for (schedule, line), (_, description) in SUMMARY_LINES.items()
    )
    return f"CASE {normalized('item.form_type')} || '/' || trim(item.line_item) {branches} END"


F460_SUMMARY_LINES = Form(
    F460_SUMMARY_LINES.name,
    F460_SUMMARY_LINES.title,
    F460_SUMMARY_LINES.description,
    F460_SUMMARY_LINES.raw_table,
    F460_SUMMARY_LINES.form_types,
    tuple(
        Field(f.column, summary_line_description()) if f.column.name == "line_description" else f
        for f in F460_SUMMARY_LINES.fields
    ),
    F460_SUMMARY_LINES.line_key,
)

#: Every form, in the order of the data dictionary.
FORMS: tuple[Form, ...] = (
    F460_COVER,
    F460_SCHEDULE_A,
    F460_SCHEDULE_B1,
    F460_SCHEDULE_B2,
    F460_SCHEDULE_C,
    F460_SCHEDULE_D,
    F460_SCHEDULE_E,
    F460_SCHEDULE_F,
    F460_SCHEDULE_G,
    F460_SCHEDULE_H,
    F460_SCHEDULE_I,
    F460_SUMMARY_LINES,
    F461_COVER,
    F461_CONTRIBUTIONS_MADE,
    F496_COVER,
    F496_INDEPENDENT_EXPENDITURES,
    F496_CONTRIBUTIONS_RECEIVED,
    F497_COVER,
    F497_CONTRIBUTIONS_RECEIVED,
    F497_CONTRIBUTIONS_MADE,
    F501,
)

# --- The pivoted Form 460 summary (views) --------------------------------------------------------------


def summary_columns() -> tuple[Column, ...]:
    """forms.f460_summary's columns: the version, then a column per named line (and its year to date)."""
    columns = [f.column for f in F460_SUMMARY_LINES.leading if f.column.name not in ("schedule", "line")]
    for (schedule, line), (name, description) in SUMMARY_LINES.items():
        columns.append(Column(name, "DECIMAL(18,2)", f"{description}: this period (column A), in dollars."))
        if schedule == "F460" and line in YTD_LINES:
            columns.append(
                Column(
                    f"{name}_ytd",
                    "DECIMAL(18,2)",
                    f"{description}: calendar year to date (column B), in dollars.",
                )
            )
    return tuple(columns)


SUMMARY_DESCRIPTION = (
    "Form 460 summary page, one row per version of a filing that has summary lines: each named line of "
    "the summary page and of schedules A, C and E as a column. A view over "
    "`forms.f460_summary_lines_all_versions` (which keeps every line, named or not, and column C)."
)
F460_SUMMARY_ALL_VERSIONS = Table(
    SCHEMA,
    "f460_summary_all_versions",
    f"{SUMMARY_DESCRIPTION} Every version.",
    summary_columns(),
    key=("filing_id", "amend_id"),
)
F460_SUMMARY = Table(
    SCHEMA,
    "f460_summary",
    f"{SUMMARY_DESCRIPTION} Each filing's current version.",
    summary_columns(),
    key=("filing_id", "amend_id"),
)


def summary_view_sql(table: Table, *, current_only: bool) -> str:
    """The pivot of the summary lines into named columns (a line filed twice in a version is a finding)."""
    lines = F460_SUMMARY_LINES.all_versions_table().target()
    selects = []
    for (schedule, line), (name, _) in SUMMARY_LINES.items():
        where = f"schedule = {quote_literal(schedule)} AND line = {quote_literal(line)}"
        selects.append(f"max(amount_period) FILTER (WHERE {where}) AS {quote_identifier(name)}")
        if schedule == "F460" and line in YTD_LINES:
            selects.append(f"max(amount_ytd) FILTER (WHERE {where}) AS {quote_identifier(name + '_ytd')}")
    filter_current = "WHERE is_current\n" if current_only else ""
    return (
        f"CREATE OR REPLACE VIEW {table.target()} AS\n"
        f"SELECT filing_id, amend_id, is_current, filer_id,\n    " + ",\n    ".join(selects) + "\n"
        f"FROM {lines}\n{filter_current}GROUP BY filing_id, amend_id, is_current, filer_id"
    )


def tables() -> tuple[Table, ...]:
    """Every forms table, each form's latest (a view) then its all versions, in the dictionary's order."""
    listed: list[Table] = []
    for form in FORMS:
        listed += [form.latest_table(), form.all_versions_table()]
        if form is F460_SUMMARY_LINES:
            listed += [F460_SUMMARY, F460_SUMMARY_ALL_VERSIONS]
    return tuple(listed)


#: Every table of schema `forms`.
TABLES: tuple[Table, ...] = tables()
#: Those that are views over another (the latest versions, and the pivoted summary).
VIEWS: frozenset[str] = frozenset(
    [form.latest_table().qualified_name for form in FORMS]
    + [F460_SUMMARY.qualified_name, F460_SUMMARY_ALL_VERSIONS.qualified_name]
)

# --- The step ------------------------------------------------------------------------------------------


def unknown_code_sql(form: Form) -> str | None:
    """Findings for codes no list knows: one per table, column and code, with how many rows carry it."""
    target = form.all_versions_table()
    parts = [
        f"SELECT 'form code unknown', {quote_literal(target.qualified_name + '.' + (f.code_of or ''))}, "
        f"'code ' || {quote_identifier(f.code_of or '')} || ' on ' || count(*) "
        "|| ' rows: no list says what it means' "
        f"FROM {target.target()} WHERE {quote_identifier(f.code_of or '')} IS NOT NULL "
        f"AND {quote_identifier(f.column.name)} IS NULL GROUP BY {quote_identifier(f.code_of or '')}"
        for f in form.fields
        if f.code_of is not None
    ]
    if not parts:
        return None
    return "INSERT INTO process_finding\n" + "\nUNION ALL\n".join(parts)


def is_lobbying_form_type(expression: str) -> str:
    """The SQL condition that a FORM_TYPE is a lobbying form's or schedule's (the 600 series: F625, F635P3B,
    S640 ...): the rows of a table both domains share (SMRY_CD) that the lobbying forms account for."""
    return f"coalesce(regexp_matches({normalized(expression)}, '^[FS]6[0-9][0-9]'), false)"


@dataclass(frozen=True)
class FormSet:
    """One domain's forms, built by one step: each source table's rows accounted for whole (a row into a
    forms table or set aside with its reason), or, for a table two domains share, the part of it that is
    this domain's (`scopes`: raw table -> SQL condition on its row `item`)."""

    forms: tuple[Form, ...]
    #: the step's name, and the stem of its accounting's subjects ('forms' -> 'forms from rcpt_cd')
    step_name: str
    sql: Scripts
    scopes: Mapping[str, str]
    #: scripts run before the tables are filled (code lists, who filed), and after (the findings)
    scripts_before: tuple[str, ...] = ()
    scripts_after: tuple[str, ...] = ()
    #: the TEMP table the set-aside counts go to (the findings scripts read it)
    set_aside_table: str = "form_set_aside"

    @property
    def sources(self) -> tuple[str, ...]:
        """The raw tables that feed the forms."""
        return tuple(dict.fromkeys(form.raw_table for form in self.forms))

    def forms_of(self, raw_table: str) -> tuple[Form, ...]:
        return tuple(form for form in self.forms if form.raw_table == raw_table)

    def scope(self, raw_table: str) -> str:
        """The SQL condition on a raw row that it is this domain's to account for."""
        return self.scopes.get(raw_table, "true")

    def set_aside_sql(self, raw_table: str) -> str:
        """The rows of a source table (of this domain) no form takes, counted by FORM_TYPE with the reason."""
        taken = " OR ".join(f"({form.taken()})" for form in self.forms_of(raw_table))
        return (
            "SELECT "
            f"{quote_literal(raw_table)} AS calaccess_table, {normalized('item.form_type')} AS form_type,\n"
            "    CASE WHEN item.filing_id IS NULL OR item.amend_id IS NULL\n"
            "         THEN 'no filing version: FILING_ID or AMEND_ID missing'\n"
            "         ELSE 'FORM_TYPE ' || coalesce("
            + normalized("item.form_type")
            + ", 'blank') || ' is no form or "
            "schedule a forms table takes' END AS reason,\n"
            "    count(*) AS row_count\n"
            f"FROM raw.{quote_identifier(raw_table)} AS item\n"
            f"WHERE ({self.scope(raw_table)})\n"
            f"  AND (item.filing_id IS NULL OR item.amend_id IS NULL OR NOT coalesce({taken}, false))\n"
            "GROUP BY ALL"
        )

    def build(self, step: StepRun) -> None:
        """Create each forms table from its declaration, fill it from the raw rows, then the views over
        them, the unknown codes, and the set-aside counts (the findings scripts report them)."""
        con = step.con
        for name in self.scripts_before:
            step.script(name)
        for form in self.forms:
            con.execute(form.all_versions_table().create_sql(replace=True))
            con.execute(form.fill_sql())
            con.execute(form.number_repeats_sql())
            con.execute(form.view_sql())
            unknown = unknown_code_sql(form)
            if unknown is not None:
                con.execute(unknown)
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {self.set_aside_table} AS\n"
            + "\nUNION ALL\n".join(self.set_aside_sql(raw_table) for raw_table in self.sources)
        )
        for name in self.scripts_after:
            step.script(name)

    def account(self, raw_table: str) -> Account:
        """Every row of a source table (of this domain): into a forms table, or set aside with its reason."""
        made = self.forms_of(raw_table)
        counts = {
            "raw": f"SELECT count(*) FROM raw.{quote_identifier(raw_table)} AS item "
            f"WHERE {self.scope(raw_table)}",
            "set_aside": f"SELECT coalesce(sum(row_count), 0) FROM {self.set_aside_table} "
            f"WHERE calaccess_table = {quote_literal(raw_table)}",
        }
        for form in made:
            counts[form.name] = f"SELECT count(*) FROM {form.all_versions_table().target()}"
        current = " + ".join(f"(SELECT count(*) FROM {form.latest_table().target()})" for form in made)
        counts["current"] = f"SELECT {current}"
        taken = " + ".join(form.name for form in made)
        names = ", ".join(f"{{{form.name}}} {form.name}" for form in made)
        part = " (this domain's rows only)" if raw_table in self.scopes else ""
        return Account(
            f"{self.step_name} from {raw_table}",
            counts,
            rows_in="raw",
            rows_out=taken,
            rows_set_aside="set_aside",
            note=f"in: raw.{raw_table}{part}; out: every version's lines ({names}; {{current}} of current "
            "versions); set aside: FORM_TYPE of no forms table, or no version (a finding per FORM_TYPE)",
        )

    def step(self) -> Step:
        return Step(
            self.step_name,
            self.sql,
            python=self.build,
            accounts=tuple(self.account(raw_table) for raw_table in self.sources),
            makes=tuple(form.all_versions_table().qualified_name for form in self.forms),
        )


def build_summaries(step: StepRun) -> None:
    """The pivoted Form 460 summary views, over the summary lines the forms step filled."""
    step.con.execute(summary_view_sql(F460_SUMMARY_ALL_VERSIONS, current_only=False))
    step.con.execute(summary_view_sql(F460_SUMMARY, current_only=True))


CAMPAIGN = FormSet(
    FORMS,
    "forms",
    SQL,
    # the lobbying forms' summary lines (FORM_TYPE F625, F635P3B, S640 ...) are the lobbying forms' to count
    scopes={"smry_cd": f"NOT {is_lobbying_form_type('item.form_type')}"},
    scripts_before=("forms_codes",),
    scripts_after=("forms_findings",),
)

#: The raw tables that feed the forms, each accounted for whole: every row goes to one table or is set aside.
SOURCES: tuple[str, ...] = CAMPAIGN.sources


def forms_of(raw_table: str) -> tuple[Form, ...]:
    return CAMPAIGN.forms_of(raw_table)


def set_aside_sql(raw_table: str) -> str:
    return CAMPAIGN.set_aside_sql(raw_table)


def build(step: StepRun) -> None:
    """The campaign forms, then the pivoted summary views."""
    CAMPAIGN.build(step)
    build_summaries(step)


def account(raw_table: str) -> Account:
    return CAMPAIGN.account(raw_table)


FORMS_STEP = Step(
    "forms",
    SQL,
    python=build,
    accounts=tuple(account(raw_table) for raw_table in SOURCES),
    makes=tuple(form.all_versions_table().qualified_name for form in FORMS),
)

STEPS: tuple[Step, ...] = (FORMS_STEP,)
