"""Every version of every filing: the one list of (filing, amendment) the finance and lobbying steps share.

Which raw tables record versions is the registry's fact (the tables with FILING_ID and AMEND_ID), so the
union is written from it rather than typed out in SQL, where a table added to the registry would be missed.
"""

from __future__ import annotations

from calaccess.process.runner import StepRun
from calaccess.raw.tables import TABLES
from calaccess.tables import quote_identifier


def version_tables() -> tuple[str, ...]:
    """The raw tables whose rows belong to one version of one filing."""
    return tuple(
        name
        for name, table in TABLES.items()
        if {"filing_id", "amend_id"} <= {column.name for column in table.columns}
    )


def version_sql() -> str:
    """The query of every (filing_id, amend_id, table, FORM_TYPE) the export records: a row per version,
    table and form or schedule (NULL where the table has no FORM_TYPE), with how many rows say so."""
    parts = []
    for name in version_tables():
        has_form = "form_type" in {column.name for column in TABLES[name].columns}
        form_type = "upper(trim(form_type))" if has_form else "NULL::VARCHAR"
        parts.append(
            f"SELECT TRY_CAST(filing_id AS BIGINT) AS filing_id, TRY_CAST(amend_id AS INTEGER) AS amend_id, "
            f"'{name}' AS calaccess_table, {form_type} AS form_type, count(*) AS row_count "
            f"FROM raw.{quote_identifier(name)} WHERE filing_id IS NOT NULL GROUP BY ALL"
        )
    return "\nUNION ALL\n".join(parts)


def build(step: StepRun) -> None:
    """Write `recorded_version` (a row per version and table), then the script that settles the versions."""
    step.con.execute(f"CREATE OR REPLACE TEMP TABLE recorded_version AS\n{version_sql()}")
    step.script("filing_version")
