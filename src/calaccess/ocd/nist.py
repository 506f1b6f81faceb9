"""NIST SP 1500-100 v2 (Election Results Common Data Format): one ElectionReport, in XML or JSON.

VIP 5 took its contest model from this format, so the mapping follows OCDEP 20's VIP notes (see `vip.py`),
with NIST's own shape: contests and candidates sit inside their Election, selections inside their contest,
districts are ReportingUnits (a GpUnit), and the election's own division is its ElectionScopeId. Divisions
travel as ExternalIdentifier Type "ocd-id"; every object carries its OCD id the same way.

Choices the format forces: a report holds no vote counts, so Status is "pre-election" and Format
"summary-contest"; VotesAllowed (required) is the contest's number_elected; an election's Type comes from
`extras["election_type"]` when a publisher states it, else "other" (see `election_data.election_type`);
BallotMeasureType has "recall", so a recall question says so. Who won needs no counts: a candidacy's
`extras["election_result"]` becomes the Candidate's PostElectionStatus (winner, defeated,
advanced-to-runoff; see `election_data.post_election_status`).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
from lxml import etree

from calaccess.ocd import cdf, election_data
from calaccess.ocd.cdf import Obj, Refs, xml_id
from calaccess.ocd.election_data import ElectionData, Record

NAMESPACE = "http://itl.nist.gov/ns/voting/1500-100/v2"
JSON_TYPE_PREFIX = "ElectionResults."
ELECTION_TYPES = (
    "general",
    "partisan-primary-closed",
    "partisan-primary-open",
    "primary",
    "runoff",
    "special",
)
BALLOT_MEASURE_TYPES = ("ballot-measure", "initiative", "recall", "referendum", "other")
POST_ELECTION_STATUSES = ("advanced-to-runoff", "defeated", "projected-winner", "winner", "withdrawn")
ABSTRACT_ELEMENTS = frozenset({"Contest", "GpUnit", "ContestSelection"})


class _Report(cdf.Document):
    """The report's shared objects (units, offices, parties, people), each added once, by ObjectId."""

    language_attribute = "Language"

    def __init__(self, data: ElectionData, language: str) -> None:
        super().__init__(data, language)
        self.units: dict[str, Obj] = {}
        self.offices: dict[str, Obj] = {}
        self.parties: dict[str, Obj] = {}
        self.people: dict[str, Obj] = {}

    def identify(self, obj: Obj, ocd_id: str, upstream: list[Record] | None = None) -> Obj:
        """NIST repeats ExternalIdentifier in the object itself."""
        return obj.add("ExternalIdentifier", cdf.external_identifiers(ocd_id, upstream))

    def unit(self, division_id: str, administration: str | None = None) -> str:
        key = xml_id(division_id)
        if key in self.units and administration is None:
            return key
        kind, other = self.data.district_type(division_id)
        if kind == "other" and other == "country":
            kind, other = "country", None
        obj = Obj("ReportingUnit", object_id=key)
        self.identify(obj, division_id)
        obj.add("Name", self.text(self.data.division_name(division_id)))
        organization = self.data.organizations.get(administration or "")
        if organization is not None:
            obj.add("ElectionAdministration", Obj("ElectionAdministration").add("Name", organization["name"]))
        obj.add("Number", self.data.district_number(division_id))
        obj.add("Type", kind).add("OtherType", other)
        if key not in self.units or organization is not None:
            self.units[key] = obj
        return key

    def party(self, organization_id: str | None) -> str | None:
        organization = self.data.organizations.get(organization_id or "")
        if organization_id is None or organization is None:
            return None
        key = xml_id(organization_id)
        self.parties.setdefault(key, cdf.party_object(self, organization_id, organization))
        return key

    def person(self, person_id: str) -> str | None:
        person = self.data.people.get(person_id)
        if person is None:
            return None
        key = xml_id(person_id)
        self.people.setdefault(key, cdf.person_object(self, person_id, person))
        return key

    def office(self, post_id: str, unexpired: bool, fallback_division: str) -> str | None:
        post = self.data.posts.get(post_id)
        if post is None:
            return None
        key = xml_id(post_id)
        division = self.data.post_division(post_id) or fallback_division
        obj = Obj("Office", object_id=key)
        obj.add("ElectionDistrictId", self.unit(division))
        self.identify(obj, post_id)
        obj.add("Name", self.text(post["label"]))
        if unexpired:
            obj.add("Term", Obj("Term").add("Type", "unexpired-term"))
        if key not in self.offices or unexpired:
            self.offices[key] = obj
        return key


def _contest(report: _Report, kind: str, contest: Record, selections: list[Obj]) -> Obj:
    obj = Obj(kind, object_id=xml_id(contest["id"]))
    obj.add("ContestSelection", selections)
    obj.add("ElectionDistrictId", report.unit(contest["division_id"]))
    report.identify(obj, contest["id"], contest["identifiers"])
    obj.add("Name", contest["name"] or "")
    return obj


# A contest and the Candidates it names, which NIST keeps in the Election beside its contests
Built = tuple[Obj, list[Obj]]


