"""Publishing the processed real sample: what a user downloading a version, or a tool opening it, checks."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from frictionless import Package

from calaccess import db
from calaccess.cli import cli
from calaccess.publish import publish
from calaccess.publish.archive import Archive, VersionName

FIRST = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)
SECOND = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path, processed_db: Path) -> Path:
    """A copy of the processed sample that a test may change."""
    path = tmp_path / "calaccess.duckdb"
    shutil.copy(processed_db, path)
    return path


@pytest.fixture(scope="module")
def first_version(tmp_path_factory: pytest.TempPathFactory, processed_db: Path) -> Path:
    """One version of the processed sample, published once for the tests that only read it."""
    folder = tmp_path_factory.mktemp("published")
    path = folder / "calaccess.duckdb"
    shutil.copy(processed_db, path)
    with db.connect(path) as con:
        result = publish(con, path, folder / "publish", now=FIRST)
    return result.path


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_the_data_package_validates_with_its_data(first_version: Path) -> None:
    report = Package(str(first_version / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resource/name", "rowNumber", "fieldName", "type", "note"])[:20]


def test_the_ocd_json_feed_is_compressed_and_holds_every_record(
    first_version: Path, processed_db: Path
) -> None:
    feed = first_version / "feeds" / "ocd-json"
    with duckdb.connect(str(processed_db), read_only=True) as con:
        for table in ("transaction", "filing_action", "candidacy"):
            path = feed / f"{table}.jsonl.zst"
            read = con.execute(
                "SELECT count(*), count(DISTINCT id) FROM read_json(?, format = 'newline_delimited')",
                [str(path)],
            ).fetchone()
            expected = con.execute(f"SELECT count(*) FROM ocd.{table}").fetchone()
            assert expected is not None and read == (expected[0], expected[0]), table


def test_every_ocd_table_is_a_csv_and_a_parquet_file_with_the_database_s_rows(
    first_version: Path, processed_db: Path
) -> None:
    manifest = json.loads((first_version / "manifest.json").read_text())
    with duckdb.connect(str(processed_db), read_only=True) as con:
        for table, rows in manifest["tables"].items():
            group, name = table.split("/")
            if group != "relational" or name == "person_id_replacement":
                continue
            expected = con.execute(f'SELECT count(*) FROM ocd."{name}"').fetchone()
            assert expected is not None and rows == expected[0], name
            assert len(_rows(first_version / "relational" / f"{name}.csv")) == rows, name
            parquet = con.execute(
                f"SELECT count(*) FROM read_parquet('{first_version}/relational/{name}.parquet')"
            ).fetchone()
            assert parquet is not None and parquet[0] == rows, name
    assert manifest["tables"]["relational/candidacy"] == 8_392


def test_the_manifest_hashes_every_file_and_names_the_release(first_version: Path) -> None:
    manifest = json.loads((first_version / "manifest.json").read_text())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {p.relative_to(first_version).as_posix() for p in first_version.rglob("*") if p.is_file()} - {
        "manifest.json"
    }
    assert set(listed) == on_disk
    assert {"datapackage.json", "calaccess.duckdb", "zip/relational.zip", "CHANGELOG.md"} <= on_disk
    assert manifest["source"]["zip"] == "dbwebexport-sample.zip"
    assert len(manifest["source"]["sha256"]) == 64
    assert any(row["subject"] == "rcpt_cd" for row in manifest["data_quality"]["accounting"])


def test_csv_holds_times_in_utc_and_lists_as_json(first_version: Path) -> None:
    person = _rows(first_version / "relational" / "person.csv")[0]
    assert person["created_at"] == "2026-12-01T07:00:00Z" == person["updated_at"]
    statuses = _rows(first_version / "relational" / "committee_status.csv")
    for row in statuses[:5]:
        assert isinstance(json.loads(row["classification"]), list)


def test_a_second_publish_of_the_same_data_changes_nothing_and_costs_nothing(database: Path) -> None:
    archive = database.parent / "publish"
    with db.connect(database) as con:
        first = publish(con, database, archive, now=FIRST)
        second = publish(con, database, archive, now=SECOND)
    assert first.version.release == second.version.release
    assert (first.version.sequence, second.version.sequence) == (1, 2)
    assert Archive(archive).latest() == second.version
    assert second.summary == ["No record changed."]
    old = first.path / "relational" / "candidacy.csv"
    new = second.path / "relational" / "candidacy.csv"
    assert old.stat().st_ino == new.stat().st_ino  # hard-linked, not copied
    assert _rows(new)[0]["created_at"] == "2026-12-01T07:00:00Z"
    # linked as they were written, not written and then compared: tables, feeds and ZIPs alike
    for path in (
        "flat/transactions.csv",
        "forms/f460_cover.parquet",
        "feeds/ocd-json/transaction.jsonl.zst",
        "zip/relational.zip",
    ):
        assert (first.path / path).stat().st_ino == (second.path / path).stat().st_ino, path


def test_a_changed_record_keeps_its_created_at_and_the_changelog_counts_it(database: Path) -> None:
    archive = database.parent / "publish"
    with db.connect(database) as con:
        publish(con, database, archive, now=FIRST)
        changed, removed = (
            row[0] for row in con.execute("SELECT id FROM ocd.person ORDER BY id LIMIT 2").fetchall()
        )
        con.execute("UPDATE ocd.person SET name = name || ' JR.' WHERE id = ?", [changed])
        con.execute("DELETE FROM ocd.person WHERE id = ?", [removed])
        con.execute(
            "INSERT INTO ocd.person_other_name (person_id, name, note) VALUES (?, 'A NEW ALIAS', 'test')",
            [changed],
        )
        # a person removed leaves references dangling: this test is of the history, not the validation
        result = publish(con, database, archive, now=SECOND, validated=True)
    people = {row["id"]: row for row in _rows(result.path / "relational" / "person.csv")}
    assert people[changed]["created_at"] == "2026-12-01T07:00:00Z"
    assert people[changed]["updated_at"] == "2026-12-02T07:00:00Z"
    untouched = next(row for key, row in people.items() if key != changed)
    assert untouched["updated_at"] == "2026-12-01T07:00:00Z"
    assert removed not in people
    changes = json.loads((result.path / "changes.json").read_text())
    person = next(table for table in changes["tables"] if table["table"] == "person")
    assert (person["added"], person["removed"], person["changed"]) == (0, 1, 1)
    assert person["removed_keys"] == [removed] and person["changed_keys"] == [changed]
    assert changes["previous_version"] == str(VersionName(result.version.release, 1))
    assert changes["retired_ids"] == []  # the removed person is no merge: nothing replaces it
    assert "person: 0 added, 1 removed, 1 changed" in (result.path / "CHANGELOG.md").read_text()


def test_a_killed_publish_leaves_latest_and_the_archive_as_they_were(database: Path) -> None:
    archive = database.parent / "publish"
    with db.connect(database) as con:
        first = publish(con, database, archive, now=FIRST)
    script = (
        "import sys; from pathlib import Path; from calaccess import db\n"
        "from calaccess.publish import publish\n"
        "with db.connect(Path(sys.argv[1])) as con: publish(con, Path(sys.argv[1]), Path(sys.argv[2]))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(database), str(archive)])
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".staging-") for p in archive.iterdir()):
        assert child.poll() is None and time.monotonic() < deadline, "publish ended before it could be killed"
        time.sleep(0.01)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert Archive(archive).latest() == first.version
    assert Archive(archive).versions() == [first.version]
    assert (archive / "latest" / "datapackage.json").is_file()
    with db.connect(database) as con:
        again = publish(con, database, archive, now=SECOND)
    assert again.version.sequence == 2
    assert not any(p.name.startswith(".staging-") for p in archive.iterdir())


def test_keep_prunes_the_oldest_versions_but_never_latest(database: Path) -> None:
    archive = database.parent / "publish"
    with db.connect(database) as con:
        for _ in range(3):
            last = publish(con, database, archive, now=FIRST, keep=2)
    assert [name.sequence for name in Archive(archive).versions()] == [2, 3]
    assert last.pruned == [VersionName(last.version.release, 1)]


def test_publish_before_process_is_one_line(tmp_path: Path) -> None:
    with db.connect(tmp_path / "calaccess.duckdb"):
        pass
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "publish"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == ["error: nothing to publish: run `calaccess process` first"]


def test_the_flat_files_have_their_declared_columns_and_a_row_per_thing(
    first_version: Path, processed_db: Path
) -> None:
    from calaccess.publish.flat import TABLES

    counts = {
        "candidates": "ocd.candidacy",
        "committees": "ocd.committee",
        "filings": "ocd.filing",
        "transactions": "ocd.transaction",
        "ballot_measures": "ocd.ballot_measure_contest",
    }
    with duckdb.connect(str(processed_db), read_only=True) as con:
        for table in TABLES:
            path = first_version / "flat" / f"{table.name}.csv"
            with path.open(newline="", encoding="utf-8") as file:
                header = next(csv.reader(file))
            assert tuple(header) == table.column_names, table.name
            if table.name in counts:
                expected = con.execute(f"SELECT count(*) FROM {counts[table.name]}").fetchone()
                assert expected is not None and len(_rows(path)) == expected[0] > 0, table.name


def test_a_person_id_retired_by_a_merge_is_published_with_what_replaced_it(database: Path) -> None:
    archive = database.parent / "publish"
    with db.connect(database) as con:
        publish(con, database, archive, now=FIRST)
        retired, kept = (
            row[0] for row in con.execute("SELECT id FROM ocd.person ORDER BY id LIMIT 2").fetchall()
        )
        con.execute("DELETE FROM ocd.person WHERE id = ?", [retired])
        con.execute(
            "INSERT INTO meta.person_id_replacement (retired_id, replaced_by, reason) VALUES (?, ?, 'test')",
            [retired, kept],
        )
        result = publish(con, database, archive, now=SECOND, validated=True)
    changes = json.loads((result.path / "changes.json").read_text())
    assert changes["retired_ids"] == [{"retired_id": retired, "replaced_by": kept}]
    assert any("person id retired" in line for line in changes["summary"])
