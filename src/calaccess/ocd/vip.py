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

from calaccess.ocd import cdf, election_data
from calaccess.ocd.cdf import Obj, Refs, xml_id
from calaccess.ocd.election_data import ElectionData, Record

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


class _Feed(cdf.Document):
    """One election's VIP objects, each added once, referenced by XML id."""

    language_attribute = "language"

    def __init__(self, data: ElectionData, language: str) -> None:
        super().__init__(data, language)
        self.objects: dict[str, tuple[str, Obj]] = {}

    def identify(self, obj: Obj, ocd_id: str, upstream: list[Record] | None = None) -> Obj:
        """VIP wraps an object's ExternalIdentifier elements in one ExternalIdentifiers."""
        identifiers = Obj("ExternalIdentifiers")
        return obj.add(
            "ExternalIdentifiers",
            identifiers.add("ExternalIdentifier", cdf.external_identifiers(ocd_id, upstream)),
        )

    def put(self, element: str, obj: Obj) -> str:
        assert obj.object_id is not None
        self.objects.setdefault(obj.object_id, (element, obj))
        return obj.object_id

    def district(self, division_id: str) -> str:
        kind, other = self.data.district_type(division_id)
        if kind == "other" and other == "country":
            kind, other = "national", None
        obj = Obj("ElectoralDistrict", object_id=xml_id(division_id))
        self.identify(obj, division_id)
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
        return self.put("Party", cdf.party_object(self, organization_id, organization))

    def person(self, person_id: str) -> str | None:
        person = self.data.people.get(person_id)
        return None if person is None else self.put("Person", cdf.person_object(self, person_id, person))

    def office(self, post_id: str, unexpired: bool, fallback_division: str) -> str:
        post = self.data.posts[post_id]
        division = self.data.post_division(post_id) or fallback_division
        obj = Obj("Office", object_id=xml_id(post_id))
        obj.add("ElectoralDistrictId", self.district(division))
        self.identify(obj, post_id)
        obj.add("Name", self.text(post["label"]))
        if unexpired:
            obj.add("Term", Obj("Term").add("Type", "unexpired-term"))
        key = self.put("Office", obj)
        if unexpired:  # a later full-term contest must not hide that one contest fills an unexpired term
            self.objects[key] = ("Office", obj)
        return key


def _contest_base(feed: _Feed, kind: str, contest: Record, selections: list[str]) -> Obj:
    obj = Obj(kind, object_id=xml_id(contest["id"]))
    obj.add("BallotSelectionIds", Refs(selections) if selections else None)
    obj.add("ElectoralDistrictId", feed.district(contest["division_id"]))
    feed.identify(obj, contest["id"], contest["identifiers"])
    obj.add("Name", contest["name"] or "")
    return obj


def _candidate_contest(feed: _Feed, contest: Record, top_tickets: set[str]) -> Obj:
    """A CandidateContest: each candidacy a Candidate and its CandidateSelection, the posts its Offices."""
    selections = []
    for order, candidacy in enumerate(feed.data.candidacies.get(contest["id"], []), start=1):
        candidate = feed.put(
            "Candidate", cdf.candidate_object(feed, candidacy, top_tickets, POST_ELECTION_STATUSES)
        )
        selection = Obj("CandidateSelection", object_id=f"{xml_id(candidacy['id'])}-selection")
        selection.add("SequenceOrder", order).add("CandidateIds", Refs([candidate]))
        selection.add("IsWriteIn", True if candidacy["registration_status"] == "write-in" else None)
        selections.append(feed.put("CandidateSelection", selection))
    obj = _contest_base(feed, "CandidateContest", contest, selections)
    unexpired = contest["previous_term_unexpired"]
    offices = [
        feed.office(p["post_id"], unexpired, contest["division_id"])
        for p in election_data.posts_in_order(contest)
        if p["post_id"] in feed.data.posts
    ]
    obj.add("NumberElected", contest["number_elected"])
    obj.add("OfficeIds", Refs(offices) if offices else None)
    primary = feed.party(contest["party_id"])
    return obj.add("PrimaryPartyIds", Refs([primary]) if primary else None)


