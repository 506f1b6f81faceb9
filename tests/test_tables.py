"""The table vocabulary: names quoted by DuckDB's own keywords, DDL that makes the declared table, bulk
inserts, the data dictionary and a valid Frictionless Table Schema for every table of every schema."""

from __future__ import annotations

from typing import Any

import duckdb
import frictionless
import pytest

from calaccess import meta
from calaccess.ocd.ddl import tables as ocd_tables
from calaccess.raw.tables import TABLES as RAW_TABLES
from calaccess.scrape.tables import TABLES as SCRAPED_TABLES
from calaccess.tables import (
    Column,
    ForeignKey,
    Table,
    frictionless_type,
    insert,
    insert_rows,
    keywords,
    markdown_table,
    quote_identifier,
    replace_table,
    table_schema,
)

EVERY_TABLE: list[Table] = [*RAW_TABLES.values(), *SCRAPED_TABLES, *ocd_tables(), *meta.TABLES]

#: A small table with all the vocabulary can say: a required column, a default, a list, an enforced key.
EXAMPLE = Table(
    "staging",
    "example",
    "An example: one row per thing.",
    (
        Column("id", "BIGINT", "The thing's number.", nullable=False),
        Column("label", "VARCHAR", "Its label | a keyword as a name."),
        Column("count", "INTEGER", "How many.", nullable=False, default="0"),
        Column("tags", "VARCHAR[]", "Its tags."),
        Column("seen_on", "DATE", "When it was seen."),
    ),
    key=("id",),
    enforce_key=True,
)


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect()
    connection.execute("CREATE SCHEMA staging")
    return connection


def _columns(con: duckdb.DuckDBPyConnection, table: Table) -> list[tuple[Any, ...]]:
    return con.execute(
        "SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns "
        "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [table.schema, table.name],
    ).fetchall()


# --- Names ---------------------------------------------------------------------------------------------


def test_every_duckdb_keyword_is_quoted_and_serves_as_a_column_name(con: duckdb.DuckDBPyConnection) -> None:
    asked = {row[0] for row in con.execute("SELECT keyword_name FROM duckdb_keywords()").fetchall()}
    assert keywords() == frozenset(asked)
    assert {"label", "type", "year", "order", "position"} <= keywords()  # unreserved, reserved, column name
    named = Table(
        "staging",
        "keywords",
        "Every keyword.",
        tuple(Column(name, "INTEGER", name) for name in sorted(asked)),
    )
    con.execute(named.create_sql())
    assert [row[0] for row in _columns(con, named)] == sorted(asked)
    for name in asked:
        assert quote_identifier(name) == f'"{name}"'


def test_a_plain_name_stays_bare_and_any_other_is_quoted() -> None:
    assert [quote_identifier(name) for name in ("filing_id", "path", "status", "_x1")] == [
        "filing_id",
        "path",
        "status",
        "_x1",
    ]
    assert [quote_identifier(name) for name in ("Mixed", "9lives", "a b", 'say "hi"')] == [
        '"Mixed"',
        '"9lives"',
        '"a b"',
        '"say ""hi"""',
    ]


# --- DDL -----------------------------------------------------------------------------------------------


def test_the_ddl_makes_the_declared_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(EXAMPLE.create_sql())
    assert _columns(con, EXAMPLE) == [
        ("id", "BIGINT", "NO", None),
        ("label", "VARCHAR", "YES", None),
        ("count", "INTEGER", "NO", "0"),
        ("tags", "VARCHAR[]", "YES", None),
        ("seen_on", "DATE", "YES", None),
    ]
    con.execute("INSERT INTO staging.example (id) VALUES (1)")
    assert con.execute('SELECT "count" FROM staging.example').fetchall() == [(0,)]
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO staging.example (id) VALUES (1)")
    with pytest.raises(duckdb.ConstraintException):
        con.execute("INSERT INTO staging.example (id, label) VALUES (NULL, 'x')")


