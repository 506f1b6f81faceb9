"""Validation of a whole database in SQL: the complete example passes, each rule catches its broken row."""

from __future__ import annotations

import duckdb
import pytest

from calaccess.ocd import OcdError, OcdValidationError, create_tables, make_id
from calaccess.ocd.validate import Finding, validate_database, validate_record
from tests.ocd.conftest import IDS, STATE, insert


def problems(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None, str, str]]:
    return [(f.type, f.id, f.field, f.problem) for f in validate_database(con)]


def test_complete_example_is_valid(ocd_con: duckdb.DuckDBPyConnection) -> None:
    assert validate_database(ocd_con) == []


def test_missing_required_field_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("UPDATE ocd.election SET name = ' '")
    ocd_con.execute("UPDATE ocd.candidacy SET person_id = NULL WHERE id = ?", [IDS["gaines_candidacy"]])
    assert problems(ocd_con) == [
        ("Candidacy", IDS["gaines_candidacy"], "person_id", "required"),
        ("Election", IDS["election"], "name", "required"),
    ]


def test_value_outside_enum_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute(
        "UPDATE ocd.candidacy SET registration_status = 'elected' WHERE id = ?", [IDS["rowen_candidacy"]]
    )
    assert problems(ocd_con) == [
        (
            "Candidacy",
            IDS["rowen_candidacy"],
            "registration_status",
            "not one of filed, qualified, withdrawn, write-in: elected",
        )
    ]


def test_malformed_ids_are_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    bad_person = "ocd-person/not-a-uuid"
    ocd_con.execute("UPDATE ocd.person SET id = ? WHERE id = ?", [bad_person, IDS["davis"]])
    ocd_con.execute(
        "UPDATE ocd.division SET id = 'ocd-division/country:us/state:CA' WHERE name = 'California'"
    )
    found = problems(ocd_con)
    assert ("Person", bad_person, "id", f"not the id of a Person: {bad_person}") in found
    assert (
        "Division",
        "ocd-division/country:us/state:CA",
        "id",
        "not the id of a Division: ocd-division/country:us/state:CA",
    ) in found


def test_duplicate_id_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    insert(ocd_con, "person", id=IDS["rowen"], name="Robert Rowen")
    assert problems(ocd_con) == [("Person", IDS["rowen"], "id", "id used by 2 records")]


def test_reference_that_does_not_resolve_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ghost = make_id("person", "NOBODY")
    ocd_con.execute("UPDATE ocd.candidacy SET person_id = ? WHERE id = ?", [ghost, IDS["rowen_candidacy"]])
    assert problems(ocd_con) == [
        ("Candidacy", IDS["rowen_candidacy"], "person_id", f"no Person has this id: {ghost}")
    ]


def test_number_elected_below_one_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("UPDATE ocd.candidate_contest SET number_elected = 0")
    assert problems(ocd_con) == [
        ("CandidateContest", IDS["senate_contest"], "number_elected", "must be at least 1: 0")
    ]


def test_ballot_measure_with_one_option_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("DELETE FROM ocd.ballot_measure_contest_option WHERE text = 'no'")
    assert problems(ocd_con) == [
        ("BallotMeasureContest", IDS["prop"], "options", "has 1, needs at least 2"),
    ]


def test_candidate_contest_without_post_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("DELETE FROM ocd.candidate_contest_post")
    found = problems(ocd_con)
    assert ("CandidateContest", IDS["senate_contest"], "posts", "has 0, needs at least 1") in found


def test_contest_outside_its_election_division_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    elsewhere = "ocd-division/country:us/state:cal"  # a prefix of the text, not of the path
    insert(ocd_con, "division", id=elsewhere, name="Elsewhere", country="us")
    ocd_con.execute("UPDATE ocd.party_contest SET division_id = ?", [elsewhere])
    assert problems(ocd_con) == [
        (
            "PartyContest",
            IDS["party_contest"],
            "division_id",
            f"{elsewhere} is not inside its election's division {STATE}",
        )
    ]


