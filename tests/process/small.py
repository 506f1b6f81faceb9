"""Helpers that write the few rows a processing test needs, run processing steps, and build the small world
that the candidacy, people and membership tests share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from calaccess import meta
from calaccess.ocd import create_tables
from calaccess.process import STEP_NAMES as STEPS
from calaccess.process import keys, steps_named
from calaccess.process.reference import Reference
from calaccess.process.runner import run_steps as run_declared_steps
from calaccess.raw.tables import TABLES as RAW_TABLES
from calaccess.scrape.tables import TABLES as SCRAPED_TABLES

Findings = list[tuple[str, str, str | None]]
Scenario = tuple[duckdb.DuckDBPyConnection, Findings]

#: The raw tables the processing steps read: every table of the export (campaign finance reads most).
RAW_READ = tuple(RAW_TABLES)

STRUCTURE = ("divisions", "organizations", "posts", "elections")

#: Every step up to and including memberships: candidacies need elections, contests, parties and people.
THROUGH_MEMBERSHIPS = STEPS[: STEPS.index("memberships") + 1]


def create_tables_read_and_written(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table processing reads (raw, scraped) and writes (ocd); the schemas must exist."""
    for name in RAW_READ:
        con.execute(RAW_TABLES[name].create_sql())
    for table in SCRAPED_TABLES:
        con.execute(table.ddl())
    create_tables(con)


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


def run_steps(con: duckdb.DuckDBPyConnection, *steps: str, reference_dir: Path | None = None) -> Findings:
    """Run the named processing steps in one stage run; return its findings (kind, subject, detail)."""
    reference = Reference.locate(reference_dir)
    with meta.stage_run(con, "process") as run:
        keys.install(con)
        reference.set_variables(con)
        run_declared_steps(con, run, reference, steps_named(*steps))
    return [(kind, subject, detail) for _, kind, subject, detail in meta.findings(con, "process")]


# ---------------------------------------------------------------------------------------------------------
# the small world of the candidacy, people and membership tests

LOOKUP_CODES = [
    (3000, 3001, "GENERAL"),
    (3000, 3002, "PRIMARY"),
    (3000, 3004, "SPECIAL ELECTION"),
    (10000, 10001, "ORIGINAL/INITIAL"),
    (10000, 10003, "TERMINATION"),
    (16000, 0, "N/A"),
    (16000, 16001, "DEMOCRATIC"),
    (16000, 16002, "REPUBLICAN"),
    (30000, 30002, "GOVERNOR"),
    (30000, 30013, "ASSEMBLY"),
]


def form501(
    con: duckdb.DuckDBPyConnection, filing_id: int, filer_id: str, last: str, first: str, **values: Any
) -> None:
    """A Form 501 for the 2016 primary (ASSEMBLY `dist_no`) unless told otherwise."""
    row: dict[str, Any] = {
        "filing_id": filing_id,
        "amend_id": 0,
        "rec_type": "CVR",
        "form_type": "F501",
        "filer_id": filer_id,
        "cand_naml": last,
        "cand_namf": first,
        "office_cd": 30013,
        "yr_of_elec": 2016,
        "elec_type": 3002,
        "stmt_type": 10001,
        "rpt_date": "2015-03-01",
    }
    row.update(values)
    add(con, "raw.f501_502_cd", **row)


def candidate(
    con: duckdb.DuckDBPyConnection, electnav: int, office: str, name: str, filer_id: int | None
) -> None:
    row = {"election_id": electnav, "section": "ASSEMBLY DISTRICTS", "office": office, "name": name}
    add(con, "scraped.candidates", **row, filer_id=filer_id)


def incumbent(
    con: duckdb.DuckDBPyConnection, session: int, office: str, name: str, filer_id: int | None
) -> None:
    row = {"session": session, "category": "ASSEMBLY DISTRICTS", "office": office, "name": name}
    add(con, "scraped.incumbents", **row, filer_id=filer_id)


PRIMARY_2016, GENERAL_2016, SPECIAL_2017 = 60, 61, 62


