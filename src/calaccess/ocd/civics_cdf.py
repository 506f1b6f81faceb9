"""Google's civics profile of the NIST Common Data Format: one pre-election feed per election, in XML.

Google ingests election data as NIST 1500-100 with its own rules, checked by its `civics_cdf_validator`:
no XML namespace, objects grouped in collections (`GpUnitCollection`, `PartyCollection`, ...) and keyed by
`objectId`, identifiers wrapped in `ExternalIdentifiers`, and every object carrying a stable id (an
ExternalIdentifier of Type "stable"; ours is the object's XML id, derived from its OCD id, so it never changes
between runs). The validator's rules read "the" Election of a file, so each election is its own feed holding
only what it refers to: `<out>/<election xml id>.xml`, as VIP feeds are written.

What the profile asks beyond NIST, and where each comes from (never invented):
- one root GpUnit, a country: each division is composed into its nearest ancestor in the OCD id path that is
  a known division, up to the country (`ocd-division/country:us` composes the state, which composes its
  districts);
- Office: JurisdictionId is the GpUnit of the division the post's organization's jurisdiction governs; Level
  follows that division's type (a state is "Administrative Area 1"); Role follows the organization's
  classification (a state's lower and upper chambers) or the post's role title (`OFFICE_ROLES`), else "other";
  GovernmentBodyIds is the post's organization, except for executive roles (the profile forbids one there);
  SelectionMethod is "directly-elected", since every office in a feed is at stake in its candidate contests;
- Party: PartyScopeGpUnitIds is the election's scope, where its candidates are on the ballot; IsIndependent
  only when its name is one the validator reads as independent ("Independent", "Nonpartisan");
- Person: PartyId is the party of each of its candidacies in the election;
- BallotMeasureContest: BallotTitle is the contest's name ("Proposition 36"); its description is the
  SummaryText, as in NIST; OCD has no ballot question text, so BallotText stays out (a warning says so).
A feed holds no vote counts: Status "pre-election", Format "summary-contest", as in `nist.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import duckdb
from lxml import etree

from calaccess.ocd import cdf, election_data
from calaccess.ocd.cdf import Obj, Refs, xml_id
from calaccess.ocd.election_data import ElectionData, Record
from calaccess.ocd.nist import ELECTION_TYPES
from calaccess.ocd.records import read_records

ABSTRACT_ELEMENTS = frozenset({"Contest", "GpUnit", "BallotSelection"})
BALLOT_MEASURE_TYPES = ("ballot-measure", "initiative", "referendum", "other")
POST_ELECTION_STATUSES = ("advanced-to-runoff", "projected-winner", "winner", "withdrawn")

# The profile's office level for the type of division a jurisdiction governs
OFFICE_LEVELS = {
    "country": "Country",
    "state": "Administrative Area 1",
    "territory": "Administrative Area 1",
    "county": "Administrative Area 2",
    "place": "Municipality",
}
# An OCD organization classification that names the chamber a post sits in: (in a state, elsewhere)
CHAMBER_ROLES = {"lower": ("state lower house", "lower house"), "upper": ("state upper house", "upper house")}
# A post's role title, as OCD posts spell them, in the profile's office roles
OFFICE_ROLES = {
    "governor": "head of government",
    "lieutenant governor": "deputy head of government",
    "secretary of state": "secretary state",
    "attorney general": "attorney general",
    "treasurer": "treasurer",
    "insurance commissioner": "secretary insurance",
    "superintendent of public instruction": "secretary education",
    "mayor": "mayor",
    "sheriff": "sheriff",
    "district attorney": "district attorney",
}
# Roles the profile calls executive: their offices must not name a government body
EXECUTIVE_ROLES = frozenset(
    {
        "head of state",
        "head of government",
        "president",
        "vice president",
        "state executive",
        "deputy state executive",
        "deputy head of government",
        "mayor",
    }
)
INDEPENDENT_NAMES = frozenset({"independent", "nonpartisan"})


def _stable(value: str) -> Obj:
    """A stable id: the profile's ExternalIdentifier of OtherType "stable" (not a Type of the schema's)."""
    return Obj("ExternalIdentifier").add("Type", "other").add("OtherType", "stable").add("Value", value)


def _identifiers(found: list[Obj]) -> Obj:
    return Obj("ExternalIdentifiers").add("ExternalIdentifier", found)


def _division_type(division_id: str) -> str:
    return division_id.rsplit("/", 1)[-1].split(":", 1)[0]


class _Feed(cdf.Document):
    """One election's feed: the shared objects it refers to, each added once, by objectId."""

    language_attribute = "language"

    def __init__(self, data: ElectionData, jurisdictions: dict[str, Record], election: Record, language: str):
        super().__init__(data, language)
        self.jurisdictions = jurisdictions
        self.election = election
        self.units: dict[str, Obj] = {}
        self.children: dict[str, set[str]] = defaultdict(set)  # unit key -> composing unit keys
        self.offices: dict[str, Obj] = {}
        self.bodies: dict[str, Obj] = {}
        self.parties: dict[str, Obj] = {}
        self.people: dict[str, Obj] = {}
        self.person_parties: dict[str, list[str]] = defaultdict(list)
        self.scope = ""

    def identify(self, obj: Obj, ocd_id: str, upstream: list[Record] | None = None) -> Obj:
        """A stable id (the object's XML id, from its OCD id), then the identifiers NIST carries."""
        found = [_stable(xml_id(ocd_id)), *cdf.external_identifiers(ocd_id, upstream)]
        return obj.add("ExternalIdentifiers", _identifiers(found))

    def unit(self, division_id: str, administration: str | None = None) -> str:
        """The GpUnit of a division, composed into its nearest known ancestor, up to the country."""
        key = xml_id(division_id)
        organization = self.data.organizations.get(administration or "")
        if key in self.units and organization is None:
            return key
        kind, other = self.data.district_type(division_id)
        if kind == "other" and other == "country":
            kind, other = "country", None
        obj = Obj("ReportingUnit", object_id=key)
        obj.add("ComposingGpUnitIds", lambda: Refs(sorted(self.children[key])) or None)
        self.identify(obj, division_id)
        obj.add("InternationalizedName", self.text(self.data.division_name(division_id)))
        if organization is not None:
            obj.add("ElectionAdministration", Obj("ElectionAdministration").add("Name", organization["name"]))
        obj.add("Number", self.data.district_number(division_id))
        obj.add("Type", kind).add("OtherType", other)
        is_new = key not in self.units
        self.units[key] = obj if is_new or organization is not None else self.units[key]
        parent = self._parent_division(division_id)
        if is_new and parent is not None:
            self.children[self.unit(parent)].add(key)
        return key

    def _parent_division(self, division_id: str) -> str | None:
        path = division_id
        while path.count("/") > 1:
            path = path.rsplit("/", 1)[0]
            if path in self.data.divisions:
                return path
        return None

    def party(self, organization_id: str | None) -> str | None:
        organization = self.data.organizations.get(organization_id or "")
        if organization_id is None or organization is None:
            return None
        key = xml_id(organization_id)
        if key not in self.parties:
            obj = Obj("Party", object_id=key)
            self.identify(obj, organization_id, organization["identifiers"])
            if (organization["name"] or "").strip().lower() in INDEPENDENT_NAMES:
                obj.add("IsIndependent", True)
            obj.add("Name", self.text(organization["name"]))
            self.parties[key] = obj.add("PartyScopeGpUnitIds", Refs([self.scope]))
        return key

    def person(self, person_id: str) -> str | None:
        person = self.data.people.get(person_id)
        if person is None:
            return None
        key = xml_id(person_id)
        if key not in self.people:
            obj = cdf.person_object(self, person_id, person)
            self.people[key] = obj.add("PartyId", lambda: self.person_parties[key] or None)
        return key

    def office(self, post_id: str, unexpired: bool, fallback_division: str) -> str | None:
        post = self.data.posts.get(post_id)
        if post is None:
            return None
        key = xml_id(post_id)
        if key in self.offices and not unexpired:
            return key
        organization = self.data.organizations.get(post["organization_id"] or "")
        jurisdiction_division = self._jurisdiction_division(post["organization_id"])
        role = _office_role(post, organization, jurisdiction_division)
        obj = Obj("Office", object_id=key)
        obj.add("ElectoralDistrictId", self.unit(self.data.post_division(post_id) or fallback_division))
        self.identify(obj, post_id)
        if organization is not None and role not in EXECUTIVE_ROLES:
            obj.add("GovernmentBodyIds", Refs([self.body(post["organization_id"], organization)]))
        obj.add("JurisdictionId", self.unit(jurisdiction_division) if jurisdiction_division else None)
        obj.add("Level", OFFICE_LEVELS.get(_division_type(jurisdiction_division or "")))
        obj.add("Name", self.text(post["label"]))
        obj.add("Role", role)
        obj.add("SelectionMethod", "directly-elected")
        if unexpired:
            obj.add("Term", Obj("Term").add("Type", "unexpired-term"))
        self.offices[key] = obj
        return key

    def _jurisdiction_division(self, organization_id: str | None) -> str | None:
        """The division governed by the organization's jurisdiction, or its parent's (a chamber's is its
        legislature's); None when no organization up the chain names one."""
        seen: set[str] = set()
        while organization_id and organization_id not in seen:
            seen.add(organization_id)
            organization = self.data.organizations.get(organization_id)
            if organization is None:
                return None
            jurisdiction = self.jurisdictions.get(organization["jurisdiction_id"] or "")
            if jurisdiction is not None:
                return str(jurisdiction["division_id"])
            organization_id = organization["parent_id"]
        return None

    def body(self, organization_id: str, organization: Record) -> str:
        key = xml_id(organization_id)
        if key not in self.bodies:
            obj = Obj("GovernmentBody", object_id=key)
            self.identify(obj, organization_id, organization["identifiers"])
            self.bodies[key] = obj.add("Name", self.text(organization["name"]))
        return key


