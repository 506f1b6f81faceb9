"""`calaccess validate` and `calaccess export` on a real database file, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from calaccess import db
from calaccess.cli import cli
from calaccess.ocd.export import FORMATS
from calaccess.settings import Settings
from tests.ocd.conftest import IDS, build


def make_database(data_dir: Path, *, broken: bool = False) -> None:
    with db.connect(Settings(data_dir=data_dir).database_path) as con:
        build(con)
        if broken:
            con.execute("UPDATE ocd.candidate_contest SET number_elected = 0")


def test_validate_passes_a_valid_database(tmp_path: Path) -> None:
    make_database(tmp_path)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "validate"])
    assert result.exit_code == 0, result.output
    assert "0 findings" in result.output


def test_validate_prints_findings_and_exits_1(tmp_path: Path) -> None:
    make_database(tmp_path, broken=True)
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "validate"])
    assert result.exit_code == 1
    assert (
        f"CandidateContest\t{IDS['senate_contest']}\tnumber_elected\tmust be at least 1: 0" in result.output
    )


def test_validate_without_ocd_tables_says_so(tmp_path: Path) -> None:
    with db.connect(Settings(data_dir=tmp_path).database_path):
        pass
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "validate"])
    assert result.exit_code == 1
    assert "error: validate: schema 'ocd' lacks the OCD tables" in result.output
    assert "(run `calaccess process` first)" in result.output


def test_export_writes_each_format(tmp_path: Path) -> None:
    make_database(tmp_path)
    for format_name in FORMATS:
        out = tmp_path / format_name
        result = CliRunner().invoke(
            cli, ["--data-dir", str(tmp_path), "export", "--format", format_name, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert any(out.iterdir())
    candidacies = (tmp_path / "ocd-json" / "candidacy.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["id"] for line in candidacies} == {
        IDS["rowen_candidacy"],
        IDS["gaines_candidacy"],
    }


def test_export_refuses_an_invalid_database_unless_allowed(tmp_path: Path) -> None:
    make_database(tmp_path, broken=True)
    arguments = ["--data-dir", str(tmp_path), "export", "--format", "nist-xml", "--out", str(tmp_path / "n")]
    refused = CliRunner().invoke(cli, arguments)
    assert refused.exit_code == 1
    assert "error: export: 1 validation findings" in refused.output
    allowed = CliRunner().invoke(cli, [*arguments, "--allow-invalid"])
    assert allowed.exit_code == 0, allowed.output
    assert (tmp_path / "n" / "election_report.xml").is_file()


def test_export_offers_exactly_the_library_formats() -> None:
    with click.Context(cli) as ctx:
        command = cli.get_command(ctx, "export")
    assert command is not None
    option = next(p for p in command.params if p.name == "format_name")
    assert isinstance(option.type, click.Choice)
    assert tuple(option.type.choices) == FORMATS
