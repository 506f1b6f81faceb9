"""Natural keys and the ids derived from them, shared by every processing step.

Ids come from `calaccess.ocd.make_id(type, *key)`: uuid5 over the JSON text of `[type, *key]`, so the same
election, post or contest gets the same id in every run and every published version. Set-based SQL needs the
same rule inside DuckDB, so `install(con)` creates macros that compute exactly that uuid5 (DuckDB's
`to_json` of a VARCHAR list spells the JSON as Python's compact `json.dumps` does); a test checks they agree.

The natural keys (the contract between the processing steps):
- post: (office key), where `office_key(text)` spells an office one way: 'ASSEMBLY 12', 'STATE SENATE 1',
  'BOARD OF EQUALIZATION 2', 'GOVERNOR'
- election: (name as CAL-ACCESS writes it); names are unique
- candidate_contest: (election name, office key, party organization id), the party only in a pre-2012
  partisan primary and for a partisan office (NULL otherwise: the Superintendent of Public Instruction is
  nonpartisan, and `candidate_contest_id_of` drops the party for it by itself)
- organization: (kind, name), e.g. ('legislature', 'California State Legislature'); parties ('party', NAME)
- ballot_measure_contest: (CAL-ACCESS measure id)
- retention_contest: (election name, office key)
- committee: (CAL-ACCESS filer id); a filing whose filer the export does not name: ('filing', filing id)
- filing: (CAL-ACCESS filing id); filing_action: (filing id, amendment id)
- transaction: (filing id, raw table, schedule (FORM_TYPE), TRAN_ID), and, for the second and later lines
  of one version that repeat all four, the occurrence number; a line without a TRAN_ID: (filing id, table,
  schedule, 'line', LINE_ITEM), which cannot be stable across amendments (they renumber lines)

- lobbying (its own namespaces, so nothing collides with the campaign records of the same filer id or
  filing): organization ('calaccess lobbying filer', filer id), for a firm, employer, coalition or spender,
  whatever its kind (a filer the sources classify differently keeps its id), and ('calaccess lobbying
  filing', filing id) for a filing that names no filer; person ('calaccess lobbyist', filer id), unless an
  ocd.person already carries that filer id; membership ('lobbying', lobbyist filer id, organization filer
  id, session); transaction ('lobbying', filing id, table, schedule, TRAN_ID or 'line' and LINE_ITEM, and
  the occurrence as above)

SQL macros, after `install(con)`: `make_id(type, parts VARCHAR[])`, `office_key(text)`, `post_id_of(text)`,
`election_id_of(name)`, `candidate_contest_id_of(election name, office text, party id)`,
`organization_id_of(kind, name)`, `committee_id_of(filer id)`; and `session_of(date)`, the two-year session
a date falls in, by year, named for its odd first year as the incumbents pages name it (2015: 2015 and 2016).
"""

from __future__ import annotations

import re

import duckdb

from calaccess.ocd import NAMESPACE, make_id
from calaccess.ocd.types import TYPES

_STATEWIDE_OFFICES = (
    "GOVERNOR",
    "LIEUTENANT GOVERNOR",
    "SECRETARY OF STATE",
    "CONTROLLER",
    "TREASURER",
    "ATTORNEY GENERAL",
    "INSURANCE COMMISSIONER",
    "SUPERINTENDENT OF PUBLIC INSTRUCTION",
)
STATEWIDE_OFFICES: tuple[str, ...] = _STATEWIDE_OFFICES
# Nonpartisan by the constitution (art. II, sec. 6): one contest for all parties even in a partisan primary.
NONPARTISAN_OFFICES: tuple[str, ...] = ("SUPERINTENDENT OF PUBLIC INSTRUCTION",)


# Control-character JSON escapes with hex letters: DuckDB writes them uppercase, json.dumps lowercase.
_UPPERCASE_ESCAPES = ("000B", "000E", "000F", "001A", "001B", "001C", "001D", "001E", "001F")

_SPACES = re.compile(r"\s+")
_DISTRICT_OFFICE = re.compile(
    r"^(?:MEMBER\s+)?(?:STATE\s+)?(ASSEMBLY|SENATE|BOARD OF EQUALIZATION)(?:\s+DISTRICT)?\s+0*(\d+)$"
)


def office_key(office: str | None) -> str | None:
    """One spelling per state office: 'STATE SENATE 01' and 'SENATE 1' are 'STATE SENATE 1'."""
    if office is None:
        return None
    text = _SPACES.sub(" ", office.replace("\xa0", " ")).strip().upper()
    if text.startswith("STATE "):
        rest = text.removeprefix("STATE ")
        if rest in ("CONTROLLER", "TREASURER", "SUPERINTENDENT OF PUBLIC INSTRUCTION"):
            text = rest
    match = _DISTRICT_OFFICE.match(text)
    if match:
        body, number = match.groups()
        name = "STATE SENATE" if body == "SENATE" else body
        return f"{name} {int(number)}"
    return text if text in _STATEWIDE_OFFICES else None


