"""The elections steps, declared in the order they run (the why of each is in the header of its scripts)."""

from __future__ import annotations

from calaccess.process.elections import SQL, people, winners
from calaccess.process.runner import Account, Step

# Every listed division; the Board of Equalization districts are in the file, so none is made up.
DIVISIONS = Step(
    "divisions",
    SQL,
    scripts=("division",),
    makes=("ocd.division",),
    accounts=(
        Account(
            "ocd.division",
            {
                "listed": "SELECT count(*) FROM read_csv(getvariable('divisions_csv'), header = true)",
                "built": "SELECT count(*) FROM ocd.division",
            },
            rows_in="listed",
            rows_out="built",
            rows_set_aside="listed - built",
            note="divisions-ca.csv; duplicates set aside",
        ),
    ),
)

# The jurisdiction and the government bodies elections fill and administer (parties are the parties step's).
ORGANIZATIONS = Step(
    "organizations",
    SQL,
    scripts=("organization",),
    makes=("ocd.jurisdiction", "ocd.organization"),
    accounts=(
        Account(
            "ocd.organization (government)",
            {
                "listed": "SELECT count(*) FROM read_csv(getvariable('organizations_csv'), header = true)",
                "built": "SELECT count(*) FROM government_body",
            },
            rows_in="listed",
            rows_out="built",
            note="organizations.csv",
        ),
        Account("ocd.jurisdiction", {}, rows_in="1", rows_out="1", note="the state government"),
    ),
)

# Every state office the sources name, in its body and its division; the 501s' races are read first, as
# they name offices too.
POSTS = Step(
    "posts",
    SQL,
    scripts=("form501_race", "post"),
    makes=("ocd.post",),
    accounts=(
        Account(
            "form 501 races",
            {
                "statements": "SELECT count(*) FROM form501_race",
                "state_races": "SELECT count(*) FROM form501_race WHERE office_key IS NOT NULL",
                "no_district": "SELECT count(*) FROM form501_race WHERE district_missing",
            },
            rows_in="statements",
            rows_out="state_races",
            rows_set_aside="statements - state_races",
            note="set aside: local offices or no office, and {no_district} state-office rows whose district "
            "cannot be decoded",
        ),
        Account(
            "ocd.post",
            {
                "mentions": "SELECT count(*) FROM office_mention",
                "offices": "SELECT count(DISTINCT office_key) FROM office_mention",
                "posts": "SELECT count(*) FROM ocd.post",
            },
            rows_in="offices",
            rows_out="posts",
            rows_set_aside="offices - posts",
            note="in: distinct offices among {mentions} mentions (pages, election names, 501s); out: posts; "
            "set aside: offices that are not a state post",
        ),
    ),
)

ELECTIONS = Step(
    "elections",
    SQL,
    scripts=("election",),
    makes=("ocd.election",),
    accounts=(
        Account(
            "ocd.election",
            {
                "named": "SELECT count(*) FROM election_named",
                "built": "SELECT count(*) FROM ocd.election",
                "mentions": "SELECT count(*) FROM election_mention",
            },
            rows_in="named",
            rows_out="built",
            rows_set_aside="named - built",
            note="in: distinct election names among {mentions} mentions in every source; set aside: no date",
        ),
    ),
)

CONTESTS = Step(
    "contests",
    SQL,
    scripts=("candidate_contest",),
    makes=("ocd.candidate_contest",),
    accounts=(
        Account(
            "ocd.candidate_contest",
            {
                "races": "SELECT count(*) FROM (SELECT DISTINCT election_name, office_key FROM contest_race)",
                "planned": "SELECT count(*) FROM contest_plan",
                "partisan": "SELECT count(*) FROM contest_plan WHERE split_by_party",
            },
            rows_in="races",
            rows_out="planned - partisan",
            rows_set_aside="races - planned + partisan",
            note="in: distinct (election, office) on certified lists and 501s; set aside: no state office or "
            "no date, and the {partisan} offices of pre-2012 partisan primaries, split by party after the "
            "candidacies (see the partisan primary row)",
        ),
    ),
)

