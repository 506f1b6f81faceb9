"""`calaccess validate` on the finance types: one current action per filing, amounts present, a
transaction's parties set; on small hand-made databases (the transactions come from another step)."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from calaccess import db
from calaccess.ocd import create_tables, make_id
from calaccess.ocd.validate import validate_database

COMMITTEE = make_id("committee", "1")
FILING = make_id("filing", "1")


@pytest.fixture
def ocd() -> Iterator[duckdb.DuckDBPyConnection]:
    """A valid little world: a committee, its filing and the filing's one current action."""
    with duckdb.connect() as con:
        db.ensure_schemas(con)
        create_tables(con)
        con.execute("INSERT INTO ocd.committee (id, name) VALUES (?, 'C')", [COMMITTEE])
        con.execute(
            "INSERT INTO ocd.filing (id, classification, filer_id) VALUES (?, 'F460', ?)", [FILING, COMMITTEE]
        )
        action(con, 0, current=True)
        yield con


def action(con: duckdb.DuckDBPyConnection, amend_id: int, *, current: bool, filing: str = FILING) -> str:
    action_id = make_id("filing_action", "1", str(amend_id))
    con.execute(
        "INSERT INTO ocd.filing_action (id, filing_id, date, supersedes_prior_versions, is_current) "
        "VALUES (?, ?, DATE '2016-01-01', false, ?)",
        [action_id, filing, current],
    )
    return action_id


def transaction(con: duckdb.DuckDBPyConnection, number: int, **values: object) -> str:
    row: dict[str, object] = {
        "id": make_id("transaction", str(number)),
        "filing_action_id": make_id("filing_action", "1", "0"),
        "classification": "contribution",
        "amount_value": 10,
        "amount_currency": "USD",
        "amount_is_in_kind": False,
        "sender_entity_type": "person",
        "sender_name": "DOE, JANE",
        "recipient_entity_type": "committee",
        "recipient_committee_id": COMMITTEE,
    }
    row.update(values)
    con.execute(
        f"INSERT INTO ocd.transaction ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    return str(row["id"])


def problems(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str | None, str]]:
    return {(f.type, f.id, f.field) for f in validate_database(con)}


def test_the_valid_little_world_has_no_findings(ocd: duckdb.DuckDBPyConnection) -> None:
    transaction(ocd, 1)
    assert validate_database(ocd) == []


def test_a_filing_with_two_current_actions_or_none_is_a_finding(ocd: duckdb.DuckDBPyConnection) -> None:
    action(ocd, 1, current=True)
    other = make_id("filing", "2")
    ocd.execute(
        "INSERT INTO ocd.filing (id, classification, filer_id) VALUES (?, 'F497', ?)", [other, COMMITTEE]
    )
    assert problems(ocd) == {("Filing", FILING, "actions"), ("Filing", other, "actions")}


def test_a_transaction_or_summary_amount_without_an_amount_is_a_finding(
    ocd: duckdb.DuckDBPyConnection,
) -> None:
    no_amount = transaction(ocd, 2, amount_value=None)
    ocd.execute(
        "INSERT INTO ocd.filing_action_summary_amount "
        "VALUES (?, 'Line 1: monetary contributions (this period)', NULL, 'USD')",
        [make_id("filing_action", "1", "0")],
    )
    found = problems(ocd)
    assert ("Transaction", no_amount, "amount_value") in found
    assert ("FilingAction", make_id("filing_action", "1", "0"), "summary_amounts.value") in found


def test_a_transaction_must_say_who_gave_and_who_received(ocd: duckdb.DuckDBPyConnection) -> None:
    nobody_gave = transaction(ocd, 3, sender_name="  ")
    nobody_received = transaction(ocd, 4, recipient_committee_id=None, recipient_entity_type=None)
    named_only = transaction(
        ocd, 5, recipient_committee_id=None, recipient_entity_type=None, recipient_name="X"
    )
    found = problems(ocd)
    assert ("Transaction", nobody_gave, "sender") in found
    assert ("Transaction", nobody_received, "recipient") in found
    assert not {f for f in found if f[1] == named_only}
