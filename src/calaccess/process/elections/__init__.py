"""The elections domain: divisions, bodies, offices, elections, contests, parties, people, candidacies,
memberships, ballot measures, recalls and who won, from raw.*, scraped.* and the reference data.

A domain sub-package holds the same few things: this docstring (what the domain builds, its step order and
the TEMP tables its steps share), `steps.py` (the steps, declared: see `calaccess.process.runner`), `sql/`
(the scripts, one per table or view they build) and a module for each step that needs real Python
(`people.py`: name parsing and cluster settling; `winners.py`: the accounting of who won).

Steps run in a fixed order, because each reads what the ones before it built:

    divisions -> organizations -> posts -> elections -> contests    (where, which body, which office, when)
    -> parties -> people -> candidacies -> memberships              (who ran and who served)
    -> primaries                                                     (pre-2012 primaries: a contest per party)
    -> measures                                                      (ballot measures, recalls, committees)
    -> winners                                                       (who won: the next session's holders)

Recalls come after the memberships because a RetentionContest points at the recalled holder's Membership;
winners come last, because a failed recall (its RetentionContest) elected no replacement.

Shared working tables (TEMP, alive for the run, read by later steps):
- `form501_race` (posts): every Form 501/502 version with the state race it declares (office key, year, type)
- `form501_election` (elections): the election name each latest 501 declares (NULL when no known election)
- `post_lookup` (posts): one row per Post (office key, post id, label, organization id, division id)
- `election_lookup` (elections): one row per Election (name, election id, date, kind, office key, division,
  electNav ids, partisan_primary)
- `contest_plan` (contests): one row per (election, office) contest, with contest id, post id and
  partisan_primary
- `party_decode` (parties): source 'lookup_code' | 'spelling', code, written, status 'party' |
  'nonpartisan' | 'unknown', party_name, party_id, unmapped; with the SQL macro `party_spelling_key(text)`,
  which turns a party as written into the `code` of its 'spelling' rows. A party's id is
  `organization_id_of('party', <party name as in party-spellings.csv>)`.
- `candidate_record` (people): one row per candidacy to be, with contest_id, post_id, party, filed date,
  withdrawal, 501 link; `incumbent_record` and `person_of_record` (record_key -> person_id)
- `membership_lookup` (memberships): membership_id, person_id, post_id, organization_id, office_key,
  session, ...; the recalls of the measures step point to the recalled holder's membership: the one for the
  recall's office in the session of the recall's date.
A candidacy's contest id is `candidate_contest_id_of(election name, office, party id)` with the party only
when the election is a `partisan_primary` (else NULL); `primaries` then builds those per-party contests.
The id rules for every natural key are in `calaccess.process.keys` (also as SQL macros on the connection).
"""

from __future__ import annotations

from calaccess.process.scripts import Scripts

#: This domain's scripts (`sql/<name>.sql`).
SQL = Scripts.beside(__file__)
SQL_DIR = SQL.folder
#: `run_script(con, run, name)`: one of this domain's scripts alone, with its findings (a notebook, a test)
run_script = SQL.run
