"""Generated documents match the definitions they come from: run `python scripts/update_docs.py` if not."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from calaccess.cli import cli
from calaccess.docs import GENERATED, REFERENCE_BEGIN, REFERENCE_END, render
from tests.conftest import ROOT


@pytest.mark.parametrize("relative_path", sorted(GENERATED))
def test_generated_document_is_current(relative_path: str) -> None:
    path = ROOT / relative_path
    assert path.exists(), f"{relative_path} is missing: run `python scripts/update_docs.py`"
    committed = path.read_text(encoding="utf-8")
    assert committed == render(relative_path, committed), (
        f"{relative_path} is out of date: run `python scripts/update_docs.py`"
    )


def test_update_docs_help_prints_help_and_writes_nothing() -> None:
    readme = ROOT / "README.md"
    before = readme.stat().st_mtime_ns
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_docs.py"), "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: ") and "--check" in result.stdout
    assert "wrote" not in result.stdout and readme.stat().st_mtime_ns == before


# --- The README's commands, as a user types them ------------------------------------------------------


def readme_outside_the_reference() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head, rest = text.split(REFERENCE_BEGIN, 1)
    return head + rest.split(REFERENCE_END, 1)[1]


def code_blocks(language: str, text: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def section(title: str) -> str:
    text = readme_outside_the_reference()
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def calaccess_commands() -> list[list[str]]:
    """Every `calaccess ...` the README shows, in code blocks and inline, as argument lists."""
    text = readme_outside_the_reference()
    lines = [line for block in code_blocks("bash", text) for line in block.splitlines()]
    lines += re.findall(r"`((?:\.venv/bin/)?calaccess [^`]+)`", text)
    commands = []
    for line in lines:
        words = shlex.split(line.replace("[", "").replace("]", ""), comments=True)
        if words and words[0] in ("calaccess", ".venv/bin/calaccess"):
            commands.append(words[1:])
    return commands


def test_every_calaccess_command_in_the_readme_names_real_options_and_the_required_ones() -> None:
    commands = calaccess_commands()
    assert len(commands) > 10
    with click.Context(cli) as root:
        names = set(cli.list_commands(root))
        group_options = {opt for param in cli.params for opt in param.opts}
        for words in commands:
            name = next((word for word in words if word in names), None)
            assert name is not None, f"no command in `calaccess {' '.join(words)}`"
            command = cli.get_command(root, name)
            assert command is not None
            options = {opt for param in command.params for opt in param.opts} | group_options
            given = {word.split("=")[0] for word in words if word.startswith("-")}
            assert given <= options, f"`calaccess {' '.join(words)}`: no such option {given - options}"
            for param in command.params:
                if param.required:
                    assert set(param.opts) & given, f"`calaccess {' '.join(words)}` lacks {param.opts[0]}"


@pytest.fixture
def a_fresh_clone(tmp_path: Path, processed_db: Path) -> Path:
    """A clone as `bash scripts/sample` leaves it: the environment in .venv, the data in calaccess-data."""
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    (tmp_path / "calaccess-data").mkdir()
    shutil.copy(processed_db, tmp_path / "calaccess-data" / "calaccess.duckdb")
    return tmp_path


def test_the_readme_query_section_runs_as_written(a_fresh_clone: Path) -> None:
    query_section = section("Querying the result")
    (bash,) = code_blocks("bash", query_section)
    (python,) = code_blocks("python", query_section)
    # a login shell's PATH, without the environment the tests run in
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(a_fresh_clone)}
    shell = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", bash], cwd=a_fresh_clone, env=env, capture_output=True, text=True
    )
    assert shell.returncode == 0, shell.stderr
    assert "Database: calaccess-data/calaccess.duckdb" in shell.stdout
    assert "election dated by fallback" in shell.stdout
    assert (a_fresh_clone / "calaccess-data" / "export" / "ocd-json" / "candidacy.jsonl").is_file()
    query = subprocess.run(
        [str(a_fresh_clone / ".venv" / "bin" / "python"), "-c", python],
        cwd=a_fresh_clone,
        env=env,
        capture_output=True,
        text=True,
    )
    assert query.returncode == 0, query.stderr
    assert "NEWSOM, GAVIN" in query.stdout and "35 rows" in query.stdout
    # what the README says of the sample: the 35 have neither party nor filed date
    assert "35 of these candidacies" in query_section
