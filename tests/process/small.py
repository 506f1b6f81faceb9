"""Helpers that write the few rows a processing test needs, and run processing steps."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import duckdb

from calaccess import meta
from calaccess.process import keys
from calaccess.process.reference import Reference

STRUCTURE = ("divisions", "organizations", "posts", "elections")


def add(con: duckdb.DuckDBPyConnection, table: str, **values: Any) -> None:
    """Insert one row into `scraped.<table>` or `raw.<table>` (`schema.table`); provenance is filled in."""
    if table.startswith("scraped."):
        values.setdefault("source_url", f"https://cal-access.sos.ca.gov/test/{table}")
        values.setdefault("source_sha256", "0" * 64)
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    con.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(values.values()))


def election(con: duckdb.DuckDBPyConnection, electnav: int, name: str, office: str | None = None) -> None:
    """A scraped election menu entry, its year and type read from the name as the scraper does."""
    year = int(name[:4])
    kind = name[5:].split(" (")[0]
    add(
        con,
        "scraped.elections",
        election_id=electnav,
        name=name,
        year=year,
        type=kind,
        office=office,
        has_page=True,
    )


def incumbent_date(con: duckdb.DuckDBPyConnection, session: int, number: int, name: str, date: str) -> None:
    add(
        con,
        "scraped.incumbent_elections",
        session=session,
        number=number,
        name=name,
        date=date,
        date_printed=date,
    )


def run_steps(
    con: duckdb.DuckDBPyConnection, *steps: str, reference_dir: Path | None = None
) -> list[tuple[str, str, str | None]]:
    """Run the named processing steps in one stage run; return its findings (kind, subject, detail)."""
    reference = Reference.locate(reference_dir)
    with meta.stage_run(con, "process") as run:
        keys.install(con)
        reference.set_variables(con)
        for step in steps:
            importlib.import_module(f"calaccess.process.{step}").build(con, run, reference)
    return [(kind, subject, detail) for _, kind, subject, detail in meta.findings(con, "process")]
