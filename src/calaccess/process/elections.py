"""Elections: every election the sources name, with its CAL-ACCESS name, a checked date and its division.

Grouping rule (OCDEP 20: an Election is the contests decided on one date within one division). We keep one
Election per election CAL-ACCESS names, and give a special or recall for a district the district as its
division (`2018 SPECIAL ELECTION (STATE SENATE 32)` is in sldu:32), while regular and statewide elections
are in the state. So a special held on the same date as the statewide primary is a separate Election: it is
decided on the same date but within another division, which is what OCDEP 20 asks for; it keeps the name
and electNav id the state gave it (what a reporter searches by), its candidates stay apart from the
primary's, and no two elections share a name. Several specials on one date in different districts are
likewise separate Elections. Propositions join the statewide election of their date (the measure list files
them by date); a date with propositions and no other statewide election (the 2005 and 2009 special
elections, the February 2008 presidential primary) becomes an Election named the CAL-ACCESS way
(`2005 SPECIAL ELECTION`, `2008 PRESIDENTIAL PRIMARY`).

Dates: the incumbent pages list each session's election dates, which is where the exceptions to the
statutory calendar live (March primaries in 2000-2004, 2020, 2024; the February 2008 presidential primary);
the statutory calendar is only the fallback, reported as a finding. Specials take their date from
special-elections.csv; a row whose year disagrees with the name is reported and the election is dated from
the incumbent page instead, never duplicated. The state lists some recalls as special elections: a special
on whose date the measure list files a recall question for its office is reclassified as a recall.
"""

from __future__ import annotations

import duckdb

from calaccess.meta import Run
from calaccess.process.reference import Reference
from calaccess.process.scripts import count, run_script


def build(con: duckdb.DuckDBPyConnection, run: Run, reference: Reference) -> None:
    run_script(con, run, "election")
    named = count(con, "SELECT count(*) FROM election_named")
    built = count(con, "SELECT count(*) FROM ocd.election")
    mentions = count(con, "SELECT count(*) FROM election_mention")
    run.account(
        "ocd.election",
        rows_in=named,
        rows_out=built,
        rows_set_aside=named - built,
        note=f"in: distinct election names among {mentions} mentions in every source; set aside: no date",
    )
