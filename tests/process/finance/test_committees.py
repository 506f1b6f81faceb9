"""Committees: every filer that files as one, every committee a filing names, the measure committees enriched
under their ids, names said plainly unknown where the export holds none, and a candidate's controlled
committees linked to the candidacy."""

from __future__ import annotations

import json
from collections.abc import Callable

import duckdb

from calaccess.process import STEP_NAMES, keys
from tests.process.small import LOOKUP_CODES, add, candidate, election, form501, incumbent_date

Steps = Callable[..., list[tuple[str, str, str | None]]]

#: every step through the filings: the committees read the people, candidacies and measures
THROUGH_FILINGS = STEP_NAMES[: STEP_NAMES.index("filings") + 1]


def committee(con: duckdb.DuckDBPyConnection, filer_id: int | str) -> dict[str, object]:
    row = con.execute(
        "SELECT name, committee_type, extras FROM ocd.committee WHERE id = ?", [keys.committee_id(filer_id)]
    ).fetchone()
    assert row is not None, f"no committee for filer {filer_id}"
    return {"name": row[0], "type": row[1], "extras": json.loads(row[2])}


def test_a_committee_known_only_from_a_lines_committee_id_is_made_with_the_name_printed_beside_it(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    add(
        small_db,
        "raw.cvr_campaign_disclosure_cd",
        filing_id=100,
        amend_id=0,
        form_type="F460",
        filer_id="1400001",
        filer_naml="FRIENDS OF THE RIVER",
        rpt_date="2016-05-01",
    )
    add(
        small_db,
        "raw.rcpt_cd",
        filing_id=100,
        amend_id=0,
        line_item=1,
        form_type="A",
        tran_id="R1",
        entity_cd="COM",
        cmte_id=" 1234567 ",
        ctrib_naml="COMMITTEE TO SAVE THE COAST",
        amount=500,
    )
    add(
        small_db,
        "raw.rcpt_cd",
        filing_id=100,
        amend_id=0,
        line_item=2,
        form_type="A",
        tran_id="R2",
        entity_cd="COM",
        cmte_id="C00401224",
        ctrib_naml="A FEDERAL PAC",
        amount=100,
    )
    findings = steps(*THROUGH_FILINGS)
    coast = committee(small_db, 1234567)
    assert coast["name"] == "COMMITTEE TO SAVE THE COAST"
    assert coast["extras"]["known_as_committee_by"] == ["named by filings"]  # type: ignore[index]
    assert committee(small_db, 1400001)["name"] == "FRIENDS OF THE RIVER"
    assert small_db.execute(
        "SELECT identifier FROM ocd.committee_identifier "
        "WHERE committee_id = ? AND scheme = 'calaccess_filer_id'",
        [keys.committee_id(1234567)],
    ).fetchall() == [("1234567",)]
    # a federal id names no CAL-ACCESS committee: a finding, and no committee made of it
    assert ("committee id not a filer id", "rcpt_cd C00401224") in {(k, s) for k, s, _ in findings}
    assert small_db.execute("SELECT count(*) FROM ocd.committee").fetchone() == (2,)


def test_a_filer_with_no_name_and_a_filing_with_no_filer_are_committees_named_plainly(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    add(small_db, "raw.filer_types_cd", filer_type=16, description="RECIPIENT COMMITTEE")
    add(
        small_db,
        "raw.filer_to_filer_type_cd",
        filer_id=7654321,
        filer_type=16,
        active="T",
        effect_dt="2010-01-01",
        session_id=2009,
    )
    # a Form 460 schedule A line whose filing has no cover and no FILER_FILINGS_CD row
    add(
        small_db,
        "raw.rcpt_cd",
        filing_id=555,
        amend_id=0,
        line_item=1,
        form_type="A",
        tran_id="X1",
        entity_cd="IND",
        ctrib_naml="DOE",
        amount=25,
    )
    findings = steps(*THROUGH_FILINGS)
    nameless = committee(small_db, 7654321)
    assert nameless["name"] == "Filer 7654321 (name not in the export)"
    assert nameless["type"] == "recipient committee"
    assert small_db.execute(
        "SELECT classification, start_date FROM ocd.committee_status WHERE committee_id = ?",
        [keys.committee_id(7654321)],
    ).fetchall() == [(["terminated"], __import__("datetime").date(2010, 1, 1))]
    unknown = small_db.execute(
        "SELECT name, extras->>'why' FROM ocd.committee WHERE id = ?", [keys.unknown_filer_committee_id(555)]
    ).fetchone()
    assert unknown is not None and unknown[0] == "Unknown filer of filing 555"
    assert "names no filer" in unknown[1]
    unnamed = {subject for kind, subject, _ in findings if kind == "committee name unknown"}
    assert unnamed == {"filer 7654321", "filing 555"}
    assert small_db.execute(
        "SELECT filer_id FROM ocd.filing WHERE id = ?", [keys.filing_id(555)]
    ).fetchone() == (keys.unknown_filer_committee_id(555),)


def test_a_measure_committee_keeps_its_id_and_gets_its_other_names(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    election(small_db, 65, "2016 GENERAL")
    incumbent_date(small_db, 2015, 2, "GENERAL ELECTION", "2016-11-08")
    add(
        small_db,
        "scraped.measures",
        measure_id=7,
        session=2015,
        election_name="NOVEMBER 8, 2016, GENERAL",
        election_date="2016-11-08",
        name="PROPOSITION 060 - ADULT FILMS. INITIATIVE STATUTE.",
    )
    add(
        small_db,
        "scraped.measure_committees",
        measure_id=7,
        filer_id=111,
        committee_id="111",
        name="YES ON 60",
        position="SUPPORT",
    )
    for name, effective in (
        ("CITIZENS FOR 60", "2015-01-01"),
        ("YES ON 60, CITIZENS FOR SAFETY", "2016-03-01"),
    ):
        add(
            small_db,
            "raw.filername_cd",
            filer_id=111,
            xref_filer_id="111",
            filer_type="RECIPIENT COMMITTEE",
            status="ACTIVE",
            effect_dt=effective,
            naml=name,
        )
    steps(*THROUGH_FILINGS)
    assert small_db.execute("SELECT id, name FROM ocd.committee").fetchall() == [
        (keys.committee_id(111), "YES ON 60, CITIZENS FOR SAFETY")
    ]
    others = small_db.execute(
        "SELECT name, note, start_date, end_date FROM ocd.committee_other_name ORDER BY start_date NULLS LAST"
    ).fetchall()
    assert others == [
        ("CITIZENS FOR 60", "FILERNAME_CD (recipient committee)", "2015-01-01", "2016-03-01"),
        ("YES ON 60, CITIZENS FOR SAFETY", "FILERNAME_CD (recipient committee)", "2016-03-01", None),
        ("YES ON 60", "measure detail page", None, None),
    ]
    # its identifier once, its page kept, its position kept
    assert small_db.execute("SELECT count(*) FROM ocd.committee_identifier").fetchone() == (1,)
    assert small_db.execute(
        "SELECT count(*) FROM ocd.committee_source WHERE note = 'measure detail page'"
    ).fetchone() == (1,)
    assert small_db.execute(
        "SELECT option FROM ocd.committee_ballot_measure_option_supported"
    ).fetchall() == [("yes",)]


def test_a_controlled_committee_is_linked_to_its_candidates_candidacy(
    small_db: duckdb.DuckDBPyConnection, steps: Steps
) -> None:
    small_db.executemany("INSERT INTO raw.lookup_codes_cd VALUES (?, ?, ?)", LOOKUP_CODES)
    election(small_db, 60, "2016 PRIMARY")
    candidate(small_db, 60, "ASSEMBLY 1", "DOE, JANE", 1000001)
    # the 501 names the campaign's committee; a filer link names another committee she controls
    form501(small_db, 500, "1000001", "Doe", "Jane", dist_no="1", committee_id="1300001")
    add(
        small_db,
        "raw.filer_links_cd",
        filer_id_a=1300002,
        filer_id_b=1000001,
        link_type=-12011,
        link_desc="LEGACY MIGRATION",
        session_id=2015,
        effect_dt="2015-02-01",
        active_flg="Y",
    )
    # a link to someone else's committee in another session designates nothing
    add(
        small_db,
        "raw.filer_links_cd",
        filer_id_a=1000001,
        filer_id_b=1300003,
        link_type=12011,
        link_desc="000000008000000016",
        session_id=2009,
        effect_dt="2009-02-01",
        termination_dt="2010-12-31",
    )
    steps(*THROUGH_FILINGS)
    (candidacy_id,) = small_db.execute("SELECT id FROM ocd.candidacy").fetchone() or (None,)
    designations = small_db.execute(
        "SELECT committee_id, candidacy_id, designation FROM ocd.committee_candidacy_designation ORDER BY ALL"
    ).fetchall()
    assert sorted(designations) == sorted(
        [
            (keys.committee_id(1300001), candidacy_id, "primary vehicle for"),
            (keys.committee_id(1300002), candidacy_id, "supports"),
        ]
    )
    # every committee the links and the 501 name exists, the 2009 one too
    for filer_id in (1300001, 1300002, 1300003):
        assert committee(small_db, filer_id)["name"] == f"Filer {filer_id} (name not in the export)"
