"""VIP 5.2 and NIST 1500-100 v2 documents generated from a small complete database validate against the real
schemas in ../shared, and carry what a reader of those formats looks for."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import duckdb
import jsonschema
import pytest
import xmlschema
from lxml import etree

from calaccess.ocd import OcdExportError
from calaccess.ocd.cdf import xml_id
from calaccess.ocd.export import export
from tests.ocd.conftest import IDS, SENATE_DISTRICT

GENERATED = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
NIST = "{http://itl.nist.gov/ns/voting/1500-100/v2}"


@pytest.fixture(scope="module")
def vip_schema(shared_dir: Path) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(shared_dir / "schemas" / "vip" / "vip_spec_v5.2.xsd"))


@pytest.fixture(scope="module")
def nist_xml_schema(shared_dir: Path) -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(
        str(shared_dir / "schemas" / "nist" / "NIST_V2_election_results_reporting.xsd")
    )


@pytest.fixture(scope="module")
def nist_json_schema(shared_dir: Path) -> Any:
    schema = json.loads(
        (shared_dir / "schemas" / "nist" / "NIST_V2_election_results_reporting.json").read_text()
    )
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(schema: xmlschema.XMLSchema, path: Path) -> list[str]:
    """Every schema error, ID/IDREF integrity included (xmlschema checks that every IDREF resolves)."""
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(str(path))]


def test_vip_feed_validates_against_the_vip_schema(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, vip_schema: xmlschema.XMLSchema
) -> None:
    [feed] = export(ocd_con, "vip", tmp_path, generated_at=GENERATED)
    assert feed.name == f"{xml_id(IDS['election'])}.xml"
    assert errors(vip_schema, feed) == []
    root = etree.parse(str(feed)).getroot()
    assert root.get("schemaVersion") == "5.2"
    counts = {
        tag: len(root.findall(tag))
        for tag in (
            "CandidateContest",
            "BallotMeasureContest",
            "RetentionContest",
            "PartyContest",
            "Candidate",
            "BallotMeasureSelection",
            "ElectoralDistrict",
        )
    }
    # two candidacies and the recalled office holder; two districts (state, senate district 1)
    assert counts == {
        "CandidateContest": 1,
        "BallotMeasureContest": 1,
        "RetentionContest": 1,
        "PartyContest": 1,
        "Candidate": 3,
        "BallotMeasureSelection": 4,
        "ElectoralDistrict": 2,
    }


def test_vip_carries_divisions_as_ocd_ids_and_follows_the_ocdep20_mapping(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    [feed] = export(ocd_con, "vip", tmp_path, generated_at=GENERATED)
    root = etree.parse(str(feed)).getroot()
    district = root.find(f"ElectoralDistrict[@id='{xml_id(SENATE_DISTRICT)}']")
    assert district is not None
    assert district.findtext("ExternalIdentifiers/ExternalIdentifier/Type") == "ocd-id"
    assert district.findtext("ExternalIdentifiers/ExternalIdentifier/Value") == SENATE_DISTRICT
    assert (district.findtext("Type"), district.findtext("Number")) == ("state-senate", "1")
    contest = root.find("CandidateContest")
    assert contest is not None
    assert contest.findtext("ElectoralDistrictId") == xml_id(SENATE_DISTRICT)
    assert contest.findtext("OfficeIds") == xml_id(IDS["post"])
    candidate = root.find(f"Candidate[@id='{xml_id(IDS['rowen_candidacy'])}']")
    assert candidate is not None
    assert candidate.findtext("BallotName/Text") == "ROWEN, ROBERT J."
    assert candidate.findtext("PreElectionStatus") == "qualified"
    assert candidate.findtext("FileDate") == "2016-03-10"
    measure = root.find("BallotMeasureContest")
    assert measure is not None
    assert (measure.findtext("Type"), measure.findtext("PassageThreshold/Text")) == (
        "initiative",
        "50% plus one vote",
    )
    retention = root.find("RetentionContest")
    assert retention is not None
    holder = root.find(f"Candidate[@id='{retention.findtext('CandidateId')}']")
    assert holder is not None and holder.findtext("PersonId") == xml_id(IDS["davis"])
    assert retention.findtext("OfficeId") == xml_id(IDS["governor"])
    election = root.find("Election")
    assert election is not None
    assert (election.findtext("Date"), election.findtext("IsStatewide")) == ("2016-11-08", "true")


def test_unexpired_term_travels_as_the_office_term_type(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, vip_schema: xmlschema.XMLSchema
) -> None:
    ocd_con.execute("UPDATE ocd.candidate_contest SET previous_term_unexpired = true")
    [feed] = export(ocd_con, "vip", tmp_path, generated_at=GENERATED)
    assert errors(vip_schema, feed) == []
    office = etree.parse(str(feed)).getroot().find(f"Office[@id='{xml_id(IDS['post'])}']")
    assert office is not None and office.findtext("Term/Type") == "unexpired-term"


def test_nist_xml_validates_against_the_nist_schema(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, nist_xml_schema: xmlschema.XMLSchema
) -> None:
    [report] = export(ocd_con, "nist-xml", tmp_path, generated_at=GENERATED)
    assert report.name == "election_report.xml"
    assert errors(nist_xml_schema, report) == []
    root = etree.parse(str(report)).getroot()
    assert root.findtext(f"{NIST}GeneratedDate") == "2026-11-22T12:00:00Z"
    kinds = sorted(
        c.get("{http://www.w3.org/2001/XMLSchema-instance}type") or "" for c in root.iter(f"{NIST}Contest")
    )
    assert kinds == ["BallotMeasureContest", "CandidateContest", "PartyContest", "RetentionContest"]
    values = {e.text for e in root.iter(f"{NIST}Value")}
    assert {SENATE_DISTRICT, "ocd-division/country:us/state:ca", IDS["election"]} <= values
    recall = [
        c
        for c in root.iter(f"{NIST}Contest")
        if "Retention" in (c.get("{http://www.w3.org/2001/XMLSchema-instance}type") or "")
    ]
    assert recall[0].findtext(f"{NIST}Type") == "recall"


def test_nist_json_validates_against_the_nist_json_schema(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, nist_json_schema: Any
) -> None:
    [report] = export(ocd_con, "nist-json", tmp_path / "report.json", generated_at=GENERATED)
    document = json.loads(report.read_text(encoding="utf-8"))
    assert [e.message for e in nist_json_schema.iter_errors(document)] == []
    [election] = document["Election"]
    assert election["@type"] == "ElectionResults.Election"
    assert election["StartDate"] == "2016-11-08"
    candidate_contest = next(
        c for c in election["Contest"] if c["@type"] == "ElectionResults.CandidateContest"
    )
    assert candidate_contest["OfficeIds"] == [xml_id(IDS["post"])]
    assert len(candidate_contest["ContestSelection"]) == 2
    ids = {u["@id"] for u in document["GpUnit"]}
    assert candidate_contest["ElectionDistrictId"] in ids


def test_nist_json_schema_catches_a_broken_report(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, nist_json_schema: Any
) -> None:
    [report] = export(ocd_con, "nist-json", tmp_path, generated_at=GENERATED)
    document = json.loads(report.read_text(encoding="utf-8"))
    del document["Election"][0]["Contest"][0]["ElectionDistrictId"]
    assert list(nist_json_schema.iter_errors(document))


def test_unknown_format_is_refused(ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    with pytest.raises(OcdExportError, match="unknown export format 'csv'"):
        export(ocd_con, "csv", tmp_path)


def test_export_refuses_a_database_that_breaks_the_rules(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    ocd_con.execute("UPDATE ocd.candidate_contest SET name = NULL")
    with pytest.raises(
        OcdExportError,
        match=r"1 validation findings in ocd\.\*, the first CandidateContest .* name: required",
    ):
        export(ocd_con, "vip", tmp_path)
    assert not any(tmp_path.iterdir())


def test_export_allowed_despite_findings_stays_schema_valid(
    ocd_con: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    vip_schema: xmlschema.XMLSchema,
    nist_xml_schema: xmlschema.XMLSchema,
    nist_json_schema: Any,
) -> None:
    ocd_con.execute("UPDATE ocd.candidate_contest SET name = NULL")
    ocd_con.execute("UPDATE ocd.post SET label = NULL")
    [feed] = export(ocd_con, "vip", tmp_path / "vip", generated_at=GENERATED, allow_invalid=True)
    assert errors(vip_schema, feed) == []
    [xml_report] = export(ocd_con, "nist-xml", tmp_path, generated_at=GENERATED, allow_invalid=True)
    assert errors(nist_xml_schema, xml_report) == []
    [json_report] = export(ocd_con, "nist-json", tmp_path, generated_at=GENERATED, allow_invalid=True)
    assert list(nist_json_schema.iter_errors(json.loads(json_report.read_text(encoding="utf-8")))) == []


def _set_results(con: duckdb.DuckDBPyConnection, results: dict[str, str]) -> None:
    for key, result in results.items():
        con.execute(
            "UPDATE ocd.candidacy SET extras = json_object('election_result', ?) WHERE id = ?",
            [result, IDS[key]],
        )


def test_vip_candidate_carries_the_winner_as_its_post_election_status(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, vip_schema: xmlschema.XMLSchema
) -> None:
    _set_results(ocd_con, {"rowen_candidacy": "won", "gaines_candidacy": "lost"})
    [feed] = export(ocd_con, "vip", tmp_path, generated_at=GENERATED)
    assert errors(vip_schema, feed) == []
    root = etree.parse(str(feed)).getroot()
    status = {
        key: root.findtext(f"Candidate[@id='{xml_id(IDS[key])}']/PostElectionStatus")
        for key in ("rowen_candidacy", "gaines_candidacy")
    }
    # VIP 5.2's CandidatePostElectionStatus has no word for a defeat: the loser says nothing
    assert status == {"rowen_candidacy": "winner", "gaines_candidacy": None}


def test_nist_candidates_carry_winner_defeated_and_advanced_in_xml_and_json(
    ocd_con: duckdb.DuckDBPyConnection,
    tmp_path: Path,
    nist_xml_schema: xmlschema.XMLSchema,
    nist_json_schema: Any,
) -> None:
    _set_results(ocd_con, {"rowen_candidacy": "won", "gaines_candidacy": "lost"})
    [xml_report] = export(ocd_con, "nist-xml", tmp_path, generated_at=GENERATED)
    assert errors(nist_xml_schema, xml_report) == []
    root = etree.parse(str(xml_report)).getroot()
    status = {
        key: root.findtext(f".//{NIST}Candidate[@ObjectId='{xml_id(IDS[key])}']/{NIST}PostElectionStatus")
        for key in ("rowen_candidacy", "gaines_candidacy")
    }
    assert status == {"rowen_candidacy": "winner", "gaines_candidacy": "defeated"}

    _set_results(ocd_con, {"rowen_candidacy": "advanced to runoff", "gaines_candidacy": "unknown"})
    [json_report] = export(ocd_con, "nist-json", tmp_path / "report.json", generated_at=GENERATED)
    document = json.loads(json_report.read_text(encoding="utf-8"))
    assert [e.message for e in nist_json_schema.iter_errors(document)] == []
    candidates = {c["@id"]: c for c in document["Election"][0]["Candidate"]}
    assert candidates[xml_id(IDS["rowen_candidacy"])]["PostElectionStatus"] == "advanced-to-runoff"
    # an unknown result says nothing rather than guessing
    assert "PostElectionStatus" not in candidates[xml_id(IDS["gaines_candidacy"])]


def test_real_exports_carry_the_winners_and_stay_valid(
    processed_db: Path,
    tmp_path: Path,
    vip_schema: xmlschema.XMLSchema,
    nist_xml_schema: xmlschema.XMLSchema,
) -> None:
    with duckdb.connect(str(processed_db), read_only=True) as con:
        results = dict(
            con.execute(
                """SELECT extras->>'election_result', count(*) FROM ocd.candidacy
                   WHERE extras->>'election_result' IS NOT NULL GROUP BY ALL"""
            ).fetchall()
        )
        newsom = con.execute(
            """SELECT c.id, e.id FROM ocd.candidacy AS c
               JOIN ocd.candidate_contest AS cc ON cc.id = c.contest_id
               JOIN ocd.election AS e ON e.id = cc.election_id
               WHERE e.name = '2018 GENERAL' AND c.candidate_name = 'NEWSOM, GAVIN'"""
        ).fetchone()
        assert newsom is not None
        [report] = export(con, "nist-xml", tmp_path, generated_at=GENERATED)
        feeds = export(con, "vip", tmp_path / "vip", generated_at=GENERATED)
    assert errors(nist_xml_schema, report) == []
    statuses = [e.text for e in etree.parse(str(report)).getroot().iter(f"{NIST}PostElectionStatus")]
    assert {s: statuses.count(s) for s in set(statuses)} == {
        "winner": results["won"],
        "defeated": results["lost"],
        "advanced-to-runoff": results["advanced to runoff"],
    }
    [feed_2018] = [f for f in feeds if f.name == f"{xml_id(newsom[1])}.xml"]
    assert errors(vip_schema, feed_2018) == []
    candidate = etree.parse(str(feed_2018)).getroot().find(f"Candidate[@id='{xml_id(newsom[0])}']")
    assert candidate is not None and candidate.findtext("PostElectionStatus") == "winner"
