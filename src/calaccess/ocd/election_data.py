"""The election records VIP and NIST need, read once from the OCD tables and indexed by id.

Both formats describe elections, contests, candidates, offices, parties, people and districts; neither has a
place for campaign-finance filings, which therefore travel only as OCD JSON. Everything is held in memory:
a jurisdiction's whole election history is thousands of records, not millions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import duckdb

from calaccess.ocd.records import read_records
from calaccess.ocd.types import CONTEST_TYPES

Record = dict[str, Any]

# OCD division types that name the same kind of district in both VIP's DistrictType and NIST's
# ReportingUnitType; others travel as "other" with the OCD type as OtherType
DISTRICT_TYPES = {
    "state": "state",
    "sldl": "state-house",
    "sldu": "state-senate",
    "cd": "congressional",
    "county": "county",
    "place": "city",
    "council_district": "city-council",
    "ward": "ward",
    "school_district": "school",
    "water": "water",
    "borough": "borough",
    "town": "town",
    "township": "township",
    "village": "village",
}


@dataclass
class ElectionData:
    """Every election-related record, by id, and the contests of each election by kind."""

    elections: list[Record]
    divisions: dict[str, Record]
    organizations: dict[str, Record]
    posts: dict[str, Record]
    people: dict[str, Record]
    memberships: dict[str, Record]
    contests: dict[str, list[tuple[str, Record]]] = field(
        default_factory=dict
    )  # election id -> (table, contest)
    candidacies: dict[str, list[Record]] = field(default_factory=dict)  # contest id -> candidacies

    def district_type(self, division_id: str) -> tuple[str, str | None]:
        """The district type word shared by VIP and NIST, and OtherType when it is 'other'."""
        kind = division_id.rsplit("/", 1)[-1].split(":", 1)[0]
        if kind in DISTRICT_TYPES:
            return DISTRICT_TYPES[kind], None
        return "other", kind

    def district_number(self, division_id: str) -> str | None:
        value = division_id.rsplit("/", 1)[-1].split(":", 1)[-1]
        return value if value.isdigit() else None

    def division_name(self, division_id: str) -> str:
        division = self.divisions.get(division_id)
        return str(division["name"]) if division else division_id

    def post_division(self, post_id: str) -> str | None:
        """The division a post represents, or else the division of a contest that puts it at stake."""
        post = self.posts.get(post_id)
        if post and post["division_id"]:
            return str(post["division_id"])
        for contests in self.contests.values():
            for table, contest in contests:
                if table == "candidate_contest" and any(p["post_id"] == post_id for p in contest["posts"]):
                    return str(contest["division_id"])
        return None

    def top_tickets(self, election_id: str) -> set[str]:
        """The candidacies some other candidacy of the election names as its top ticket."""
        return {
            candidacy["top_ticket_candidacy_id"]
            for _table, contest in self.contests.get(election_id, [])
            for candidacy in self.candidacies.get(contest["id"], [])
            if candidacy["top_ticket_candidacy_id"]
        }


def load(con: duckdb.DuckDBPyConnection, schema: str = "ocd") -> ElectionData:
    def by_id(table: str) -> dict[str, Record]:
        return {r["id"]: r for r in read_records(con, table, schema)}

    data = ElectionData(
        elections=list(read_records(con, "election", schema)),
        divisions=by_id("division"),
        organizations=by_id("organization"),
        posts=by_id("post"),
        people=by_id("person"),
        memberships=by_id("membership"),
    )
    contests: dict[str, list[tuple[str, Record]]] = defaultdict(list)
    for contest_type in CONTEST_TYPES:
        for contest in read_records(con, contest_type.table, schema):
            contests[contest["election_id"]].append((contest_type.table, contest))
    data.contests = dict(contests)
    candidacies: dict[str, list[Record]] = defaultdict(list)
    for candidacy in read_records(con, "candidacy", schema):
        candidacies[candidacy["contest_id"]].append(candidacy)
    data.candidacies = dict(candidacies)
    return data


def is_top_ticket(candidacy: Record, top_tickets: set[str]) -> bool | None:
    """IsTopTicket: true when the candidacy heads a ticket, false when it runs on another's, else not said."""
    if candidacy["id"] in top_tickets:
        return True
    return False if candidacy["top_ticket_candidacy_id"] else None


def posts_in_order(contest: Record) -> list[Record]:
    """A candidate contest's posts in their sort_order, those without one last."""
    return sorted(contest["posts"], key=lambda p: (p["sort_order"] is None, p["sort_order"]))


def election_type(election: Record, allowed: tuple[str, ...]) -> tuple[str, str | None]:
    """The election's type for VIP or NIST, and OtherType.

    OCD elections carry no type; a publisher may put one of the format's words in `extras["election_type"]`
    (general, primary, runoff, special, ...). Without it the type is "other", explained in OtherType.
    """
    declared = (election.get("extras") or {}).get("election_type")
    if isinstance(declared, str) and declared in allowed:
        return declared, None
    return "other", str(declared) if isinstance(
        declared, str
    ) and declared else "not stated in Open Civic Data"


# A candidacy's `extras["election_result"]` in the formats' CandidatePostElectionStatus words
ELECTION_RESULTS = {"won": "winner", "lost": "defeated", "advanced to runoff": "advanced-to-runoff"}


def post_election_status(candidacy: Record, allowed: tuple[str, ...]) -> str | None:
    """The candidacy's PostElectionStatus for VIP or NIST, or None when not known or not in the format.

    OCDEP 20's Candidacy has no result; a publisher may state one in `extras["election_result"]` (won,
    lost, advanced to runoff; anything else, such as unknown, says nothing). VIP 5.2 has no word for a
    defeat, so a loss travels only in NIST.
    """
    result = (candidacy.get("extras") or {}).get("election_result")
    status = ELECTION_RESULTS.get(result) if isinstance(result, str) else None
    return status if status in allowed else None


def measure_type(classification: str | None, allowed: tuple[str, ...]) -> tuple[str | None, str | None]:
    """A ballot measure's VIP/NIST Type from OCD's free-text classification, and OtherType when 'other'."""
    if not classification:
        return None, None
    words = classification.lower()
    for word in ("initiative", "referendum", "recall"):
        if word in words and word in allowed:
            return word, None
    return "other", classification
