"""Lobbying: the form-level tables of Forms 601 to 690 (schema `forms`), the forms reporters know, as filed.

Declared as the campaign forms are (`calaccess.process.finance.forms`, whose machinery this reuses): each
form or schedule once, as a `Form` naming its raw table, the FORM_TYPE values that feed it and each output
column with the raw column it comes from. From that one declaration come the DDL, the SQL that fills the
table, the data dictionary (`docs/forms-tables.md`), the published schema and the row accounting. Every form
is two tables: `forms.<name>_all_versions` (every line of every version) and the view `forms.<name>` (the
lines of each filing's current version).

Who filed a lobbying filing (`filer_id`) comes from `lobbying_filing_filer` (forms_lobbying_filer.sql): the
state's index, FILER_FILINGS_CD, else the filer id the latest cover prints, through FILER_XREF_CD. The
entity codes (LBY lobbyist, FRM firm, LEM employer ...) are decoded from the one `entity` list of
`CODES`, shared with the campaign forms.

The lobbying reports' summary lines are SMRY_CD rows of FORM_TYPE F625, F635, F635P3B ..., a table both
domains share: the campaign forms account for its campaign rows, these for its 600-series rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from calaccess.process.finance.forms import (
    Field,
    Form,
    FormSet,
    amount,
    code,
    entity,
    field,
    is_lobbying_form_type,
    memo,
    normalized,
    person,
    same,
    text,
)
from calaccess.process.lobbying import SQL
from calaccess.process.runner import Step
from calaccess.tables import Table, quote_literal

FILERS = "lobbying_filing_filer"
FILERS_DESCRIPTION = (
    "as the lobbying forms resolve it (FILER_FILINGS_CD, else the latest cover's, through FILER_XREF_CD)"
)


def lobbying_form(
    name: str,
    title: str,
    description: str,
    raw_table: str,
    form_types: tuple[str, ...],
    fields: Iterable[Field],
    line_key: tuple[str, ...] = ("line_item", "tran_id"),
) -> Form:
    """A form of the lobbying domain: its filer from `lobbying_filing_filer`."""
    return Form(
        name,
        title,
        description,
        raw_table,
        form_types,
        tuple(fields),
        line_key,
        filers=FILERS,
        filers_description=FILERS_DESCRIPTION,
        filer_who="the lobbyist, firm, employer or other filer",
    )


def whole_name(prefix: str, raw: str, who: str) -> Field:
    """Only the whole name (first then last), where the parts add nothing a reader needs."""
    return field(
        f"{prefix}_name",
        "VARCHAR",
        f"Name of {who}, whole: first name then last name (or the organisation's name).",
        f"nullif(trim(concat_ws(' ', nullif(trim(item.{raw}_namf), ''), "
        f"nullif(trim(item.{raw}_naml), ''))), '')",
    )


def address(prefix: str, raw: str, who: str, *, phone: bool = False) -> list[Field]:
    fields = [
        text(f"{prefix}_city", f"City of {who}.", f"{raw}_city"),
        text(f"{prefix}_state", f"State of {who}, two letters.", f"{raw}_st"),
        text(f"{prefix}_zip", f"ZIP code of {who} (text: leading zeros kept).", f"{raw}_zip4"),
    ]
    if phone:
        fields.append(text(f"{prefix}_phone", f"Phone number of {who}.", f"{raw}_phon"))
    return fields


def checked(name: str, description: str, raw: str) -> Field:
    return same(name, "BOOLEAN", f"{description}: true when the box is checked, null when blank.", raw)


def signature() -> list[Field]:
    """Who signed the cover, where and when, as on every lobbying cover."""
    return [
        same("signed_date", "DATE", "Date the form was signed.", "sig_date"),
        text("signed_at", "City and state where the form was signed.", "sig_loc"),
        *person("signer", "sig", "the person who signed"),
        whole_name("signer_printed", "prn", "the signer, as printed under the signature"),
        text("signer_position", "Title or position of the person who signed (SIG_TITLE).", "sig_title"),
    ]


def filer_of_cover() -> list[Field]:
    return [
        text(
            "filer_id_as_written",
            "Filer id as the cover page prints it (may be an older cross-reference id).",
            "filer_id",
        ),
        text(
            "sender_id",
            "Filer id of who submitted the filing: the filer's, unless a firm or employer filed for it.",
            "sender_id",
        ),
        *entity("filer", "the filer (LBY lobbyist, FRM firm, LEM employer, LCO coalition ...)"),
        *person("filer", "filer", "the filer"),
        text("report_number", "Amendment number as the filer writes it (000 the original).", "report_num"),
        same("report_date", "DATE", "Date the filing was filed, as the filer gives it.", "rpt_date"),
    ]


# --- Registrations (CVR_REGISTRATION_CD, CVR2_REGISTRATION_CD, LEMP_CD) -----------------------------------


def registration(name: str, form: str, title: str, description: str) -> Form:
    """A registration cover (CVR_REGISTRATION_CD): Forms 601 to 607 share its columns, each filling some."""
    return lobbying_form(
        name,
        title,
        description,
        "cvr_registration_cd",
        (form,),
        (
            *filer_of_cover(),
            text(
                "session_start_year",
                "First year of the legislative session the registration is for.",
                "ls_beg_yr",
            ),
            text(
                "session_end_year",
                "Last year of the legislative session the registration is for.",
                "ls_end_yr",
            ),
            same("qualified_date", "DATE", "Date the registrant qualified (Forms 601 and 603).", "qual_date"),
            same(
                "effective_date",
                "DATE",
                "Date the registration, authorisation or contract took effect (or, Forms 606 and 607, "
                "ended).",
                "eff_date",
            ),
            *address("business", "bus", "the filer's business", phone=True),
            text("business_fax", "Fax number of the filer's business.", "bus_fax"),
            text("business_email", "Email address of the filer's business.", "bus_email"),
            *address("mailing", "mail", "the filer's mailing address", phone=True),
            text("firm_name", "Name of the lobbying firm, employer or coalition named.", "firm_name"),
            text(
                "responsible_officer_firm",
                "Lobbying firm named in the responsible officer's statement (Form 601).",
                "stmt_firm",
            ),
            checked("is_individual", "Registrant is an individual", "ind_cb"),
            checked("is_business", "Registrant is a business", "bus_cb"),
            checked(
                "is_trade_association", "Registrant is an industry, trade or professional body", "trade_cb"
            ),
            checked("is_other_kind", "Registrant is another kind of entity", "oth_cb"),
            text(
                "individual_or_business_name",
                "Name of the individual or business entity (Form 603).",
                "a_b_name",
            ),
            *address("individual_or_business", "a_b", "that individual or business"),
            text(
                "business_description",
                "Business activity, industry or other kind of registrant, as described.",
                "descrip_1",
            ),
            text("lobbying_interests_description", "Specific lobbying interests, as described.", "descrip_2"),
            text(
                "fewer_than_50_members",
                "Box for an association with fewer than 50 members, as written (usually X).",
                "c_less50",
            ),
            text(
                "at_least_50_members",
                "Box for an association with 50 members or more, as written (usually X).",
                "c_more50",
            ),
            text(
                "industry_class",
                "Industry class of the registrant (AGR, EDU, FIN ...), as filed.",
                "ind_class",
            ),
            text("industry_description", "Industry, written out when the class is other.", "ind_descr"),
            text(
                "business_class",
                "Business class of the registrant (FIN, MAN, OIL ...), as filed.",
                "bus_class",
            ),
            text("business_class_description", "Business, written out when the class is other.", "bus_descr"),
            text("authorised_firm_name", "Lobbying firm authorised to lobby (Form 602).", "auth_name"),
            *address("authorised_firm", "auth", "the authorised lobbying firm"),
            text("lobbying_interests", "Lobbying interests, part III (Form 603).", "lobby_int"),
            same(
                "influences_legislation",
                "BOOLEAN",
                "Whether the registrant attempts to influence state legislation.",
                "influen_yn",
            ),
            checked("is_new_certification", "New lobbyist certification (Form 604)", "newcert_cb"),
            checked("is_renewal_certification", "Renewal of the certification (Form 604)", "rencert_cb"),
            same(
                "ethics_course_date",
                "DATE",
                "Date the lobbyist completed the ethics orientation (Form 604).",
                "complet_dt",
            ),
            checked(
                "agencies_on_registration",
                "The agencies lobbied are listed on the Form 601 or 603 (Form 604)",
                "lby_reg_cb",
            ),
            checked(
                "agencies_on_this_form", "The agencies lobbied are listed on this Form 604", "lby_604_cb"
            ),
            same(
                "lobbies_legislature",
                "BOOLEAN",
                "Whether the lobbyist will lobby the state legislature (Form 604).",
                "st_leg_yn",
            ),
            text("state_agencies", "State agencies the lobbyist will lobby (Form 604).", "st_agency"),
            checked("is_lobbyist", "The filer lobbies within the meaning of the law (Form 607)", "lobby_cb"),
            checked(
                "is_lobbying_firm",
                "The filer is a lobbying firm within the law's meaning (Form 607)",
                "l_firm_cb",
            ),
            *signature(),
        ),
        line_key=(),
    )


F601_COVER = registration(
    "f601_cover",
    "F601",
    "Form 601 cover page, lobbying firm registration statement",
    "the lobbying firm's registration for a legislative session: the firm, its business and mailing "
    "addresses, when it qualified, and who signed.",
)
F602_COVER = registration(
    "f602_cover",
    "F602",
    "Form 602 cover page, lobbying firm activity authorisation",
    "a lobbyist employer's authorisation of a lobbying firm to lobby for it: the employer (the filer), "
    "the firm authorised, and the lobbying interests.",
)
F603_COVER = registration(
    "f603_cover",
    "F603",
    "Form 603 cover page, lobbyist employer or lobbying coalition registration statement",
    "the employer's or coalition's registration for a session: who it is (individual, business, "
    "association), its industry or business class and its lobbying interests.",
)
F604_COVER = registration(
    "f604_cover",
    "F604",
    "Form 604, lobbyist certification statement",
    "a lobbyist's certification: the lobbyist, the firm or employer, the ethics course and the agencies "
    "lobbied.",
)
F606_COVER = registration(
    "f606_cover",
    "F606",
    "Form 606, notice of termination",
    "a lobbyist's, firm's or employer's notice that it ended its registration (`effective_date` the day).",
)
F607_COVER = registration(
    "f607_cover",
    "F607",
    "Form 607, notice of withdrawal",
    "a notice that the filer withdraws its registration, not being a lobbyist or firm within the meaning "
    "of the law.",
)


def names(name: str, raw_table: str, form: str, title: str, description: str) -> Form:
    """The names a cover page lists beyond its own (CVR2_REGISTRATION_CD, CVR2_LOBBY_DISCLOSURE_CD)."""
    fields = [
        *code(
            "entity_type", "entity", "Who the name is (ENTITY_CD: LBY lobbyist, PTN partner ...)", "entity_cd"
        ),
        text("entity_id", "Filer id of the person or body named, when it has one.", "entity_id"),
        *person("entity", "enty", "the person or body named"),
    ]
    if raw_table == "cvr2_lobby_disclosure_cd":
        fields.append(
            text(
                "entity_position",
                "Title or position of the partner, owner or officer (ENTY_TITLE).",
                "enty_title",
            )
        )
    return lobbying_form(name, title, description, raw_table, (form,), fields)


F601_NAMES = names(
    "f601_names",
    "cvr2_registration_cd",
    "F601",
    "Form 601 part 1, the firm's lobbyists and others named",
    "the partners, owners, officers and employees of the firm who are lobbyists, and other names the "
    "registration lists (`entity_type` says who each is).",
)
F602_NAMES = names(
    "f602_names",
    "cvr2_registration_cd",
    "F602",
    "Form 602, the coalition members and subcontracted clients named",
    "the names the authorisation lists: members of a lobbying coalition, subcontracted clients.",
)
F603_NAMES = names(
    "f603_names",
    "cvr2_registration_cd",
    "F603",
    "Form 603, the employer's lobbyists, firms, coalition members and agencies named",
    "the in-house employee lobbyists, the lobbying firms retained, the coalition's members and the state "
    "agencies to be lobbied, each one line (`entity_type` says which).",
)


def clients(name: str, form_type: str, title: str, description: str) -> Form:
    """The employers and clients of a lobbying firm's registration (LEMP_CD)."""
    return lobbying_form(
        name,
        title,
        description,
        "lemp_cd",
        (form_type,),
        (
            text("client_id", "Filer id of the lobbyist employer or client.", "client_id"),
            *person("client", "cli", "the lobbyist employer or client"),
            *address("client", "cli", "the lobbyist employer or client", phone=True),
            same("effective_date", "DATE", "Date the lobbying contract took effect.", "eff_date"),
            text(
                "contract_period",
                "Period of the lobbying contract, as written (Continuing ...).",
                "con_period",
            ),
            text("agencies", "Agencies to be lobbied for this employer or client.", "agencylist"),
            text(
                "lobbying_interests",
                "The employer's or client's lobbying interests, as described.",
                "descrip",
            ),
            text("subcontracting_firm_id", "Filer id of the subcontracting lobbying firm.", "subfirm_id"),
            text("subcontracting_firm_name", "Name of the subcontracting lobbying firm.", "sub_name"),
            *address("subcontracting_firm", "sub", "the subcontracting lobbying firm", phone=True),
        ),
        line_key=("line_item",),
    )


