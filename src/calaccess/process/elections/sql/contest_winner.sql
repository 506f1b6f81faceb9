-- Builds contest_winner and candidacy_result (TEMP: who won each contest that fills a post, and each
-- candidacy's result), and writes them into the extras of ocd.candidate_contest (decided, decided_why,
-- winner_candidacy_id) and ocd.candidacy (election_result).
-- From: ocd.candidate_contest (and its post), election_lookup (kind, date), ocd.candidacy, ocd.membership of
-- the incumbents pages (extras.session) and their ocd.person, scraped.pages, scraped.incumbent_elections and
-- scraped.incumbents (which sessions have a saved page, and whether it lists holders), ocd.retention_contest
-- (whether a recall removed the holder).
-- Rules (the why is in winners.py):
--   * primaries are not judged: they nominate, and fill no post;
--   * the replacement contest of a recall that failed elected no one: every candidacy lost;
--   * a special election that a special runoff decides (runoff_for_contest_id) filled no post: its
--     candidacies whose person runs in the runoff advanced to it, the others lost;
--   * otherwise the candidacy whose person holds the post, on the incumbents page of the session the contest
--     fills, won, and the others lost: a general of year Y fills session Y+1; a special election, special
--     runoff or recall fills the session of its date, whose page may have been saved before it, so the next
--     session's page is read after it;
--   * otherwise the contest is undecided, each candidacy's result is unknown, and the finding says what
--     each page read showed.

-- The sessions with a saved incumbents page, and whether it lists any holder (some list dates only).
CREATE OR REPLACE TEMP TABLE incumbent_page AS
WITH page AS (
    SELECT TRY_CAST(page_key AS INTEGER) AS session, false AS lists_holders
    FROM scraped.pages WHERE kind = 'incumbents'
    UNION ALL
    SELECT session, false FROM scraped.incumbent_elections
    UNION ALL
    SELECT session, true FROM scraped.incumbents
)
SELECT session, bool_or(lists_holders) AS lists_holders
FROM page WHERE session IS NOT NULL
GROUP BY session;

-- Who each page lists in each post (memberships a recall made carry no session and are not listed).
CREATE OR REPLACE TEMP TABLE post_holder AS
SELECT
    membership.id AS membership_id,
    membership.person_id,
    membership.post_id,
    CAST(membership.extras->>'session' AS INTEGER) AS session,
    person.name AS holder_name
FROM ocd.membership AS membership
JOIN ocd.person AS person ON person.id = membership.person_id
WHERE membership.extras->>'session' IS NOT NULL;

-- The contests that can fill a post, with what is known of them before reading the incumbents pages.
CREATE OR REPLACE TEMP TABLE contest_judged AS
SELECT
    contest.id AS contest_id,
    election.name AS election_name,
    election.kind,
    election.date,
    coalesce(contest.extras->>'office', contest.name) AS office,
    post.post_id,
    session_of(election.date) AS session,
    (SELECT arg_min(runoff.id, runoff_election.date)
     FROM ocd.candidate_contest AS runoff
     JOIN election_lookup AS runoff_election ON runoff_election.election_id = runoff.election_id
     WHERE runoff.runoff_for_contest_id = contest.id) AS runoff_contest_id,
    (SELECT bool_or(NOT CAST(recall.extras->>'recalled' AS BOOLEAN))
     FROM ocd.retention_contest AS recall
     JOIN ocd.membership AS recalled ON recalled.id = recall.membership_id
     WHERE recall.election_id = contest.election_id AND recalled.post_id = post.post_id) AS recall_failed
FROM ocd.candidate_contest AS contest
JOIN election_lookup AS election ON election.election_id = contest.election_id
JOIN ocd.candidate_contest_post AS post ON post.contest_id = contest.id
WHERE election.kind IN ('GENERAL', 'SPECIAL ELECTION', 'SPECIAL RUNOFF', 'RECALL');

-- The pages read for each contest, in order: the session it fills (and, for specials, the next one).
CREATE OR REPLACE TEMP TABLE contest_page_read AS
WITH page_read AS (
    SELECT contest_id, 1 AS read_order, session + 2 AS session FROM contest_judged WHERE kind = 'GENERAL'
    UNION ALL
    SELECT contest_id, 1, session FROM contest_judged WHERE kind <> 'GENERAL'
    UNION ALL
    SELECT contest_id, 2, session + 2 FROM contest_judged WHERE kind <> 'GENERAL'
)
SELECT
    page_read.contest_id,
    page_read.read_order,
    page_read.session,
    page.session IS NOT NULL AS page_saved,
    coalesce(page.lists_holders, false) AS lists_holders,
    holder.membership_id,
    holder.person_id AS holder_person_id,
    holder.holder_name,
    candidacy.id AS holder_candidacy_id,
    -- a holder who is no candidate here may have run for the post in another election of these years
    (SELECT string_agg(DISTINCT other.election_name, ', ' ORDER BY other.election_name)
     FROM ocd.candidacy AS ran
     JOIN (SELECT contest.id AS contest_id, election.name AS election_name, election.date
           FROM ocd.candidate_contest AS contest
           JOIN election_lookup AS election ON election.election_id = contest.election_id) AS other
       ON other.contest_id = ran.contest_id
     WHERE ran.person_id = holder.person_id AND ran.post_id = judged.post_id
       AND ran.contest_id <> judged.contest_id
       AND other.date >= judged.date - INTERVAL 1 YEAR AND year(other.date) <= page_read.session + 1)
        AS holder_ran_in