def post_id(office: str) -> str:
    key = office_key(office)
    if key is None:
        raise ValueError(f"not a state office: {office!r}")
    return make_id("post", key)


def election_id(name: str) -> str:
    return make_id("election", name)


def candidate_contest_id(election_name: str, office: str, party_id: str | None = None) -> str:
    key = office_key(office)
    if key is None:
        raise ValueError(f"not a state office: {office!r}")
    return make_id("candidate_contest", election_name, key, None if key in NONPARTISAN_OFFICES else party_id)


def organization_id(kind: str, name: str) -> str:
    return make_id("organization", kind, name)


def committee_id(filer_id: int | str) -> str:
    return make_id("committee", str(filer_id))


def unknown_filer_committee_id(filing_id: int) -> str:
    return make_id("committee", "filing", str(filing_id))


def filing_id(calaccess_filing_id: int) -> str:
    return make_id("filing", str(calaccess_filing_id))


def filing_action_id(calaccess_filing_id: int, amend_id: int) -> str:
    return make_id("filing_action", str(calaccess_filing_id), str(amend_id))


def transaction_id(
    calaccess_filing_id: int,
    table: str,
    schedule: str | None,
    tran_id: str | None,
    line_item: int | None = None,
    occurrence: int = 1,
) -> str:
    """A transaction's id: the same line of a filing keeps it across amendments (see the module docstring)."""
    parts: list[str | None] = [str(calaccess_filing_id), table, schedule]
    parts += [tran_id] if tran_id is not None else ["line", None if line_item is None else str(line_item)]
    if occurrence > 1:
        parts.append(str(occurrence))
    return make_id("transaction", *parts)


def lobbying_organization_id(filer_id: int | str) -> str:
    return make_id("organization", "calaccess lobbying filer", str(filer_id))


def lobbyist_person_id(filer_id: int | str) -> str:
    return make_id("person", "calaccess lobbyist", str(filer_id))


