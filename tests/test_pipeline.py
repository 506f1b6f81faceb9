"""`calaccess update`, offline on the real inputs: the README's main command, as a user runs it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from calaccess import db, meta
from calaccess.cli import cli


def test_update_offline_runs_every_stage_and_validates(
    tmp_path: Path, sample_zip: Path, pages_dir: Path
) -> None:
    data_dir = tmp_path / "data"
    args = ["--data-dir", str(data_dir), "update", "--zip", str(sample_zip), "--pages", str(pages_dir)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "0 validation findings" in result.output
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