def test_runoff_for_a_contest_of_another_kind_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("UPDATE ocd.candidate_contest SET runoff_for_contest_id = ?", [IDS["prop"]])
    assert problems(ocd_con) == [
        (
            "CandidateContest",
            IDS["senate_contest"],
            "runoff_for_contest_id",
            f"no CandidateContest has this id: {IDS['prop']}",
        )
    ]


def test_runoff_for_itself_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("UPDATE ocd.ballot_measure_contest SET runoff_for_contest_id = id")
    assert problems(ocd_con) == [
        ("BallotMeasureContest", IDS["prop"], "runoff_for_contest_id", "a contest cannot be its own runoff")
    ]


def test_candidacy_for_a_post_outside_its_contest_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute(
        "UPDATE ocd.candidacy SET post_id = ? WHERE id = ?", [IDS["governor"], IDS["gaines_candidacy"]]
    )
    assert problems(ocd_con) == [
        ("Candidacy", IDS["gaines_candidacy"], "post_id", f"not among its contest's posts: {IDS['governor']}")
    ]


def test_orphan_child_row_and_bad_fuzzy_date_and_extras_are_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ghost = make_id("person", "NOBODY")
    insert(ocd_con, "person_source", person_id=ghost, url="https://example.org")
    ocd_con.execute(
        "UPDATE ocd.person SET birth_date = '4/5/1950', extras = '[1]' WHERE id = ?", [IDS["davis"]]
    )
    assert set(problems(ocd_con)) == {
        ("Person", IDS["davis"], "birth_date", "not YYYY, YYYY-MM or YYYY-MM-DD: 4/5/1950"),
        ("Person", IDS["davis"], "extras", "not a JSON object"),
        ("Person", ghost, "sources", "belongs to no Person"),
    }


def test_findings_are_plain_records(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("UPDATE ocd.post SET maximum_memberships = 0 WHERE id = ?", [IDS["post"]])
    assert validate_database(ocd_con) == [
        Finding("Post", IDS["post"], "maximum_memberships", "must be at least 1: 0")
    ]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"name": "X"}, "Election.id = None: required"),
        ({"id": "ocd-election/1", "name": "X"}, "Election.id = 'ocd-election/1': not the id of a Election"),
        (
            {"id": IDS["election"], "name": "X", "date": "11/8/2016"},
            "Election.date = '11/8/2016': expected a date, YYYY-MM-DD",
        ),
        (
            {"id": IDS["election"], "name": "X", "date": "2016-11-08", "division_id": "ocd-division/us"},
            "Election.division_id = 'ocd-division/us': not the id of a Division",
        ),
    ],
)
def test_single_record_is_refused_with_type_field_and_value(record: dict[str, str], message: str) -> None:
    with pytest.raises(OcdValidationError) as caught:
        validate_record("election", record)
    assert str(caught.value) == message


def test_single_record_fills_standard_defaults() -> None:
    record = validate_record(
        "candidate_contest",
        {
            "id": IDS["senate_contest"],
            "name": "STATE SENATE 01",
            "division_id": "ocd-division/country:us/state:ca/sldu:1",
            "election_id": IDS["election"],
            "created_at": "2017-02-07T07:18:05.438Z",
            "updated_at": "2017-02-07T07:18:05.442Z",
            "posts": [{"post_id": IDS["post"]}],
        },
    )
    assert record["number_elected"] == 1
    assert record["previous_term_unexpired"] is False
    assert record["extras"] == {}
    assert record["posts"] == [{"post_id": IDS["post"], "sort_order": None}]


