"""Validation: of one record in Python (refuse it, naming type, field and value), of a database in SQL.

Both read the rules from the type definitions. The database check is one SQL query generated from them, a
UNION ALL of one small SELECT per rule and column, each returning the rows that break it as findings
(type, id, field, problem); it never loops over rows in Python, so it runs at DuckDB's speed on millions of
rows. The SQL is generated rather than kept in .sql files because it IS the definitions, restated per column.

Rules: ids unique and well formed; required fields present (text not blank); enum values from their list;
dates in their format; integers at or above their minimum (number_elected >= 1); references well formed and
resolving to a record of a type they may point to (a runoff therefore to a contest of its own kind, and not to
itself), and of the one kind another field names where one does (a filing's filer_id, of its filer_type);
child rows attached to an existing parent; repeated fields with their minimum count (two options per ballot
measure, one post per candidate contest, one party per party contest); a contest's division inside its
election's division (equal, or a path below it); a candidacy's post among its contest's posts; extras a JSON
object; a committee supporting an option its ballot measure offers; exactly one current action per filing (a
filing with none breaks it); a transaction's sender and recipient each named or identified, and their ids
agreeing with their entity_type. Amounts (a transaction's, a summary amount's) and their currencies are
required fields, checked as such.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

import duckdb

from calaccess.ocd.ddl import Table, checked_schema, tables
from calaccess.ocd.errors import OcdTablesMissing, OcdValidationError
from calaccess.ocd.ids import id_pattern
from calaccess.ocd.spec import Child, Field, Kind, OcdType
from calaccess.ocd.types import BY_TABLE, CANDIDACY, COMMITTEE, CONTEST_TYPES, FILING, TRANSACTION, get_type

FUZZY_DATE_PATTERN = r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


@dataclass(frozen=True)
class Finding:
    """One broken rule on one record: which type and record, which field, and what is wrong."""

    type: str
    id: str | None
    field: str
    problem: str


# ----------------------------------------------------------------------------------------------------------
# one record, in Python


def _check_value(ocd_type: OcdType, field: Field, value: Any, check_ids: bool = True) -> Any:
    """The value converted to its Python type, or an OcdValidationError naming type, field and value."""
    if value is None or (field.required and isinstance(value, str) and not value.strip()):
        if not field.required:
            return None
        if field.default is None:
            raise OcdValidationError(ocd_type.name, field.name, value, "required")
        return _check_value(ocd_type, field, field.default, check_ids)  # the standard's default
    return _KIND_CHECKS[field.kind](_Checking(ocd_type, field, check_ids), value)


@dataclass(frozen=True)
class _Checking:
    """The field a kind's check is given: its rules, and a refusal naming its type and name."""

    ocd_type: OcdType
    field: Field
    check_ids: bool

    def refuse(self, value: Any, problem: str) -> OcdValidationError:
        return OcdValidationError(self.ocd_type.name, self.field.name, value, problem)


def _text(at: _Checking, value: Any) -> str:
    """Text; for an enum, one of its values."""
    if not isinstance(value, str):
        raise at.refuse(value, "expected text")
    if at.field.kind is Kind.ENUM and value not in at.field.values:
        raise at.refuse(value, f"expected one of {', '.join(at.field.values)}")
    return value


def _ocd_id(at: _Checking, value: Any) -> str:
    """The record's own id, or a reference: lower case, in the id format of a type it may name."""
    if not isinstance(value, str):
        raise at.refuse(value, "expected an OCD id")
    if not at.check_ids:
        return value
    targets = (at.ocd_type.table,) if at.field.kind is Kind.ID else at.field.refs
    patterns = [id_pattern(t) for t in targets]
    if value != value.lower() or not any(re.fullmatch(p, value) for p in patterns):
        names = " or ".join(get_type(t).name for t in targets)
        raise at.refuse(value, f"not the id of a {names}")
    return value


