"""The data dictionary is generated from the same definitions as the tables, so it documents every column."""

from __future__ import annotations

import duckdb

from calaccess.ocd import create_tables
from calaccess.ocd.dictionary import data_dictionary, markdown, table_schema


def test_every_column_in_the_database_is_documented() -> None:
    con = duckdb.connect()
    create_tables(con)
    columns = set(
        con.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'ocd'"
        ).fetchall()
    )
    documented = {(e.table, e.column) for e in data_dictionary()}
    assert columns == documented
    assert all(e.description for e in data_dictionary())


def test_dictionary_names_allowed_values_and_references() -> None:
    entries = {(e.table, e.column): e for e in data_dictionary()}
    status = entries[("candidacy", "registration_status")]
    assert status.values == "filed, qualified, withdrawn, write-in"
    assert entries[("candidacy", "contest_id")].references == "candidate_contest"
    assert entries[("candidate_contest_post", "contest_id")].references == "candidate_contest"
    assert entries[("election", "date")].required


def test_table_schema_declares_keys_for_datapackage() -> None:
    schema = table_schema("candidacy")
    assert schema["primaryKey"] == ["id"]
    assert {"fields": "person_id", "reference": {"resource": "person", "fields": "id"}} in schema[
        "foreignKeys"
    ]
    status = next(f for f in schema["fields"] if f["name"] == "registration_status")
    assert status["constraints"]["enum"] == ["filed", "qualified", "withdrawn", "write-in"]


def test_markdown_records_the_choices_made_against_the_reference_models() -> None:
    text = markdown()
    assert "### `ocd.retention_contest`" in text
    assert "RetentionContest inherits every BallotMeasureContest property" in text
    assert "candidate_name is optional, as OCDEP 20 says" in text
