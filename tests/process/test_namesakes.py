"""The rule that joins one name's people across elections, on records built in the test (no database)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from calaccess.process.keys import STATEWIDE_OFFICES
from calaccess.process.namesakes import (
    HOLDER_STATEWIDE,
    NEIGHBOUR,
    SAME_OFFICE,
    STATEWIDE,
    Record,
    agreement,
    disagreement,
    join,
    office_label,
    redistricting_plan,
)


def record(
    cluster: str, office: str | None, year: int, *, incumbent: bool = False, name: str = "X|Y||"
) -> Record:
    return Record(
        record_key=f"{cluster}|{office}|{year}",
        cluster=cluster,
        seen_on=date(year, 6, 1),
        office_key=office,
        contest_id=None if incumbent else f"{year} {office}",
        occasion=f"{year} session" if incumbent else f"{year} PRIMARY",
        name_key=name,
        whole_name=True,
        name_printed="Y, X",
        from_incumbents_page=incumbent,
    )


def test_redistricting_plans_change_in_2002_2012_and_2022() -> None:
    assert [redistricting_plan(year) for year in (2001, 2002, 2011, 2012, 2021, 2022)] == [0, 1, 1, 2, 2, 3]


def test_office_labels_read_as_the_state_writes_them() -> None:
    assert office_label("BOARD OF EQUALIZATION 2") == "Board of Equalization 2"
    assert office_label("STATE SENATE 30") == "State Senate 30"


def test_which_offices_fit_one_career() -> None:
    assert (
        agreement(record("a", "ASSEMBLY 5", 2000), record("b", "ASSEMBLY 5", 2020), False, False)
        == SAME_OFFICE
    )
    assert (
        agreement(record("a", "ASSEMBLY 5", 2010), record("b", "ASSEMBLY 6", 2012), False, False) == NEIGHBOUR
    )
    assert (
        agreement(record("a", "CONTROLLER", 2002), record("b", "GOVERNOR", 2010), False, False) == STATEWIDE
    )
    seat, governor = record("a", "STATE SENATE 16", 2013, incumbent=True), record("b", "GOVERNOR", 2014)
    assert agreement(seat, governor, True, False) == HOLDER_STATEWIDE
    assert agreement(seat, governor, False, False) is None
    # two plans apart, one plan, two numbers apart, another body, the Board of Equalization
    for a, b in (
        (("ASSEMBLY 5", 2000), ("ASSEMBLY 6", 2012)),
        (("ASSEMBLY 5", 2012), ("ASSEMBLY 6", 2014)),
        (("ASSEMBLY 5", 2010), ("ASSEMBLY 7", 2012)),
        (("ASSEMBLY 5", 2010), ("STATE SENATE 5", 2012)),
        (("BOARD OF EQUALIZATION 1", 2010), ("BOARD OF EQUALIZATION 2", 2012)),
        (("ASSEMBLY 5", 2010), (None, 2012)),
    ):
        assert agreement(record("a", *a), record("b", *b), True, True) is None, (a, b)


@given(
    st.sampled_from(
        ["ASSEMBLY 5", "ASSEMBLY 6", "STATE SENATE 5", "BOARD OF EQUALIZATION 1", *STATEWIDE_OFFICES[:3]]
    ),
    st.sampled_from(
        ["ASSEMBLY 5", "ASSEMBLY 6", "STATE SENATE 6", "BOARD OF EQUALIZATION 2", *STATEWIDE_OFFICES[2:5]]
    ),
    st.integers(1990, 2030),
    st.integers(1990, 2030),
    st.booleans(),
    st.booleans(),
)
def test_the_rule_reads_the_same_either_way_round(
    office_a: str, office_b: str, year_a: int, year_b: int, held_a: bool, held_b: bool
) -> None:
    a, b = record("a", office_a, year_a), record("b", office_b, year_b)
    assert agreement(a, b, held_a, held_b) == agreement(b, a, held_b, held_a)
    if agreement(a, b, held_a, held_b) is None:
        assert disagreement(a, b).endswith(f"{a.place} vs {b.place}")


def test_people_are_joined_in_the_order_of_their_first_record() -> None:
    # the 2012 record reaches the 2000 one only through the 2006 one: built in order, all three are one
    joining = join(
        [record("c", "ASSEMBLY 7", 2012), record("a", "ASSEMBLY 5", 2000), record("b", "ASSEMBLY 6", 2006)]
    )
    (person,) = joining.people
    assert [r.cluster for r in person.records] == ["a", "b", "c"]
    assert [link.kind for link in joining.links] == [NEIGHBOUR, NEIGHBOUR]
    assert joining.namesakes == ()


def test_a_later_record_never_changes_the_earlier_people() -> None:
    earlier = [record("a", "ASSEMBLY 5", 2010), record("b", "ASSEMBLY 7", 2010)]
    before = join(earlier)
    after = join([*earlier, record("c", "ASSEMBLY 6", 2012)])
    assert [p.records for p in after.people][: len(before.people)] == [p.records for p in before.people]
    assert len(after.people) == 3  # the newcomer fits both, so it joins neither
    assert len(after.namesakes[0].reasons) == 3


def test_two_people_in_one_contest_stay_apart() -> None:
    # one contest, one whole name, two clusters: what joined them would have been a shared name in it
    a = record("a", "ASSEMBLY 5", 2010)
    b = Record(**{**a.__dict__, "record_key": "b|x", "cluster": "b"})
    joining = join([a, b])
    assert len(joining.people) == 2
    assert (
        joining.namesakes[0].why
        == "[1] and [2]: same name, both ran in one contest: Assembly 5 (2010 PRIMARY)"
    )
