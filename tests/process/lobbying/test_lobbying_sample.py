"""Lobbying on the real sample: every row of each lobbying table accounted for (in = out + merged + set
aside), the current transactions exactly the rows of each filing's latest version, the database valid."""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import duckdb
import pytest

from calaccess.ocd.validate import validate_database
from calaccess.process.lobbying.transactions import ITEM_TABLES
from tests.process.finance.test_transactions import _latest_versions, _tsv


def test_every_lobbying_table_s_rows_are_accounted_for(real: duckdb.DuckDBPyConnection) -> None:
    rows = real.execute(
        "SELECT subject, rows_in, rows_out, rows_merged, rows_unknown, rows_set_aside "
        "FROM meta.row_accounting WHERE subject IN (SELECT unnest(?))",
        [[f"ocd.transaction from {table}" for table in ITEM_TABLES]],
    ).fetchall()
    assert len(rows) == len(ITEM_TABLES)
    for subject, rows_in, rows_out, merged, unknown, set_aside in rows:
        assert rows_in == 1_000, subject  # the sample holds 1,000 rows of each table
        assert rows_in == rows_out + merged + unknown + set_aside, subject
        assert rows_out > 900, subject


def test_every_lobbying_step_accounts_for_what_it_read(real: duckdb.DuckDBPyConnection) -> None:
    rows = real.execute(
        "SELECT subject, rows_in, rows_out, rows_merged, rows_unknown, rows_set_aside "
        "FROM meta.row_accounting WHERE subject LIKE '%lobby%' "
        "OR subject IN ('activity expense beneficiaries', 'ocd.person from lobbyists')"
    ).fetchall()
    subjects = {row[0] for row in rows}
    assert {
        "ocd.organization from lobbying filers",
        "ocd.person from lobbyists",
        "ocd.filing from lobbying",
        "ocd.filing_action from lobbying",
        "ocd.membership from lobbying employment",
    } <= subjects
    for subject, rows_in, rows_out, merged, unknown, set_aside in rows:
        assert rows_in == rows_out + merged + unknown + set_aside, subject


def test_every_lobbying_filing_has_one_current_action_and_its_filer(real: duckdb.DuckDBPyConnection) -> None:
    row = real.execute(
        "SELECT count(*), count(*) FILTER (WHERE filer_type = 'organization'), "
        "count(*) FILTER (WHERE filer_type = 'person') FROM ocd.filing WHERE extras->>'domain' = 'lobbying'"
    ).fetchone()
    assert row is not None and row[0] > 5_000 and row[1] > 0 and row[2] > 0
    assert real.execute(
        "SELECT count(*) FROM ocd.filing AS f WHERE extras->>'domain' = 'lobbying' AND (SELECT count(*) "
        "FROM ocd.filing_action AS a WHERE a.filing_id = f.id AND a.is_current) <> 1"
    ).fetchone() == (0,)


# LPAY_CD: every row has an amount of some kind (PER_TOTAL, else its parts), and a few rows have an extra
# tab that the loader repairs and csv does not, so its rows are counted whatever their amount columns say
@pytest.mark.parametrize(("table", "amount"), [("LCCM_CD", "AMOUNT"), ("LPAY_CD", None)])
def test_current_lobbying_transactions_are_the_rows_of_each_filing_s_latest_version(
    real: duckdb.DuckDBPyConnection, sample_zip: Path, table: str, amount: str | None
) -> None:
    with zipfile.ZipFile(sample_zip) as archive:
        latest = _latest_versions(archive)
        member = next(name for name in archive.namelist() if name.upper().endswith(f"/{table}.TSV"))
        rows = _tsv(archive, member)
    counted: Counter[str] = Counter()
    for row in rows:
        filing = row["FILING_ID"].strip()
        if (amount is None or row[amount].strip()) and int(row["AMEND_ID"]) == latest[filing]:
            counted[filing] += 1
    ours = real.execute(
        "SELECT extras->>'filing_id', count(*) FROM ocd.transaction "
        "WHERE extras->>'calaccess_table' = ? AND CAST(extras->>'is_current' AS BOOLEAN) GROUP BY ALL",
        [table.lower()],
    ).fetchall()
    assert dict(ours) == dict(counted)
    assert sum(counted.values()) > 800


def test_lobbying_ids_are_unique_and_apart_from_campaign_ones(real: duckdb.DuckDBPyConnection) -> None:
    assert real.execute("SELECT count(*) - count(DISTINCT id) FROM ocd.transaction").fetchone() == (0,)
    assert real.execute(
        "SELECT count(DISTINCT extras->>'domain') FROM ocd.transaction WHERE extras->>'domain' = 'lobbying'"
    ).fetchone() == (1,)


def test_the_processed_sample_with_lobbying_is_valid(real: duckdb.DuckDBPyConnection) -> None:
    assert validate_database(real) == []
