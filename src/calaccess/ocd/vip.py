"""VIP 5.2 XML: one feed per election, as VIP models a single election; mapped as OCDEP 20's notes say.

OCD -> VIP, per OCDEP 20's "Mapping to VIP" sections:
- Election -> Election (Name required in OCD, optional in VIP); its division -> State (the division at state
  level, IsStatewide when the election's own division is that state); administrative_organization_id ->
  ElectionAdministration's Department.
- Contest -> ContestBase: division_id -> ElectoralDistrictId. CandidateContest: posts -> OfficeIds in
  sort_order; party_id -> PrimaryPartyIds; number_elected -> NumberElected; previous_term_unexpired -> the
  Office's Term Type "unexpired-term". BallotMeasureContest: requirement -> PassageThreshold; classification
  -> Type (initiative, referendum; else "other" with the classification as OtherType); description ->
  SummaryText; options -> one BallotMeasureSelection each. PartyContest: parties -> PartySelections.
  RetentionContest: membership -> CandidateId (a Candidate for the office holder) and OfficeId (the post).
- Candidacy -> Candidate: candidate_name -> BallotName (the person's name when missing), registration_status
  -> PreElectionStatus, top_ticket_candidacy_id -> IsTopTicket, party_id -> PartyId, person_id -> PersonId,
  extras["election_result"] (OCD has no result field) -> PostElectionStatus winner or advanced-to-runoff
  (VIP has no word for a defeat); each candidacy is also a CandidateSelection of its contest.
- Divisions travel as ExternalIdentifier Type "ocd-id" on ElectoralDistrict and State; every other object
  carries its OCD id the same way, and upstream identifiers as Type "other" with the scheme as OtherType.
XML ids are derived from OCD ids (`cdf.xml_id`). Fields VIP has no place for (runoff_for_contest_id, sources,
other extras) are not carried: VIP is a ballot format, and the OCD JSON export keeps everything.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
from lxml import etree

from calaccess.ocd.cdf import Obj, Refs, external_identifiers, to_xml, xml_id
from calaccess.ocd.election_data import (
    ElectionData,
    Record,
    election_type,
    is_top_ticket,
    load,
    measure_type,
    post_election_status,
    posts_in_order,
)

VIP_ELECTION_TYPES = (
    "general",
    "primary",
    "runoff",
    "special",
    "partisan-primary-open",
    "partisan-primary-closed",
)
BALLOT_MEASURE_TYPES = ("ballot-measure", "initiative", "referendum", "other")
POST_ELECTION_STATUSES = ("advanced-to-runoff", "projected-winner", "winner", "withdrawn")


class _Feed:
    """One election's VIP objects, each added once, referenced by XML id."""

    def __init__(self, data: ElectionData, language: str) -> None:
        self.data = data
        self.language = language
        self.objects: dict[str, tuple[str, Obj]] = {}

    def text(self, value: str | None) -> Obj:
        # a missing required text (validation reports it) is written empty, keeping the document valid
        text = Obj("LanguageString", attrs={"language": self.language}, content=value or "")
        return Obj("InternationalizedText").add("Text", [text])

    def identifiers(self, ocd_id: str, upstream: list[Record] | None = None) -> Obj:
        return Obj("ExternalIdentifiers").add("ExternalIdentifier", external_identifiers(ocd_id, upstream))

    def put(self, element: str, obj: Obj) -> str:
        assert obj.object_id is not None
        self.objects.setdefault(obj.object_id, (element, obj))
        return obj.object_id

    def district(self, division_id: str) -> str:
        kind, other = self.data.district_type(division_id)
        if kind == "other" and other == "country":
            kind, other = "national", None
        obj = Obj("ElectoralDistrict", object_id=xml_id(division_id))
        obj.add("ExternalIdentifiers", self.identifiers(division_id))
        obj.add("Name", self.data.division_name(division_id))
        number = self.data.district_number(division_id)
        obj.add("Number", int(number) if number else None)
        obj.add("Type", kind).add("OtherType", other)
        return self.put("ElectoralDistrict", obj)

    def party(self, organization_id: str | None) -> str | None:
        """The Party's XML id, or None when the reference is empty or dangling (validation reports those)."""
        organization = self.data.organizations.get(organization_id or "")
        if organization_id is None or organization is None:
            return None
        obj = Obj("Party", object_id=xml_id(organization_id))
        obj.add("ExternalIdentifiers", self.identifiers(organization_id, organization["identifiers"]))
        obj.add("Name", self.text(organization["name"]))
        return self.put("Party", obj)

    def person(self, person_id: str) -> str:
        person = self.data.people[person_id]
        obj = Obj("Person", object_id=xml_id(person_id))
        birth = person["birth_date"]
        obj.add("DateOfBirth", birth if birth and len(birth) == 10 else None)
        obj.add("ExternalIdentifiers", self.identifiers(person_id, person["identifiers"]))
        obj.add("FirstName", person["given_name"])
        obj.add("FullName", self.text(person["name"]))
        obj.add("Gender", person["gender"])
        obj.add("LastName", person["family_name"])
        return self.put("Person", obj)

    def office(self, post_id: str, unexpired: bool, fallback_division: str) -> str:
        post = self.data.posts[post_id]
        division = self.data.post_division(post_id) or fallback_division
        obj = Obj("Office", object_id=xml_id(post_id))
        obj.add("ElectoralDistrictId", self.district(division))
        obj.add("ExternalIdentifiers", self.identifiers(post_id))
        obj.add("Name", self.text(post["label"]))
        if unexpired:
            obj.add("Term", Obj("Term").add("Type", "unexpired-term"))
        key = self.put("Office", obj)
        if unexpired:  # a later full-term contest must not hide that one contest fills an unexpired term
            self.objects[key] = ("Office", obj)
        return key