def test_a_record_without_id_does_not_hide_dangling_references(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ghost = make_id("person", "NOBODY")
    insert(ocd_con, "person", id=None, name="Nameless row")
    ocd_con.execute("UPDATE ocd.candidacy SET person_id = ? WHERE id = ?", [ghost, IDS["rowen_candidacy"]])
    found = problems(ocd_con)
    assert ("Person", None, "id", "required") in found
    assert ("Candidacy", IDS["rowen_candidacy"], "person_id", f"no Person has this id: {ghost}") in found


def test_committee_supporting_an_option_the_measure_lacks_is_found(
    ocd_con: duckdb.DuckDBPyConnection,
) -> None:
    ocd_con.execute("UPDATE ocd.committee_ballot_measure_option_supported SET option = 'maybe'")
    assert problems(ocd_con) == [
        (
            "Committee",
            IDS["committee"],
            "ballot_measure_options_supported.option",
            f"not an option of {IDS['prop']}: maybe",
        )
    ]


def test_filing_with_two_current_actions_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    amendment = make_id("filing_action", "2001234", 1)
    insert(
        ocd_con, "filing_action", id=amendment, filing_id=IDS["filing"], date="2016-10-01", is_current=True
    )
    assert problems(ocd_con) == [
        ("Filing", IDS["filing"], "actions", "has 2 current actions, needs exactly 1")
    ]


def test_transaction_party_id_disagreeing_with_entity_type_is_found(
    ocd_con: duckdb.DuckDBPyConnection,
) -> None:
    ocd_con.execute("UPDATE ocd.transaction SET recipient_entity_type = 'person'")
    assert problems(ocd_con) == [
        (
            "Transaction",
            IDS["transaction"],
            "recipient_committee_id",
            "set while recipient_entity_type is person",
        )
    ]


def test_schema_name_that_is_not_a_plain_name_is_refused(ocd_con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(OcdError, match="expected a plain lowercase SQL name"):
        validate_database(ocd_con, schema="ocd; DROP TABLE ocd.person")
    assert ocd_con.execute("SELECT count(*) FROM ocd.person").fetchone() == (3,)


def test_another_schema_holds_its_own_ocd_tables(ocd_con: duckdb.DuckDBPyConnection) -> None:
    create_tables(ocd_con, schema="staging")
    insert_staging = "INSERT INTO staging.person (id, name) VALUES (?, NULL)"
    ocd_con.execute(insert_staging, [IDS["rowen"]])
    assert validate_database(ocd_con) == []
    assert [(f.type, f.field, f.problem) for f in validate_database(ocd_con, schema="staging")] == [
        ("Person", "name", "required")
    ]


def test_filing_filed_by_an_organization_is_valid(ocd_con: duckdb.DuckDBPyConnection) -> None:
    # a lobbying firm's report: the extension lets a filer be an Organization, its kind named beside it
    firm_report = make_id("filing", "1900001")
    insert(
        ocd_con,
        "filing",
        id=firm_report,
        classification="F625",
        filer_type="organization",
        filer_id=IDS["sos"],
    )
    insert(
        ocd_con,
        "filing_action",
        id=make_id("filing_action", "1900001", 0),
        filing_id=firm_report,
        date="2016-10-31",
        is_current=True,
    )
    assert problems(ocd_con) == []


def test_filer_of_another_kind_than_filer_type_says_is_found(ocd_con: duckdb.DuckDBPyConnection) -> None:
    ocd_con.execute("UPDATE ocd.filing SET filer_type = 'organization'")
    assert problems(ocd_con) == [
        (
            "Filing",
            IDS["filing"],
            "filer_id",
            f"no organization has this id, as filer_type says: {IDS['committee']}",
        )
    ]


def test_filing_without_a_filer_type_reads_as_a_committees() -> None:
    filing = {
        "id": IDS["filing"],
        "classification": "F460",
        "filer_id": IDS["committee"],
        "created_at": "2017-02-07T07:17:58Z",
        "updated_at": "2017-02-07T07:17:58Z",
    }
    assert validate_record("Filing", filing)["filer_type"] == "committee"
    with pytest.raises(OcdValidationError, match="as filer_type says"):
        validate_record("Filing", {**filing, "filer_type": "person"})