F601_EMPLOYERS = clients(
    "f601_employers",
    "F601P2A",
    "Form 601 part 2A, the firm's lobbyist employers",
    "each employer that retains the firm: its address, the contract's period, the agencies to be lobbied "
    "and its lobbying interests.",
)
F601_SUBCONTRACTED_CLIENTS = clients(
    "f601_subcontracted_clients",
    "F601P2B",
    "Form 601 part 2B, the firm's subcontracted clients",
    "each client the firm lobbies for under a subcontract, and the firm that subcontracted it.",
)

F605_AMENDMENTS = lobbying_form(
    "f605_amendments",
    "Form 605, amendments to a registration statement",
    "each amendment to a Form 601, 602 or 603 (`schedule` says which): a lobbyist, employer or firm "
    "added or deleted, and when, or another change described.",
    "lobby_amendments_cd",
    ("F601", "F602", "F603"),
    (
        same("signed_date", "DATE", "Date the amendment was signed.", "exec_date"),
        same("period_start", "DATE", "First day of the period of the registration amended.", "from_date"),
        same("period_end", "DATE", "Last day of the period of the registration amended.", "thru_date"),
        checked("adds_lobbyist", "A lobbyist is added", "add_l_cb"),
        same("added_lobbyist_date", "DATE", "Date the added lobbyist takes effect.", "add_l_eff"),
        *person("added_lobbyist", "a_l", "the lobbyist added"),
        checked("deletes_lobbyist", "A lobbyist is deleted", "del_l_cb"),
        same("deleted_lobbyist_date", "DATE", "Date the deletion of the lobbyist takes effect.", "del_l_eff"),
        *person("deleted_lobbyist", "d_l", "the lobbyist deleted"),
        checked("adds_employer", "A lobbyist employer is added", "add_le_cb"),
        same("added_employer_date", "DATE", "Date the added employer takes effect.", "add_le_eff"),
        *person("added_employer", "a_le", "the lobbyist employer added"),
        checked("deletes_employer", "A lobbyist employer is deleted", "del_le_cb"),
        same(
            "deleted_employer_date", "DATE", "Date the deletion of the employer takes effect.", "del_le_eff"
        ),
        *person("deleted_employer", "d_le", "the lobbyist employer deleted"),
        checked("adds_firm", "A lobbying firm is added", "add_lf_cb"),
        same("added_firm_date", "DATE", "Date the added firm takes effect.", "add_lf_eff"),
        text("added_firm_name", "Name of the lobbying firm added.", "a_lf_name"),
        checked("deletes_firm", "A lobbying firm is deleted", "del_lf_cb"),
        same("deleted_firm_date", "DATE", "Date the deletion of the firm takes effect.", "del_lf_eff"),
        text("deleted_firm_name", "Name of the lobbying firm deleted.", "d_lf_name"),
        checked("other_change", "Another amendment is made", "other_cb"),
        same("other_change_date", "DATE", "Date the other amendment takes effect.", "other_eff"),
        text("other_change_description", "The other amendment, described.", "other_desc"),
        checked(
            "ceases_all_lobbying", "The lobbyist ceases all lobbying activity (Form 606 part)", "f606_yes"
        ),
        checked(
            "leaves_employment_only",
            "The lobbyist leaves this employment but stays active (Form 606 part)",
            "f606_no",
        ),
    ),
    line_key=(),
)

