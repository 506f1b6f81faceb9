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


def test_a_database_calaccess_did_not_make_or_an_older_one_is_one_line_for_a_reader(tmp_path: Path) -> None:
    database = tmp_path / "calaccess.duckdb"
    duckdb.connect(str(database)).close()  # a DuckDB file, no stage's
    plain = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"])
    with db.connect(database) as con:  # as an older calaccess left it, before the merged/unknown columns
        con.execute("ALTER TABLE meta.row_accounting DROP COLUMN rows_merged")
    older = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"])
    for result in (plain, older):
        assert result.exit_code == 1
        assert result.output.startswith(f"error: {database} lacks the bookkeeping calaccess keeps in it (")
        assert "any stage that writes" in result.output and result.output.count("\n") == 1
    assert "(meta.row_accounting.rows_merged)" in older.output


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


def test_settings_from_the_environment_that_duckdb_cannot_use_are_one_line(tmp_path: Path) -> None:
    with db.connect(tmp_path / "calaccess.duckdb"):
        pass
    for env, expected in (
        ({db.MEMORY_LIMIT_ENV: "lots"}, "error: CALACCESS_MEMORY_LIMIT='lots': DuckDB cannot use it"),
        ({db.THREADS_ENV: "two"}, "error: CALACCESS_THREADS='two': expected a whole number of threads"),
    ):
        result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), "report"], env=env)
        assert result.exit_code == 1
        assert result.output.startswith(expected) and result.output.count("\n") == 1, result.output


def test_a_file_that_is_not_a_database_is_named_and_left_alone(tmp_path: Path) -> None:
    database = tmp_path / "calaccess.duckdb"
    database.write_text("notes, not a database\n")
    for command in ("report", "process"):
        result = CliRunner().invoke(cli, ["--data-dir", str(tmp_path), command])
        assert result.exit_code == 1
        assert result.output.startswith(f"error: {database} is not a whole DuckDB database"), result.output
        assert result.output.count("\n") == 1
    assert database.read_text() == "notes, not a database\n"
