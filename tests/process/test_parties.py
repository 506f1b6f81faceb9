"""Parties: one Organization per party, decoded from the export's party codes and its spellings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from calaccess import db, meta
from calaccess.ocd import create_tables
from calaccess.process import keys
from calaccess.process.elections.steps import PARTIES as parties
from calaccess.process.reference import Reference
from calaccess.raw.tables import TABLES


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database with the raw tables parties read and the ocd tables it writes."""
    with db.connect(tmp_path / "calaccess.duckdb") as connection:
        keys.install(connection)
        create_tables(connection)
        for table in ("lookup_codes_cd", "f501_502_cd"):
            connection.execute(TABLES[table].create_sql())
        yield connection


def _build(con: duckdb.DuckDBPyConnection) -> None:
    reference = Reference.locate()
    reference.set_variables(con)
    with meta.stage_run(con, "process") as run:
        parties.build(con, run, reference)


def _parties(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(
        con.execute("SELECT name, id FROM ocd.organization WHERE classification = 'party'").fetchall()
    )


def test_lookup_codes_become_parties_with_one_spelling_each(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        """INSERT INTO raw.lookup_codes_cd VALUES
           (16000, 16000, 'PARTY CODE'), (16000, 0, 'N/A'), (16000, 16001, 'DEMOCRATIC'),
           (16000, 16007, 'INDEPENDENT'), (16000, 16009, 'NON PARTISAN'), (16000, 16011, 'UNKNOWN'),
           (16000, 16012, 'NO PARTY PREFERENCE'), (30000, 30001, 'PRESIDENT')"""
    )
    _build(con)
    found = _parties(con)
    assert sorted(found) == ["Democratic Party", "Independent", "No Party Preference"]
    assert found["Democratic Party"] == keys.organization_id("party", "Democratic Party")
    codes = con.execute(
        "SELECT identifier FROM ocd.organization_identifier WHERE organization_id = ?",
        [found["Democratic Party"]],
    ).fetchall()
    assert codes == [("16001",)]


def test_spellings_in_501s_join_the_party_of_their_code(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO raw.lookup_codes_cd VALUES (16000, 16002, 'REPUBLICAN')")
    con.execute(
        """INSERT INTO raw.f501_502_cd (filing_id, amend_id, form_type, filer_id, party) VALUES
           (1, 0, 'F501', '10', 'R   '), (2, 0, 'F501', '11', 'Republican'),
           (3, 0, 'F501', '12', 'Decline to State')"""
    )
    _build(con)
    found = _parties(con)
    assert sorted(found) == ["Decline to State", "Republican Party"]
    other_names = {
        name
        for (name,) in con.execute(
            "SELECT name FROM ocd.organization_other_name WHERE organization_id = ?",
            [found["Republican Party"]],
        ).fetchall()
    }
    assert other_names == {"REPUBLICAN", "R", "Republican"}


def test_unknown_spellings_are_findings_not_silent(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO raw.lookup_codes_cd VALUES (16000, 16099, 'MARTIAN PARTY')")
    con.execute(
        """INSERT INTO raw.f501_502_cd (filing_id, amend_id, form_type, filer_id, party)
           VALUES (1, 0, 'F501', '1', 'Whig')"""
    )
    _build(con)
    assert "MARTIAN PARTY" in _parties(con)
    found = meta.findings(con, "process")
    assert [(kind, subject) for _, kind, subject, _ in found] == [
        ("party spelling unmapped", "F501_502_CD.PARTY"),
        ("party spelling unmapped", "LOOKUP_CODES_CD 16099"),
    ]
    row = meta.accounting(con, "process")[0]
    assert (row.rows_in, row.rows_out, row.rows_set_aside) == (2, 1, 1)


def test_parties_are_rebuilt_not_doubled(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO raw.lookup_codes_cd VALUES (16000, 16001, 'DEMOCRATIC')")
    _build(con)
    first = _parties(con)
    _build(con)
    assert _parties(con) == first
    assert con.execute("SELECT count(*) FROM ocd.organization_identifier").fetchone() == (1,)


def test_sample_parties(processed_db: Path) -> None:
    """On the real inputs: the parties the sample's lookup codes name, each once."""
    with duckdb.connect(str(processed_db), read_only=True) as con:
        names = [
            name
            for (name,) in con.execute(
                "SELECT name FROM ocd.organization WHERE classification = 'party' ORDER BY name"
            ).fetchall()
        ]
    assert len(names) == len(set(names))
    for party in ("Democratic Party", "Republican Party", "Libertarian Party", "No Party Preference"):
        assert party in names
    assert not {"N/A", "UNKNOWN", "NON PARTISAN"} & set(names)