# --- Disclosure reports (CVR_LOBBY_DISCLOSURE_CD and their schedules) ------------------------------------


def report(name: str, form: str, title: str, description: str) -> Form:
    """A disclosure report's cover (CVR_LOBBY_DISCLOSURE_CD): Forms 615, 625, 635 and 645."""
    return lobbying_form(
        name,
        title,
        description,
        "cvr_lobby_disclosure_cd",
        (form,),
        (
            *filer_of_cover(),
            same("period_start", "DATE", "First day of the period the report covers.", "from_date"),
            same("period_end", "DATE", "Last day of the period the report covers.", "thru_date"),
            same(
                "cumulative_period_start",
                "DATE",
                "First day of the cumulative period (the legislative session to date).",
                "cum_beg_dt",
            ),
            text("firm_id", "Filer id of the lobbying firm, employer or coalition named.", "firm_id"),
            text("firm_name", "Name of the lobbying firm, employer or coalition named.", "firm_name"),
            *address("firm", "firm", "that firm, employer or coalition", phone=True),
            *address("mailing", "mail", "the filer's mailing address", phone=True),
            checked("no_part_1_activity", "No part I information to report (Form 615)", "nopart1_cb"),
            checked("no_part_2_activity", "No part II information to report (Form 615)", "nopart2_cb"),
            checked(
                "partners_reports_attached",
                "Partners' and owners' Forms 615 attached (Form 625)",
                "part1_1_cb",
            ),
            checked("partners_listed", "Partners and owners listed on the report (Form 625)", "part1_2_cb"),
            checked(
                "made_no_contributions", "No campaign contributions made (Forms 625, 635, 645)", "ctrib_n_cb"
            ),
            checked("made_contributions", "Campaign contributions made, part 4 attached", "ctrib_y_cb"),
            text(
                "lobbying_activity",
                "The legislative or administrative actions lobbied, as described (Forms 635 and 645).",
                "lby_actvty",
            ),
            checked("no_lobbying_activity", "No lobbying activity this period (Form 625)", "lobby_n_cb"),
            checked(
                "lobbying_activity_attached",
                "Lobbying activity reported on an attached Form 630",
                "lobby_y_cb",
            ),
            *person("major_donor", "major", "the major donor the filer also is (Forms 625, 635, 645)"),
            text(
                "committee_name", "Name of the filer's own recipient committee, if it has one.", "rcpcmte_nm"
            ),
            text(
                "committee_id",
                "Filer id of the filer's recipient committee or major donor filing.",
                "rcpcmte_id",
            ),
            *signature(),
        ),
        line_key=(),
    )