def _date(at: _Checking, value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise at.refuse(value, "expected a date without a time")
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise at.refuse(value, "expected a date, YYYY-MM-DD") from None


def _fuzzy_date(at: _Checking, value: Any) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if not re.fullmatch(FUZZY_DATE_PATTERN, text):
        raise at.refuse(value, "expected YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _datetime(at: _Checking, value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        parsed = value
    else:
        try:
            parsed = dt.datetime.fromisoformat(str(value))
        except ValueError:
            raise at.refuse(value, "expected a date and time, ISO 8601") from None
    if parsed.tzinfo is None:
        raise at.refuse(value, "expected a time zone (Z or an offset)")
    return parsed


def _integer(at: _Checking, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise at.refuse(value, "expected a whole number")
    if at.field.minimum is not None and value < at.field.minimum:
        raise at.refuse(value, f"must be at least {at.field.minimum}")
    return value


def _boolean(at: _Checking, value: Any) -> bool:
    if not isinstance(value, bool):
        raise at.refuse(value, "expected true or false")
    return value


def _decimal(at: _Checking, value: Any) -> Decimal:
    if isinstance(value, bool):
        raise at.refuse(value, "expected a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise at.refuse(value, "expected a number") from None
    if not number.is_finite():
        raise at.refuse(value, "expected a finite number")
    return number


def _text_list(at: _Checking, value: Any) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise at.refuse(value, "expected a list of text")
    return list(value)


def _json_object(at: _Checking, value: Any) -> dict[str, Any]:
    """A key-value store, or JSON text of one (refused naming the value it parses to)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise at.refuse(value, "expected a JSON object") from None
    if not isinstance(value, dict):
        raise at.refuse(value, "expected an object (key-value store)")
    return value


_KIND_CHECKS: dict[Kind, Callable[[_Checking, Any], Any]] = {
    Kind.TEXT: _text,
    Kind.ENUM: _text,
    Kind.ID: _ocd_id,
    Kind.REF: _ocd_id,
    Kind.DATE: _date,
    Kind.FUZZY_DATE: _fuzzy_date,
    Kind.DATETIME: _datetime,
    Kind.INTEGER: _integer,
    Kind.BOOLEAN: _boolean,
    Kind.DECIMAL: _decimal,
    Kind.TEXT_LIST: _text_list,
    Kind.JSON: _json_object,
}


def _check_child(ocd_type: OcdType, child: Child, items: Any, check_ids: bool) -> list[Any]:
    if items is None:
        items = []
    if not isinstance(items, list | tuple):
        raise OcdValidationError(ocd_type.name, child.name, items, "expected a list")
    if len(items) < child.min_count:
        raise OcdValidationError(ocd_type.name, child.name, items, f"needs at least {child.min_count}")
    checked: list[Any] = []
    for item in items:
        if child.scalar is not None:
            field = next(f for f in child.fields if f.name == child.scalar)
            checked.append(_check_value(ocd_type, _renamed(field, child), item, check_ids))
            continue
        if not isinstance(item, Mapping):
            raise OcdValidationError(ocd_type.name, child.name, item, "expected an object")
        unknown = set(item) - {f.name for f in child.fields}
        if unknown:
            raise OcdValidationError(ocd_type.name, child.name, item, f"unknown keys {sorted(unknown)}")
        checked.append(
            {
                f.name: _check_value(ocd_type, _renamed(f, child), item.get(f.name), check_ids)
                for f in child.fields
            }
        )
    return checked


def _renamed(field: Field, child: Child) -> Field:
    """The child's field, named `child.field` in messages."""
    return replace(field, name=f"{child.name}.{field.name}")


def validate_record(type_name: str, record: Mapping[str, Any], *, check_ids: bool = True) -> dict[str, Any]:
    """Check one record (fields by column name, repeated fields as lists) and return it with Python values.

    Raises OcdValidationError on the first problem, naming the type, the field and the value. Rules that need
    other records (references resolving, divisions nesting) are the database check's. `check_ids=False`
    converts values but leaves ids unchecked: for reading documents written under other id conventions.
    """
    ocd_type = get_type(type_name)
    known = {f.name for f in ocd_type.fields} | {c.name for c in ocd_type.children}
    unknown = sorted(set(record) - known)
    if unknown:
        raise OcdValidationError(ocd_type.name, unknown[0], record[unknown[0]], "not a field of this type")
    checked: dict[str, Any] = {}
    for field in ocd_type.fields:
        checked[field.name] = _check_value(ocd_type, field, record.get(field.name), check_ids)
    for child in ocd_type.children:
        checked[child.name] = _check_child(ocd_type, child, record.get(child.name), check_ids)
    for field in ocd_type.fields:
        kind = checked.get(field.kind_field) if field.kind_field else None
        value = checked.get(field.name)
        if check_ids and kind is not None and value is not None and not re.fullmatch(id_pattern(kind), value):
            raise OcdValidationError(
                ocd_type.name,
                field.name,
                value,
                f"not the id of a {get_type(kind).name}, as {field.kind_field} says",
            )
    runoff = checked.get("runoff_for_contest_id")
    if runoff is not None and runoff == checked["id"]:
        raise OcdValidationError(
            ocd_type.name, "runoff_for_contest_id", runoff, "a contest cannot decide itself"
        )
    return checked


# ----------------------------------------------------------------------------------------------------------
# a whole database, in SQL


class _Query:
    """Accumulates the rule SELECTs and their parameters, so values never enter the SQL text."""

    def __init__(self, schema: str) -> None:
        self.schema = schema
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def t(self, table: str) -> str:
        return f"{self.schema}.{table}"


@dataclass(frozen=True)
class _RowCheck:
    """A rule one row can break on its own: `condition` true means broken; `problem` says how (SQL text)."""

    condition: str
    condition_params: tuple[Any, ...]
    label: str
    problem: str
    problem_params: tuple[Any, ...] = ()


def _format_condition(column: str, targets: Sequence[str]) -> tuple[str, tuple[Any, ...]]:
    """SQL true when `column` is not a well-formed id of any of the target types."""
    checks = " OR ".join(f"regexp_full_match({column}, ?)" for _ in targets)
    patterns = tuple(id_pattern(t, sql=True) for t in targets)
    return f"{column} IS NOT NULL AND NOT (({checks}) AND {column} = lower({column}))", patterns


def _row_checks(ocd_type: OcdType, field: Field, label: str) -> list[_RowCheck]:
    """The rules on one column that need only its row: present, in its list, in its format."""
    col = field.name
    found = []
    if field.required:
        blank = f" OR trim({col}) = ''" if field.sql_type == "VARCHAR" else ""
        found.append(_RowCheck(f"{col} IS NULL{blank}", (), label, "'required'"))
    if field.kind is Kind.ENUM:
        found.append(
            _RowCheck(
                f"{col} IS NOT NULL AND NOT list_contains(?::VARCHAR[], {col})",
                (list(field.values),),
                label,
                f"'not one of ' || ?::VARCHAR || ': ' || {col}",
                (", ".join(field.values),),
            )
        )
    if field.kind is Kind.FUZZY_DATE:
        found.append(
            _RowCheck(
                f"{col} IS NOT NULL AND NOT regexp_full_match({col}, ?)",
                (FUZZY_DATE_PATTERN,),
                label,
                f"'not YYYY, YYYY-MM or YYYY-MM-DD: ' || {col}",
            )
        )
    if field.kind is Kind.INTEGER and field.minimum is not None:
        found.append(
            _RowCheck(
                f"{col} < ?",
                (field.minimum,),
                label,
                f"'must be at least ' || ?::VARCHAR || ': ' || {col}",
                (field.minimum,),
            )
        )
    if field.kind is Kind.JSON:
        found.append(
            _RowCheck(f"{col} IS NOT NULL AND json_type({col}) <> 'OBJECT'", (), label, "'not a JSON object'")
        )
    if field.kind in (Kind.ID, Kind.REF):
        targets = (ocd_type.table,) if field.kind is Kind.ID else field.refs
        names = " or ".join(BY_TABLE[t].name for t in targets)
        condition, patterns = _format_condition(col, targets)
        found.append(
            _RowCheck(condition, patterns, label, f"?::VARCHAR || {col}", (f"not the id of a {names}: ",))
        )
    return found


def _row_rules(q: _Query, table: Table, key: str, checks: list[_RowCheck]) -> None:
    """One scan of the table for all its row rules: each row yields a struct per rule it breaks."""
    if not checks:
        return
    cases = []
    params: list[Any] = [table.ocd_type.name]
    for check in checks:
        cases.append(
            f"CASE WHEN {check.condition} THEN {{'field': ?::VARCHAR, 'problem': {check.problem}}} END"
        )
        params.extend((*check.condition_params, check.label, *check.problem_params))
    broken = "list_filter([" + ", ".join(cases) + "], lambda rule: rule IS NOT NULL)"
    q.add(
        f"SELECT ?, key, broken.field, broken.problem FROM "
        f"(SELECT {key} AS key, unnest({broken}) AS broken FROM {q.t(table.name)})",
        *params,
    )


def _reference_rules(q: _Query, table: Table, key: str, field: Field, label: str) -> None:
    """A reference must name a record that exists, in one of the tables it may point into."""
    ids = " UNION ALL ".join(f"SELECT id FROM {q.t(t)}" for t in field.refs)
    names = " or ".join(BY_TABLE[t].name for t in field.refs)
    col = field.name
    q.add(
        f"SELECT ?, {key}, ?, ? || {col} FROM {q.t(table.name)} AS row WHERE {col} IS NOT NULL "
        f"AND NOT EXISTS (SELECT 1 FROM ({ids}) AS target WHERE target.id = row.{col})",
        table.ocd_type.name,
        label,
        f"no {names} has this id: ",
    )


def _rules(schema: str) -> _Query:
    """Every rule: each table's own, then those across tables."""
    q = _Query(schema)
    for table in tables():
        _table_rules(q, table)
    _contest_rules(q)
    _candidacy_post_rule(q)
    _supported_option_rule(q)
    _current_action_rule(q)
    _party_rules(q)
    _entity_type_rules(q)
    return q


def _kind_field_rule(q: _Query, table: Table, key: str, field: Field, label: str) -> None:
    """A reference to one of several types, whose kind another field names, resolves in that kind's table
    (a filing's filer_id in the table its filer_type names)."""
    kind, col = field.kind_field, field.name
    ids = " UNION ALL ".join(f"SELECT ? AS kind, id FROM {q.t(t)}" for t in field.refs)
    q.add(
        f"SELECT ?, {key}, ?, 'no ' || coalesce(row.{kind}, 'empty') || ' has this id, as {kind} says: ' "
        f"|| row.{col} FROM {q.t(table.name)} AS row WHERE row.{col} IS NOT NULL AND NOT EXISTS "
        f"(SELECT 1 FROM ({ids}) AS target WHERE target.id = row.{col} AND target.kind = row.{kind})",
        table.ocd_type.name,
        label,
        *field.refs,
    )


def _table_rules(q: _Query, table: Table) -> None:
    """A table's own rules: ids unique (for a child table: rows attached, and enough of them), then each
    column's row rules and references."""
    ocd_type = table.ocd_type
    fields: tuple[Field, ...]
    if table.child is None:
        key, prefix = "id", ""
        _unique_id_rule(q, table)
        fields = ocd_type.fields
    else:
        key, prefix = ocd_type.parent_column, f"{table.child.name}."
        _child_rules(q, table, table.child)
        fields = table.child.fields
    _row_rules(q, table, key, [c for f in fields for c in _row_checks(ocd_type, f, prefix + f.name)])
    for field in fields:
        if field.kind is Kind.REF:
            _reference_rules(q, table, key, field, prefix + field.name)
        if field.kind_field is not None:
            _kind_field_rule(q, table, key, field, prefix + field.name)


def _unique_id_rule(q: _Query, table: Table) -> None:
    q.add(
        f"SELECT ?, id, 'id', 'id used by ' || count(*) || ' records' FROM {q.t(table.name)} "
        "WHERE id IS NOT NULL GROUP BY id HAVING count(*) > 1",
        table.ocd_type.name,
    )


def _child_rules(q: _Query, table: Table, child: Child) -> None:
    """A repeated field's rows belong to a record, and a record has at least the minimum count of them."""
    ocd_type = table.ocd_type
    key = ocd_type.parent_column
    q.add(
        f"SELECT ?, {key}, ?, 'belongs to no ' || ? FROM {q.t(table.name)} AS row "
        f"WHERE {key} IS NULL OR NOT EXISTS "
        f"(SELECT 1 FROM {q.t(ocd_type.table)} AS parent WHERE parent.id = row.{key})",
        ocd_type.name,
        child.name,
        ocd_type.name,
    )
    if child.min_count:
        q.add(
            f"SELECT ?, p.id, ?, 'has ' || count(c.{key}) || ', needs at least ' || ? "
            f"FROM {q.t(ocd_type.table)} AS p LEFT JOIN {q.t(table.name)} AS c ON c.{key} = p.id "
            f"GROUP BY p.id HAVING count(c.{key}) < ?",
            ocd_type.name,
            child.name,
            child.min_count,
            child.min_count,
        )


def _contest_rules(q: _Query) -> None:
    """Every contest kind: its division inside its election's, and not a runoff for itself."""
    for contest in CONTEST_TYPES:
        q.add(
            f"SELECT ?, c.id, 'division_id', c.division_id || ' is not inside its election''s division ' "
            f"|| e.division_id FROM {q.t(contest.table)} AS c "
            f"JOIN {q.t('election')} AS e ON e.id = c.election_id "
            "WHERE c.division_id <> e.division_id AND NOT starts_with(c.division_id, e.division_id || '/')",
            contest.name,
        )
        q.add(
            f"SELECT ?, id, 'runoff_for_contest_id', 'a contest cannot be its own runoff' "
            f"FROM {q.t(contest.table)} WHERE runoff_for_contest_id = id",
            contest.name,
        )


def _candidacy_post_rule(q: _Query) -> None:
    """A candidacy's post is one of its contest's posts."""
    q.add(
        f"SELECT ?, c.id, 'post_id', 'not among its contest''s posts: ' || c.post_id "
        f"FROM {q.t('candidacy')} AS c JOIN {q.t('candidate_contest')} AS k ON k.id = c.contest_id "
        f"WHERE c.post_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {q.t('candidate_contest_post')} AS p "
        "WHERE p.contest_id = c.contest_id AND p.post_id = c.post_id)",
        CANDIDACY.name,
    )


def _supported_option_rule(q: _Query) -> None:
    """A committee supports an option its (existing) ballot measure offers."""
    q.add(
        f"SELECT ?, c.committee_id, 'ballot_measure_options_supported.option', "
        "'not an option of ' || c.ballot_measure_contest_id || ': ' || c.option "
        f"FROM {q.t('committee_ballot_measure_option_supported')} AS c "
        f"WHERE c.option IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ("
        f"SELECT contest_id, text FROM {q.t('ballot_measure_contest_option')} UNION ALL "
        f"SELECT contest_id, text FROM {q.t('retention_contest_option')}) AS o "
        "WHERE o.contest_id = c.ballot_measure_contest_id AND o.text = c.option) "
        f"AND EXISTS (SELECT 1 FROM ({_contest_ids(q)}) AS k WHERE k.id = c.ballot_measure_contest_id)",
        COMMITTEE.name,
    )


def _current_action_rule(q: _Query) -> None:
    """A filing has exactly one current action: not two, and not none (a filing with no action at all
    breaks it too)."""
    q.add(
        "SELECT ?, f.id, 'actions', 'has ' || count(a.id) FILTER (WHERE a.is_current) || ' current actions, "
        f"needs exactly 1' FROM {q.t('filing')} AS f "
        f"LEFT JOIN {q.t('filing_action')} AS a ON a.filing_id = f.id WHERE f.id IS NOT NULL GROUP BY f.id "
        "HAVING count(a.id) FILTER (WHERE a.is_current) <> 1",
        FILING.name,
    )


def _party_rules(q: _Query) -> None:
    """A transaction names who gave and who received: for each side a name or the id of a record."""
    for side, verb in (("sender", "gave"), ("recipient", "received")):
        kinds = TRANSACTION.field(f"{side}_entity_type").values
        ids = " AND ".join(f"{side}_{kind}_id IS NULL" for kind in kinds)
        q.add(
            f"SELECT ?, id, ?, 'neither a name nor an id says who {verb}' "
            f"FROM {q.t('transaction')} WHERE ({side}_name IS NULL OR trim({side}_name) = '') AND {ids}",
            TRANSACTION.name,
            side,
        )


def _entity_type_rules(q: _Query) -> None:
    """A transaction's sender and recipient ids: only the one its entity_type names is set."""
    for side in ("sender", "recipient"):
        entity_type = f"{side}_entity_type"
        for kind in TRANSACTION.field(entity_type).values:
            column = f"{side}_{kind}_id"
            q.add(
                f"SELECT ?, id, ?, 'set while {entity_type} is ' || coalesce({entity_type}, 'empty') "
                f"FROM {q.t('transaction')} WHERE {column} IS NOT NULL AND {entity_type} IS DISTINCT FROM ?",
                TRANSACTION.name,
                column,
                kind,
            )


def _contest_ids(q: _Query) -> str:
    return (
        f"SELECT id FROM {q.t('ballot_measure_contest')} UNION ALL SELECT id FROM {q.t('retention_contest')}"
    )


def validation_sql(schema: str = "ocd") -> tuple[str, list[Any]]:
    """The whole-database check as one query and its parameters (for review, or to run elsewhere)."""
    q = _rules(checked_schema(schema))
    body = "\nUNION ALL\n".join(q.parts)
    return f"SELECT * FROM (\n{body}\n) AS finding(type, id, field, problem) ORDER BY ALL", q.params


def validate_database(con: duckdb.DuckDBPyConnection, schema: str = "ocd") -> list[Finding]:
    """Every broken rule in the OCD tables of `schema`, as findings; an empty list means valid."""
    checked_schema(schema)
    present = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", [schema]
        ).fetchall()
    }
    missing = [t.name for t in tables() if t.name not in present]
    if missing:
        raise OcdTablesMissing(
            f"schema {schema!r} lacks the OCD tables {', '.join(missing[:5])}...: create them first"
        )
    sql, params = validation_sql(schema)
    return [Finding(*row) for row in con.execute(sql, params).fetchall()]


def tally(findings: list[Finding]) -> list[tuple[str, str, int]]:
    """How many findings each (type, field) has, most first: the summary a reader starts from."""
    counts = Counter((f.type, f.field) for f in findings)
    return [(type_name, field, n) for (type_name, field), n in counts.most_common()]


__all__ = ["Finding", "tally", "validate_database", "validate_record", "validation_sql"]