def lobbying_transaction_id(
    calaccess_filing_id: int,
    table: str,
    schedule: str | None,
    tran_id: str | None,
    line_item: int | None = None,
    occurrence: int = 1,
) -> str:
    """A lobbying schedule line's id: the campaign rule (see `transaction_id`) under its own namespace."""
    parts: list[str | None] = ["lobbying", str(calaccess_filing_id), table, schedule]
    parts += [tran_id] if tran_id is not None else ["line", None if line_item is None else str(line_item)]
    if occurrence > 1:
        parts.append(str(occurrence))
    return make_id("transaction", *parts)


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create the id macros on this connection (temporary: they live as long as the connection)."""
    # Constants of the ocd package (its namespace and id prefixes), not data: safe inside the macro text.
    prefix_cases = " ".join(f"WHEN '{t.table}' THEN '{t.id_prefix}'" for t in TYPES if t.id_style == "uuid")
    statewide = ", ".join(f"'{office}'" for office in STATEWIDE_OFFICES)
    nonpartisan = ", ".join(f"'{office}'" for office in NONPARTISAN_OFFICES)
    lowered = "t"
    for code in _UPPERCASE_ESCAPES:
        lowered = f"replace({lowered}, '\\u{code}', '\\u{code.lower()}')"
    # The replaces change nothing in a text without an escape: skipped there (nearly every id), they no longer
    # cost most of the time of making one.
    json_text = (
        "CASE WHEN contains(to_json(parts), '\\u') THEN lowered_escapes(to_json(parts)) "
        "ELSE to_json(parts) END"
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP MACRO uuid5_text(h) AS (
            substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-5' || substr(h, 14, 3) || '-'
            || substr('89ab', ((instr('0123456789abcdef', substr(h, 17, 1)) - 1) % 4) + 1, 1)
            || substr(h, 18, 3) || '-' || substr(h, 21, 12)
        );
        -- Python's json.dumps writes control characters as lowercase hex escapes, DuckDB as uppercase
        CREATE OR REPLACE TEMP MACRO lowered_escapes(t) AS (
            {lowered}
        );
        CREATE OR REPLACE TEMP MACRO json_text(parts) AS (
            {json_text}
        );
        CREATE OR REPLACE TEMP MACRO make_id(ocd_table, parts) AS (
            'ocd-' || (CASE ocd_table {prefix_cases} END) || '/'
            || uuid5_text(sha1(unhex('{NAMESPACE.hex}')
                               || encode(json_text(list_prepend(ocd_table, parts::VARCHAR[])))))
        );
        CREATE OR REPLACE TEMP MACRO office_text(office) AS (
            trim(regexp_replace(upper(replace(office, chr(160), ' ')), '\\s+', ' ', 'g'))
        );
        CREATE OR REPLACE TEMP MACRO office_key(office) AS (
            CASE
                WHEN regexp_matches(office_text(office),
                    '^(MEMBER )?(STATE )?(ASSEMBLY|SENATE|BOARD OF EQUALIZATION)( DISTRICT)? 0*[0-9]+$')
                THEN replace(regexp_extract(office_text(office),
                                            '(ASSEMBLY|SENATE|BOARD OF EQUALIZATION)', 1),
                             'SENATE', 'STATE SENATE')
                     || ' '
                     || CAST(CAST(regexp_extract(office_text(office), '([0-9]+)$', 1) AS INTEGER) AS VARCHAR)
                WHEN regexp_replace(office_text(office),
                        '^STATE (CONTROLLER|TREASURER|SUPERINTENDENT OF PUBLIC INSTRUCTION)$', '\\1')
                     IN ({statewide})
                THEN regexp_replace(office_text(office),
                        '^STATE (CONTROLLER|TREASURER|SUPERINTENDENT OF PUBLIC INSTRUCTION)$', '\\1')
            END
        );
        CREATE OR REPLACE TEMP MACRO post_id_of(office) AS (
            CASE WHEN office_key(office) IS NOT NULL THEN make_id('post', [office_key(office)]) END
        );
        CREATE OR REPLACE TEMP MACRO election_id_of(election_name) AS (
            make_id('election', [election_name])
        );
        CREATE OR REPLACE TEMP MACRO is_nonpartisan_office(office) AS (
            office_key(office) IN ({nonpartisan})
        );
        CREATE OR REPLACE TEMP MACRO candidate_contest_id_of(election_name, office, party_id) AS (
            CASE WHEN office_key(office) IS NOT NULL
                 THEN make_id('candidate_contest', [election_name, office_key(office),
                              CASE WHEN NOT is_nonpartisan_office(office) THEN party_id END]) END
        );
        CREATE OR REPLACE TEMP MACRO organization_id_of(kind, name) AS (
            make_id('organization', [kind, name])
        );
        CREATE OR REPLACE TEMP MACRO committee_id_of(filer_id) AS (
            make_id('committee', [CAST(filer_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO unknown_filer_committee_id_of(filing_id) AS (
            make_id('committee', ['filing', CAST(filing_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO filing_id_of(filing_id) AS (
            make_id('filing', [CAST(filing_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO filing_action_id_of(filing_id, amend_id) AS (
            make_id('filing_action', [CAST(filing_id AS VARCHAR), CAST(amend_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO transaction_id_of(filing_id, calaccess_table, schedule, tran_id,
                                                      line_item, occurrence) AS (
            make_id('transaction',
                    list_concat(
                        [CAST(filing_id AS VARCHAR), calaccess_table, schedule],
                        CASE WHEN tran_id IS NOT NULL THEN [tran_id]
                             ELSE ['line', CAST(line_item AS VARCHAR)] END,
                        CASE WHEN occurrence > 1 THEN [CAST(occurrence AS VARCHAR)] ELSE [] END))
        );
        CREATE OR REPLACE TEMP MACRO lobbying_organization_id_of(filer_id) AS (
            make_id('organization', ['calaccess lobbying filer', CAST(filer_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO unknown_lobbying_filer_id_of(filing_id) AS (
            make_id('organization', ['calaccess lobbying filing', CAST(filing_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO lobbyist_person_id_of(filer_id) AS (
            make_id('person', ['calaccess lobbyist', CAST(filer_id AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO lobbying_membership_id_of(lobbyist_id, organization_id, session) AS (
            make_id('membership', ['lobbying', CAST(lobbyist_id AS VARCHAR),
                                   CAST(organization_id AS VARCHAR), CAST(session AS VARCHAR)])
        );
        CREATE OR REPLACE TEMP MACRO lobbying_transaction_id_of(filing_id, calaccess_table, schedule, tran_id,
                                                               line_item, occurrence) AS (
            make_id('transaction',
                    list_concat(
                        ['lobbying', CAST(filing_id AS VARCHAR), calaccess_table, schedule],
                        CASE WHEN tran_id IS NOT NULL THEN [tran_id]
                             ELSE ['line', CAST(line_item AS VARCHAR)] END,
                        CASE WHEN occurrence > 1 THEN [CAST(occurrence AS VARCHAR)] ELSE [] END))
        );
        -- the two-year session a date falls in, named for its first (odd) year: 2015 for 2015 and 2016
        CREATE OR REPLACE TEMP MACRO session_of(day) AS (
            year(day) - (1 - year(day) % 2)
        );
        """
    )