F615_COVER = report(
    "f615_cover",
    "F615",
    "Form 615 cover page, lobbyist report",
    "a lobbyist's quarterly report: the lobbyist, the firm or employer, the period.",
)
F625_COVER = report(
    "f625_cover",
    "F625",
    "Form 625 cover page, report of lobbying firm",
    "a lobbying firm's quarterly report: the firm, the period, and whether it lobbied and contributed.",
)
F635_COVER = report(
    "f635_cover",
    "F635",
    "Form 635 cover page, report of lobbyist employer or lobbying coalition",
    "an employer's or coalition's quarterly report: the employer, the period, the actions it lobbied.",
)
F645_COVER = report(
    "f645_cover",
    "F645",
    "Form 645 cover page, report of person spending $5,000 or more",
    "the quarterly report of a person who spent $5,000 or more in a quarter to influence legislative or "
    "administrative action without employing a lobbyist.",
)

F625_NAMES = names(
    "f625_names",
    "cvr2_lobby_disclosure_cd",
    "F625",
    "Form 625 part 1, the firm's partners, owners, officers and employees",
    "each partner, owner, officer and employee the report names (`entity_type`), with their title.",
)
F635_NAMES = names(
    "f635_names",
    "cvr2_lobby_disclosure_cd",
    "F635",
    "Form 635 part 2, the employer's partners, owners and employees whose Forms 615 are attached",
    "each person the report names (`entity_type`), with their title.",
)


