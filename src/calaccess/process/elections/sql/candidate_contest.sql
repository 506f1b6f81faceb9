-- Builds ocd.candidate_contest (with posts and sources) for every office on the ballot of every election,
-- except pre-2012 partisan primaries, whose one-contest-per-party split needs the candidates' parties and
-- is built after the candidacies (partisan_primary_contest.sql). Why: California's top-two primary began
-- with the June 2012 primary; before it, each party chose its nominee, so OCDEP 20 (a contest has one party
-- in a partisan primary) wants one contest per office and party, and the party is the candidate's, known
-- only after the candidacies step; those contests get their ids from the same rule,
-- candidate_contest_id_of(election, office, party_id).
-- From: scraped.candidates (the certified lists), form501_election (the races Form 501s declare, for
-- elections with no certified list), election_lookup, post_lookup.
-- Rules: one contest per office per election, id candidate_contest_id_of(election, office, NULL), in the
-- office's division; specials, special runoffs and recalls fill an unexpired term; a special runoff decides
-- the latest special election (or recall) for the same office before it, and points to that contest.
CREATE OR REPLACE TEMP TABLE contest_race AS
WITH listed AS (
    SELECT site.name AS election_name, office_key(candidate.office) AS office_key, candidate.office AS office_text,
           candidate.source_url, 'certified candidates page' AS source
    FROM scraped.candidates AS candidate
    JOIN site_election AS site ON site.electnav_id = candidate.election_id
)
SELECT * FROM listed
UNION ALL
SELECT race.election_name, race.office_key, race.office_key, NULL, 'form 501'
FROM form501_election AS race
WHERE race.election_name IS NOT NULL
  AND race.election_name NOT IN (SELECT election_name FROM listed);

CREATE OR REPLACE TEMP TABLE contest_plan AS
WITH race AS (
    SELECT election_name, office_key, list(DISTINCT source_url ORDER BY source_url)
               FILTER (WHERE source_url IS NOT NULL) AS source_urls,
           list(DISTINCT source ORDER BY source) AS sources
    FROM contest_race
    WHERE office_key IS NOT NULL
    GROUP BY election_name, office_key
),
placed AS (
    SELECT
        race.*,
        election.election_id,
        election.date,
        election.kind,
        election.partisan_primary,
        post.post_id,
        post.label,
        post.division_id
    FROM race
    JOIN election_lookup AS election ON election.name = race.election_name
    JOIN post_lookup AS post ON post.office_key = race.office_key
)
SELECT
    placed.*,
    candidate_contest_id_of(election_name, office_key, NULL) AS contest_id,
    kind IN ('SPECIAL ELECTION', 'SPECIAL RUNOFF', 'RECALL') AS previous_term_unexpired,
    -- the partisan split is per office: a nonpartisan office has one contest even in a partisan primary
    partisan_primary AND NOT is_nonpartisan_office(office_key) AS split_by_party
FROM placed;

CREATE OR REPLACE TEMP TABLE runoff_decides AS
SELECT
    runoff.contest_id,
    arg_max(prior.contest_id, prior.date) AS runoff_for_contest_id
FROM contest_plan AS runoff
JOIN contest_plan AS prior
  ON prior.office_key = runoff.office_key
 AND prior.kind IN ('SPECIAL ELECTION', 'RECALL')
 AND prior.date < runoff.date
 AND prior.date >= runoff.date - INTERVAL 1 YEAR
WHERE runoff.kind = 'SPECIAL RUNOFF'
GROUP BY runoff.contest_id;

INSERT INTO ocd.candidate_contest
    (id, name, division_id, election_id, party_id, previous_term_unexpired, number_elected,
     runoff_for_contest_id, extras)
SELECT
    plan.contest_id,
    plan.label,
    plan.division_id,
    plan.election_id,
    NULL,
    plan.previous_term_unexpired,
    1,
    decides.runoff_for_contest_id,
    json_object('office', plan.office_key, 'election', plan.election_name, 'sources', plan.sources)
FROM contest_plan AS plan
LEFT JOIN runoff_decides AS decides USING (contest_id)
WHERE NOT plan.split_by_party;

INSERT INTO ocd.candidate_contest_post (contest_id, post_id, sort_order)
SELECT contest_id, post_id, 0 FROM contest_plan WHERE NOT split_by_party;

INSERT INTO ocd.candidate_contest_source (contest_id, url, note)
SELECT contest_id, unnest(source_urls), 'certified candidates page'
FROM contest_plan WHERE NOT split_by_party;

INSERT INTO process_finding
SELECT 'special runoff decides no contest', election_name || ' / ' || office_key,
       'no special election for the office in the year before the runoff'
FROM contest_plan
WHERE kind = 'SPECIAL RUNOFF' AND contest_id NOT IN (SELECT contest_id FROM runoff_decides);

INSERT INTO process_finding
SELECT 'contest set aside', race.election_name || ' / ' || coalesce(race.office_key, race.office_text),
       CASE WHEN race.office_key IS NULL OR race.office_key NOT IN (SELECT office_key FROM post_lookup)
                THEN 'the office is no state office'
            ELSE 'the election has no date' END
FROM contest_race AS race
WHERE NOT EXISTS (SELECT 1 FROM contest_plan AS plan
                  WHERE plan.election_name = race.election_name AND plan.office_key = race.office_key)
GROUP BY ALL;
