"""`calaccess update`, offline on the real inputs: the README's main command, as a user runs it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from calaccess import db, meta
from calaccess.cli import cli
from calaccess.files import exclusive_lock
from tests.raw import export_server as cdn
from tests.raw.export_server import Export

#: A reader as the README shows one: Python's duckdb, read-only; prints how many runs are logged.
READER = (
    "import sys, duckdb; con = duckdb.connect(sys.argv[1], read_only=True); "
    "print(con.execute('SELECT count(*) FROM meta.run').fetchone()[0])"
)


def test_update_offline_runs_every_stage_and_validates(
    tmp_path: Path, sample_zip: Path, pages_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    args = ["--data-dir", str(data_dir), "update", "--zip", str(sample_zip), "--pages", str(pages_dir)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "0 validation findings" in result.output
    latest = data_dir / "publish" / "latest"
    assert f"published {latest.resolve()}" in result.output
    assert (latest / "datapackage.json").is_file() and (latest / "CHANGELOG.md").is_file()
    with db.connect(data_dir / "calaccess.duckdb", read_only=True) as con:
        stages = {row.stage for row in meta.accounting(con)}
        assert {"load", "scrape", "process"} <= stages
        statuses = con.execute("SELECT stage, status FROM meta.run ORDER BY run_id").fetchall()
    assert statuses == [("load", "ok"), ("scrape", "ok"), ("process", "ok")]
    # Nothing lost in silence: in every stage and subject, rows in = out + merged + unknown + set aside.
    with db.connect(data_dir / "calaccess.duckdb", read_only=True) as con:
        for row in meta.accounting(con):
            assert row.balances, row
        accounting = {row.subject: row for row in meta.accounting(con, "process")}
        runs = con.execute("SELECT started_at, finished_at FROM meta.run ORDER BY run_id").fetchall()
    # merged records and unknown parties are not called "set aside": nothing of them was dropped
    people = accounting["ocd.person"]
    assert (people.rows_set_aside, people.rows_unknown) == (0, 0) and people.rows_merged > 0
    party = accounting["candidacy party"]
    assert party.rows_set_aside == 0 and party.rows_unknown > 0
    # every run took time: its start is not its end
    assert all(started < finished for started, finished in runs), runs


def run(data_dir: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *arguments])


def one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
    return result.output


def test_update_says_where_the_database_is_and_takes_quiet_after_its_name(
    tmp_path: Path, sample_zip: Path, pages_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    loud = run(data_dir, "update", "--zip", str(sample_zip), "--pages", str(pages_dir))
    assert loud.exit_code == 0, loud.output
    assert loud.output.splitlines()[-1].startswith(f"Database: {data_dir / 'calaccess.duckdb'}, ")
    quiet = run(data_dir, "update", "--zip", str(sample_zip), "--pages", str(pages_dir), "-q")
    assert quiet.exit_code == 0 and quiet.output == "", quiet.output


def test_process_on_an_empty_data_dir_says_to_load_first_and_creates_nothing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    line = one_error_line(run(data_dir, "process"))
    assert "process needs what load and scrape make" in line
    assert "run `calaccess load` first, then `calaccess scrape`" in line
    assert not data_dir.exists()


def test_process_after_only_a_scrape_names_the_load(tmp_path: Path, scraped_db: Path) -> None:
    shutil.copy(scraped_db, tmp_path / "calaccess.duckdb")
    line = one_error_line(run(tmp_path, "process"))
    assert "holds nothing from load yet: run `calaccess load` first" in line
    with db.connect(tmp_path / "calaccess.duckdb", read_only=True) as con:
        assert con.execute("SELECT count(*) FROM scraped.candidates").fetchone() == (8_392,)
        assert [runs.latest.stage for runs in meta.stage_runs(con)] == ["scrape"]


def test_load_without_a_snapshot_creates_no_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    line = one_error_line(run(data_dir, "load"))
    assert "no snapshot" in line and "--zip" in line
    assert not data_dir.exists()


def test_a_first_stage_that_fails_leaves_no_database_behind(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    data_dir = tmp_path / "data"
    line = one_error_line(run(data_dir, "scrape", "--pages", str(tmp_path / "pages")))
    assert "no pages under" in line
    assert not data_dir.exists()


def test_a_failed_stage_keeps_a_database_an_earlier_stage_filled(
    tmp_path: Path, raw_db: Path, sample_zip: Path
) -> None:
    shutil.copy(raw_db, tmp_path / "calaccess.duckdb")
    (tmp_path / "pages").mkdir()
    one_error_line(run(tmp_path, "scrape", "--pages", str(tmp_path / "pages")))
    with db.connect(tmp_path / "calaccess.duckdb", read_only=True) as con:
        assert [runs.latest.status for runs in meta.stage_runs(con)] == ["ok", "failed"]


def test_the_readers_need_a_database_and_make_none(tmp_path: Path) -> None:
    for arguments in (["report"], ["validate"], ["export", "--format", "vip", "--out", str(tmp_path / "x")]):
        line = one_error_line(run(tmp_path / "data", *arguments))
        assert "no database at" in line, arguments
    assert not (tmp_path / "data").exists()


def test_update_leaves_the_database_open_to_readers_while_it_downloads(
    tmp_path: Path, httpserver: HTTPServer, sample_zip: Path, pages_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    database = data_dir / "calaccess.duckdb"
    db.connect(database).close()  # the database an earlier run left
    read_during_download: list[str] = []

    def read() -> None:
        reader = subprocess.run(
            [sys.executable, "-c", READER, str(database)], capture_output=True, text=True, timeout=60
        )
        read_during_download.append(reader.stdout.strip() or reader.stderr.strip().splitlines()[-1])

    export = Export(sample_zip.read_bytes())
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_handler(cdn.head(export))
    httpserver.expect_request(cdn.PATH, method="GET").respond_with_handler(cdn.get(export, midway=read))
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(data_dir), "update", "--pages", str(pages_dir), "-q"],
        env={"CALACCESS_EXPORT_URL": httpserver.url_for(cdn.PATH)},
    )

    assert result.exit_code == 0, result.output
    assert read_during_download == ["0"], "a reader opened the database halfway through the download"
    with db.connect(database, read_only=True) as con:
        statuses = con.execute("SELECT stage, status FROM meta.run ORDER BY run_id").fetchall()
    assert statuses == [("download", "ok"), ("load", "ok"), ("scrape", "ok"), ("process", "ok")]


def test_an_update_whose_download_fails_leaves_no_database(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request(cdn.PATH, method="HEAD").respond_with_data("gone", status=404)
    data_dir = tmp_path / "data"
    result = CliRunner().invoke(
        cli,
        ["--data-dir", str(data_dir), "update", "--pages", str(tmp_path)],
        env={"CALACCESS_EXPORT_URL": httpserver.url_for(cdn.PATH)},
    )
    line = one_error_line(result)
    assert "HEAD answered HTTP 404" in line
    assert not (data_dir / "calaccess.duckdb").exists()


def test_a_night_with_no_new_release_publishes_nothing_and_exits_0(
    tmp_path: Path, httpserver: HTTPServer, sample_zip: Path, pages_dir: Path
) -> None:
    cdn.serve(httpserver, Export(sample_zip.read_bytes()))
    data_dir = tmp_path / "data"
    env = {"CALACCESS_EXPORT_URL": httpserver.url_for(cdn.PATH)}
    args = ["--data-dir", str(data_dir), "update", "--pages", str(pages_dir)]
    first = CliRunner().invoke(cli, args, env=env)
    assert first.exit_code == 0, first.output
    versions = sorted(p.name for p in (data_dir / "publish").iterdir())
    second = CliRunner().invoke(cli, args, env=env)
    assert second.exit_code == 0, second.output
    assert second.output.count("\n") == 1 and second.output.startswith("no new release: "), second.output
    assert sorted(p.name for p in (data_dir / "publish").iterdir()) == versions
    # the release's name is its Last-Modified, and the version is named after it
    assert any(name.startswith("2026-11-21T112000Z.") for name in versions), versions


def test_a_second_update_exits_at_once_naming_the_one_running(tmp_path: Path, sample_zip: Path) -> None:
    data_dir = tmp_path / "data"
    with exclusive_lock(data_dir / "update.lock", wait=False, what="calaccess update"):
        line = one_error_line(run(data_dir, "update", "--zip", str(sample_zip)))
    assert not (data_dir / "calaccess.duckdb").exists()
    assert f"calaccess update is running already (pid {os.getpid()}" in line
    assert "--wait" in line


def test_a_night_the_website_cannot_be_reached_reuses_the_pages_saved_before(
    tmp_path: Path, httpserver: HTTPServer, pages_dir: Path
) -> None:
    from calaccess.pipeline import scrape_or_reuse
    from calaccess.settings import Settings

    httpserver.expect_request("/").respond_with_data("gone", status=404)  # the site, retired
    settings = Settings(data_dir=tmp_path / "data", website_url=httpserver.url_for("/").rstrip("/"))
    shutil.copytree(pages_dir, settings.pages_dir)  # what an earlier night's crawl saved
    with db.connect(settings.database_path) as con:
        notes = scrape_or_reuse(con, settings, None, 0.0)
        candidates = con.execute("SELECT count(*) FROM scraped.candidates").fetchone()
        runs = con.execute("SELECT stage, status FROM meta.run ORDER BY run_id").fetchall()
    assert len(notes) == 1 and "could not be reached" in notes[0] and str(settings.pages_dir) in notes[0]
    assert candidates == (8_392,)
    assert runs == [("scrape", "failed"), ("scrape", "ok")]


def test_with_no_pages_saved_an_unreachable_website_is_the_error_it_was(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    from calaccess.errors import SourceError
    from calaccess.pipeline import scrape_or_reuse
    from calaccess.settings import Settings

    httpserver.expect_request("/").respond_with_data("gone", status=404)
    settings = Settings(data_dir=tmp_path / "data", website_url=httpserver.url_for("/").rstrip("/"))
    with db.connect(settings.database_path) as con, pytest.raises(SourceError):
        scrape_or_reuse(con, settings, None, 0.0)
