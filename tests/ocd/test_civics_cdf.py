"""Feeds in Google's civics CDF profile, judged by Google's own `civics_cdf_validator` with its whole election
rule set: on the small complete database and on the real sample, one feed per election."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from civics_cdf_validator import base, gpunit_rules, loggers, rules, validator  # type: ignore[import-untyped]
from lxml import etree

from calaccess.ocd.cdf import xml_id
from calaccess.ocd.export import export
from tests.ocd.conftest import IDS

GENERATED = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
SEVERITIES = {
    loggers.ElectionFatal: "fatal",
    loggers.ElectionError: "error",
    loggers.ElectionWarning: "warning",
    loggers.ElectionInfo: "info",
}


def validate(feed: Path, shared_dir: Path) -> Counter[tuple[str, str]]:
    """(severity, rule) -> messages, for one feed under the validator's whole election rule set, run as its
    `validate` command runs it (`-c us --ocdid_file divisions-ca.csv --rule_set election`).

    One registry per file, each with its own open schema: the command reads one schema handle for all its
    files, so every file after the first fails to parse the exhausted schema (a fatal message)."""
    ocd_ids = gpunit_rules.GpUnitOcdIdValidator("us", str(shared_dir / "ocd" / "divisions-ca.csv"))
    election_rules = validator.filter_all_rules_using_user_arg(None, rules.RuleSet.ELECTION, None)
    assert {r.__name__ for r in election_rules} == {r.__name__ for r in rules.ELECTION_RULES}
    xsd = shared_dir / "schemas" / "civics_cdf" / "civics_cdf_spec.xsd"
    with feed.open("rb") as election_file, xsd.open() as schema_file:
        registry = base.RulesRegistry(election_file, schema_file, election_rules, {}, ocd_ids)
        registry.check_rules()
    counts: Counter[tuple[str, str]] = Counter()
    for severity, by_rule in registry.exceptions_wrapper.get_all_exceptions().items():
        for rule, entries in by_rule.items():
            counts[(SEVERITIES[severity], rule)] += len(entries)
    return counts


def serious(counts: Counter[tuple[str, str]]) -> dict[tuple[str, str], int]:
    return {key: n for key, n in counts.items() if key[0] in ("fatal", "error")}


def test_an_office_whose_organization_names_no_jurisdiction_is_left_for_the_validator_to_report(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path, shared_dir: Path
) -> None:
    # the small database's organizations name no jurisdiction: the feed does not invent one
    [feed] = export(ocd_con, "civics-cdf", tmp_path, generated_at=GENERATED)
    assert serious(validate(feed, shared_dir)) == {
        ("error", "OfficesHaveJurisdictionID"): 2,
        ("error", "OfficesHaveValidOfficeLevel"): 2,
    }


@pytest.fixture
def governed(ocd_con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The small database with its legislature and executive in the state's jurisdiction."""
    ocd_con.execute(
        "UPDATE ocd.organization SET jurisdiction_id = 'ocd-jurisdiction/country:us/state:ca/government' "
        "WHERE id IN (?, ?)",
        [IDS["legislature"], IDS["executive"]],
    )
    return ocd_con


def test_small_database_feed_passes_the_validator(
    governed: duckdb.DuckDBPyConnection, tmp_path: Path, shared_dir: Path
) -> None:
    [feed] = export(governed, "civics-cdf", tmp_path, generated_at=GENERATED)
    [again] = export(governed, "civics-cdf", tmp_path / "again", generated_at=GENERATED)
    assert again.read_bytes() == feed.read_bytes()
    assert feed.name == f"election-{IDS['election'].removeprefix('ocd-election/')}.xml"
    counts = validate(feed, shared_dir)
    assert serious(counts) == {}
    root = etree.parse(str(feed)).getroot()
    assert root.tag == "ElectionReport" and root.nsmap.get(None) is None
    kinds = Counter(c.get(XSI_TYPE) for c in root.iter("Contest"))
    assert kinds == {
        "CandidateContest": 1,
        "BallotMeasureContest": 1,
        "RetentionContest": 1,
        "PartyContest": 1,
    }