def _candidate_contest(report: _Report, contest: Record, top_tickets: set[str]) -> Built:
    """A CandidateContest with a CandidateSelection per candidacy, and the candidacies as Candidates."""
    candidates = []
    selections = []
    for order, candidacy in enumerate(report.data.candidacies.get(contest["id"], []), start=1):
        candidate = cdf.candidate_object(report, candidacy, top_tickets, POST_ELECTION_STATUSES)
        candidates.append(candidate)
        selection = Obj("CandidateSelection", object_id=f"{candidate.object_id}-selection")
        selection.add("SequenceOrder", order).add("CandidateIds", Refs([candidate.object_id or ""]))
        selection.add("IsWriteIn", True if candidacy["registration_status"] == "write-in" else None)
        selections.append(selection)
    obj = _contest(report, "CandidateContest", contest, selections)
    unexpired = contest["previous_term_unexpired"]
    offices = [
        report.office(p["post_id"], unexpired, contest["division_id"])
        for p in election_data.posts_in_order(contest)
    ]
    obj.add("NumberElected", contest["number_elected"])
    obj.add("OfficeIds", Refs(o for o in offices if o) if any(offices) else None)
    primary = report.party(contest["party_id"])
    obj.add("PrimaryPartyIds", Refs([primary]) if primary else None)
    return obj.add("VotesAllowed", contest["number_elected"]), candidates


def _party_contest(report: _Report, contest: Record) -> Built:
    """A PartyContest: a PartySelection for each of its parties that resolves."""
    selections = []
    for order, party in enumerate(contest["parties"], start=1):
        chosen = report.party(party["party_id"])
        if chosen is not None:
            selection = Obj("PartySelection", object_id=f"{xml_id(contest['id'])}-party-{order}")
            selections.append(selection.add("SequenceOrder", order).add("PartyIds", Refs([chosen])))
    return _contest(report, "PartyContest", contest, selections), []


def _measure(report: _Report, kind: str, contest: Record) -> Obj:
    """A BallotMeasureContest, or the measure part of a RetentionContest: its options as selections."""
    selections = []
    for order, option in enumerate(contest["options"], start=1):
        selection = Obj("BallotMeasureSelection", object_id=f"{xml_id(contest['id'])}-option-{order}")
        selections.append(selection.add("SequenceOrder", order).add("Selection", report.text(option)))
    return cdf.add_measure_properties(
        report, _contest(report, kind, contest, selections), contest, BALLOT_MEASURE_TYPES
    )


def _retention_contest(report: _Report, contest: Record) -> Built | None:
    """A RetentionContest with the office holder as its Candidate; None for a dangling membership
    (validation reports it, and NIST requires a candidate)."""
    membership = report.data.memberships.get(contest["membership_id"])
    if membership is None:
        return None
    obj = _measure(report, "RetentionContest", contest)
    holder = cdf.office_holder_object(report, contest, membership)
    obj.add("CandidateId", holder.object_id)
    if membership["post_id"]:
        obj.add("OfficeId", report.office(membership["post_id"], False, contest["division_id"]))
    return obj, [holder]


def _election(report: _Report, election: Record) -> Obj:
    """An Election: its contests, the Candidates they name, and its own division as ElectionScopeId."""
    top_tickets = report.data.top_tickets(election["id"])
    candidates: list[Obj] = []
    contests: list[Obj] = []
    for table, contest in report.data.contests.get(election["id"], []):
        built: Built | None
        if table == "candidate_contest":
            built = _candidate_contest(report, contest, top_tickets)
        elif table == "party_contest":
            built = _party_contest(report, contest)
        elif table == "ballot_measure_contest":
            built = _measure(report, "BallotMeasureContest", contest), []
        else:
            built = _retention_contest(report, contest)
        if built is not None:
            contests.append(built[0])
            candidates.extend(built[1])

    kind, other = election_data.election_type(election, ELECTION_TYPES)
    result = Obj("Election")
    result.add("Candidate", candidates)
    result.add("Contest", contests)
    result.add(
        "ElectionScopeId", report.unit(election["division_id"], election["administrative_organization_id"])
    )
    report.identify(result, election["id"], election["identifiers"])
    result.add("Name", report.text(election["name"]))
    result.add("StartDate", election["date"]).add("EndDate", election["date"])
    return result.add("Type", kind).add("OtherType", other)


def election_report(
    con: duckdb.DuckDBPyConnection,
    schema: str = "ocd",
    *,
    generated_at: dt.datetime | None = None,
    issuer: str = "Open Civic Data",
    issuer_abbreviation: str = "OCD",
    vendor_application_id: str = "calaccess.ocd",
    language: str = "en",
) -> Obj:
    """The ElectionReport of every election in the database, as an element tree for either writer."""
    data = election_data.load(con, schema)
    report = _Report(data, language)
    elections = [_election(report, e) for e in data.elections]
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    root = Obj("ElectionReport")
    root.add("Election", elections)
    root.add("Format", "summary-contest")
    root.add("GeneratedDate", generated_at)
    root.add("GpUnit", list(report.units.values()))
    root.add("Issuer", issuer).add("IssuerAbbreviation", issuer_abbreviation)
    root.add("Office", list(report.offices.values()))
    root.add("Party", list(report.parties.values()))
    root.add("Person", list(report.people.values()))
    root.add("SequenceStart", 1).add("SequenceEnd", 1)
    root.add("Status", "pre-election")
    return root.add("VendorApplicationId", vendor_application_id)


def export_nist_xml(
    con: duckdb.DuckDBPyConnection, out: Path, schema: str = "ocd", *, generated_at: dt.datetime | None = None
) -> Path:
    """Write the ElectionReport as NIST XML to `out` (a file); returns it."""
    tree = cdf.to_xml(
        "ElectionReport",
        election_report(con, schema, generated_at=generated_at),
        namespace=NAMESPACE,
        id_attribute="ObjectId",
        abstract=ABSTRACT_ELEMENTS,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return out


def export_nist_json(
    con: duckdb.DuckDBPyConnection, out: Path, schema: str = "ocd", *, generated_at: dt.datetime | None = None
) -> Path:
    """Write the ElectionReport as NIST JSON to `out` (a file); returns it."""
    document = cdf.to_json(
        election_report(con, schema, generated_at=generated_at), type_prefix=JSON_TYPE_PREFIX
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out
