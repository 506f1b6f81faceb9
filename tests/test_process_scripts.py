"""A SQL error inside a processing script reaches the user as one line naming the script and its line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from calaccess import db, meta
from calaccess.process.elections import SQL_DIR, run_script


def test_a_failing_script_is_named_with_its_line_and_the_run_leaves_the_tables(
    tmp_path: Path, processed_db: Path
) -> None:
    from calaccess.cli import cli

    database = tmp_path / "calaccess.duckdb"
    shutil.copy(processed_db, database)
    with db.connect(database) as con:
        elections = con.execute("SELECT count(*) FROM ocd.election").fetchone()
        # a raw table the scripts read, gone (as from a load of another export layout)
        con.execute("DROP TABLE raw.f501_502_cd")
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "process"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1, result.output
    script = SQL_DIR / "form501_race.sql"
    match = re.match(
        rf"error: process script {re.escape(str(script))}, line (\d+): Catalog Error: ", result.output
    )
    assert match, result.output
    assert "raw.f501_502_cd" in script.read_text().splitlines()[int(match.group(1)) - 1]
    with db.connect(database, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM ocd.election").fetchone() == elections


def test_a_script_error_is_one_line_and_keeps_duckdb_s_own_as_its_cause(tmp_path: Path) -> None:
    from calaccess.errors import ProcessError

    con = db.connect(tmp_path / "calaccess.duckdb")
    con.execute("CREATE TABLE raw.f501_502_cd (filing_id INTEGER)")  # none of the columns the script reads
    with pytest.raises(ProcessError) as raised, meta.stage_run(con, "process") as run:
        run_script(con, run, "form501_race")
    script = re.escape(str(SQL_DIR / "form501_race.sql"))
    assert re.match(rf"process script {script}, line \d+: Binder Error: .*amend_id", str(raised.value))
    assert "\n" not in str(raised.value)
    assert isinstance(raised.value.__cause__, duckdb.Error)


def test_a_script_run_without_findings_is_named_too(tmp_path: Path) -> None:
    """The people step repeats person_label_step.sql until clusters settle; its errors name it as well."""
    from calaccess.errors import ProcessError
    from calaccess.process.elections.people import settle_clusters

    con = db.connect(tmp_path / "calaccess.duckdb")  # no person_link: the step's first statement fails
    with pytest.raises(ProcessError, match=re.escape(str(SQL_DIR / "person_label_step.sql"))):
        settle_clusters(con)
