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


def test_the_generated_filings_hang_together_and_the_process_benchmark_runs(
    tmp_path: Path, sample_zip: Path, monkeypatch: pytest.MonkeyPatch, pages_dir: Path
) -> None:
    import duckdb
    from bench import process as bench_process

    zip_path = generate.generate(tmp_path, 0.002, sample_zip, report=lambda line: None)
    monkeypatch.chdir(ROOT)
    figures_path = tmp_path / "process.json"
    work = tmp_path / "work"
    args = [
        "--zip",
        str(zip_path),
        "--work",
        str(work),
        "--pages",
        str(pages_dir),
        "--json",
        str(figures_path),
    ]
    assert bench_process.main(args) == 0
    prepared, floor, processed = json.loads(figures_path.read_text())
    assert (prepared["step"], floor["step"], processed["step"]) == ("prepare", "floor", "process")
    assert floor["rows"] > 0 and processed["rows"] > 0 and processed["steps"]

    with duckdb.connect(str(work / "process.duckdb"), read_only=True) as con:

        def one(sql: str) -> tuple[int, ...]:
            row = con.execute(sql).fetchone()
            assert row is not None
            return tuple(row)

        covers = "SELECT filing_id FROM raw.cvr_campaign_disclosure_cd"
        for items in ("rcpt_cd", "expn_cd", "smry_cd", "loan_cd"):
            filings, covered = one(
                "SELECT count(DISTINCT filing_id), "
                f"count(DISTINCT filing_id) FILTER (WHERE filing_id IN ({covers})) FROM raw.{items}"
            )
            assert filings == covered > 0, items  # covers, summaries and items share filing ids
        # an amended filing is a whole re-filing: its lines again under the next AMEND_ID, same TRAN_IDs
        amended, refiled = one(
            "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM raw.rcpt_cd AS first "
            "WHERE first.filing_id = r.filing_id AND first.amend_id = 0 AND first.tran_id = r.tran_id)) "
            "FROM raw.rcpt_cd AS r WHERE amend_id = 1"
        )
        assert amended == refiled > 0
        named, filers = one(
            "SELECT count(*), count(*) FILTER (WHERE trim(cmte_id) IN (SELECT CAST(filer_id AS VARCHAR) "
            "FROM raw.filers_cd)) FROM raw.rcpt_cd WHERE nullif(trim(cmte_id), '') IS NOT NULL"
        )
        assert named == filers > 0  # the committees items name are filers
