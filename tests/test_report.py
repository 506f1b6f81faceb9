"""`calaccess report` on the real sample: a summary a reporter can read, the findings only when asked."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calaccess import db, meta
from calaccess.cli import cli


@pytest.fixture
def data_dir(tmp_path: Path, processed_db: Path) -> Path:
    shutil.copy(processed_db, tmp_path / "calaccess.duckdb")
    return tmp_path


def report(data_dir: Path, *arguments: str) -> Result:
    return CliRunner().invoke(cli, ["--data-dir", str(data_dir), "report", *arguments])


def stage_row(output: str, stage: str) -> str:
    """The stage's line in the summary table (the first table printed)."""
    return next(line for line in output.splitlines() if re.match(rf"│ {stage} +│", line))


def test_the_report_opens_with_a_summary_and_lists_no_findings_unless_asked(data_dir: Path) -> None:
    result = report(data_dir)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # on the sample the old report printed 19,560 lines, nearly all of them findings
    assert len(lines) < 250, len(lines)
    assert lines[0].startswith(f"Database: {data_dir / 'calaccess.duckdb'}, ")
    # stages in data-flow order, each with when it ran, how long it took and its source
    order = [result.output.index(f"│ {stage} ") for stage in ("load", "scrape", "process")]
    assert order == sorted(order)
    assert "dbwebexport-sample.zip" in stage_row(result.output, "load")
    for stage in ("load", "scrape", "process"):
        row = stage_row(result.output, stage)
        assert re.search(r"│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d │ +\d+\.\d s │ ok ", row), row
    # findings counted by kind, not listed: the 7,984 candidates without a 501 are one line
    assert re.search(r"│ process +│ candidate without form 501 +│ +7,984 │", result.output)
    assert "OLLER, THOMAS" not in result.output and "Findings (" not in result.output


def test_the_accounting_shows_merged_and_unknown_rows_where_a_stage_has_them(data_dir: Path) -> None:
    output = report(data_dir).output
    process = output[output.index("Row accounting: process") :]
    header = next(line for line in process.splitlines() if "subject" in line)
    assert [name.strip() for name in header.strip("┃").split("┃")] == [
        "subject",
        "in",
        "out",
        "merged",
        "unknown",
        "set aside",
    ]
    # the notes wait for --stage: the summary stays short
    assert "what each count means: `calaccess report --stage process`" in process
    assert "note" in report(data_dir, "--stage", "process").output
    person = next(line for line in process.splitlines() if "│ ocd.person " in line)
    cells = [cell.strip() for cell in person.strip("│").split("│")]
    with db.connect(data_dir / "calaccess.duckdb", read_only=True) as con:
        row = next(r for r in meta.accounting(con, "process") if r.subject == "ocd.person")
    assert cells[1:6] == [f"{n:,}" for n in (row.rows_in, row.rows_out, row.rows_merged, 0, 0)]
    # the load's tables that came in as they were are summed up, not listed one by one
    load = output[output.index("Row accounting: load") : output.index("Row accounting: scrape")]
    assert "merged" not in load and "│ total " in load and "│ acronyms_cd " not in load
    assert "more, every row in and out as it was: `calaccess report --stage load` lists them" in load
    assert "│ acronyms_cd " in report(data_dir, "--stage", "load").output


def test_findings_of_a_kind_are_listed_up_to_the_limit(data_dir: Path) -> None:
    result = report(data_dir, "--findings", "candidate without form 501", "--limit", "5")
    assert result.exit_code == 0, result.output
    listing = result.output[result.output.index("Findings (7,984, the first 5; --limit 0 lists all)") :]
    assert sum("│ process │ candidate without form 501 │" in line for line in listing.splitlines()) == 5
    assert "person merged" not in listing


def test_an_unknown_kind_is_one_line_naming_the_kinds_there_are(data_dir: Path) -> None:
    result = report(data_dir, "--findings", "no such kind")
    assert result.exit_code == 1
    assert result.output.startswith("error: no findings of kind 'no such kind'; the kinds found are: ")
    assert "'candidate without form 501'" in result.output and result.output.count("\n") == 1


def test_stage_takes_only_the_stages_there_are(data_dir: Path) -> None:
    result = report(data_dir, "--stage", "loading")
    assert result.exit_code == 2
    assert "'loading' is not one of 'download', 'load', 'scrape', 'process'" in result.output


def test_quiet_silences_the_report(data_dir: Path) -> None:
    before = CliRunner().invoke(cli, ["-q", "--data-dir", str(data_dir), "report"])
    after = report(data_dir, "-q")
    assert before.exit_code == after.exit_code == 0
    assert before.output == after.output == ""


def test_a_failed_run_says_why_and_which_run_the_tables_are_from(data_dir: Path) -> None:
    with (
        db.connect(data_dir / "calaccess.duckdb") as con,
        pytest.raises(RuntimeError),
        meta.stage_run(con, "process"),
    ):
        raise RuntimeError("the reference data broke")
    output = report(data_dir).output
    assert "│ failed " in stage_row(output, "process")
    note = " ".join(output.split())
    assert re.search(
        r"process failed at [\d :-]+: RuntimeError: the reference data broke; its tables, accounting and "
        r"findings are still those of the run of [\d :-]+",
        note,
    ), note
    # the accounting and findings shown are the last good run's
    assert re.search(r"│ process +│ candidate without form 501 +│ +7,984 │", output)