FROM page_read
JOIN contest_judged AS judged USING (contest_id)
LEFT JOIN incumbent_page AS page ON page.session = page_read.session
LEFT JOIN post_holder AS holder ON holder.post_id = judged.post_id AND holder.session = page_read.session
LEFT JOIN ocd.candidacy AS candidacy
       ON candidacy.contest_id = judged.contest_id AND candidacy.person_id = holder.person_id;

CREATE OR REPLACE TEMP TABLE contest_winner AS
WITH found AS (
    SELECT
        contest_id,
        arg_min(holder_candidacy_id, read_order) AS winner_candidacy_id,
        arg_min(membership_id, read_order) AS winner_membership_id,
        arg_min(holder_name, read_order) AS winner_name,
        arg_min(session, read_order) AS winner_session
    FROM contest_page_read
    WHERE holder_candidacy_id IS NOT NULL
    GROUP BY contest_id
),
missed AS (
    SELECT
        contest_id,
        string_agg(CASE
            WHEN NOT page_saved THEN 'no incumbents page of session ' || session || ' was saved'
            WHEN NOT lists_holders
                THEN 'the session ' || session || ' incumbents page lists election dates only, no incumbents'
            WHEN holder_person_id IS NULL
                THEN 'the session ' || session || ' incumbents page lists no holder of the post'
            ELSE 'the session ' || session || ' incumbents page lists ' || holder_name
                 || ', who is not a candidate' || coalesce(' (ran for the post in ' || holder_ran_in || ')', '')
        END, '; ' ORDER BY read_order) AS why_not,
        string_agg(CASE
            WHEN NOT page_saved THEN 'no incumbents page'
            WHEN NOT lists_holders THEN 'page lists no incumbents'
            WHEN holder_person_id IS NULL THEN 'no holder of the post'
            ELSE 'holder not a candidate'
        END, ' / ' ORDER BY read_order) AS reason
    FROM contest_page_read
    GROUP BY contest_id
),
judged AS (
    SELECT
        contest_judged.*,
        CASE
            WHEN recall_failed THEN 'no replacement'
            WHEN runoff_contest_id IS NOT NULL THEN 'runoff'
            WHEN found.winner_candidacy_id IS NOT NULL THEN 'decided'
            ELSE 'undecided'
        END AS outcome,
        found.* EXCLUDE (contest_id),
        missed.why_not,
        missed.reason
    FROM contest_judged
    LEFT JOIN found USING (contest_id)
    LEFT JOIN missed USING (contest_id)
)
SELECT
    judged.* EXCLUDE (winner_candidacy_id, winner_membership_id, reason),
    CASE WHEN outcome = 'decided' THEN winner_candidacy_id END AS winner_candidacy_id,
    CASE WHEN outcome = 'decided' THEN winner_membership_id END AS winner_membership_id,
    CASE outcome
        WHEN 'no replacement' THEN 'the recall failed: the holder kept the post, so no replacement was elected'
        WHEN 'runoff' THEN 'no candidate won outright: the post went to the runoff in '
                           || (SELECT e.name FROM ocd.candidate_contest AS c
                               JOIN election_lookup AS e ON e.election_id = c.election_id
                               WHERE c.id = judged.runoff_contest_id)
        WHEN 'decided' THEN winner_name || ' holds the post on the session ' || winner_session
                            || ' incumbents page'
        ELSE why_not
    END AS decided_why,
    CASE WHEN outcome = 'undecided' THEN reason END AS undecided_reason
FROM judged;

CREATE OR REPLACE TEMP TABLE candidacy_result AS
SELECT
    candidacy.id AS candidacy_id,
    winner.contest_id,
    winner.kind,
    CASE winner.outcome
        WHEN 'decided' THEN CASE WHEN candidacy.id = winner.winner_candidacy_id THEN 'won' ELSE 'lost' END
        WHEN 'runoff' THEN CASE WHEN EXISTS (
                SELECT 1 FROM ocd.candidacy AS runoff
                WHERE runoff.contest_id = winner.runoff_contest_id AND runoff.person_id = candidacy.person_id)
            THEN 'advanced to runoff' ELSE 'lost' END
        WHEN 'no replacement' THEN 'lost'
        ELSE 'unknown'
    END AS election_result
FROM ocd.candidacy AS candidacy
JOIN contest_winner AS winner USING (contest_id);

UPDATE ocd.candidate_contest AS contest
SET extras = json_merge_patch(
    coalesce(contest.extras, '{}'),
    json_object('decided', winner.outcome = 'decided', 'decided_why', winner.decided_why,
                'winner_candidacy_id', winner.winner_candidacy_id))
FROM contest_winner AS winner
WHERE winner.contest_id = contest.id;

UPDATE ocd.candidacy AS candidacy
SET extras = json_merge_patch(coalesce(candidacy.extras, '{}'), json_object('election_result', result.election_result))
FROM candidacy_result AS result
WHERE result.candidacy_id = candidacy.id;

INSERT INTO process_finding
SELECT 'contest undecided', election_name || ' / ' || office, decided_why
FROM contest_winner WHERE outcome = 'undecided';
