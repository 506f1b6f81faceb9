"""Open Civic Data, independent of any jurisdiction: types, ids, tables, validation and interchange formats.

This package knows nothing about California and imports nothing from the rest of `calaccess` but the table
vocabulary `calaccess.tables` (itself free of the project), so another jurisdiction could reuse it whole.
Everything in it derives from one definition per type.

Types (`types.py`, written in the vocabulary of `spec.py`)
    Core: Division, Jurisdiction, Organization, Post, Person, Membership. Elections, OCDEP 20 in full:
    Election, CandidateContest, BallotMeasureContest, PartyContest, RetentionContest, Candidacy. Campaign
    finance, the draft OCDEP: Committee, Filing, FilingAction, Transaction. A type lists its fields (name,
    kind, required, doc, allowed values, what an id points to) and its repeated fields (identifiers, sources,
    other_names, a contest's posts or options ...). Where OCDEP 20 and the python-opencivicdata models
    disagree we follow OCDEP 20, and the type's `notes` say so (Candidacy.candidate_name is optional;
    RetentionContest has a classification).

Tables (`ddl.create_tables(con, schema="ocd")`)
    One table per type, `ocd.<type in snake case>`, columns named as the standard names the fields; one table
    per repeated field, `ocd.<type>_<singular>` (`ocd.candidate_contest_post`, `ocd.person_identifier`,
    `ocd.election_source`), keyed by the parent's `<ref>_id` (`contest_id` for every contest kind). No
    constraints: bad rows can be stored, and `validate_database` reports them all.

Ids (`ids.py`)
    `make_id(type, *natural_key)` is `ocd-<prefix>/<uuid5>`, uuid5 in `NAMESPACE` over the JSON text of
    `[type table, *key parts]`: the same key gives the same id in every run and version. Division ids follow
    the OCD division grammar (`division_id(...)`, `is_division_id`); jurisdictions are named by division.

Validation (`validate.py`)
    `validate_record(type, record)` refuses one bad record, naming type, field and value.
    `validate_database(con)` checks a whole database in one generated SQL query and returns findings
    (type, id, field, problem): required fields, allowed values, id formats, references that resolve,
    minimum counts and numbers, a contest's division inside its election's, runoffs of the same kind.

Interchange (`export.export(con, format, out)`, the formats registered once in `export.EXPORT_FORMATS`)
    `ocd-json`: JSON Lines, one document per object shaped as OCDEP 20's samples, one file per type
    (`ocd_json.py`, which also reads documents back). `vip`: VIP 5.2 XML, one feed per election (`vip.py`).
    `nist-xml` / `nist-json`: one NIST SP 1500-100 v2 ElectionReport (`nist.py`). The mappings VIP and NIST
    share, and the element tree both write, are in `cdf.py`. Divisions travel as external identifiers of
    type ocd-id. An export refuses a database with validation findings unless told.

Documentation (`dictionary.py`)
    `data_dictionary()` rows, `table_schema(table)` (Frictionless, for datapackage.json) and `markdown()`.
"""

from __future__ import annotations

from calaccess.ocd.ddl import create_tables, ddl, tables
from calaccess.ocd.errors import OcdError, OcdExportError, OcdTablesMissing, OcdValidationError
from calaccess.ocd.ids import NAMESPACE, division_id, is_division_id, jurisdiction_id, make_id
from calaccess.ocd.types import TYPES, get_type

__all__ = [
    "NAMESPACE",
    "TYPES",
    "OcdError",
    "OcdExportError",
    "OcdTablesMissing",
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
