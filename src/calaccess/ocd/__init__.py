"""Open Civic Data, independent of any jurisdiction: types, ids, validation and interchange formats.

This package knows nothing about California and imports nothing from the rest of `calaccess`, so another
jurisdiction could reuse it.

- `types`: every OCD type, defined once (core, OCDEP 20 elections, the draft campaign-finance types).
- `ddl.create_tables(con, schema="ocd")`: the DuckDB tables derived from those definitions, one per type
  (`ocd.election`, `ocd.candidate_contest`, ...) and one per repeated field (`ocd.candidate_contest_post`,
  `ocd.person_identifier`, `ocd.election_source`, ...), keyed by the parent's `<ref>_id` column.
- `ids.make_id(type, *natural_key)`: `ocd-<type>/<uuid5>`, the same key always giving the same id;
  `ids.division_id(...)` builds division ids in the OCD division grammar.
"""

from __future__ import annotations

from calaccess.ocd.ddl import create_tables, ddl, tables
from calaccess.ocd.errors import OcdError, OcdExportError, OcdValidationError
from calaccess.ocd.ids import NAMESPACE, division_id, is_division_id, jurisdiction_id, make_id
from calaccess.ocd.types import TYPES, get_type

__all__ = [
    "NAMESPACE",
    "TYPES",
    "OcdError",
    "OcdExportError",
    "OcdValidationError",
    "create_tables",
    "ddl",
    "division_id",
    "get_type",
    "is_division_id",
    "jurisdiction_id",
    "make_id",
    "tables",
]
