-- Builds the candidate contests of pre-2012 partisan primaries (ocd.candidate_contest, posts, sources): one
-- per office and party, from the candidacies that the candidacies step placed in them.
-- From: ocd.candidacy (contest_id = candidate_contest_id_of(election, office, party_id)), contest_plan (the
-- offices on each partisan primary's ballot), the parties in ocd.organization.
-- Rule: a candidacy whose party is unknown sits in the office's contest without a party (id with a NULL
-- party), named 'party unknown' and counted as a finding.
CREATE OR REPLACE TEMP TABLE partisan_contest AS
WITH party AS (
    SELECT DISTINCT party_id FROM ocd.candidacy
),
possible AS (
    -- every contest a candidacy could be in: each partisan-primary office with each party (or none)
    SELECT plan.*, party.party_id,
           candidate_contest_id_of(plan.election_name, plan.office_key, party.party_id) AS party_contest_id
    FROM contest_plan AS plan CROSS JOIN party
    WHERE plan.split_by_party
)
SELECT DISTINCT
    possible.party_contest_id AS contest_id,
    possible.party_id,
    possible.election_name,
    possible.election_id,
    possible.office_key,
    possible.post_id,
    possible.label,
    possible.division_id
FROM possible
JOIN ocd.candidacy AS candidacy ON candidacy.contest_id = possible.party_contest_id;

INSERT INTO ocd.candidate_contest
    (id, name, division_id, election_id, party_id, previous_term_unexpired, number_elected, extras)
SELECT
    contest.contest_id,
    contest.label || ' (' || coalesce(party.name, 'party unknown') || ')',
    contest.division_id,
    contest.election_id,
    contest.party_id,
    false,
    1,
    json_object('office', contest.office_key, 'election', contest.election_name, 'partisan_primary', true)
FROM partisan_contest AS contest
LEFT JOIN ocd.organization AS party ON party.id = contest.party_id;

INSERT INTO ocd.candidate_contest_post (contest_id, post_id, sort_order)
SELECT contest_id, post_id, 0 FROM partisan_contest;

INSERT INTO ocd.candidate_contest_source (contest_id, url, note)
SELECT DISTINCT contest.contest_id, race.source_url, 'certified candidates page'
FROM partisan_contest AS contest
JOIN contest_race AS race ON race.election_name = contest.election_name AND race.office_key = contest.office_key
WHERE race.source_url IS NOT NULL
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'partisan primary candidates of unknown party', contest.election_name,
       count(DISTINCT contest.contest_id) || ' offices have candidacies of unknown party ('
       || count(*) || ' candidacies); each office''s such candidacies share one contest without a party'
FROM partisan_contest AS contest
JOIN ocd.candidacy AS candidacy ON candidacy.contest_id = contest.contest_id
WHERE contest.party_id IS NULL
GROUP BY contest.election_name;

INSERT INTO process_finding
SELECT 'candidacy in no contest', candidacy.id, 'contest ' || candidacy.contest_id || ' was built by no rule'
FROM ocd.candidacy AS candidacy
WHERE candidacy.contest_id NOT IN (SELECT id FROM ocd.candidate_contest)
  AND candidacy.contest_id NOT IN (SELECT contest_id FROM partisan_contest);