def _office_role(post: Record, organization: Record | None, jurisdiction_division: str | None) -> str:
    """The profile's office role: the chamber the post sits in, else its role title, else "other"."""
    chamber = CHAMBER_ROLES.get((organization or {}).get("classification") or "")
    if chamber is not None:
        in_state = _division_type(jurisdiction_division or "") in ("state", "territory")
        return chamber[0] if in_state else chamber[1]
    return OFFICE_ROLES.get((post["role"] or "").strip().lower(), "other")


def _contest(feed: _Feed, kind: str, contest: Record, selections: list[Obj], title: str | None = None) -> Obj:
    """A contest's own properties, in the order of the profile's Contest."""
    obj = Obj(kind, object_id=xml_id(contest["id"]))
    obj.add("BallotSelection", selections)
    obj.add("BallotTitle", feed.text(title) if title else None)
    obj.add("ElectoralDistrictId", feed.unit(contest["division_id"]))
    feed.identify(obj, contest["id"], contest["identifiers"])
    return obj.add("Name", contest["name"] or "")


# A contest and the Candidates it names, which the profile keeps in the Election's CandidateCollection
Built = tuple[Obj, list[Obj]]


def _candidate_contest(feed: _Feed, contest: Record, top_tickets: set[str]) -> Built:
    candidates = []
    selections = []
    for order, candidacy in enumerate(feed.data.candidacies.get(contest["id"], []), start=1):
        candidate = cdf.candidate_object(feed, candidacy, top_tickets, POST_ELECTION_STATUSES)
        candidates.append(candidate)
        party = feed.party(candidacy["party_id"])
        person = xml_id(candidacy["person_id"]) if candidacy["person_id"] in feed.data.people else None
        if party and person and party not in feed.person_parties[person]:
            feed.person_parties[person].append(party)
        selection = Obj("CandidateSelection", object_id=f"{candidate.object_id}-selection")
        selection.add("SequenceOrder", order).add("CandidateIds", Refs([candidate.object_id or ""]))
        selection.add("IsWriteIn", True if candidacy["registration_status"] == "write-in" else None)
        selections.append(selection)
    obj = _contest(feed, "CandidateContest", contest, selections)
    unexpired = contest["previous_term_unexpired"]
    offices = [
        feed.office(p["post_id"], unexpired, contest["division_id"])
        for p in election_data.posts_in_order(contest)
    ]
    obj.add("NumberElected", contest["number_elected"])
    obj.add("OfficeIds", Refs(o for o in offices if o) if any(offices) else None)
    primary = feed.party(contest["party_id"])
    obj.add("PrimaryPartyIds", Refs([primary]) if primary else None)
    return obj.add("VotesAllowed", contest["number_elected"]), candidates