PARTIES = Step(
    "parties",
    SQL,
    scripts=("party",),
    makes=("ocd.organization",),
    accounts=(
        Account(
            "ocd.organization (party)",
            {
                "codes": "SELECT count(*) FROM party_decode WHERE source = 'lookup_code'",
                "written": "SELECT count(*) FROM party_written_in_501",
                "codes_named": "SELECT count(*) FROM party_decode WHERE source = 'lookup_code' "
                "AND status = 'party'",
                "written_named": "SELECT count(*) FROM party_written_in_501 WHERE status = 'party'",
                "parties": "SELECT count(*) FROM ocd.organization WHERE classification = 'party'",
            },
            rows_in="codes + written",
            rows_out="codes_named + written_named",
            rows_set_aside="codes + written - codes_named - written_named",
            note="in: {codes} party codes (LOOKUP_CODES_CD type 16000) and {written} party spellings in Form "
            "501s; out: those that name a party ({parties} parties); set aside: those that name none (N/A, "
            "UNKNOWN, NON PARTISAN) or that party-spellings.csv does not know",
        ),
    ),
)

PEOPLE = Step(
    "people",
    SQL,
    python=people.link,
    makes=("ocd.person", "meta.person_merge", "meta.person_id_replacement"),
    accounts=(
        Account(
            "form 501 links (scraped candidates)",
            {
                "scraped": "SELECT count(*) FROM scraped_candidate",
                "matched": "SELECT count(DISTINCT record_key) FROM scraped_candidate_form501",
            },
            rows_in="scraped",
            rows_out="matched",
            rows_unknown="scraped - matched",
            note="in: scraped candidates; out: linked to their Form 501s (by filer id, else by name, office "
            "and year); unknown: no 501 found (the candidacy stays, without one), each a finding with its "
            "reason",
        ),
        Account(
            "form 501 filings",
            {
                "filings": "SELECT count(*) FROM form501_candidate",
                "used": "SELECT count(DISTINCT filing_id) FROM candidate_record_form501",
            },
            rows_in="filings",
            rows_out="used",
            rows_set_aside="filings - used",
            note="in: Form 501 filings (latest amendments); out: linked to a candidacy; set aside: local "
            "offices, no election, or not on their election's certified list (findings by reason)",
        ),
    ),
)

# Every certified candidate, and every 501 candidate of an election without a certified list: one
# candidacy per person per contest, from the records the people step settled.
CANDIDACIES = Step(
    "candidacies",
    SQL,
    scripts=("candidacy",),
    makes=("ocd.candidacy",),
    accounts=(
        Account(
            "ocd.candidacy",
            {
                "records": "SELECT count(*) FROM candidate_record",
                "candidacies": "SELECT count(*) FROM ocd.candidacy",
                "no_contest": "SELECT count(*) FROM candidate_record "
                "WHERE contest_id IS NULL OR post_id IS NULL",
            },
            rows_in="records",
            rows_out="candidacies",
            rows_set_aside="records - candidacies",
            note="in: candidate records (certified lists, and 501s of elections without one); set aside: "
            "{no_contest} in no contest (findings), {records - candidacies - no_contest} listed twice in one "
            "contest for one person (one candidacy kept)",
        ),
        Account(
            "candidacy party",
            {
                "candidacies": "SELECT count(*) FROM ocd.candidacy",
                "known": "SELECT count(*) FROM candidacy_built WHERE party_status = 'party'",
                "nonpartisan": "SELECT count(*) FROM candidacy_built WHERE party_status = 'nonpartisan'",
                "from_filer_type": "SELECT count(*) FROM candidacy_built WHERE party_source = 'filer type'",
            },
            rows_in="candidacies",
            rows_out="known + nonpartisan",
            rows_unknown="candidacies - known - nonpartisan",
            note="out: {known} with a party ({from_filer_type} of them from the filer's party code, the rest "
            "from a Form 501), {nonpartisan} nonpartisan; unknown: party unknown, the candidacy kept without "
            "one (findings by election)",
        ),
    ),
)