def payments(name: str, form_type: str, title: str, description: str, who: str, prefix: str) -> Form:
    """LPAY_CD: payments a firm received from an employer (625 part 2), or an employer made to a firm (635
    part 3B); `who` the other party, the one the line names."""
    return lobbying_form(
        name,
        title,
        description,
        "lpay_cd",
        (form_type,),
        (
            *entity(prefix, f"the {who}"),
            text(f"{prefix}_id", f"Filer id of the {who}.", "emplr_id"),
            *person(prefix, "emplr", f"the {who}"),
            *address(prefix, "emplr", f"the {who}", phone=True),
            text("lobbying_activity", "The lobbying activity paid for, as described.", "lby_actvty"),
            amount("fees", "Fees and retainers", "fees_amt"),
            amount("reimbursements", "Reimbursements of expenses", "reimb_amt"),
            amount("advances", "Advances and other payments", "advan_amt"),
            text("advances_description", "The advances and other payments, described.", "advan_dscr"),
            amount("period_total", "Total of the line for the reporting period", "per_total"),
            amount("session_total", "Total of the line for the legislative session to date", "cum_total"),
            *memo(),
            text(
                "parent_tran_id",
                "Transaction id of the line this one details (a sub-item's parent).",
                "bakref_tid",
            ),
        ),
    )


F625_PAYMENTS_RECEIVED = payments(
    "f625_payments_received",
    "F625P2",
    "Form 625 part 2, payments received by the lobbying firm",
    "each employer or client that paid the firm this period: fees, reimbursements, advances, the period's "
    "and the session's totals.",
    "lobbyist employer or client that paid",
    "employer",
)
F635_PAYMENTS_TO_FIRMS = payments(
    "f635_payments_to_firms",
    "F635P3B",
    "Form 635 part 3B, payments to lobbying firms",
    "each lobbying firm the employer paid this period: fees, reimbursements, advances, the period's and "
    "the session's totals.",
    "lobbying firm paid",
    "firm",
)