def _contest_base(feed: _Feed, contest: Record, selections: list[str]) -> Obj:
    obj = Obj("Contest", object_id=xml_id(contest["id"]))
    obj.add("BallotSelectionIds", Refs(selections) if selections else None)
    obj.add("ElectoralDistrictId", feed.district(contest["division_id"]))
    obj.add("ExternalIdentifiers", feed.identifiers(contest["id"], contest["identifiers"]))
    obj.add("Name", contest["name"] or "")
    return obj


def _measure(feed: _Feed, contest: Record) -> Obj:
    selections = []
    for order, option in enumerate(contest["options"], start=1):
        selection = Obj("BallotMeasureSelection", object_id=f"{xml_id(contest['id'])}-option-{order}")
        selection.add("SequenceOrder", order).add("Selection", feed.text(option))
        selections.append(feed.put("BallotMeasureSelection", selection))
    obj = _contest_base(feed, contest, selections)
    obj.add("PassageThreshold", feed.text(contest["requirement"]) if contest["requirement"] else None)
    obj.add("SummaryText", feed.text(contest["description"]) if contest["description"] else None)
    kind, other = measure_type(contest["classification"], BALLOT_MEASURE_TYPES)
    obj.add("Type", kind).add("OtherType", contest.get("other_type") or other)
    return obj


def _candidate(feed: _Feed, candidacy: Record, top_tickets: set[str]) -> str:
    person = feed.data.people.get(candidacy["person_id"])
    obj = Obj("Candidate", object_id=xml_id(candidacy["id"]))
    name = candidacy["candidate_name"] or (person["name"] if person else "")
    obj.add("BallotName", feed.text(name))
    obj.add("ExternalIdentifiers", feed.identifiers(candidacy["id"]))
    obj.add("FileDate", candidacy["filed_date"])
    obj.add("IsIncumbent", candidacy["is_incumbent"])
    obj.add("IsTopTicket", is_top_ticket(candidacy, top_tickets))
    obj.add("PartyId", feed.party(candidacy["party_id"]))
    obj.add("PersonId", feed.person(candidacy["person_id"]) if person else None)
    obj.add("PostElectionStatus", post_election_status(candidacy, POST_ELECTION_STATUSES))
    obj.add("PreElectionStatus", candidacy["registration_status"])
    return feed.put("Candidate", obj)


