"""Elections: names as CAL-ACCESS writes them, dates checked across sources, one election per name."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import duckdb

from tests.process.small import STRUCTURE, add, election, incumbent_date

Findings = list[tuple[str, str, str | None]]
Steps = Callable[..., Findings]


def _elections(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[dt.date, str]]:
    rows = con.execute("SELECT name, date, division_id FROM ocd.election").fetchall()
    return {name: (date, division) for name, date, division in rows}


def _no_specials(tmp_path: Path) -> Path:
    """A reference directory whose special-elections.csv is empty: only the test rows make elections."""
    reference = tmp_path / "reference"
    reference.mkdir(exist_ok=True)
    (reference / "special-elections.csv").write_text("election_name,date\n")
    return reference


def _kinds(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT name, extras->>'kind' FROM ocd.election").fetchall())


def test_regular_dates_come_from_the_incumbent_pages(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    # 2004's primary was in March, not on the statutory June date
    election(small_db, 5, "2004 PRIMARY")
    election(small_db, 6, "2004 GENERAL")
    incumbent_date(small_db, 2003, 1, "PRIMARY ELECTION", "2004-03-02")
    incumbent_date(small_db, 2003, 2, "GENERAL ELECTION", "2004-11-02")
    findings = steps(*STRUCTURE)
    elections = _elections(small_db)
    assert elections["2004 PRIMARY"] == (dt.date(2004, 3, 2), "ocd-division/country:us/state:ca")
    assert elections["2004 GENERAL"][0] == dt.date(2004, 11, 2)
    assert not [f for f in findings if f[0] == "election dated by fallback"]
    identifiers = small_db.execute(
        """SELECT e.name, i.scheme, i.identifier FROM ocd.election_identifier AS i
           JOIN ocd.election AS e ON e.id = i.election_id ORDER BY 1"""
    ).fetchall()
    assert identifiers == [
        ("2004 GENERAL", "calaccess_electnav_id", "6"),
        ("2004 PRIMARY", "calaccess_electnav_id", "5"),
    ]


def test_the_statutory_calendar_is_a_fallback_reported_as_a_finding(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 90, "2030 GENERAL")
    election(small_db, 91, "2030 PRIMARY")
    findings = steps(*STRUCTURE)
    elections = _elections(small_db)
    # first Tuesday after the first Monday: Nov 4 2030 is a Monday, June 3 2030 a Monday
    assert elections["2030 GENERAL"][0] == dt.date(2030, 11, 5)
    assert elections["2030 PRIMARY"][0] == dt.date(2030, 6, 4)
    fallbacks = {subject for kind, subject, _ in findings if kind == "election dated by fallback"}
    assert fallbacks == {"2030 GENERAL", "2030 PRIMARY"}


def test_an_earlier_second_primary_is_the_presidential_primary(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 15, "2008 PRIMARY")
    incumbent_date(small_db, 2007, 4, "PRIMARY ELECTION", "2008-02-05")
    incumbent_date(small_db, 2007, 6, "PRIMARY ELECTION", "2008-06-03")
    steps(*STRUCTURE)
    elections = _elections(small_db)
    assert elections["2008 PRIMARY"][0] == dt.date(2008, 6, 3)
    assert elections["2008 PRESIDENTIAL PRIMARY"][0] == dt.date(2008, 2, 5)


def test_a_special_dated_in_another_year_is_a_finding_never_a_new_election(
    small_db: duckdb.DuckDBPyConnection, steps: Steps, tmp_path: Path
) -> None:
    reference = tmp_path / "reference"
    reference.mkdir()
    (reference / "special-elections.csv").write_text(
        "election_name,date\n"
        "2021 SPECIAL ELECTION (ASSEMBLY 79),2020-04-15\n"
        "2021 SPECIAL ELECTION (STATE SENATE 30),2020-04-15\n"
        "2021 SPECIAL ELECTION (ASSEMBLY 54),2021-05-18\n"
    )
    election(small_db, 164, "2021 SPECIAL ELECTION (STATE SENATE 30)", "STATE SENATE 30")
    election(small_db, 168, "2021 SPECIAL ELECTION (ASSEMBLY 79)", "ASSEMBLY 79")
    election(small_db, 170, "2021 SPECIAL ELECTION (ASSEMBLY 54)", "ASSEMBLY 54")
    incumbent_date(small_db, 2021, 1, "SPECIAL ELECTION", "2021-03-02")
    incumbent_date(small_db, 2021, 2, "SPECIAL ELECTION", "2021-04-06")
    incumbent_date(small_db, 2021, 4, "SPECIAL ELECTION", "2021-05-18")
    findings = steps(*STRUCTURE, reference_dir=reference)
    elections = _elections(small_db)
    assert len(elections) == 3
    assert not any(date.year == 2020 for date, _ in elections.values())
    # the page's special dates that no other special claims, in the order of the site's ids
    assert elections["2021 SPECIAL ELECTION (STATE SENATE 30)"] == (
        dt.date(2021, 3, 2),
        "ocd-division/country:us/state:ca/sldu:30",
    )
    assert elections["2021 SPECIAL ELECTION (ASSEMBLY 79)"][0] == dt.date(2021, 4, 6)
    assert elections["2021 SPECIAL ELECTION (ASSEMBLY 54)"][0] == dt.date(2021, 5, 18)
    other_year = {subject for kind, subject, _ in findings if kind == "special election date in another year"}
    assert other_year == {"2021 SPECIAL ELECTION (ASSEMBLY 79)", "2021 SPECIAL ELECTION (STATE SENATE 30)"}


def test_a_special_listed_as_such_is_a_recall_when_a_recall_question_falls_on_it(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 139, "2018 SPECIAL ELECTION (STATE SENATE 29)", "STATE SENATE 29")
    election(small_db, 141, "2018 SPECIAL ELECTION (STATE SENATE 32)", "STATE SENATE 32")
    add(
        small_db,
        "scraped.measures",
        measure_id=1406229,
        session=2017,
        election_name="JUNE 5, 2018, SPECIAL ELECTION",
        election_date="2018-06-05",
        name="SENATE DISTRICT 29 - SPECIAL RECALL ELECTION",
    )
    findings = steps(*STRUCTURE)
    kinds = _kinds(small_db)
    assert kinds["2018 SPECIAL ELECTION (STATE SENATE 29)"] == "RECALL"
    assert kinds["2018 SPECIAL ELECTION (STATE SENATE 32)"] == "SPECIAL ELECTION"
    assert ("election reclassified as recall", "2018 SPECIAL ELECTION (STATE SENATE 29)") in {
        (kind, subject) for kind, subject, _ in findings
    }


def test_a_special_on_primary_day_is_its_own_election_in_its_district(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 62, "2018 PRIMARY")
    election(small_db, 141, "2018 SPECIAL ELECTION (STATE SENATE 32)", "STATE SENATE 32")
    incumbent_date(small_db, 2017, 9, "PRIMARY ELECTION", "2018-06-05")
    incumbent_date(small_db, 2017, 8, "SPECIAL ELECTION", "2018-06-05")
    steps(*STRUCTURE)
    elections = _elections(small_db)
    assert elections["2018 PRIMARY"] == (dt.date(2018, 6, 5), "ocd-division/country:us/state:ca")
    assert elections["2018 SPECIAL ELECTION (STATE SENATE 32)"] == (
        dt.date(2018, 6, 5),
        "ocd-division/country:us/state:ca/sldu:32",
    )


def test_a_measure_date_without_a_statewide_election_becomes_one(
    small_db: duckdb.DuckDBPyConnection, steps: Steps, tmp_path: Path
) -> None:
    election(small_db, 62, "2018 PRIMARY")
    incumbent_date(small_db, 2017, 9, "PRIMARY ELECTION", "2018-06-05")
    for measure_id, listed, date in (
        (1, "NOVEMBER 8, 2005, SPECIAL ELECTION", "2005-11-08"),
        (2, "JUNE 5, 2018, PRIMARY", "2018-06-05"),
    ):
        add(
            small_db,
            "scraped.measures",
            measure_id=measure_id,
            session=2005,
            election_name=listed,
            election_date=date,
            name=f"PROPOSITION 0{measure_id}0 - A MEASURE. INITIATIVE STATUTE.",
        )
    steps(*STRUCTURE, reference_dir=_no_specials(tmp_path))
    elections = _elections(small_db)
    assert elections["2005 SPECIAL ELECTION"] == (dt.date(2005, 11, 8), "ocd-division/country:us/state:ca")
    assert sorted(elections) == ["2005 SPECIAL ELECTION", "2018 PRIMARY"]


def test_a_501_for_an_unknown_special_is_set_aside_not_invented(
    small_db: duckdb.DuckDBPyConnection, steps: Steps, tmp_path: Path
) -> None:
    for code_type, code_id, desc in (
        (30000, 30013, "ASSEMBLY"),
        (3000, 3004, "SPECIAL ELECTION"),
        (17000, 17005, "05"),
    ):
        add(small_db, "raw.lookup_codes_cd", code_type=code_type, code_id=code_id, code_desc=desc)
    add(
        small_db,
        "raw.f501_502_cd",
        filing_id=1,
        amend_id=0,
        form_type="F501",
        filer_id="123",
        office_cd=30013,
        district_cd=17005,
        yr_of_elec=1998,
        elec_type=3004,
    )
    findings = steps(*STRUCTURE, reference_dir=_no_specials(tmp_path))
    assert _elections(small_db) == {}
    assert ("form 501 election unknown", "1998 SPECIAL ELECTION ASSEMBLY 5") in {
        (k, s) for k, s, _ in findings
    }


def test_a_501_for_a_regular_election_without_a_list_makes_it(
    small_db: duckdb.DuckDBPyConnection, steps: Steps, tmp_path: Path
) -> None:
    for code_type, code_id, desc in ((30000, 30002, "GOVERNOR"), (3000, 3002, "PRIMARY")):
        add(small_db, "raw.lookup_codes_cd", code_type=code_type, code_id=code_id, code_desc=desc)
    add(
        small_db,
        "raw.f501_502_cd",
        filing_id=1,
        amend_id=0,
        form_type="F501",
        filer_id="123",
        office_cd=30002,
        yr_of_elec=1998,
        elec_type=3002,
    )
    steps(*STRUCTURE, reference_dir=_no_specials(tmp_path))
    # 1998's primary was on June 2, the statutory date
    assert _elections(small_db) == {"1998 PRIMARY": (dt.date(1998, 6, 2), "ocd-division/country:us/state:ca")}
    posts = small_db.execute("SELECT label, division_id FROM ocd.post").fetchall()
    assert posts == [("Governor", "ocd-division/country:us/state:ca")]
