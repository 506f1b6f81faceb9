"""The database held by another process, or in a folder that cannot be written: one line that says what to do.

Real processes hold the file (DuckDB's lock is between processes), and the unwritable folder is made so by
dropping this process's capabilities, because the tests run as root, where `chmod` stops nothing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from calaccess.cli import cli

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "read-only")
print("holding", flush=True)
time.sleep(120)
"""


@pytest.fixture
def data_dir(tmp_path: Path, processed_db: Path) -> Path:
    """A data dir of its own with the real sample processed (a copy: the shared one must stay untouched)."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(processed_db, folder / "calaccess.duckdb")
    return folder


def hold(database: Path, mode: str) -> Iterator[subprocess.Popen[str]]:
    """Another process with the database open, read-write or read-only, until the test ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(database), mode], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        yield holder
    finally:
        holder.kill()
        holder.wait()


@pytest.fixture
def writer(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    yield from hold(data_dir / "calaccess.duckdb", "read-write")


@pytest.fixture
def reader(data_dir: Path) -> Iterator[subprocess.Popen[str]]:
    yield from hold(data_dir / "calaccess.duckdb", "read-only")


def commands(tmp_path: Path, sample_zip: Path, pages_dir: Path) -> dict[str, list[str]]:
    out = str(tmp_path / "export")
    return {
        "report": ["report"],
        "validate": ["validate"],
        "export": ["export", "--format", "ocd-json", "--out", out],
        "load": ["load", "--zip", str(sample_zip)],
        "scrape": ["scrape", "--pages", str(pages_dir)],
        "process": ["process"],
        "update": ["update", "--zip", str(sample_zip), "--pages", str(pages_dir)],
    }


READERS = ("report", "validate", "export")
WRITERS = ("load", "scrape", "process", "update")


def run(data_dir: Path, arguments: list[str]) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), *arguments])


def one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and result.output.count("\n") == 1, result.output
    return result.output


def test_every_command_names_the_process_writing_the_database(
    data_dir: Path,
    writer: subprocess.Popen[str],
    tmp_path: Path,
    sample_zip: Path,
    pages_dir: Path,
) -> None:
    for name, arguments in commands(tmp_path, sample_zip, pages_dir).items():
        line = one_error_line(run(data_dir, arguments))
        assert f"is in use by process {writer.pid} (python -c " in line, (name, line)
        assert "wait for that to finish, or close it, and run again" in line, (name, line)


def test_readers_work_beside_a_reader_and_writers_are_told_to_close_it(
    data_dir: Path,
    reader: subprocess.Popen[str],
    tmp_path: Path,
    sample_zip: Path,
    pages_dir: Path,
) -> None:
    every = commands(tmp_path, sample_zip, pages_dir)
    for name in READERS:
        result = run(data_dir, every[name])
        assert result.exit_code == 0, (name, result.output)
    before = digest(data_dir / "calaccess.duckdb")
    for name in WRITERS:
        line = one_error_line(run(data_dir, every[name]))
        assert f"is open for reading in process {reader.pid}" in line, (name, line)
        assert "close that connection and run again" in line, (name, line)
    assert digest(data_dir / "calaccess.duckdb") == before


def test_the_holder_is_named_as_its_command_line(data_dir: Path) -> None:
    from calaccess.db import process_name

    assert process_name(os.getpid()) is not None
    assert process_name(2**22 + 1) is None  # above any pid Linux hands out: no such process


def test_duckdb_s_errors_a_user_can_act_on_are_explained_and_a_bug_is_not(tmp_path: Path) -> None:
    from calaccess.db import explain

    con = duckdb.connect()
    with pytest.raises(duckdb.CatalogException) as missing:
        con.execute("SELECT * FROM ocd.election")
    with pytest.raises(duckdb.BinderException) as bug:
        con.execute("SELECT no_such_column")
    explained = explain(missing.value, tmp_path / "calaccess.duckdb")
    assert explained is not None
    assert str(explained).startswith(f"{tmp_path / 'calaccess.duckdb'} lacks what this command needs (")
    assert "`calaccess update` runs them all" in str(explained)
    assert explain(bug.value, tmp_path / "calaccess.duckdb") is None


# --- A data dir that cannot be written ----------------------------------------------------------------

DROP_PRIVILEGES = (
    ["setpriv", "--inh-caps=-all", "--bounding-set=-all"],
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
)