def _party_contest(feed: _Feed, contest: Record) -> Built:
    selections = []
    for order, party in enumerate(contest["parties"], start=1):
        chosen = feed.party(party["party_id"])
        if chosen is not None:
            selection = Obj("PartySelection", object_id=f"{xml_id(contest['id'])}-party-{order}")
            selections.append(selection.add("SequenceOrder", order).add("PartyIds", Refs([chosen])))
    return _contest(feed, "PartyContest", contest, selections), []


def _measure(feed: _Feed, kind: str, contest: Record) -> Obj:
    """A BallotMeasureContest, or the measure part of a RetentionContest: each option a selection with a
    stable id of its own, the contest's name as its BallotTitle, then the properties NIST gives it."""
    selections = []
    for order, option in enumerate(contest["options"], start=1):
        selection_id = f"{xml_id(contest['id'])}-option-{order}"
        selection = Obj("BallotMeasureSelection", object_id=selection_id).add("SequenceOrder", order)
        selection.add("ExternalIdentifiers", _identifiers([_stable(selection_id)]))
        selections.append(selection.add("Selection", feed.text(option)))
    obj = _contest(feed, kind, contest, selections, title=contest["name"])
    return cdf.add_measure_properties(feed, obj, contest, BALLOT_MEASURE_TYPES)


