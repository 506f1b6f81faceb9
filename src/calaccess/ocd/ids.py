"""OCD ids: derived from natural keys, so the same record has the same id in every version published.

`make_id("election", "2016 GENERAL", "2016-11-08")` is `ocd-election/<uuid5>`, where the uuid5 is taken in
`NAMESPACE` over the JSON text of `[type, *key parts]` (parts as strings, None as null): anyone can
recompute an id from its key, and two types never share an id. Divisions are not uuids: their ids spell the
geography, in the OCD division grammar; jurisdictions are named by their division and a classification.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

from calaccess.ocd.errors import OcdValidationError
from calaccess.ocd.types import get_type

# the project's namespace, uuid5(NAMESPACE_URL, "urn:calaccess:ocd"): fixed forever (changing it changes
# every id)
NAMESPACE = uuid.UUID("3ce6c803-bbbd-5c81-96f4-ff8711414d52")

UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

# The OCD division grammar: ocd-division/country:<ISO 3166-1 alpha-2>(/<type>:<type_id>)*, where a type is
# lowercase ASCII letters, digits and underscores, and a type_id is lowercase letters (any script), digits,
# period, hyphen, underscore or tilde. Two spellings of one grammar: Python's `re` (\w is Unicode) and
# RE2, which DuckDB uses (\w there is ASCII only, so letters are \pL).
# Both also require the id to be lowercase.
_DIVISION_TYPE = "[a-z0-9_]+"
DIVISION_PATTERN = rf"ocd-division/country:[a-z]{{2}}(?:/{_DIVISION_TYPE}:[\w.~-]+)*"
DIVISION_PATTERN_SQL = rf"ocd-division/country:[a-z]{{2}}(?:/{_DIVISION_TYPE}:[\pL\pN_.~-]+)*"
JURISDICTION_PATTERN = rf"ocd-jurisdiction/country:[a-z]{{2}}(?:/{_DIVISION_TYPE}:[\w.~-]+)*/[a-z_]+"
JURISDICTION_PATTERN_SQL = rf"ocd-jurisdiction/country:[a-z]{{2}}(?:/{_DIVISION_TYPE}:[\pL\pN_.~-]+)*/[a-z_]+"

_DIVISION_RE = re.compile(DIVISION_PATTERN)
_JURISDICTION_RE = re.compile(JURISDICTION_PATTERN)
_TYPE_ID_RE = re.compile(r"[\w.~-]+")


def id_pattern(table: str, *, sql: bool = False) -> str:
    """The full-match regular expression for the ids of a type (by table name)."""
    ocd_type = get_type(table)
    if ocd_type.id_style == "division":
        return DIVISION_PATTERN_SQL if sql else DIVISION_PATTERN
    if ocd_type.id_style == "jurisdiction":
        return JURISDICTION_PATTERN_SQL if sql else JURISDICTION_PATTERN
    return f"ocd-{re.escape(ocd_type.id_prefix)}/{UUID_PATTERN}"


def _key_text(part: object) -> str | None:
    if part is None:
        return None
    if isinstance(part, dt.date | dt.datetime):
        return part.isoformat()
    return str(part)


def make_id(type_name: str, *key_parts: object) -> str:
    """The OCD id of the record of `type_name` whose natural key is `key_parts`; the same key, the same id.

    `type_name` is a type's table name (`election`, `candidate_contest`, `committee`) or standard name. The
    type takes part in the uuid, so a candidate contest and a ballot measure contest with the same key differ.
    """
    ocd_type = get_type(type_name)
    if ocd_type.id_style != "uuid":
        raise OcdValidationError(
            ocd_type.name,
            "id",
            key_parts,
            f"{ocd_type.name} ids are not derived: build them with its own function",
        )
    if not key_parts:
        raise OcdValidationError(ocd_type.name, "id", key_parts, "a natural key needs at least one part")
    name = json.dumps([ocd_type.table, *map(_key_text, key_parts)], ensure_ascii=False, separators=(",", ":"))
    return f"ocd-{ocd_type.id_prefix}/{uuid.uuid5(NAMESPACE, name)}"


def division_id(country: str, *parts: tuple[str, str | int]) -> str:
    """An OCD division id from a country code and (type, type id) pairs, checked against the grammar.

    `division_id("us", ("state", "ca"), ("sldl", 12))` is `ocd-division/country:us/state:ca/sldl:12`. Type ids
    are lowercased and spaces become underscores, as the OCD identifier rules say; nothing else is changed.
    """
    path = [f"country:{country.lower()}"]
    for division_type, type_id in parts:
        text = str(type_id).strip().lower().replace(" ", "_")
        if not _TYPE_ID_RE.fullmatch(text):
            raise OcdValidationError(
                "Division", "id", type_id, "a type id is letters, digits, '.', '_', '~', '-'"
            )
        path.append(f"{division_type}:{text}")
    made = "ocd-division/" + "/".join(path)
    check_division_id(made)
    return made


def check_division_id(value: str) -> str:
    """Refuse a division id outside the grammar, naming it; return it unchanged otherwise."""
    if not is_division_id(value):
        raise OcdValidationError(
            "Division", "id", value, "not an OCD division id (ocd-division/country:xx/type:id/...)"
        )
    return value


def is_division_id(value: str) -> bool:
    return bool(_DIVISION_RE.fullmatch(value)) and value == value.lower()


def jurisdiction_id(division: str, classification: str) -> str:
    """An OCD jurisdiction id: the division's path and what governs it (`.../state:ca/government`)."""
    check_division_id(division)
    made = f"ocd-jurisdiction/{division.removeprefix('ocd-division/')}/{classification}"
    if not _JURISDICTION_RE.fullmatch(made):
        raise OcdValidationError("Jurisdiction", "id", made, "not an OCD jurisdiction id")
    return made


def is_valid_id(table: str, value: str) -> bool:
    """Whether `value` is a well-formed id for the type stored in `table`."""
    return bool(re.fullmatch(id_pattern(table), value)) and value == value.lower()