def build_scenario(con: duckdb.DuckDBPyConnection) -> Findings:
    """One small world holding every rule's case, each in its own district; returns the run's findings."""
    con.executemany("INSERT INTO raw.lookup_codes_cd VALUES (?, ?, ?)", LOOKUP_CODES)
    election(con, PRIMARY_2016, "2016 PRIMARY")
    election(con, GENERAL_2016, "2016 GENERAL")
    election(con, SPECIAL_2017, "2017 SPECIAL ELECTION (ASSEMBLY 51)", "ASSEMBLY 51")
    # ASSEMBLY 1: a 501 amended from Democratic to Republican; another filer's 501 the list does not name
    candidate(con, PRIMARY_2016, "ASSEMBLY 1", "DOE, JANE", 1000001)
    form501(con, 500, "1000001", "Doe", "Jane", dist_no="1", party_cd=16001, rpt_date="2015-03-01")
    form501(
        con, 500, "1000001", "Doe", "Jane", dist_no="1", amend_id=1, party_cd=16002, rpt_date="2015-09-01"
    )
    form501(con, 501, "1000018", "Cole", "Sam", dist_no="1", party_cd=16002)
    # ASSEMBLY 2: no filer id, one filer's 501 of that name (a namesake runs in ASSEMBLY 3)
    candidate(con, PRIMARY_2016, "ASSEMBLY 2", 'SMITH, JONATHAN Q. "JACK"', None)
    form501(con, 502, "1000002", "Smith", "Jack", dist_no="2", party_cd=16001)
    form501(con, 503, "1000003", "Smith", "Jack", dist_no="3", party_cd=16002)
    # ASSEMBLY 4: no filer id, two filers' 501s of that name
    candidate(con, PRIMARY_2016, "ASSEMBLY 4", "SMITH, JOHN", None)
    form501(con, 504, "1000004", "Smith", "John", dist_no="4")
    form501(con, 505, "1000005", "Smith", "John", dist_no="4")
    # ASSEMBLY 5: no 501 at all; a 501 for 2014 only (2014 has no certified list); a filer with no 501
    candidate(con, PRIMARY_2016, "ASSEMBLY 5", "ROE, RICHARD", None)
    candidate(con, PRIMARY_2016, "ASSEMBLY 5", "POE, EDGAR", 1000009)
    form501(con, 509, "1000009", "Poe", "Edgar", dist_no="5", yr_of_elec=2014, party_cd=16001)
    candidate(con, PRIMARY_2016, "ASSEMBLY 5", "KING, LEAR", 1000010)
    form501(con, 517, "1000017", "Vega", "Ana", dist_no="5", yr_of_elec=2014, party_cd=16001)
    # ASSEMBLY 6: withdrawn on the page, and by a terminating amendment
    candidate(con, PRIMARY_2016, "ASSEMBLY 6", "LOPEZ (WITHDRAWN), JORGE R.", None)
    candidate(con, PRIMARY_2016, "ASSEMBLY 6", "HALE, NATHAN", 1000011)
    form501(con, 511, "1000011", "Hale", "Nathan", dist_no="6")
    form501(
        con, 511, "1000011", "Hale", "Nathan", dist_no="6", amend_id=1, stmt_type=10003, rpt_date="2016-01-05"
    )
    # ASSEMBLY 7 (general): party from the filer's code in force on election day, or unknown
    candidate(con, GENERAL_2016, "ASSEMBLY 7", "GRAY, ANN", 1000012)
    candidate(con, GENERAL_2016, "ASSEMBLY 7", "BLUE, BOB", 1000013)
    for party, effective in ((16001, "2010-01-01"), (16002, "2017-01-01")):
        add(con, "raw.filer_to_filer_type_cd", filer_id=1000012, party_cd=party, effect_dt=effective)
    # ASSEMBLY 8 (general): the incumbent of the 2015-16 session runs again
    candidate(con, GENERAL_2016, "ASSEMBLY 8", "WEST, AMY", 1000014)
    candidate(con, GENERAL_2016, "ASSEMBLY 8", "EAST, TOM", 1000015)
    incumbent(con, 2015, "ASSEMBLY 8", "WEST, AMY", 1000014)
    add(con, "raw.filer_to_filer_type_cd", filer_id=1000014, party_cd=16001, effect_dt="2012-01-01")
    # ASSEMBLY 51: a special fills a vacancy; the page saved after it lists its winner
    candidate(con, SPECIAL_2017, "ASSEMBLY 51", "POTTS, EVE", 1000016)
    incumbent(con, 2017, "ASSEMBLY 51", "POTTS, EVE", 1000016)
    # ASSEMBLY 9: one name listed twice in one contest, once linked and once not
    candidate(con, PRIMARY_2016, "ASSEMBLY 9", "MOSS, KATE", 1000020)
    candidate(con, PRIMARY_2016, "ASSEMBLY 9", "MOSS, KATE", None)
    # ASSEMBLY 10: one name, no filer id, in two contests for the same seat: one person (same office)
    candidate(con, PRIMARY_2016, "ASSEMBLY 10", "NOLAN, PAT", None)
    candidate(con, GENERAL_2016, "ASSEMBLY 10", "NOLAN, PAT", None)
    # ASSEMBLY 11: a 501 filed under an old filer id that FILER_XREF_CD maps to the current one
    candidate(con, PRIMARY_2016, "ASSEMBLY 11", "REED, LOU", 1000021)
    form501(con, 521, "093130", "Reed", "Lou", dist_no="11", party_cd=16001)
    add(con, "raw.filer_xref_cd", filer_id=1000021, xref_id="093130")
    # ASSEMBLY 14: an incumbent listed without a filer id, the general's candidate for the seat
    candidate(con, GENERAL_2016, "ASSEMBLY 14", "FOX, RED", 1000030)
    incumbent(con, 2017, "ASSEMBLY 14", "FOX, RED", None)
    return run_steps(con, *THROUGH_MEMBERSHIPS)