def unprivileged(probe_dir: Path) -> list[str]:
    """A prefix under which a command can write where the test can but not in a folder of mode 555; or skip
    saying why there is none."""
    writable, locked = probe_dir / "writable", probe_dir / "locked"
    for folder in (writable, locked):
        folder.mkdir(parents=True, exist_ok=True)
    locked.chmod(0o555)
    try:
        if os.geteuid() != 0:
            return []
        for prefix in DROP_PRIVILEGES:
            if shutil.which(prefix[0]) is None:
                continue
            can = subprocess.run([*prefix, "touch", str(writable / "x")], capture_output=True, check=False)
            cannot = subprocess.run([*prefix, "touch", str(locked / "x")], capture_output=True, check=False)
            if can.returncode == 0 and cannot.returncode != 0:
                return prefix
        pytest.skip(
            "running as root, and neither `setpriv --inh-caps=-all --bounding-set=-all` nor "
            "`setpriv --reuid=65534` runs a command that can write the test's folders but not one of mode 555"
        )
    finally:
        locked.chmod(0o755)


def calaccess(prefix: list[str], data_dir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "calaccess", "--data-dir", str(data_dir), *arguments],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def read_only_data_dir(data_dir: Path) -> Iterator[Path]:
    """The data dir at mode 555 (its database file writable, as a copied database would be)."""
    data_dir.chmod(0o555)
    yield data_dir
    data_dir.chmod(0o755)


def test_stages_refuse_a_data_dir_they_cannot_write_before_doing_anything(
    read_only_data_dir: Path, tmp_path: Path, sample_zip: Path, pages_dir: Path
) -> None:
    prefix = unprivileged(tmp_path / "probe")
    before = digest(read_only_data_dir / "calaccess.duckdb")
    attempts = {
        "load": ["load", "--zip", str(sample_zip)],
        "scrape": ["scrape", "--pages", str(pages_dir)],
        "process": ["process"],
        # nothing listens on port 9: without the check up front this would retry for half a minute
        "download": ["download", "--url", "http://127.0.0.1:9/dbwebexport.zip"],
        "update": ["update", "--zip", str(sample_zip), "--pages", str(pages_dir)],
    }
    for name, arguments in attempts.items():
        result = calaccess(prefix, read_only_data_dir, *arguments)
        assert result.returncode == 1, (name, result.stderr)
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, (name, result.stderr)
        assert result.stderr.startswith(f"error: cannot write in {read_only_data_dir}"), (name, result.stderr)
        assert "Permission denied" in result.stderr, (name, result.stderr)
    assert sorted(p.name for p in read_only_data_dir.iterdir()) == ["calaccess.duckdb"]
    assert digest(read_only_data_dir / "calaccess.duckdb") == before


def test_readers_still_work_on_a_data_dir_that_cannot_be_written(
    read_only_data_dir: Path, tmp_path: Path
) -> None:
    prefix = unprivileged(tmp_path / "probe")
    out = tmp_path / "export"
    out.mkdir()
    out.chmod(0o777)  # writable by whoever the prefix runs as
    for arguments in (["report"], ["validate"], ["export", "--format", "ocd-json", "--out", str(out / "x")]):
        result = calaccess(prefix, read_only_data_dir, *arguments)
        assert result.returncode == 0, (arguments, result.stderr)


def test_a_database_file_that_cannot_be_written_is_named(data_dir: Path, tmp_path: Path) -> None:
    prefix = unprivileged(tmp_path / "probe")
    database = data_dir / "calaccess.duckdb"
    database.chmod(0o444)
    result = calaccess(prefix, data_dir, "process")
    database.chmod(0o644)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: cannot write {database}: Permission denied"), result.stderr
    assert result.stderr.count("\n") == 1


def test_export_refuses_an_out_folder_it_cannot_write(data_dir: Path, tmp_path: Path) -> None:
    prefix = unprivileged(tmp_path / "probe")
    out = tmp_path / "locked"
    out.mkdir()
    out.chmod(0o555)
    result = calaccess(prefix, data_dir, "export", "--format", "vip", "--out", str(out / "vip"))
    out.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: cannot write in {out}: Permission denied"), result.stderr
    assert "choose another --out" in result.stderr and result.stderr.count("\n") == 1