def test_every_object_has_a_stable_id_from_its_ocd_id(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    [feed] = export(ocd_con, "civics-cdf", tmp_path, generated_at=GENERATED)
    root = etree.parse(str(feed)).getroot()
    stable_ids = []
    for element in root.iter("ExternalIdentifiers"):
        found = {e.findtext("OtherType") or e.findtext("Type"): e.findtext("Value") for e in element}
        stable_ids.append(found["stable"])
        if "ocd-id" in found:
            assert found["stable"] == xml_id(found["ocd-id"] or "")
    assert len(stable_ids) == len(set(stable_ids)) > 10
    rowen = root.find(f".//Person[@objectId='person-{IDS['rowen'].removeprefix('ocd-person/')}']")
    assert rowen is not None
    values = {e.findtext("Type"): e.findtext("Value") for e in rowen.iter("ExternalIdentifier")}
    assert values["ocd-id"] == IDS["rowen"]


def test_gpunits_form_one_tree_rooted_in_the_country(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    [feed] = export(ocd_con, "civics-cdf", tmp_path, generated_at=GENERATED)
    root = etree.parse(str(feed)).getroot()
    units = {u.get("objectId"): u for u in root.iter("GpUnit")}
    composed = {i for u in units.values() for i in (u.findtext("ComposingGpUnitIds") or "").split()}
    [top] = set(units) - composed
    ocd_id = {e.findtext("Type"): e.findtext("Value") for e in units[top].iter("ExternalIdentifier")}[
        "ocd-id"
    ]
    assert ocd_id == "ocd-division/country:us"
    assert composed <= set(units)


def test_offices_say_jurisdiction_level_role_and_how_they_are_filled(
    governed: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    [feed] = export(governed, "civics-cdf", tmp_path, generated_at=GENERATED)
    root = etree.parse(str(feed)).getroot()
    offices = {o.findtext("Name/Text"): o for o in root.iter("Office")}
    senate, governor = offices["State Senate District 1"], offices["Governor"]
    state = {u.findtext("InternationalizedName/Text"): u.get("objectId") for u in root.iter("GpUnit")}
    assert senate.findtext("JurisdictionId") == governor.findtext("JurisdictionId") == state["California"]
    assert senate.findtext("Level") == "Administrative Area 1"
    assert senate.findtext("Role") == "state upper house"
    assert senate.findtext("GovernmentBodyIds") is not None
    # a head of government's office has no government body in the profile
    assert governor.findtext("Role") == "head of government"
    assert governor.find("GovernmentBodyIds") is None
    assert {o.findtext("SelectionMethod") for o in offices.values()} == {"directly-elected"}


def test_every_candidate_has_a_person_and_the_person_the_party_of_the_candidacy(
    ocd_con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    [feed] = export(ocd_con, "civics-cdf", tmp_path, generated_at=GENERATED)
    root = etree.parse(str(feed)).getroot()
    people = {p.get("objectId"): p for p in root.iter("Person")}
    candidates = list(root.iter("Candidate"))
    assert candidates and all(c.findtext("PersonId") in people for c in candidates)
    gaines = people[f"person-{IDS['gaines'].removeprefix('ocd-person/')}"]
    assert gaines.findtext("PartyId") == f"organization-{IDS['rep'].removeprefix('ocd-organization/')}"
    measure = next(c for c in root.iter("Contest") if c.get(XSI_TYPE) == "BallotMeasureContest")
    assert measure.findtext("BallotTitle/Text", "").startswith("PROPOSITION 060")


@pytest.mark.slow
def test_real_sample_feeds_pass_the_whole_election_rule_set(
    processed_db: Path, tmp_path: Path, shared_dir: Path
) -> None:
    with duckdb.connect(str(processed_db), read_only=True) as con:
        feeds = export(con, "civics-cdf", tmp_path, generated_at=GENERATED)
        elections = con.execute("SELECT count(*) FROM ocd.election").fetchone()
    assert elections is not None and len(feeds) == elections[0] > 100
    total: Counter[tuple[str, str]] = Counter()
    for feed in feeds:
        counts = validate(feed, shared_dir)
        assert serious(counts) == {}, feed.name
        total.update(counts)
        assert len(etree.parse(str(feed)).getroot().findall("Election")) == 1
    # what is left is warnings and infos the data cannot answer (see the module's docstring)
    assert {rule for severity, rule in total if severity == "warning"} <= {
        "AllCaps",
        "BadCharactersInPersonFullName",
        "BallotTitle",
        "ElectionEndDatesInThePast",
        "ElectionStartDates",
        "MissingFieldsWarning",
        "PartisanPrimary",
        "PersonsMissingPartyData",
    }