def _party_contest(feed: _Feed, contest: Record) -> Obj:
    """A PartyContest: a PartySelection for each of its parties that resolves."""
    selections = []
    for order, party in enumerate(contest["parties"], start=1):
        selection = Obj("PartySelection", object_id=f"{xml_id(contest['id'])}-party-{order}")
        chosen = feed.party(party["party_id"])
        if chosen is None:
            continue
        selection.add("SequenceOrder", order).add("PartyIds", Refs([chosen]))
        selections.append(feed.put("PartySelection", selection))
    return _contest_base(feed, "PartyContest", contest, selections)


def _measure(feed: _Feed, kind: str, contest: Record) -> Obj:
    """A BallotMeasureContest, or the measure part of a RetentionContest: its options as selections."""
    selections = []
    for order, option in enumerate(contest["options"], start=1):
        selection = Obj("BallotMeasureSelection", object_id=f"{xml_id(contest['id'])}-option-{order}")
        selection.add("SequenceOrder", order).add("Selection", feed.text(option))
        selections.append(feed.put("BallotMeasureSelection", selection))
    return cdf.add_measure_properties(
        feed, _contest_base(feed, kind, contest, selections), contest, BALLOT_MEASURE_TYPES
    )


def _retention_contest(feed: _Feed, contest: Record) -> Obj | None:
    """A RetentionContest: the measure, the office holder as its Candidate, and the post as its Office.

    None for a dangling membership (validation reports it; VIP requires a candidate); the options and the
    district it has put in the feed by then stay there.
    """
    obj = _measure(feed, "RetentionContest", contest)
    membership = feed.data.memberships.get(contest["membership_id"])
    if membership is None:
        return None
    obj.add("CandidateId", feed.put("Candidate", cdf.office_holder_object(feed, contest, membership)))
    post_id = membership["post_id"]
    in_data = post_id in feed.data.posts
    return obj.add("OfficeId", feed.office(post_id, False, contest["division_id"]) if in_data else None)


def _state(feed: _Feed, election: Record, state_division: str) -> str:
    """The election's State, after the ElectionAdministration it names; returns the State's id.

    The State and the state's ElectoralDistrict are two VIP objects for one division: two ids.
    """
    data = feed.data
    administration = election["administrative_organization_id"]
    state = Obj("State", object_id="state-" + xml_id(state_division).removeprefix("division-"))
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
    feed.identify(state, state_division).add("Name", data.division_name(state_division))
    return feed.put("State", state)


def _election(feed: _Feed, election: Record, state_division: str, state_id: str) -> Obj:
    kind, _other = election_data.election_type(election, VIP_ELECTION_TYPES)
    obj = Obj("Election", object_id=xml_id(election["id"]))
    obj.add("Date", election["date"])
    obj.add("ElectionType", feed.text(kind) if kind != "other" else None)
    obj.add("IsStatewide", election["division_id"] == state_division)
    obj.add("Name", feed.text(election["name"]))
    return obj.add("StateId", state_id)


def _election_feed(
    data: ElectionData, election: Record, generated_at: dt.datetime, source_name: str, language: str
) -> etree._Element:
    """One election's feed: its Source, State and Election, then each contest after what it references."""
    feed = _Feed(data, language)
    state_division = "/".join(election["division_id"].split("/")[:3])
    source = Obj("Source", object_id="source")
    source.add("DateTime", generated_at).add("Name", source_name).add("VipId", state_division)
    feed.put("Source", source)
    state_id = _state(feed, election, state_division)
    feed.put("Election", _election(feed, election, state_division, state_id))
    top_tickets = data.top_tickets(election["id"])
    for table, contest in data.contests.get(election["id"], []):
        obj: Obj | None
        if table == "candidate_contest":
            obj = _candidate_contest(feed, contest, top_tickets)
        elif table == "party_contest":
            obj = _party_contest(feed, contest)
        elif table == "ballot_measure_contest":
            obj = _measure(feed, "BallotMeasureContest", contest)
        else:
            obj = _retention_contest(feed, contest)
        if obj is not None:
            feed.put(obj.type, obj)

    root = Obj("VipObject", attrs={"schemaVersion": "5.2"})
    for element, placed in feed.objects.values():
        root.props.append((element, placed))
    return cdf.to_xml("VipObject", root, namespace=None, id_attribute="id", abstract=frozenset())


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
    data = election_data.load(con, schema)
    written = []
    for election in data.elections:
        tree = _election_feed(data, election, generated_at, source_name, language)
        path = out / f"{xml_id(election['id'])}.xml"
        path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))
        written.append(path)
    return written
