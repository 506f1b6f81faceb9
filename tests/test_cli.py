"""The command as a user meets it: every subcommand documented, and the README's reference current."""

from __future__ import annotations

from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner

from calaccess import db
from calaccess.cli import cli
from calaccess.settings import DATA_DIR_ENV


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


def every_command() -> list[click.Command]:
    with click.Context(cli) as ctx:
        return [command for name in cli.list_commands(ctx) if (command := cli.get_command(ctx, name))]


def test_shared_options_are_accepted_after_every_subcommand_too() -> None:
    for command in every_command():
        options = {opt for param in command.params for opt in param.opts}
        assert {"--data-dir", "-q", "--quiet", "-v", "--verbose"} <= options, command.name


def test_data_dir_and_quiet_after_the_subcommand_take_effect(tmp_path: Path) -> None:
    # --data-dir after the name wins over the one before it; -q after it silences the command
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path / "elsewhere"), "report", "--data-dir", "x"])
    assert "no database at x/calaccess.duckdb" in result.output
    with db.connect(tmp_path / "calaccess.duckdb"):
        pass
    loud = CliRunner().invoke(cli, ["report", "--data-dir", str(tmp_path)])
    quiet = CliRunner().invoke(cli, ["report", "--data-dir", str(tmp_path), "-q"])
    assert loud.exit_code == quiet.exit_code == 0, (loud.output, quiet.output)
    assert "Database:" in loud.output and quiet.output == ""


def test_the_environment_gives_way_to_the_option_given_after_the_subcommand(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--data-dir", "given"], env={DATA_DIR_ENV: str(tmp_path)})
    assert "no database at given/calaccess.duckdb" in result.output


def test_a_duckdb_error_a_user_can_act_on_is_one_line(tmp_path: Path) -> None:
    # a DuckDB file no stage made: no meta tables to report from
    duckdb.connect(str(tmp_path / "calaccess.duckdb")).close()
    result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {tmp_path / 'calaccess.duckdb'} lacks what this command needs")
    assert result.output.count("\n") == 1


def test_a_bug_is_one_line_that_says_so_and_a_traceback_under_verbose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object, **__: object) -> None:
        raise KeyError("a key no one expected")

    monkeypatch.setattr("calaccess.cli.print_report", broken)
    with db.connect(tmp_path / "calaccess.duckdb"):
        pass
    plain = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"])
    assert plain.exit_code == 1
    assert plain.output.startswith("error: unexpected KeyError: 'a key no one expected'; this is a bug")
    assert "-v" in plain.output and plain.output.count("\n") == 1
    verbose = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report", "-v"])
    assert isinstance(verbose.exception, KeyError)  # the traceback is the runner's to print


def test_usage_errors_stay_click_s_own() -> None:
    result = CliRunner().invoke(cli, ["report", "--stage", "nope"])
    assert result.exit_code == 2
    assert "Invalid value for '--stage'" in result.output