def _retention_contest(feed: _Feed, contest: Record) -> Built | None:
    """A RetentionContest with the office holder as its Candidate; None for a dangling membership."""
    membership = feed.data.memberships.get(contest["membership_id"])
    if membership is None:
        return None
    obj = _measure(feed, "RetentionContest", contest)
    holder = cdf.office_holder_object(feed, contest, membership)
    obj.add("CandidateId", holder.object_id)
    if membership["post_id"]:
        obj.add("OfficeId", feed.office(membership["post_id"], False, contest["division_id"]))
    return obj, [holder]


def _collection(name: str, items: list[Obj]) -> Obj | None:
    """A `<name>Collection` of the items, or None when there are none (the profile forbids an empty one)."""
    return Obj(f"{name}Collection").add(name, items) if items else None


def _resolve(obj: Obj) -> Obj:
    """Evaluate the properties left as callables (composition and party lists known only at the end)."""
    resolved = []
    for name, value in obj.props:
        value = value() if callable(value) else value
        if value is None:
            continue
        if isinstance(value, Obj):
            value = _resolve(value)
        elif isinstance(value, list) and not isinstance(value, Refs):
            value = [_resolve(v) if isinstance(v, Obj) else v for v in value]
        resolved.append((name, value))
    obj.props = resolved
    return obj


def election_feed(
    data: ElectionData,
    jurisdictions: dict[str, Record],
    election: Record,
    *,
    generated_at: dt.datetime,
    issuer: str = "Open Civic Data",
    issuer_abbreviation: str = "OCD",
    vendor_application_id: str = "calaccess.ocd",
    language: str = "en",
) -> Obj:
    """The ElectionReport of one election: the election, and every object it refers to."""
    feed = _Feed(data, jurisdictions, election, language)
    feed.scope = feed.unit(election["division_id"], election["administrative_organization_id"])
    top_tickets = data.top_tickets(election["id"])
    candidates: list[Obj] = []
    contests: list[Obj] = []
    for table, contest in data.contests.get(election["id"], []):
        built: Built | None
        if table == "candidate_contest":
            built = _candidate_contest(feed, contest, top_tickets)
        elif table == "party_contest":
            built = _party_contest(feed, contest)
        elif table == "ballot_measure_contest":
            built = _measure(feed, "BallotMeasureContest", contest), []
        else:
            built = _retention_contest(feed, contest)
        if built is not None:
            contests.append(built[0])
            candidates.extend(built[1])

    kind, other = election_data.election_type(election, ELECTION_TYPES)
    result = Obj("Election", object_id=xml_id(election["id"]))
    result.add("CandidateCollection", _collection("Candidate", candidates))
    result.add("ContestCollection", _collection("Contest", contests))
    result.add("ElectionScopeId", feed.scope)
    feed.identify(result, election["id"], election["identifiers"])
    result.add("Name", feed.text(election["name"]))
    result.add("StartDate", election["date"]).add("EndDate", election["date"])
    result.add("Type", kind).add("OtherType", other)

    root = Obj("ElectionReport")
    root.add("Election", [result])
    root.add("Format", "summary-contest")
    root.add("GeneratedDate", generated_at)
    root.add("GovernmentBodyCollection", _collection("GovernmentBody", list(feed.bodies.values())))
    root.add("GpUnitCollection", _collection("GpUnit", list(feed.units.values())))
    root.add("Issuer", issuer).add("IssuerAbbreviation", issuer_abbreviation)
    root.add("OfficeCollection", _collection("Office", list(feed.offices.values())))
    root.add("PartyCollection", _collection("Party", list(feed.parties.values())))
    root.add("PersonCollection", _collection("Person", list(feed.people.values())))
    root.add("SequenceStart", 1).add("SequenceEnd", 1)
    root.add("Status", "pre-election")
    return _resolve(root.add("VendorApplicationId", vendor_application_id))


def export_civics_cdf(
    con: duckdb.DuckDBPyConnection, out: Path, schema: str = "ocd", *, generated_at: dt.datetime | None = None
) -> list[Path]:
    """Write `<out>/<election xml id>.xml`, one civics CDF feed per election; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    data = election_data.load(con, schema)
    jurisdictions = {j["id"]: j for j in read_records(con, "jurisdiction", schema)}
    written = []
    for election in data.elections:
        feed = election_feed(data, jurisdictions, election, generated_at=generated_at)
        tree = cdf.to_xml(
            "ElectionReport", feed, namespace=None, id_attribute="objectId", abstract=ABSTRACT_ELEMENTS
        )
        path = out / f"{xml_id(election['id'])}.xml"
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        written.append(path)
    return written