def _election_feed(
    data: ElectionData, election: Record, generated_at: dt.datetime, source_name: str, language: str
) -> etree._Element:
    feed = _Feed(data, language)
    division = election["division_id"]
    state_division = "/".join(division.split("/")[:3])
    administration = election["administrative_organization_id"]
    source = Obj("Source", object_id="source")
    source.add("DateTime", generated_at).add("Name", source_name).add("VipId", state_division)
    feed.put("Source", source)
    # the State and the state's ElectoralDistrict are two VIP objects for one division: two ids
    state_id = "state-" + xml_id(state_division).removeprefix("division-")
    state = Obj("State", object_id=state_id)
    if administration and administration in data.organizations:
        department = Obj("Department").add(
            "ContactInformation",
            Obj("ContactInformation").add("Name", data.organizations[administration]["name"]),
        )
        feed.put(
            "ElectionAdministration",
            Obj("ElectionAdministration", object_id=xml_id(administration)).add("Department", [department]),
        )
        state.add("ElectionAdministrationId", xml_id(administration))
    state.add("ExternalIdentifiers", feed.identifiers(state_division)).add(
        "Name", data.division_name(state_division)
    )
    feed.put("State", state)
    kind, _other = election_type(election, VIP_ELECTION_TYPES)
    vip_election = Obj("Election", object_id=xml_id(election["id"]))
    vip_election.add("Date", election["date"])
    vip_election.add("ElectionType", feed.text(kind) if kind != "other" else None)
    vip_election.add("IsStatewide", division == state_division)
    vip_election.add("Name", feed.text(election["name"]))
    vip_election.add("StateId", state_id)
    feed.put("Election", vip_election)

    contests = data.contests.get(election["id"], [])
    top_tickets = data.top_tickets(election["id"])
    for table, contest in contests:
        obj: Obj
        if table == "candidate_contest":
            selections = []
            for order, candidacy in enumerate(data.candidacies.get(contest["id"], []), start=1):
                candidate = _candidate(feed, candidacy, top_tickets)
                selection = Obj("CandidateSelection", object_id=f"{xml_id(candidacy['id'])}-selection")
                selection.add("SequenceOrder", order).add("CandidateIds", Refs([candidate]))
                selection.add("IsWriteIn", True if candidacy["registration_status"] == "write-in" else None)
                selections.append(feed.put("CandidateSelection", selection))
            obj = _contest_base(feed, contest, selections)
            posts = posts_in_order(contest)
            unexpired = contest["previous_term_unexpired"]
            offices = [
                feed.office(p["post_id"], unexpired, contest["division_id"])
                for p in posts
                if p["post_id"] in data.posts
            ]
            obj.add("NumberElected", contest["number_elected"])
            obj.add("OfficeIds", Refs(offices) if offices else None)
            primary = feed.party(contest["party_id"])
            obj.add("PrimaryPartyIds", Refs([primary]) if primary else None)
            obj.type = "CandidateContest"
        elif table == "party_contest":
            selections = []
            for order, party in enumerate(contest["parties"], start=1):
                selection = Obj("PartySelection", object_id=f"{xml_id(contest['id'])}-party-{order}")
                chosen = feed.party(party["party_id"])
                if chosen is None:
                    continue
                selection.add("SequenceOrder", order).add("PartyIds", Refs([chosen]))
                selections.append(feed.put("PartySelection", selection))
            obj = _contest_base(feed, contest, selections)
            obj.type = "PartyContest"
        elif table == "ballot_measure_contest":
            obj = _measure(feed, contest)
            obj.type = "BallotMeasureContest"
        else:
            obj = _measure(feed, contest)
            obj.type = "RetentionContest"
            membership = data.memberships.get(contest["membership_id"])
            if membership is None:  # a dangling membership: validation reports it; VIP requires a candidate
                continue
            holder = Obj("Candidate", object_id=f"{xml_id(contest['id'])}-holder")
            person = data.people.get(membership["person_id"])
            holder.add("BallotName", feed.text(person["name"] if person else ""))
            holder.add("ExternalIdentifiers", feed.identifiers(membership["id"]))
            holder.add("IsIncumbent", True)
            holder.add("PersonId", feed.person(membership["person_id"]) if person else None)
            obj.add("CandidateId", feed.put("Candidate", holder))
            post_id = membership["post_id"]
            in_data = post_id in data.posts
            obj.add("OfficeId", feed.office(post_id, False, contest["division_id"]) if in_data else None)
        feed.put(obj.type, obj)

    root = Obj("VipObject", attrs={"schemaVersion": "5.2"})
    for element, obj in feed.objects.values():
        root.props.append((element, obj))
    return to_xml("VipObject", root, namespace=None, id_attribute="id", abstract=frozenset())


def export_vip(
    con: duckdb.DuckDBPyConnection,
    out: Path,
    schema: str = "ocd",
    *,
    generated_at: dt.datetime | None = None,
    source_name: str = "Open Civic Data",
    language: str = "en",
) -> list[Path]:
    """Write `<out>/<election xml id>.xml`, one VIP feed per election; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    generated_at = generated_at or dt.datetime.now(dt.UTC)
    data = load(con, schema)
    written = []
    for election in data.elections:
        tree = _election_feed(data, election, generated_at, source_name, language)
        path = out / f"{xml_id(election['id'])}.xml"
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        written.append(path)
    return written
