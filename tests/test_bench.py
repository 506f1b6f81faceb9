"""The benchmarks still run and still measure the whole load: a small generated export, end to end."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from bench import generate
from bench import load as bench_load

ROOT = Path(__file__).resolve().parent.parent


def test_a_small_generated_export_is_loaded_whole_by_the_benchmark(
    tmp_path: Path, sample_zip: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    zip_path = generate.generate(tmp_path, 0.002, sample_zip, report=lambda line: None)
    with zipfile.ZipFile(zip_path) as archive:
        members = [info for info in archive.infolist() if info.filename.endswith(".TSV")]
        data_lines = sum(max(archive.read(info).count(b"\n") - 1, 0) for info in members)
    assert len(members) == 80

    monkeypatch.chdir(ROOT)  # each step runs as `python -m bench.load` in a child process
    figures = tmp_path / "figures.json"
    steps = ["--steps", "clean,load", "--json", str(figures)]
    assert bench_load.main(["--zip", str(zip_path), "--work", str(tmp_path / "work"), *steps]) == 0

    clean, loaded = json.loads(figures.read_text())
    assert clean["step"] == "clean" and loaded["step"] == "load"
    # Every generated record is loaded; the injected defects are repaired, none is set aside.
    assert loaded["records"] == loaded["loaded"] == clean["rows"]
    assert loaded["repaired"] > 0 and loaded["rejected"] == 0 and loaded["cast_failures"] == 0
    # Split records span two lines and blank lines are none: the records are close to the lines.
    assert 0.99 * data_lines < loaded["records"] <= data_lines
    assert loaded["peak_rss_mb"] > 0 and loaded["database_mb"] > 0