def activity_expenses(name: str, form_type: str, title: str, description: str) -> Form:
    """LEXP_CD: an activity expense (a gift, a meal ...) for an official, its payee and beneficiary."""
    return lobbying_form(
        name,
        title,
        description,
        "lexp_cd",
        (form_type,),
        (
            text(
                "record_subtype",
                "RECSUBTYPE as filed: 1 the expense (payee and amount), 2 a further beneficiary of an "
                "expense "
                "(its amount is the benefit only; inferred from the sample).",
                "recsubtype",
            ),
            *entity("payee", "the payee"),
            *person("payee", "payee", "the payee (the restaurant, hotel ... paid)"),
            *address("payee", "payee", "the payee"),
            text("credit_card_company", "Name of the credit card company, when paid by card.", "credcardco"),
            text(
                "beneficiary_name",
                "Name of the official or other person who benefited, as printed.",
                "bene_name",
            ),
            text(
                "beneficiary_position",
                "Official position of the person who benefited, as printed (or their relation to one).",
                "bene_posit",
            ),
            amount("beneficiary_amount", "Amount of the benefit to that person", "bene_amt"),
            text(
                "description", "What the expense was (a lunch, a reception ...), as described.", "expn_dscr"
            ),
            same("date", "DATE", "Date of the expense.", "expn_date"),
            amount("amount", "Amount of the whole expense", "amount"),
            *memo(),
            text(
                "parent_tran_id",
                "Transaction id of the line this one details (a sub-item's parent).",
                "bakref_tid",
            ),
        ),
    )


F615_ACTIVITY_EXPENSES = activity_expenses(
    "f615_activity_expenses",
    "F615P1",
    "Form 615 part 1, activity expenses paid, incurred, arranged or provided by the lobbyist",
    "each gift, meal or other benefit for an official: the payee, the beneficiary and the amounts.",
)
F625_ACTIVITY_EXPENSES = activity_expenses(
    "f625_activity_expenses",
    "F625P3A",
    "Form 625 part 3A, the lobbying firm's activity expenses",
    "each gift, meal or other benefit for an official the firm paid: the payee, the beneficiary and the "
    "amounts.",
)
F635_ACTIVITY_EXPENSES = activity_expenses(
    "f635_activity_expenses",
    "F635P3C",
    "Form 635 part 3C, the employer's activity expenses",
    "each gift, meal or other benefit for an official the employer paid: the payee, the beneficiary and "
    "the amounts.",
)
F645_ACTIVITY_EXPENSES = activity_expenses(
    "f645_activity_expenses",
    "F645P2A",
    "Form 645 part 2A, activity expenses",
    "each gift, meal or other benefit for an official: the payee, the beneficiary and the amounts.",
)


def contributions(name: str, form_type: str, title: str, description: str) -> Form:
    """LCCM_CD: a campaign contribution the filer made or delivered."""
    return lobbying_form(
        name,
        title,
        description,
        "lccm_cd",
        (form_type,),
        (
            *entity("recipient", "the recipient"),
            text("recipient_id", "Filer id of the recipient committee, as filed.", "recip_id"),
            *person("recipient", "recip", "the recipient (a candidate or committee)"),
            *address("recipient", "recip", "the recipient"),
            *person("contributor", "ctrib", "the contributor, when not the filer (a lobbyist delivering it)"),
            same("date", "DATE", "Date the contribution was made.", "ctrib_date"),
            amount("amount", "Amount of the contribution", "amount"),
            *memo(),
            text(
                "parent_tran_id",
                "Transaction id of the line this one details (a sub-item's parent).",
                "bakref_tid",
            ),
        ),
    )


F615_CONTRIBUTIONS = contributions(
    "f615_contributions",
    "F615P2",
    "Form 615 part 2, campaign contributions made or delivered by the lobbyist",
    "each contribution of $100 or more the lobbyist made or delivered.",
)
F625_CONTRIBUTIONS = contributions(
    "f625_contributions",
    "F625P4B",
    "Form 625 part 4, campaign contributions made by the lobbying firm",
    "each contribution of $100 or more the firm made.",
)
F635_CONTRIBUTIONS = contributions(
    "f635_contributions",
    "F635P4B",
    "Form 635 part 4, campaign contributions made by the employer",
    "each contribution of $100 or more the employer made.",
)
F645_CONTRIBUTIONS = contributions(
    "f645_contributions",
    "F645P3B",
    "Form 645 part 3, campaign contributions made",
    "each contribution of $100 or more the filer made.",
)

F625_PAYMENTS_MADE = lobbying_form(
    "f625_payments_made",
    "Form 625 part 3B, payments made by the lobbying firm",
    "each payment the firm made to another lobbying firm in connection with lobbying, and the employer "
    "or client on whose behalf.",
    "loth_cd",
    ("F625P3B",),
    (
        text("payee_firm_name", "Name of the lobbying firm paid.", "firm_name"),
        *address("payee_firm", "firm", "the lobbying firm paid", phone=True),
        *person("on_behalf_of", "subj", "the employer or client on whose behalf the lobbying was done"),
        same("date", "DATE", "Date of the payment.", "pmt_date"),
        amount("amount", "Amount paid this period", "amount"),
        amount("session_total", "Total paid for the session to date", "cum_amt"),
        *memo(),
    ),
)


