-- Builds ocd.retention_contest (with options, identifiers and sources): one per recall question on the
-- measure lists, tied to its recall election and to the Membership of the office holder it targeted; and,
-- where the memberships step (which reads the incumbent pages) has no Membership of that holder in that
-- post, the Membership itself.
-- From: recall_question, election_lookup, post_lookup, the reference file recalls.csv (the holder each
-- recall targeted, by CAL-ACCESS filer id), ocd.person_identifier, ocd.membership.
-- Rules: the question joins the recall election of its date and office (a question naming no office joins
-- the statewide recall of its date); the holder's Person is found by filer id; their Membership is the one in
-- the recalled post whose (fuzzy) dates cover the recall date; when none exists, a
-- Membership is made (id make_id('membership', [post id, person id, 'recall', election name])), ending on
-- the recall date when the holder was recalled.
-- Why: OCDEP 20's contest for keeping or removing an office holder is a RetentionContest, tied to the
-- holder's Membership, which is why the measures step runs after the memberships. Recalled holders are
-- often missing from the incumbent pages (the page of the session lists the successor), hence recalls.csv
-- and the Membership made when none exists. Committees' positions (measure_committee.sql) point at either
-- kind of contest, as the campaign-finance draft allows.
CREATE OR REPLACE TEMP TABLE recall_plan AS
WITH target AS (
    SELECT trim(election_name) AS election_name, office_key(office) AS office_key,
           trim(holder_filer_id) AS holder_filer_id, holder_name, upper(trim(recalled)) = 'TRUE' AS recalled
    FROM read_csv(getvariable('recalls_csv'), header = true, all_varchar = true)
),
question AS (
    SELECT
        q.measure_id,
        q.name AS question,
        q.source_url,
        election.name AS election_name,
        election.election_id,
        election.date,
        election.office_key,
        election.division_id
    FROM recall_question AS q
    JOIN election_lookup AS election
      ON election.kind = 'RECALL' AND election.date = q.election_date
     AND (election.office_key = q.office_key
          OR (q.office_key IS NULL AND election.division_id = 'ocd-division/country:us/state:ca'))
),
holder AS (
    SELECT target.*, post.post_id, post.organization_id,
           (SELECT min(pi.person_id) FROM ocd.person_identifier AS pi
            WHERE pi.identifier = target.holder_filer_id) AS person_id
    FROM target JOIN post_lookup AS post USING (office_key)
)
SELECT
    question.*,
    holder.holder_filer_id,
    holder.holder_name,
    holder.recalled,
    holder.person_id,
    holder.post_id,
    holder.organization_id,
    make_id('retention_contest', [question.election_name, question.office_key]) AS contest_id,
    (SELECT arg_max(m.id, coalesce(m.start_date, ''))
     FROM ocd.membership AS m
     WHERE m.post_id = holder.post_id AND m.person_id = holder.person_id
       -- fuzzy dates ('2007', '2007-12', '2007-12-03') compare with the recall date cut to their length
       AND (m.start_date IS NULL OR left(CAST(question.date AS VARCHAR), length(m.start_date)) >= m.start_date)
       AND (m.end_date IS NULL OR left(CAST(question.date AS VARCHAR), length(m.end_date)) <= m.end_date))
        AS existing_membership_id,
    make_id('membership', [holder.post_id, holder.person_id, 'recall', question.election_name])
        AS made_membership_id
FROM question
LEFT JOIN holder ON holder.election_name = question.election_name;

INSERT INTO ocd.membership (id, organization_id, person_id, post_id, label, role, end_date, extras)
SELECT made_membership_id, organization_id, person_id, post_id, 'office holder targeted by a recall',
       'holder', CASE WHEN recalled THEN CAST(date AS VARCHAR) END,
       json_object('made_for', election_name, 'why', 'the incumbent pages do not list the recalled holder')
FROM recall_plan
WHERE existing_membership_id IS NULL AND person_id IS NOT NULL;

INSERT INTO ocd.membership_source (membership_id, url, note)
SELECT made_membership_id, source_url, 'recall question on the measure list; holder from recalls.csv'
FROM recall_plan
WHERE existing_membership_id IS NULL AND person_id IS NOT NULL AND source_url IS NOT NULL;

INSERT INTO ocd.retention_contest
    (id, name, division_id, election_id, description, requirement, classification, membership_id, extras)
SELECT contest_id, 'Recall of ' || holder_name || ' (' || office_key || ')', division_id, election_id,
       question, NULL, 'recall', coalesce(existing_membership_id, made_membership_id),
       json_object('measure_id', measure_id, 'holder_filer_id', holder_filer_id, 'recalled', recalled)
FROM recall_plan WHERE person_id IS NOT NULL;

INSERT INTO ocd.retention_contest_option (contest_id, text)
SELECT contest_id, unnest(['yes', 'no']) FROM recall_plan WHERE person_id IS NOT NULL;

INSERT INTO ocd.retention_contest_identifier (contest_id, scheme, identifier)
SELECT contest_id, 'calaccess_measure_id', CAST(measure_id AS VARCHAR) FROM recall_plan WHERE person_id IS NOT NULL;

INSERT INTO ocd.retention_contest_source (contest_id, url, note)
SELECT contest_id, source_url, 'measure list' FROM recall_plan WHERE person_id IS NOT NULL AND source_url IS NOT NULL;

INSERT INTO process_finding
SELECT 'recall holder unknown', election_name,
       CASE WHEN holder_filer_id IS NULL THEN 'recalls.csv names no holder for this recall'
            ELSE 'no Person has filer id ' || holder_filer_id || ' (' || holder_name || ')' END
       || '; the retention contest is set aside'
FROM recall_plan WHERE person_id IS NULL;

INSERT INTO process_finding
SELECT 'recall question without recall election', q.name,
       'no recall election on ' || CAST(q.election_date AS VARCHAR) || ' for ' || coalesce(q.office_key, 'a statewide office')
FROM recall_question AS q WHERE q.measure_id NOT IN (SELECT measure_id FROM recall_plan);

INSERT INTO process_finding
SELECT 'recall membership made', election_name,
       'the incumbent pages list no membership of ' || holder_name || ' in ' || office_key
       || ' on ' || CAST(date AS VARCHAR) || '; one was made from recalls.csv'
FROM recall_plan WHERE existing_membership_id IS NULL AND person_id IS NOT NULL;
