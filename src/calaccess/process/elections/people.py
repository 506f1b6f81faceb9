"""People: one Person per human across elections, from the candidate lists, the 501s and the incumbent pages.

The step runs in five parts:
1. `form501_candidate.sql`: every Form 501 in its latest amendment, with filer id, race, party, withdrawal.
2. Names: every name the sources print (site names and 501 name fields) is parsed once, in Python
   (`names.py`), into the TEMP table `parsed_name`; SQL joins to it by the name's text.
3. `candidate_record.sql`: every future candidacy (scraped candidates, and 501s of elections without a
   certified list), linked to its 501s by filer id or else by name, office and year, with its party.
4. `person_link.sql` + `person_label_step.sql` (repeated until stable): records that share a filer id, or
   one name in one contest, or are an incumbent and the candidate who won that seat, are one person.
5. `person_history.sql` + `namesakes.py`: people of one whole name, normalised, are joined across elections
   where their offices fit one career (same office, a neighbouring district after redistricting, statewide
   offices, an office holder running statewide), each join a link of its own kind; settled again, then
   `person.sql`: ids, names, identifiers, every merge with its reason in `meta.person_merge`, every id a
   record implies that is no longer a person's in `meta.person_id_replacement` (retired id, replaced by,
   reason), and one 'namesakes kept apart' finding per name still held by several people, with why.

What later steps read (`candidate_record`, `incumbent_record`, `person_of_record`) is listed with the other
shared TEMP tables in the package docstring.
"""

from __future__ import annotations

import duckdb

from calaccess.process import namesakes
from calaccess.process.elections import SQL
from calaccess.process.names import ParsedName, parse_name, parse_name_parts
from calaccess.process.runner import StepRun, count

#: The most rounds of cluster settling: each round spreads a label one link further, so a chain of records
#: longer than this is impossible in practice; reaching it means something is wrong, and we say so.
MAX_LABEL_ROUNDS = 100


def link(step: StepRun) -> None:
    """Link candidates to their 501s, then cluster every record of a person and write ocd.person."""
    con = step.con
    step.script("form501_candidate")
    parse_names(con)
    step.script("candidate_record")
    step.script("person_link")
    settle_clusters(con)
    step.script("person_history")
    joining = namesakes.join(namesakes.read_history(con))
    namesakes.add_links(con, joining.links)
    settle_clusters(con)
    step.script("person")
    namesakes.report(con, step.run, joining.namesakes)
    _account(step, joining)


def parse_names(con: duckdb.DuckDBPyConnection) -> None:
    """Parse every distinct printed name and 501 name once, into TEMP parsed_name."""
    printed = con.execute(
        """SELECT DISTINCT name
           FROM (SELECT name FROM scraped.candidates UNION ALL SELECT name FROM scraped.incumbents)
           WHERE name IS NOT NULL"""
    ).fetchall()
    filed = con.execute(
        # only 501s for a state office can be matched to a candidate or make one
        """SELECT DISTINCT name_text, last_name, first_name, middle_name, title, suffix, moniker
           FROM form501_candidate WHERE office_key IS NOT NULL"""
    ).fetchall()
    rows: list[tuple[str, str, ParsedName]] = [("printed", text, parse_name(text)) for (text,) in printed]
    rows += [
        ("form 501", text, parse_name_parts(last, first, middle, title, suffix, moniker))
        for text, last, first, middle, title, suffix, moniker in filed
    ]
    con.execute(
        """CREATE OR REPLACE TEMP TABLE parsed_name (
               name_source VARCHAR, name_text VARCHAR, printed VARCHAR, name VARCHAR, sort_name VARCHAR,
               given_name VARCHAR, middle_name VARCHAR, family_name VARCHAR, suffix VARCHAR,
               family_key VARCHAR, family_forms VARCHAR[], first_forms VARCHAR[], match_key VARCHAR,
               full_name_key VARCHAR, withdrawn BOOLEAN)"""
    )
    if not rows:
        return
    columns: list[list[object]] = [[] for _ in range(15)]
    for source, text, parsed in rows:
        values = (
            source,
            text,
            parsed.printed,
            parsed.name,
            parsed.sort_name,
            parsed.given_name,
            parsed.middle_name,
            parsed.family_name,
            parsed.suffix,
            parsed.family_key,
            list(parsed.family_name_forms),
            list(parsed.first_name_forms),
            parsed.match_key,
            parsed.full_name_key,
            parsed.withdrawn,
        )
        for column, value in zip(columns, values, strict=True):
            column.append(value)
    # One list per column, unnested: a single statement, whatever the number of names.
    con.execute(
        """INSERT INTO parsed_name SELECT unnest($1::VARCHAR[]), unnest($2::VARCHAR[]), unnest($3::VARCHAR[]),
               unnest($4::VARCHAR[]), unnest($5::VARCHAR[]), unnest($6::VARCHAR[]), unnest($7::VARCHAR[]),
               unnest($8::VARCHAR[]), unnest($9::VARCHAR[]), unnest($10::VARCHAR[]), unnest($11::VARCHAR[][]),
               unnest($12::VARCHAR[][]), unnest($13::VARCHAR[]), unnest($14::VARCHAR[]),
               unnest($15::BOOLEAN[])""",
        columns,
    )


def settle_clusters(con: duckdb.DuckDBPyConnection) -> int:
    """Spread the smallest label through person_link until no record moves; return the rounds taken."""
    for rounds in range(1, MAX_LABEL_ROUNDS + 1):
        SQL.execute(con, "person_label_step")
        if count(con, "SELECT changed FROM person_label_changes") == 0:
            return rounds
    raise RuntimeError(f"person clusters did not settle in {MAX_LABEL_ROUNDS} rounds")


def _account(step: StepRun, joining: namesakes.Joining) -> None:
    """The people's row: the joins across elections and the namesakes are the Python part's own numbers."""
    con = step.con
    records = count(con, "SELECT count(*) FROM person_record")
    people = count(con, "SELECT count(*) FROM ocd.person")
    merged = count(con, "SELECT count(DISTINCT person_id) FROM meta.person_merge")
    retired = count(con, "SELECT count(*) FROM meta.person_id_replacement")
    step.run.account(
        "ocd.person",
        rows_in=records,
        rows_out=people,
        rows_merged=records - people,
        note="in: records of people (certified candidates, 501-only candidates, incumbents); out: people; "
        f"merged: records folded into the person of another record ({merged} people have several, "
        f"{len(joining.links)} joins across elections by name and office; meta.person_merge and the "
        f"'person merged' findings say why); {len(joining.namesakes)} names still held by several people "
        f"('{namesakes.FINDING}' findings say why); {retired} ids retired (meta.person_id_replacement)",
    )