def attachment(name: str, form_type: str, title: str, description: str, who: str) -> Form:
    """LATT_CD: the schedules attached to a report (630, 635-C, 640): a payment and its other party."""
    return lobbying_form(
        name,
        title,
        description,
        "latt_cd",
        (form_type,),
        (
            *entity("party", f"the {who}"),
            *person("party", "recip", f"the {who}"),
            *address("party", "recip", f"the {who}"),
            same("date", "DATE", "Date of the payment.", "pmt_date"),
            amount("amount", "Amount this period", "amount"),
            amount("cumulative_amount", "Total for the cumulative period to date", "cum_amt"),
            field(
                "cumulative_period_start",
                "DATE",
                "First day of the cumulative period (the old system's empty date, 1899-12-30, as NULL).",
                "nullif(item.cumbeg_dt, DATE '1899-12-30')",
            ),
            *memo(),
        ),
    )


S630_PAYMENTS_TO_COALITIONS = attachment(
    "s630_payments_to_coalitions",
    "S630",
    "Schedule 630, payments made to lobbying coalitions",
    "each lobbying coalition the filer (a firm or employer) paid, attached to its Form 625 or 635.",
    "lobbying coalition paid",
)
S635C_PAYMENTS_RECEIVED = attachment(
    "s635c_payments_received",
    "S635-C",
    "Schedule 635-C, payments received by a lobbying coalition",
    "each member that paid the coalition, attached to its Form 635.",
    "member or other payer",
)
S640_OTHER_PAYMENTS = attachment(
    "s640_other_payments",
    "S640",
    "Schedule 640, governmental agencies reporting other payments to influence legislative or "
    "administrative action",
    "each payment a governmental agency made to influence legislative or administrative action, attached "
    "to its Form 635 or 645.",
    "payee",
)

F690_AMENDMENTS = lobbying_form(
    "f690_amendments",
    "Form 690, amendments to a lobbying disclosure report",
    "each amendment to a Form 615, 625, 635 or 645 (`schedule` says which): the parts and sections it "
    "changes and the change, described.",
    "f690p2_cd",
    ("F615", "F625", "F635", "F645"),
    (
        same(
            "signed_date",
            "DATE",
            "Date the original report, or the amendment it changes, was signed.",
            "exec_date",
        ),
        same("period_start", "DATE", "First day of the period of the report amended.", "from_date"),
        same("period_end", "DATE", "Last day of the period of the report amended.", "thru_date"),
        text(
            "parts_changed", "Parts of the report the amendment changes, as written (I, IV ...).", "chg_parts"
        ),
        text("sections_changed", "Sections of the report the amendment changes, as written.", "chg_sects"),
        text("description", "The changes, described.", "amend_txt1"),
    ),
    line_key=("line_item",),
)

# --- Summary lines (SMRY_CD, FORM_TYPE of the 600 series) --------------------------------------------------

#: What each lobbying summary line is, where the paper form says so: (FORM_TYPE, LINE_ITEM) -> description.
#: Form 635's cover summarises part III by section (A to E, and ABCD the total of A to D) and each section
#: ends on a total line (0); the lines of sections A and D (1, 2, 3) and Form 625's lettered lines follow
#: the paper form, their meaning not confirmed by any source: no description, never compared.
SUMMARY_LINES: Mapping[tuple[str, str], str] = {
    ("F635", "A"): "Part III A: payments to in-house employee lobbyists",
    ("F635", "B"): "Part III B: payments to lobbying firms",
    ("F635", "C"): "Part III C: activity expenses",
    ("F635", "D"): "Part III D: other payments to influence legislative or administrative action",
    ("F635", "ABCD"): "Part III: total payments this period (sections A to D)",
    ("F635", "E"): "Part III E: payments in connection with administrative testimony in ratemaking "
    "proceedings before the Public Utilities Commission",
    ("F635P3B", "0"): "Part III B: total payments to lobbying firms",
    ("F635P3C", "0"): "Part III C: total activity expenses",
    ("F635P3E", "0"): "Part III E: total payments for ratemaking testimony",
    ("F625P2", "0"): "Part II: total payments received",
    ("F625P3B", "0"): "Part III B: total payments made",
}