MEMBERSHIPS = Step(
    "memberships",
    SQL,
    scripts=("membership",),
    makes=("ocd.membership",),
    accounts=(
        Account(
            "ocd.membership",
            {
                "incumbents": "SELECT count(*) FROM incumbent_record",
                "memberships": "SELECT count(*) FROM ocd.membership",
            },
            rows_in="incumbents",
            rows_out="memberships",
            rows_set_aside="incumbents - memberships",
            note="in: incumbents listed on the incumbents pages; out: memberships; set aside: office not a "
            "post",
        ),
    ),
)

# Pre-2012 partisan primaries: one candidate contest per office and party, from the candidacies.
PRIMARIES = Step(
    "primaries",
    SQL,
    scripts=("partisan_primary_contest",),
    makes=("ocd.candidate_contest",),
    accounts=(
        Account(
            "ocd.candidate_contest (partisan primary)",
            {
                "offices": "SELECT count(*) FROM contest_plan WHERE split_by_party",
                "contests": "SELECT count(*) FROM partisan_contest",
            },
            rows_in="contests",
            rows_out="contests",
            note="in: the (office, party) pairs of the candidacies on the {offices} offices of pre-2012 "
            "partisan primaries; out: one contest per pair",
        ),
    ),
)

# Ballot measures, recalls (with the Membership a recall needs and the pages lack) and the committees for
# and against them. The measure committees are the first committees the stage makes; campaign finance, a
# later step, adds the others and enriches these, keyed the same way (committee_id_of(filer id)).
MEASURES = Step(
    "measures",
    SQL,
    scripts=("ballot_measure_contest", "retention_contest", "measure_committee"),
    makes=("ocd.ballot_measure_contest", "ocd.retention_contest", "ocd.membership", "ocd.committee"),
    accounts=(
        Account(
            "ocd.ballot_measure_contest",
            {
                "measures": "SELECT count(*) FROM measure_plan",
                "contests": "SELECT count(*) FROM ocd.ballot_measure_contest",
                "no_election": "SELECT count(*) FROM measure_plan WHERE election_id IS NULL",
            },
            rows_in="measures",
            rows_out="contests",
            rows_set_aside="no_election",
            note="in: measures on the lists, recall questions excepted; set aside: no election of that date",
        ),
        Account(
            "ocd.retention_contest",
            {
                "questions": "SELECT count(*) FROM recall_question",
                "contests": "SELECT count(*) FROM ocd.retention_contest",
                "with_holder": "SELECT count(*) FROM recall_plan WHERE person_id IS NOT NULL",
            },
            rows_in="questions",
            rows_out="contests",
            rows_set_aside="questions - with_holder",
            note="in: recall questions on the measure lists; set aside: no recall election or no holder",
        ),
        Account(
            "ocd.committee (measure committees)",
            {
                "listed": "SELECT count(DISTINCT filer_id) FROM measure_position",
                "made": "SELECT count(*) FROM ocd.committee",
            },
            rows_in="listed",
            rows_out="made",
            note="in: distinct committee filer ids on the measure detail pages; out: committees this stage "
            "made (a committee campaign finance already made is kept as it is)",
        ),
        Account(
            "ocd.committee_ballot_measure_option_supported",
            {
                "positions": "SELECT count(*) FROM measure_position",
                "kept": "SELECT count(*) FROM ocd.committee_ballot_measure_option_supported",
            },
            rows_in="positions",
            rows_out="kept",
            rows_set_aside="positions - kept",
            note="in: committee rows of the measure detail pages; set aside: no contest or no position "
            "(and repeats)",
        ),
    ),
)

# Who won: it makes no rows, it writes each result into the extras of the contests and candidacies.
WINNERS = Step("winners", SQL, scripts=("contest_winner",), python=winners.account)

STEPS: tuple[Step, ...] = (
    DIVISIONS,
    ORGANIZATIONS,
    POSTS,
    ELECTIONS,
    CONTESTS,
    PARTIES,
    PEOPLE,
    CANDIDACIES,
    MEMBERSHIPS,
    PRIMARIES,
    MEASURES,
    WINNERS,
)
