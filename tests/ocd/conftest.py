"""A small but complete OCD database, written row by row: what every export and validation test starts from.

One election in California with a State Senate contest (two candidates, their people, the post, the district),
a proposition with yes/no, a recall question tied to the governor's membership, and a party contest.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb
import pytest

from calaccess.ocd import create_tables, make_id

STATE = "ocd-division/country:us/state:ca"
SENATE_DISTRICT = "ocd-division/country:us/state:ca/sldu:1"

IDS = {
    "election": make_id("election", "2016 GENERAL", "2016-11-08"),
    "sos": make_id("organization", "Secretary of State"),
    "legislature": make_id("organization", "California State Legislature"),
    "senate": make_id("organization", "California State Senate"),
    "executive": make_id("organization", "Governor of California"),
    "dem": make_id("organization", "DEMOCRATIC"),
    "rep": make_id("organization", "REPUBLICAN"),
    "post": make_id("post", "STATE SENATE", 1),
    "governor": make_id("post", "GOVERNOR"),
    "rowen": make_id("person", "ROWEN, ROBERT J."),
    "gaines": make_id("person", "GAINES, TED"),
    "davis": make_id("person", "DAVIS, GRAY"),
    "davis_term": make_id("membership", "DAVIS, GRAY", "GOVERNOR", "1999-01-04"),
    "senate_contest": make_id("candidate_contest", "2016 GENERAL", "STATE SENATE 01"),
    "rowen_candidacy": make_id("candidacy", "2016 GENERAL", "STATE SENATE 01", "ROWEN, ROBERT J."),
    "gaines_candidacy": make_id("candidacy", "2016 GENERAL", "STATE SENATE 01", "GAINES, TED"),
    "prop": make_id("ballot_measure_contest", "2016 GENERAL", "1376195"),
    "recall": make_id("retention_contest", "2016 GENERAL", "RECALL DAVIS"),
    "party_contest": make_id("party_contest", "2016 GENERAL", "PARTY LIST"),
    "committee": make_id("committee", "1381234"),
    "filing": make_id("filing", "2001234"),
    "filing_action": make_id("filing_action", "2001234", 0),
    "transaction": make_id("transaction", "2001234", 0, "RCPT", "A1"),
}


def insert(con: duckdb.DuckDBPyConnection, table: str, **values: Any) -> None:
    """Insert one row, naming its columns; the rest take their defaults."""
    columns = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    con.execute(f"INSERT INTO ocd.{table} ({columns}) VALUES ({marks})", list(values.values()))


def build(con: duckdb.DuckDBPyConnection) -> None:
    create_tables(con)
    i = IDS
    insert(con, "division", id="ocd-division/country:us", name="United States", country="us")
    insert(con, "division", id=STATE, name="California", country="us")
    insert(con, "division", id=SENATE_DISTRICT, name="California State Senate district 1", country="us")
    insert(
        con,
        "jurisdiction",
        id="ocd-jurisdiction/country:us/state:ca/government",
        name="California",
        classification="government",
        division_id=STATE,
    )
    insert(con, "organization", id=i["sos"], name="California Secretary of State", classification="agency")
    insert(
        con,
        "organization",
        id=i["legislature"],
        name="California State Legislature",
        classification="legislature",
    )
    insert(
        con,
        "organization",
        id=i["senate"],
        name="California State Senate",
        classification="upper",
        parent_id=i["legislature"],
    )
    insert(con, "organization", id=i["executive"], name="Governor of California", classification="executive")
    insert(con, "organization", id=i["dem"], name="Democratic Party", classification="party")
    insert(con, "organization", id=i["rep"], name="Republican Party", classification="party")
    insert(
        con,
        "organization_identifier",
        organization_id=i["dem"],
        scheme="calaccess_party_code",
        identifier="16002",
    )
    insert(
        con,
        "post",
        id=i["post"],
        label="State Senate District 1",
        role="Senator",
        organization_id=i["senate"],
        division_id=SENATE_DISTRICT,
    )
    insert(
        con,
        "post",
        id=i["governor"],
        label="Governor",
        role="Governor",
        organization_id=i["executive"],
        division_id=STATE,
    )
    insert(con, "person", id=i["rowen"], name="Robert J. Rowen", sort_name="ROWEN, ROBERT J.")
    insert(con, "person", id=i["gaines"], name="Ted Gaines", sort_name="GAINES, TED")
    insert(con, "person", id=i["davis"], name="Gray Davis", sort_name="DAVIS, GRAY")
    insert(con, "person_identifier", person_id=i["rowen"], scheme="calaccess_filer_id", identifier="1382408")
    insert(con, "person_other_name", person_id=i["rowen"], name="ROWEN, ROBERT J.")
    insert(
        con,
        "membership",
        id=i["davis_term"],
        organization_id=i["executive"],
        person_id=i["davis"],
        post_id=i["governor"],
        start_date="1999-01-04",
    )
    insert(
        con,
        "election",
        id=i["election"],
        name="2016 GENERAL",
        date="2016-11-08",
        division_id=STATE,
        administrative_organization_id=i["sos"],
        extras='{"calaccess_election_type": ["GENERAL"]}',
    )
    insert(
        con, "election_identifier", election_id=i["election"], scheme="calaccess_election_id", identifier="65"
    )
    insert(
        con,
        "election_source",
        election_id=i["election"],
        url="https://cal-access.sos.ca.gov/Campaign/Candidates/list.aspx?view=certified&electNav=65",
    )
    insert(
        con,
        "candidate_contest",
        id=i["senate_contest"],
        name="STATE SENATE 01",
        division_id=SENATE_DISTRICT,
        election_id=i["election"],
    )
    insert(con, "candidate_contest_post", contest_id=i["senate_contest"], post_id=i["post"], sort_order=0)
    insert(
        con,
        "candidacy",
        id=i["rowen_candidacy"],
        person_id=i["rowen"],
        post_id=i["post"],
        contest_id=i["senate_contest"],
        candidate_name="ROWEN, ROBERT J.",
        filed_date="2016-03-10",
        is_incumbent=False,
        registration_status="qualified",
        party_id=i["dem"],
    )
    insert(
        con,
        "candidacy",
        id=i["gaines_candidacy"],
        person_id=i["gaines"],
        post_id=i["post"],
        contest_id=i["senate_contest"],
        candidate_name="GAINES, TED",
        is_incumbent=True,
        registration_status="qualified",
        party_id=i["rep"],
    )
    insert(
        con,
        "ballot_measure_contest",
        id=i["prop"],
        name="PROPOSITION 060- ADULT FILMS. CONDOMS. HEALTH REQUIREMENTS. INITIATIVE STATUTE.",
        division_id=STATE,
        election_id=i["election"],
        description="Requires adult film performers to use condoms during filming.",
        requirement="50% plus one vote",
        classification="initiative statute",
    )
    insert(
        con,
        "ballot_measure_contest_identifier",
        contest_id=i["prop"],
        scheme="calaccess_measure_id",
        identifier="1376195",
    )
    insert(con, "ballot_measure_contest_option", contest_id=i["prop"], text="yes")
    insert(con, "ballot_measure_contest_option", contest_id=i["prop"], text="no")
    insert(
        con,
        "retention_contest",
        id=i["recall"],
        name="RECALL QUESTION",
        division_id=STATE,
        election_id=i["election"],
        description="SHALL GRAY DAVIS BE RECALLED (REMOVED) FROM THE OFFICE OF GOVERNOR?",
        requirement="50% plus one vote",
        classification="recall",
        membership_id=i["davis_term"],
    )
    insert(con, "retention_contest_option", contest_id=i["recall"], text="yes")
    insert(con, "retention_contest_option", contest_id=i["recall"], text="no")
    insert(
        con,
        "party_contest",
        id=i["party_contest"],
        name="PARTY LIST",
        division_id=STATE,
        election_id=i["election"],
    )
    insert(con, "party_contest_party", contest_id=i["party_contest"], party_id=i["dem"], is_incumbent=True)
    insert(con, "party_contest_party", contest_id=i["party_contest"], party_id=i["rep"], is_incumbent=False)
    insert(con, "committee", id=i["committee"], name="YES ON 60", committee_type="recipient committee")
    insert(
        con,
        "committee_ballot_measure_option_supported",
        committee_id=i["committee"],
        ballot_measure_contest_id=i["prop"],
        option="yes",
    )
    insert(
        con,
        "committee_candidacy_designation",
        committee_id=i["committee"],
        candidacy_id=i["rowen_candidacy"],
        designation="supports",
    )
    insert(
        con,
        "committee_status",
        committee_id=i["committee"],
        classification=["active"],
        start_date="2016-01-01",
    )
    insert(
        con,
        "filing",
        id=i["filing"],
        classification="F460",
        filer_id=i["committee"],
        coverage_start_date="2016-07-01",
        coverage_end_date="2016-09-24",
        recipient_id=i["sos"],
    )
    insert(con, "filing_election", filing_id=i["filing"], election_id=i["election"])
    insert(
        con,
        "filing_action",
        id=i["filing_action"],
        filing_id=i["filing"],
        date="2016-09-29",
        description="original",
        is_current=True,
    )
    insert(
        con,
        "filing_action_summary_amount",
        filing_action_id=i["filing_action"],
        label="total contributions",
        value=150,
        currency="USD",
    )
    insert(
        con,
        "transaction",
        id=i["transaction"],
        filing_action_id=i["filing_action"],
        identifier="A1",
        classification="contribution",
        amount_value="100.50",
        amount_currency="USD",
        sender_entity_type="person",
        sender_name="DOE, JANE",
        recipient_entity_type="committee",
        recipient_committee_id=i["committee"],
        date="2016-08-01",
    )


@pytest.fixture
def ocd_con() -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh in-memory database holding the small complete OCD dataset; tests may break it."""
    con = duckdb.connect()
    build(con)
    yield con
    con.close()