def summary_line_description() -> str:
    branches = " ".join(
        f"WHEN {quote_literal(form_type + '/' + line)} THEN {quote_literal(description)}"
        for (form_type, line), description in SUMMARY_LINES.items()
    )
    return f"CASE {normalized('item.form_type')} || '/' || trim(item.line_item) {branches} END"


def summary_lines(name: str, title: str, description: str, form_types: tuple[str, ...]) -> Form:
    return lobbying_form(
        name,
        title,
        description,
        "smry_cd",
        form_types,
        (
            text("line", "Line of the summary, as filed (a letter, a number, ABCD).", "line_item"),
            field(
                "line_description",
                "VARCHAR",
                "What the line is (from the paper form); NULL where no source confirms the line's meaning.",
                summary_line_description(),
            ),
            amount("amount_period", "Column A: this period", "amount_a"),
            amount("amount_cumulative", "Column B: the cumulative period (the session to date)", "amount_b"),
            amount(
                "amount_column_c",
                "Column C, which few filings fill; its meaning is not documented",
                "amount_c",
            ),
        ),
        line_key=("schedule", "line"),
    )


F625_SUMMARY_LINES = summary_lines(
    "f625_summary_lines",
    "Form 625 summary lines",
    "each total line of the lobbying firm's report: the cover's summary and each part's total.",
    ("F625", "F625P2", "F625P3A", "F625P3B"),
)
F635_SUMMARY_LINES = summary_lines(
    "f635_summary_lines",
    "Form 635 summary lines",
    "each total line of the employer's report: the cover's summary of part III by section, and each "
    "section's total.",
    ("F635", "F635P3A", "F635P3B", "F635P3C", "F635P3D", "F635P3E"),
)
F645_SUMMARY_LINES = summary_lines(
    "f645_summary_lines",
    "Form 645 summary lines",
    "each total line of the report of a person spending $5,000 or more.",
    ("F645", "F645P2A", "F645P2B", "F645P2C"),
)
S640_SUMMARY_LINES = summary_lines(
    "s640_summary_lines",
    "Schedule 640 summary lines",
    "each total line of a governmental agency's schedule of other payments.",
    ("S640",),
)

#: Every lobbying form, in the order of the data dictionary.
FORMS: tuple[Form, ...] = (
    F601_COVER,
    F601_NAMES,
    F601_EMPLOYERS,
    F601_SUBCONTRACTED_CLIENTS,
    F602_COVER,
    F602_NAMES,
    F603_COVER,
    F603_NAMES,
    F604_COVER,
    F605_AMENDMENTS,
    F606_COVER,
    F607_COVER,
    F615_COVER,
    F615_ACTIVITY_EXPENSES,
    F615_CONTRIBUTIONS,
    F625_COVER,
    F625_NAMES,
    F625_PAYMENTS_RECEIVED,
    F625_ACTIVITY_EXPENSES,
    F625_PAYMENTS_MADE,
    F625_CONTRIBUTIONS,
    F625_SUMMARY_LINES,
    F635_COVER,
    F635_NAMES,
    F635_PAYMENTS_TO_FIRMS,
    F635_ACTIVITY_EXPENSES,
    F635_CONTRIBUTIONS,
    F635_SUMMARY_LINES,
    F645_COVER,
    F645_ACTIVITY_EXPENSES,
    F645_CONTRIBUTIONS,
    F645_SUMMARY_LINES,
    S630_PAYMENTS_TO_COALITIONS,
    S635C_PAYMENTS_RECEIVED,
    S640_OTHER_PAYMENTS,
    S640_SUMMARY_LINES,
    F690_AMENDMENTS,
)

LOBBYING = FormSet(
    FORMS,
    "lobbying forms",
    SQL,
    # SMRY_CD is shared: its campaign rows are the campaign forms' to count
    scopes={"smry_cd": is_lobbying_form_type("item.form_type")},
    scripts_before=("forms_lobbying_filer",),
    scripts_after=("forms_lobbying_findings",),
    set_aside_table="lobbying_form_set_aside",
)

#: The raw tables that feed the lobbying forms.
SOURCES: tuple[str, ...] = LOBBYING.sources


def tables() -> tuple[Table, ...]:
    """Every lobbying forms table, each form's latest (a view) then its all versions."""
    listed: list[Table] = []
    for form in FORMS:
        listed += [form.latest_table(), form.all_versions_table()]
    return tuple(listed)


#: Every lobbying table of schema `forms`.
TABLES: tuple[Table, ...] = tables()
#: Those that are views (the latest versions).
VIEWS: frozenset[str] = frozenset(form.latest_table().qualified_name for form in FORMS)

FORMS_STEP: Step = LOBBYING.step()

STEPS: tuple[Step, ...] = (FORMS_STEP,)
