"""The registry of the 80 raw tables, checked against the real sampled export and a real DuckDB."""

from __future__ import annotations

import csv
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import duckdb
import pytest

from calaccess.errors import ParseError
from calaccess.raw.tables import (
    DUCKDB_TYPES,
    GROUPS,
    TABLES,
    Table,
    table_for_file,
)
from calaccess.tables import quote_identifier

ROOT = Path(__file__).resolve().parents[2]
EMPTY_IN_EVERY_EXPORT = {
    "cvr_f470_cd",
    "filer_type_periods_cd",
    "lobbyist_employer_history_cd",
    "lobbyist_firm_history_cd",
}


@dataclass(frozen=True)
class SampleFile:
    """One table of the sample: its member name, header and the records whose field count is right."""

    member: str
    header: tuple[str, ...]
    records: tuple[tuple[str, ...], ...]
    lines: int


def _read_member(archive: zipfile.ZipFile, member: str) -> SampleFile:
    # The loader repairs split records and stray bytes; here only the records that need no repair are read,
    # which is nearly all of them (checked below), so the checks see real values in their real columns.
    text = archive.read(member).replace(b"\x00", b"").replace(b"\x1a", b"").decode("utf-8", errors="replace")
    lines = text.split("\r\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        return SampleFile(member, (), (), 0)
    header = [name.strip() for name in lines[0].split("\t")]
    while header and not header[-1]:
        header.pop()
    records = tuple(
        tuple(value.strip(" ") for value in line.split("\t"))
        for line in lines[1:]
        if line.count("\t") == len(header) - 1
    )
    return SampleFile(member, tuple(header), records, len(lines) - 1)


@pytest.fixture(scope="module")
def sample(sample_zip: Path) -> dict[str, SampleFile]:
    """The sample's tables by lowercase stem."""
    with zipfile.ZipFile(sample_zip) as archive:
        members = [name for name in archive.namelist() if name.upper().endswith(".TSV")]
        return {PurePosixPath(name).stem.lower(): _read_member(archive, name) for name in members}


@pytest.fixture(scope="module")
def sample_values(
    sample: dict[str, SampleFile], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A DuckDB holding every distinct non-empty sample value with its table, column and declared type."""
    rows = set()
    for name, sample_file in sample.items():
        table = TABLES[name]
        for record in sample_file.records:
            for column, value in zip(table.columns, record, strict=True):
                if value:
                    rows.add((name, column.name, column.type, value))
    # One bulk read of a file is far faster than inserting ~100,000 rows one by one.
    values_path = tmp_path_factory.mktemp("registry") / "sample_values.csv"
    with values_path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(sorted(rows))
    con = duckdb.connect()
    con.execute(
        """
        CREATE TABLE sample_value AS SELECT * FROM read_csv(?, header = false, quote = '"', escape = '"',
            columns = {'tbl': 'VARCHAR', 'col': 'VARCHAR', 'type': 'VARCHAR', 'value': 'VARCHAR'})
        """,
        [str(values_path)],
    )
    assert con.execute("SELECT count(*) FROM sample_value").fetchone() == (len(rows),)
    yield con
    con.close()


def test_registry_holds_the_80_tables_of_the_export(sample: dict[str, SampleFile]) -> None:
    assert len(TABLES) == 80
    assert set(TABLES) == set(sample)
    assert list(TABLES) == list(dict.fromkeys(TABLES)), "a stable order with no repeats"


def test_every_sample_file_maps_to_its_table(sample: dict[str, SampleFile]) -> None:
    for name, sample_file in sample.items():
        table = table_for_file(sample_file.member)
        assert table.name == name
        assert table.source_file == PurePosixPath(sample_file.member).name
    assert table_for_file("calaccess/data/rcpt_cd.tsv").name == "rcpt_cd"
    assert table_for_file("RCPT_CD").name == "rcpt_cd"


def test_an_unknown_file_is_a_parse_error_naming_it() -> None:
    with pytest.raises(ParseError, match=r"CalAccess/DATA/NOT_A_TABLE_CD\.TSV.*not one of the 80"):
        table_for_file("CalAccess/DATA/NOT_A_TABLE_CD.TSV")


def test_columns_are_each_sample_header_in_order(sample: dict[str, SampleFile]) -> None:
    empty = {name for name, sample_file in sample.items() if not sample_file.header}
    assert empty == EMPTY_IN_EVERY_EXPORT
    for name, sample_file in sample.items():
        table = TABLES[name]
        if sample_file.header:
            assert tuple(column.source_name for column in table.columns) == sample_file.header, name
        assert table.columns, f"{name} has no columns"
        assert [column.name for column in table.columns] == [
            column.source_name.lower() for column in table.columns
        ]


def test_the_sample_records_are_read_nearly_whole(sample: dict[str, SampleFile]) -> None:
    """The type and key checks read only records with the right field count: they must be almost all."""
    records = sum(len(sample_file.records) for sample_file in sample.values())
    lines = sum(sample_file.lines for sample_file in sample.values())
    assert records > 62_000
    assert records / lines > 0.99


def test_every_table_and_column_is_documented() -> None:
    for table in TABLES.values():
        assert table.group in GROUPS, table.name
        assert len(table.description) > 30, table.name
        assert len({column.name for column in table.columns}) == len(table.columns), table.name
        for column in table.columns:
            assert column.type in DUCKDB_TYPES, (table.name, column.name)
            assert len(column.description) > 10, (table.name, column.name)
            assert column.description.endswith("."), (table.name, column.name)
            if column.lookup is not None:
                assert column.lookup in TABLES, (table.name, column.name, column.lookup)


def test_amounts_are_exact_and_codes_stay_text() -> None:
    for table in TABLES.values():
        for column in table.columns:
            name = column.name
            if re.search(r"(^|_)(amt|amount)|amt\d$|_amt_|^qtr_\d$|(^|_)(cum|per)_total$|_bal$", name):
                assert column.type == "decimal", (table.name, name)
            if re.search(r"zip|phon|fax|dist_no|report_num|bal_num|tran_id|memo_refno", name):
                assert column.type == "text", (table.name, name)
    assert TABLES["lobbying_chg_log_cd"].column("filer_zip").type == "text"  # '07666' must keep its zero


def test_flags_in_number_columns_are_booleans() -> None:
    """The state documents some Y/N flags as numbers; they hold Y and N."""
    assert TABLES["cvr_campaign_disclosure_cd"].column("control_yn").type == "boolean"
    assert TABLES["cvr_e530_cd"].column("type_tv").type == "boolean"
    assert TABLES["reports_cd"].column("parms_flg_y_n").type == "boolean"


def test_declared_types_read_every_sample_value(sample_values: duckdb.DuckDBPyConnection) -> None:
    """Every non-empty sample value reads as its column's type, exactly (no rounding, no dropped time)."""
    failures = sample_values.execute(
        r"""
        WITH parsed AS (
            SELECT *,
                try_strptime(value, ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y']) AS moment,
                TRY_CAST(value AS DECIMAL(38, 10)) AS exact_number
            FROM sample_value
        )
        SELECT tbl, col, type, value FROM parsed
        WHERE CASE type
            WHEN 'integer' THEN NOT regexp_full_match(value, '-?\d+') OR TRY_CAST(value AS INTEGER) IS NULL
            WHEN 'bigint' THEN NOT regexp_full_match(value, '-?\d+') OR TRY_CAST(value AS BIGINT) IS NULL
            WHEN 'decimal' THEN TRY_CAST(value AS DECIMAL(16, 2)) IS DISTINCT FROM exact_number
                OR exact_number IS NULL
            WHEN 'date' THEN moment IS NULL OR CAST(moment AS TIME) <> TIME '00:00:00'
            WHEN 'timestamp' THEN moment IS NULL
            WHEN 'boolean' THEN upper(value) NOT IN ('Y', 'N', 'X')
            ELSE false
        END
        ORDER BY ALL
        """
    ).fetchall()
    assert failures == []


def test_dates_with_real_times_are_timestamps(sample_values: duckdb.DuckDBPyConnection) -> None:
    """A column declared a timestamp holds times other than midnight somewhere in the sample."""
    timestamps = {(t.name, c.name) for t in TABLES.values() for c in t.columns if c.type == "timestamp"}
    with_times = set(
        sample_values.execute(
            """
            SELECT DISTINCT tbl, col FROM sample_value
            WHERE type = 'timestamp'
              AND CAST(try_strptime(value, ['%m/%d/%Y %I:%M:%S %p', '%m/%d/%Y']) AS TIME) <> TIME '00:00:00'
            """
        ).fetchall()
    )
    assert with_times == timestamps
    assert ("filer_filings_cd", "filing_date") in timestamps


def test_natural_keys_are_unique_in_the_sample(sample: dict[str, SampleFile]) -> None:
    keyed = [table for table in TABLES.values() if table.natural_key]
    assert len(keyed) >= 60
    for table in keyed:
        sample_file = sample[table.name]
        positions = [table.column_names.index(name) for name in table.natural_key]
        keys = [tuple(record[i] for i in positions) for record in sample_file.records]
        repeated = {key for key in keys if keys.count(key) > 1} if len(set(keys)) < len(keys) else set()
        assert not repeated, f"{table.name}: key {table.natural_key} repeats for {sorted(repeated)[:3]}"


def test_filings_are_keyed_by_filing_and_amendment() -> None:
    assert TABLES["cvr_campaign_disclosure_cd"].natural_key == ("filing_id", "amend_id")
    assert TABLES["rcpt_cd"].natural_key[:3] == ("filing_id", "amend_id", "line_item")
    assert TABLES["filername_cd"].natural_key == ()  # a filer repeats once per name: no key holds


def test_ddl_creates_every_table_in_a_real_duckdb(tmp_path: Path) -> None:
    with duckdb.connect(str(tmp_path / "registry.duckdb")) as con:
        con.execute("CREATE SCHEMA raw")
        for table in TABLES.values():
            con.execute(table.create_sql())
        created = con.execute(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'raw' ORDER BY table_name, ordinal_position
            """
        ).fetchall()
    expected = sorted(
        (
            (table.name, column.name, column.duckdb_type)
            for table in TABLES.values()
            for column in table.columns
        ),
        key=lambda row: (row[0], TABLES[row[0]].column_names.index(row[1])),
    )
    assert created == expected


def test_keyword_names_are_quoted_in_ddl() -> None:
    with duckdb.connect() as con:
        keywords = {row[0] for row in con.execute("SELECT keyword_name FROM duckdb_keywords()").fetchall()}
    header = TABLES["header_cd"]
    assert '"label" VARCHAR' in header.create_sql()
    for table in TABLES.values():
        sql = table.create_sql(schema="staging")
        assert sql.startswith(f"CREATE TABLE staging.{table.name} (")
        for column in table.columns:
            if column.name in keywords:
                assert f'"{column.name}" {column.duckdb_type}' in sql, (table.name, column.name)


def test_a_column_is_found_by_either_spelling() -> None:
    table: Table = TABLES["rcpt_cd"]
    assert table.column("AMOUNT") == table.column("amount")
    assert table.column("amount").duckdb_type == "DECIMAL(16,2)"
    with pytest.raises(KeyError, match="rcpt_cd has no column 'nope'"):
        table.column("nope")


def test_the_loaded_sample_fits_the_registry(raw_db: Path) -> None:
    """After the loader's repairs, no sample value fails its declared type and every declared key holds."""
    with duckdb.connect(str(raw_db), read_only=True) as con:
        failures = con.execute(
            "SELECT table_name, column_name, raw_value FROM meta.raw_cast_failure ORDER BY ALL LIMIT 20"
        ).fetchall()
        assert failures == []
        for table in TABLES.values():
            if not table.natural_key:
                continue
            key = ", ".join(quote_identifier(name) for name in table.natural_key)
            repeated = con.execute(
                f"SELECT {key}, count(*) FROM raw.{table.name} GROUP BY ALL HAVING count(*) > 1 LIMIT 3"
            ).fetchall()
            assert repeated == [], table.name
