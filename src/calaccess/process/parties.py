"""Political parties: Organizations classified 'party', decoded from the export's party codes.

The export codes parties in LOOKUP_CODES_CD (code_type 16000) and Form 501s also write them as free text
('Democrat', 'R', 'AMERICAN INDEPENDENT'). Both are mapped through one reference file,
`reference/party-spellings.csv` (spelling, party, status), so each party has one name: 'No Party Preference'
one way, 'Decline to State' its own.

Contract for later steps: the TEMP table `party_decode` (source 'lookup_code' | 'spelling', code, written,
status 'party' | 'nonpartisan' | 'unknown', party_name, party_id, unmapped) and the SQL macro
`party_spelling_key(text)`, which turns a party as written into the `code` of its 'spelling' rows. A party's
id is `organization_id_of('party', <party name as in party-spellings.csv>)`.
"""

from __future__ import annotations

import duckdb

from calaccess import meta
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: meta.Run, reference: Reference) -> None:
    """Decode the party codes and spellings, and write the parties into ocd.organization."""
    run_script(con, run, "party")

    codes = count(con, "SELECT count(*) FROM party_decode WHERE source = 'lookup_code'")
    written = count(con, "SELECT count(*) FROM party_written_in_501")
    decoded = count(
        con,
        """SELECT (SELECT count(*) FROM party_decode WHERE source = 'lookup_code' AND status = 'party')
                  + (SELECT count(*) FROM party_written_in_501 WHERE status = 'party')""",
    )
    parties = count(con, "SELECT count(*) FROM ocd.organization WHERE classification = 'party'")
    run.account(
        "ocd.organization (party)",
        rows_in=codes + written,
        rows_out=decoded,
        rows_set_aside=codes + written - decoded,
        note=f"in: {codes} party codes (LOOKUP_CODES_CD type 16000) and {written} party spellings in Form "
        f"501s; out: those that name a party ({parties} parties); set aside: those that name none (N/A, "
        "UNKNOWN, NON PARTISAN) or that party-spellings.csv does not know",
    )
