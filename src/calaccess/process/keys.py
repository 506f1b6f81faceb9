"""Natural keys and the ids derived from them, shared by every processing step.

Every OCD id we make is `ocd-<type>/<uuid5(namespace, natural key)>`, so the same election, post or
contest gets the same id in every run and every published version. The same rule exists twice, once in
Python (for the few rows Python builds) and once as DuckDB macros (for set-based SQL); a test checks that
they agree. Keys are built from parts joined by `|` with empty parts skipped, which is what SQL's
`concat_ws` does with NULLs, so `natural_key(...)` and `concat_ws('|', ...)` give the same string.

Contract for the other steps (all macros exist once `install(con)` has run on the connection):
- `ocd_id(type, key)`                 -> 'ocd-<type>/<uuid5>' (type: election, contest, post, ...)
- `office_key(office_text)`           -> an office as one canonical string: 'ASSEMBLY 12', 'STATE SENATE 1',
                                         'BOARD OF EQUALIZATION 2', 'GOVERNOR', ... (None when not a state office)
- `post_id_of(office_text)`           -> the Post id for that office
- `election_id_of(election_name)`     -> the Election id for a name as CAL-ACCESS writes it
- `candidate_contest_id_of(election_name, office_text, party_key)` -> the CandidateContest id; party_key is
                                         NULL except in a pre-2012 partisan primary (then the party's key)
- `organization_id_of(key)`           -> the Organization id for an organization key (party keys: 'party|<NAME>')
"""

from __future__ import annotations

import re
import uuid

import duckdb

# The project's namespace for uuid5 ids: fixed forever, because every published id depends on it.
NAMESPACE = uuid.UUID("4f0d6d0e-2b8c-5a57-9a8a-6c616c616363")

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


def _namespace() -> uuid.UUID:
    """The ocd package's namespace when it defines one, so both layers mint the same ids."""
    try:
        from calaccess.ocd import ids  # type: ignore[attr-defined, unused-ignore]

        namespace = getattr(ids, "NAMESPACE", None)
        if isinstance(namespace, uuid.UUID):
            return namespace
    except ImportError:
        pass
    return NAMESPACE


def natural_key(*parts: object) -> str:
    """Join the parts of a natural key the way SQL's concat_ws('|', ...) does (None is skipped)."""
    return "|".join(str(part) for part in parts if part is not None)


def ocd_id(ocd_type: str, key: str) -> str:
    """`ocd-<type>/<uuid5>` for one natural key."""
    return f"ocd-{ocd_type}/{uuid.uuid5(_namespace(), key)}"


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
    return ocd_id("post", natural_key("post", key))


def election_id(name: str) -> str:
    return ocd_id("election", natural_key("election", name))


def candidate_contest_id(election_name: str, office: str, party_key: str | None = None) -> str:
    key = office_key(office)
    if key is None:
        raise ValueError(f"not a state office: {office!r}")
    return ocd_id("contest", natural_key("candidate_contest", election_name, key, party_key))


def organization_id(key: str) -> str:
    return ocd_id("organization", natural_key("organization", key))


def install(con: duckdb.DuckDBPyConnection) -> None:
    """Create the macros above on this connection (temporary: they live as long as the connection)."""
    namespace_hex = _namespace().hex
    # uuid5 = sha1(namespace bytes || name bytes), first 16 bytes, version nibble 5, variant bits 10.
    con.execute(
        f"""
        CREATE OR REPLACE TEMP MACRO uuid5_hex(name) AS (
            sha1(unhex('{namespace_hex}') || encode(name))
        );
        CREATE OR REPLACE TEMP MACRO uuid5_text(h) AS (
            substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-5' || substr(h, 14, 3) || '-'
            || substr('89ab', ((instr('0123456789abcdef', substr(h, 17, 1)) - 1) % 4) + 1, 1)
            || substr(h, 18, 3) || '-' || substr(h, 21, 12)
        );
        CREATE OR REPLACE TEMP MACRO ocd_id(ocd_type, key) AS (
            'ocd-' || ocd_type || '/' || uuid5_text(uuid5_hex(key))
        );
        CREATE OR REPLACE TEMP MACRO office_text(office) AS (
            trim(regexp_replace(upper(replace(office, chr(160), ' ')), '\\s+', ' ', 'g'))
        );
        CREATE OR REPLACE TEMP MACRO office_key(office) AS (
            CASE
                WHEN regexp_matches(office_text(office),
                    '^(MEMBER )?(STATE )?(ASSEMBLY|SENATE|BOARD OF EQUALIZATION)( DISTRICT)? 0*[0-9]+$')
                THEN (CASE regexp_extract(office_text(office),
                        '(ASSEMBLY|SENATE|BOARD OF EQUALIZATION)', 1)
                        WHEN 'SENATE' THEN 'STATE SENATE' ELSE regexp_extract(office_text(office),
                        '(ASSEMBLY|SENATE|BOARD OF EQUALIZATION)', 1) END)
                     || ' ' || CAST(CAST(regexp_extract(office_text(office), '([0-9]+)$', 1) AS INTEGER) AS VARCHAR)
                WHEN regexp_replace(office_text(office), '^STATE (CONTROLLER|TREASURER|SUPERINTENDENT OF PUBLIC INSTRUCTION)$',
                        '\\1') IN {_STATEWIDE_OFFICES!r}
                THEN regexp_replace(office_text(office),
                        '^STATE (CONTROLLER|TREASURER|SUPERINTENDENT OF PUBLIC INSTRUCTION)$', '\\1')
                ELSE NULL
            END
        );
        CREATE OR REPLACE TEMP MACRO post_id_of(office) AS (
            CASE WHEN office_key(office) IS NOT NULL
                 THEN ocd_id('post', concat_ws('|', 'post', office_key(office))) END
        );
        CREATE OR REPLACE TEMP MACRO election_id_of(election_name) AS (
            ocd_id('election', concat_ws('|', 'election', election_name))
        );
        CREATE OR REPLACE TEMP MACRO candidate_contest_id_of(election_name, office, party_key) AS (
            CASE WHEN office_key(office) IS NOT NULL
                 THEN ocd_id('contest', concat_ws('|', 'candidate_contest', election_name, office_key(office),
                                                  party_key)) END
        );
        CREATE OR REPLACE TEMP MACRO organization_id_of(key) AS (
            ocd_id('organization', concat_ws('|', 'organization', key))
        );
        """
    )