def test_create_if_not_exists_keeps_rows_and_replace_empties_them(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(EXAMPLE.create_sql())
    con.execute("INSERT INTO staging.example (id) VALUES (1)")
    con.execute(EXAMPLE.create_sql(if_not_exists=True))
    assert con.execute("SELECT count(*) FROM staging.example").fetchone() == (1,)
    con.execute(EXAMPLE.create_sql(replace=True))
    assert con.execute("SELECT count(*) FROM staging.example").fetchone() == (0,)


def test_the_same_table_can_be_made_in_another_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE SCHEMA other")
    con.execute(EXAMPLE.create_sql("other"))
    assert con.execute("SELECT count(*) FROM other.example").fetchone() == (0,)


def test_a_database_made_before_a_column_gains_it_with_its_default(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE staging.example (id BIGINT NOT NULL, label VARCHAR)")
    con.execute("INSERT INTO staging.example VALUES (1, 'old')")
    con.execute(EXAMPLE.add_column_sql("count"))
    con.execute(EXAMPLE.add_column_sql("count"))  # a second time changes nothing
    assert con.execute('SELECT id, label, "count" FROM staging.example').fetchall() == [(1, "old", 0)]


def test_a_key_must_name_declared_columns() -> None:
    with pytest.raises(ValueError, match="its key or a reference names no column 'nope'"):
        Table("staging", "broken", "Broken.", (Column("id", "BIGINT", "Id."),), key=("nope",))
    with pytest.raises(ValueError, match="a column is declared twice"):
        Table("staging", "twice", "Twice.", (Column("id", "BIGINT", "Id."), Column("id", "BIGINT", "Id.")))


# --- Bulk inserts --------------------------------------------------------------------------------------


def test_insert_takes_a_list_per_column_in_any_order_and_values_the_same_in_every_row(
    con: duckdb.DuckDBPyConnection,
) -> None:
    con.execute(EXAMPLE.create_sql())
    insert(
        con,
        EXAMPLE,
        {"tags": [["a", "b"], None, []], "id": [1, 2, 3]},
        same={"label": "batch"},
    )
    assert con.execute("SELECT * FROM staging.example ORDER BY id").fetchall() == [
        (1, "batch", 0, ["a", "b"], None),
        (2, "batch", 0, None, None),
        (3, "batch", 0, [], None),
    ]


def test_insert_rows_takes_rows_of_the_other_columns_in_order(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(EXAMPLE.create_sql())
    rows = [(n, f"thing {n}", ["x"], None) for n in range(5_000)]
    insert_rows(con, EXAMPLE, rows, same={"count": 7})
    assert con.execute('SELECT count(*), sum("count"), max(label) FROM staging.example').fetchone() == (
        5_000,
        35_000,
        "thing 999",
    )


def test_inserts_refuse_rows_that_do_not_fit(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(EXAMPLE.create_sql())
    with pytest.raises(ValueError, match="column lists differ in length"):
        insert(con, EXAMPLE, {"id": [1, 2], "label": ["one"]})
    with pytest.raises(KeyError, match="no column 'colour'"):
        insert(con, EXAMPLE, {"id": [1]}, same={"colour": "red"})
    with pytest.raises(ValueError, match=r"\['id'\] given both ways"):
        insert(con, EXAMPLE, {"id": [1]}, same={"id": 2})
    with pytest.raises(ValueError, match="a row of 2 values for the 5 columns"):
        insert_rows(con, EXAMPLE, [(1, "one")])
    assert con.execute("SELECT count(*) FROM staging.example").fetchone() == (0,)


def test_no_rows_insert_nothing(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(EXAMPLE.create_sql())
    insert_rows(con, EXAMPLE, [], same={"label": "none"})
    insert(con, EXAMPLE, {"id": []})
    assert con.execute("SELECT count(*) FROM staging.example").fetchone() == (0,)


def test_replace_table_drops_the_old_rows_and_writes_the_new(con: duckdb.DuckDBPyConnection) -> None:
    replace_table(con, EXAMPLE, [(1, "a", 1, None, None)])
    replace_table(con, EXAMPLE, [(2, "b", 2, None, None), (3, "c", 3, None, None)])
    assert con.execute("SELECT id FROM staging.example ORDER BY id").fetchall() == [(2,), (3,)]


# --- Documentation --------------------------------------------------------------------------------------


def test_markdown_tables_escape_a_pipe_in_a_cell() -> None:
    assert markdown_table(("column", "description"), [("`label`", "one | two")]) == [
        "| column | description |",
        "| --- | --- |",
        "| `label` | one \\| two |",
    ]


def test_every_table_of_every_schema_has_a_valid_frictionless_schema() -> None:
    assert len(EVERY_TABLE) > 80 + 7 + 30
    for table in EVERY_TABLE:
        schema = table_schema(table)
        report = frictionless.Schema.validate_descriptor(schema)
        assert report.valid, (table.qualified_name, [error.message for error in report.errors])
        assert [field["name"] for field in schema["fields"]] == list(table.column_names)
        assert all(field["description"] for field in schema["fields"]), table.qualified_name
        assert schema.get("primaryKey", []) == list(table.key)


def test_the_schema_types_keys_and_references_are_the_declared_ones() -> None:
    schema = table_schema(meta.ROW_ACCOUNTING)
    types = {field["name"]: field["type"] for field in schema["fields"]}
    assert (types["stage"], types["rows_in"], types["note"]) == ("string", "integer", "string")
    assert schema["primaryKey"] == ["stage", "subject"]
    assert schema["foreignKeys"] == [
        {"fields": "run_id", "reference": {"resource": "run", "fields": "run_id"}}
    ]
    assert next(f for f in schema["fields"] if f["name"] == "rows_in")["constraints"] == {"required": True}
    assert "constraints" not in next(f for f in schema["fields"] if f["name"] == "note")
    two = Table(
        "staging",
        "two",
        "Two.",
        (Column("a", "INTEGER", "A."), Column("b", "INTEGER", "B.")),
        foreign_keys=(ForeignKey(("a", "b"), "other", ("x", "y")),),
    )
    assert table_schema(two)["foreignKeys"] == [
        {"fields": ["a", "b"], "reference": {"resource": "other", "fields": ["x", "y"]}}
    ]
    assert [frictionless_type(t) for t in ("DECIMAL(16,2)", "TIMESTAMPTZ", "VARCHAR[]", "JSON", "DATE")] == [
        "number",
        "datetime",
        "array",
        "object",
        "date",
    ]
    with pytest.raises(ValueError, match="no Frictionless type for the DuckDB type BLOB"):
        frictionless_type("BLOB")


def test_every_reference_points_at_a_key_of_a_table_in_the_same_schema() -> None:
    by_name = {(table.schema, table.name): table for table in EVERY_TABLE}
    for table in EVERY_TABLE:
        for key in table.foreign_keys:
            target = by_name[(table.schema, key.table)]
            assert all(name in target.column_names for name in key.references), (table.name, key)
            assert tuple(key.references) == target.key, (table.name, key)


def test_a_frictionless_schema_that_breaks_the_standard_is_refused() -> None:
    """The check above can fail: Frictionless refuses a type it does not know."""
    schema = table_schema(EXAMPLE)
    schema["fields"][0]["type"] = "bigint"
    assert not frictionless.Schema.validate_descriptor(schema).valid


def test_the_ocd_schemas_with_the_standard_s_constraints_are_valid_too() -> None:
    from calaccess.ocd.dictionary import table_schema as ocd_table_schema

    for table in ocd_tables():
        report = frictionless.Schema.validate_descriptor(ocd_table_schema(table.name))
        assert report.valid, (table.name, [error.message for error in report.errors])
