"""Property: any valid record of any type survives OCD JSON (written, parsed as JSON, read back) unchanged.

The records are drawn from the type definitions themselves: a new field is covered as soon as it is defined.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calaccess.ocd import make_id
from calaccess.ocd.ids import id_pattern
from calaccess.ocd.ocd_json import from_json, to_json
from calaccess.ocd.spec import Child, Field, Kind, OcdType
from calaccess.ocd.types import TYPES, get_type
from calaccess.ocd.validate import validate_record

words = st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=12)
present_words = words.filter(lambda w: bool(w.strip()))
divisions = st.sampled_from(
    ["ocd-division/country:us", "ocd-division/country:us/state:ca/sldl:12", "ocd-division/country:il"]
)
moments = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2040, 1, 1), timezones=st.just(dt.UTC)
).map(lambda moment: moment.replace(microsecond=moment.microsecond // 1000 * 1000))


def an_id(table: str) -> st.SearchStrategy[str]:
    target = get_type(table)
    if target.id_style == "division":
        return divisions
    if target.id_style == "jurisdiction":
        return divisions.map(lambda d: d.replace("ocd-division/", "ocd-jurisdiction/") + "/government")
    return words.map(lambda key: make_id(table, key))


def a_value(ocd_type: OcdType, field: Field) -> st.SearchStrategy[Any]:
    kind = field.kind
    value: st.SearchStrategy[Any]
    if kind is Kind.ID:
        value = an_id(ocd_type.table)
    elif kind is Kind.REF:
        value = st.sampled_from(field.refs).flatmap(an_id)
    elif kind is Kind.TEXT:
        value = present_words
    elif kind is Kind.ENUM:
        value = st.sampled_from(field.values)
    elif kind is Kind.DATE:
        value = st.dates(min_value=dt.date(1900, 1, 1))
    elif kind is Kind.FUZZY_DATE:
        value = st.dates(min_value=dt.date(1900, 1, 1)).flatmap(
            lambda d: st.sampled_from([d.isoformat(), d.isoformat()[:7], d.isoformat()[:4]])
        )
    elif kind is Kind.DATETIME:
        value = moments
    elif kind is Kind.INTEGER:
        value = st.integers(min_value=field.minimum if field.minimum is not None else -1000, max_value=10**6)
    elif kind is Kind.BOOLEAN:
        value = st.booleans()
    elif kind is Kind.DECIMAL:
        value = st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False)
    elif kind is Kind.TEXT_LIST:
        value = st.lists(present_words, max_size=3)
    else:
        value = st.dictionaries(
            present_words, st.one_of(present_words, st.integers(), st.booleans()), max_size=3
        )
    return value if field.required else st.one_of(st.none(), value)


def a_child(ocd_type: OcdType, child: Child) -> st.SearchStrategy[list[Any]]:
    if child.scalar is not None:
        field = next(f for f in child.fields if f.name == child.scalar)
        item: st.SearchStrategy[Any] = a_value(ocd_type, field)
    else:
        item = st.fixed_dictionaries({f.name: a_value(ocd_type, f) for f in child.fields})
    return st.lists(item, min_size=child.min_count, max_size=child.min_count + 2)


def a_record(ocd_type: OcdType) -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {f.name: a_value(ocd_type, f) for f in ocd_type.fields}
    parts.update({c.name: a_child(ocd_type, c) for c in ocd_type.children})
    return st.fixed_dictionaries(parts)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TYPES).flatmap(lambda t: st.tuples(st.just(t), a_record(t))))
def test_any_valid_record_survives_ocd_json(drawn: tuple[OcdType, dict[str, Any]]) -> None:
    ocd_type, generated = drawn
    assume(generated.get("runoff_for_contest_id") != generated["id"])  # a contest cannot decide itself
    for field in ocd_type.fields:  # a reference of the kind its kind field names (a filing's filer)
        if field.kind_field is None or generated.get(field.name) is None:
            continue
        kind = generated.get(field.kind_field) or ocd_type.field(field.kind_field).default
        assume(re.fullmatch(id_pattern(str(kind)), generated[field.name]) is not None)
    record = validate_record(ocd_type.table, generated)
    document = json.loads(json.dumps(to_json(ocd_type.table, record)))
    assert from_json(ocd_type.table, document) == record


def test_amounts_keep_their_cents() -> None:
    record = validate_record(
        "transaction",
        {
            "id": make_id("transaction", "1"),
            "filing_action_id": make_id("filing_action", "1"),
            "classification": "contribution",
            "amount_value": "1234567.05",
            "amount_currency": "USD",
            "created_at": "2017-02-07T07:17:58.874Z",
            "updated_at": "2017-02-07T07:17:58.874Z",
        },
    )
    document = json.loads(json.dumps(to_json("transaction", record)))
    assert from_json("transaction", document)["amount_value"] == Decimal("1234567.05")
