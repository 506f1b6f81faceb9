"""The command as a user meets it: every subcommand documented, and the README's reference current."""

from __future__ import annotations

import click
from click.testing import CliRunner

from calaccess.cli import cli, reference_markdown
from tests.conftest import ROOT

BEGIN = "<!-- command reference: begin -->"
END = "<!-- command reference: end -->"


def test_every_command_has_help_text() -> None:
    with click.Context(cli) as ctx:
        for name in cli.list_commands(ctx):
            command = cli.get_command(ctx, name)
            assert command is not None and command.help, f"`calaccess {name}` has no help text"
            result = CliRunner().invoke(cli, [name, "--help"])
            assert result.exit_code == 0, result.output


def test_readme_command_reference_is_current() -> None:
    readme = (ROOT / "README.md").read_text()
    assert BEGIN in readme and END in readme, "README.md lacks the command reference markers"
    current = readme.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    assert current == reference_markdown().strip(), (
        "README.md's command reference is out of date: run `python scripts/update_readme.py`"
    )


def test_report_without_a_database_says_what_to_run(tmp_path: object) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"])
    assert result.exit_code == 1
    assert "no database at" in result.output and "calaccess load" in result.output
