"""The command as a user meets it: every subcommand documented, and the README's reference current."""

from __future__ import annotations

import click
from click.testing import CliRunner

from calaccess.cli import cli


def test_every_command_has_help_text() -> None:
    with click.Context(cli) as ctx:
        for name in cli.list_commands(ctx):
            command = cli.get_command(ctx, name)
            assert command is not None and command.help, f"`calaccess {name}` has no help text"
            result = CliRunner().invoke(cli, [name, "--help"])
            assert result.exit_code == 0, result.output


def test_report_without_a_database_says_what_to_run(tmp_path: object) -> None:
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"])
    assert result.exit_code == 1
    assert "no database at" in result.output and "calaccess load" in result.output
