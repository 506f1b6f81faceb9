"""`calaccess validate` and `calaccess export` on a real database file, as a user runs them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from calaccess import db
from calaccess.cli import cli
from calaccess.ocd.export import EXPORT_FORMATS, FORMATS
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


def test_export_help_describes_every_library_format() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    for registered in EXPORT_FORMATS:
        assert f"{registered.name} {registered.description}" in lines, registered.name
    summary = CliRunner().invoke(cli, ["--help"]).output
    assert "export    Write the ocd.* tables in an interchange format: ocd-json," in summary


# A format added to the library's registry, then the command used as a user runs it: one registration is
# all it takes (the publishing stage adds its formats so).
ADD_A_FORMAT = """
import json, sys
from click.testing import CliRunner
from calaccess.ocd import export

def write_names(con, out, schema, generated_at):
    out.mkdir(parents=True, exist_ok=True)
    path = out / "names.txt"
    names = con.execute(f"SELECT name FROM {schema}.election ORDER BY name").fetchall()
    path.write_text("\\n".join(name for (name,) in names))
    return [path]

export.EXPORT_FORMATS += (export.ExportFormat("names", "a folder, one file of election names", write_names),)
from calaccess.cli import cli

data_dir, out = sys.argv[1:]
shown = CliRunner().invoke(cli, ["export", "--help"])
ran = CliRunner().invoke(cli, ["--data-dir", data_dir, "export", "--format", "names", "--out", out])
print(json.dumps({"help": shown.output, "exit_code": ran.exit_code, "output": ran.output}))
"""


def test_a_format_registered_in_the_library_is_offered_and_written_by_the_command(tmp_path: Path) -> None:
    make_database(tmp_path)
    out = tmp_path / "names"
    done = subprocess.run(
        [sys.executable, "-c", ADD_A_FORMAT, str(tmp_path), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert f"--format [{'|'.join((*FORMATS, 'names'))}]" in result["help"]
    assert re.search(r"\bnames +a folder, one file of election names", result["help"])
    assert result["exit_code"] == 0, result["output"]
    assert (out / "names.txt").read_text(encoding="utf-8")
