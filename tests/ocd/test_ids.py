"""Ids: derived from natural keys (the same key, the same id, forever) and division ids in the OCD grammar."""

from __future__ import annotations

import csv
import datetime as dt
import uuid
from pathlib import Path

import duckdb
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from calaccess.ocd import OcdValidationError, division_id, is_division_id, jurisdiction_id, make_id
from calaccess.ocd.ids import DIVISION_PATTERN_SQL, NAMESPACE, is_valid_id
from calaccess.ocd.types import TYPES

UUID_TYPES = [t.table for t in TYPES if t.id_style == "uuid"]
SQL = duckdb.connect()
key_part = st.one_of(st.text(max_size=30), st.integers(), st.none(), st.dates())


def test_id_is_pinned_to_its_key() -> None:
    # a published id must never change: this is the recipe, written out
    expected = uuid.uuid5(NAMESPACE, '["election","2016 GENERAL","2016-11-08"]')
    assert make_id("election", "2016 GENERAL", dt.date(2016, 11, 8)) == f"ocd-election/{expected}"
    assert make_id("Election", "2016 GENERAL", "2016-11-08") == f"ocd-election/{expected}"


@given(st.sampled_from(UUID_TYPES), st.lists(key_part, min_size=1, max_size=4))
def test_same_key_gives_same_well_formed_id(table: str, parts: list[object]) -> None:
    made = make_id(table, *parts)
    assert made == make_id(table, *parts)
    assert is_valid_id(table, made)


@given(
    st.sampled_from(UUID_TYPES),
    st.lists(key_part, min_size=1, max_size=3),
    st.lists(key_part, min_size=1, max_size=3),
)
def test_different_keys_give_different_ids(table: str, first: list[object], second: list[object]) -> None:
    canonical = [
        [p.isoformat() if isinstance(p, dt.date) else None if p is None else str(p) for p in k]
        for k in (first, second)
    ]
    if canonical[0] != canonical[1]:
        assert make_id(table, *first) != make_id(table, *second)


def test_contest_kinds_with_one_key_differ_but_share_the_prefix() -> None:
    candidate = make_id("candidate_contest", "2016 GENERAL", "X")
    measure = make_id("ballot_measure_contest", "2016 GENERAL", "X")
    assert candidate != measure
    assert candidate.startswith("ocd-contest/") and measure.startswith("ocd-contest/")
    assert make_id("committee", "1").startswith("ocd-campaign-finance-committee/")


def test_key_parts_do_not_run_together() -> None:
    assert make_id("person", "AB", "C") != make_id("person", "A", "BC")
    assert make_id("person", None) != make_id("person", "None")
    assert make_id("person", "") != make_id("person", None)


def test_division_id_is_built_in_the_grammar() -> None:
    assert division_id("US", ("state", "ca"), ("sldl", 12)) == "ocd-division/country:us/state:ca/sldl:12"
    assert division_id("us", ("state", "ca"), ("place", "La Cañada Flintridge")) == (
        "ocd-division/country:us/state:ca/place:la_cañada_flintridge"
    )
    with pytest.raises(OcdValidationError, match=r"Division\.id = .a/b."):
        division_id("us", ("state", "a/b"))
    assert jurisdiction_id("ocd-division/country:us/state:ca", "government") == (
        "ocd-jurisdiction/country:us/state:ca/government"
    )


@pytest.mark.parametrize(
    "bad",
    [
        "ocd-division/country:us/state:ca/",  # OCDEP 20's sample: a trailing slash
        "ocd-division/country:usa",
        "ocd-division/country:us/state:CA",
        "ocd-division/state:ca",
        "ocd-division/country:us/state",
        "ocd-division/country:us/state:c a",
    ],
)
def test_division_ids_outside_the_grammar_are_refused(bad: str) -> None:
    assert not is_division_id(bad)


def test_every_real_california_division_id_is_in_the_grammar_in_python_and_sql(shared_dir: Path) -> None:
    with (shared_dir / "ocd" / "divisions-ca.csv").open(encoding="utf-8") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    assert len(ids) == 2469
    assert all(is_division_id(i) for i in ids)
    con = duckdb.connect()
    outside = con.execute(
        "SELECT count(*) FROM unnest(?::VARCHAR[]) AS d(id) WHERE NOT regexp_full_match(id, ?)",
        [ids, DIVISION_PATTERN_SQL],
    ).fetchone()
    assert outside == (0,)


@given(st.text(alphabet="abcz09_.~-/:ñA ", max_size=40))
def test_python_and_sql_spellings_of_the_grammar_agree(tail: str) -> None:
    candidate = "ocd-division/country:us/" + tail
    row = SQL.execute(
        "SELECT regexp_full_match(?, ?) AND ? = lower(?)",
        [candidate, DIVISION_PATTERN_SQL, candidate, candidate],
    ).fetchone()
    assert row is not None
    assert bool(row[0]) == is_division_id(candidate)


division_type = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=20)
division_type_id = st.text(
    alphabet=st.characters(categories=("Ll", "Lu", "Nd"), include_characters="._~- "), min_size=1, max_size=20
).filter(lambda text: bool(text.strip()))


@given(st.sampled_from(["us", "il", "ca"]), st.lists(st.tuples(division_type, division_type_id), max_size=4))
def test_built_division_ids_satisfy_the_grammar_in_python_and_sql(
    country: str, parts: list[tuple[str, str]]
) -> None:
    try:
        made = division_id(country, *parts)
    except OcdValidationError:
        assume(False)  # a type id the grammar cannot spell is refused by name; hypothesis draws another
        return
    assert is_division_id(made)
    row = SQL.execute("SELECT regexp_full_match(?, ?)", [made, DIVISION_PATTERN_SQL]).fetchone()
    assert row == (True,)
