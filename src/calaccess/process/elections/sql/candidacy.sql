-- Builds ocd.candidacy (with sources) and candidacy_of_record (TEMP: each candidate record's candidacy).
-- From: candidate_record and person_of_record (people step), incumbent_record.
-- Rules:
--   * one candidacy per person per contest: a person the site lists twice in one contest (merged by name)
--     has one candidacy, from the record the 501s link (else the one with a filer id);
--   * candidate_name as printed (a withdrawal marker removed); filed date, party and withdrawal from the 501s;
--   * registration_status: withdrawn when the page marks it or the latest 501 terminates the intention;
--     qualified when the certified list names the candidate; filed when only a 501 does;
--   * is_incumbent: the person held the office in the session in progress on election day (incumbents page),
--     for regular elections and recalls; a special fills a vacancy, so its candidates are not incumbents;
--     unknown (NULL) where the site lists no incumbents for that session.

CREATE OR REPLACE TEMP TABLE candidacy_of_record AS
WITH placed AS (
    SELECT record.*, person.person_id
    FROM candidate_record AS record
    JOIN person_of_record AS person USING (record_key)
    WHERE record.contest_id IS NOT NULL AND record.post_id IS NOT NULL
)
SELECT
    placed.record_key,
    placed.person_id,
    placed.contest_id,
    first_value(placed.record_key) OVER (
        PARTITION BY placed.contest_id, placed.person_id
        ORDER BY placed.record_source = 'certified list' DESC, placed.filing_ids IS NOT NULL DESC,
                 placed.filer_id IS NOT NULL DESC, placed.record_key
    ) AS candidacy_record_key
FROM placed;

CREATE OR REPLACE TEMP TABLE candidacy_built AS
WITH incumbent_seat AS (
    SELECT DISTINCT person.person_id, incumbent.office_key, incumbent.session
    FROM incumbent_record AS incumbent JOIN person_of_record AS person USING (record_key)
),
listed_session AS (SELECT DISTINCT session FROM incumbent_record),
candidacy_records AS (
    SELECT candidacy_record_key AS record_key, count(*) AS records,
           bool_or(record.withdrawn) AS withdrawn
    FROM candidacy_of_record JOIN candidate_record AS record USING (record_key)
    GROUP BY candidacy_record_key
)
SELECT
    make_id('candidacy', [record.record_key]) AS candidacy_id,
    record.*,
    person.person_id,
    candidacy_records.records,
    candidacy_records.withdrawn AS any_withdrawn,
    session_of(record.election_date) AS session,
    CASE
        WHEN record.election_kind NOT IN ('PRIMARY', 'GENERAL', 'PRESIDENTIAL PRIMARY', 'RECALL') THEN false
        WHEN session_of(record.election_date) NOT IN (SELECT session FROM listed_session)
            THEN NULL
        ELSE EXISTS (
            SELECT 1 FROM incumbent_seat AS seat
            WHERE seat.person_id = person.person_id AND seat.office_key = record.office_key
              AND seat.session = session_of(record.election_date))
    END AS is_incumbent
FROM candidacy_records
JOIN candidate_record AS record USING (record_key)
JOIN person_of_record AS person USING (record_key);

INSERT INTO ocd.candidacy
    (id, person_id, post_id, contest_id, candidate_name, filed_date, is_incumbent, registration_status,
     party_id, extras)
SELECT
    candidacy_id,
    person_id,
    post_id,
    contest_id,
    candidate_name,
    filed_date,
    is_incumbent,
    CASE WHEN any_withdrawn THEN 'withdrawn'
         WHEN record_source = 'certified list' THEN 'qualified'
         ELSE 'filed' END,
    CASE WHEN party_status = 'party' THEN party_id END,
    json_object(
        'party_status', party_status,
        'party_source', party_source,
        'form501_filing_ids', filing_ids,
        'form501_match', form501_method,
        'record_source', record_source,
        'records', records)
FROM candidacy_built;

INSERT INTO ocd.candidacy_source (candidacy_id, url, note)
SELECT DISTINCT candidacy.candidacy_id, record.source_url, 'certified candidates page'
FROM candidacy_of_record AS link
JOIN candidacy_built AS candidacy ON candidacy.record_key = link.candidacy_record_key
JOIN candidate_record AS record ON record.record_key = link.record_key
WHERE record.source_url IS NOT NULL
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'candidate in no contest',
       coalesce(election_name, 'unknown election') || ' / ' || office_printed || ' / ' || coalesce(candidate_name, ''),
       coalesce(no_contest_reason, 'no contest') || '; set aside'
FROM candidate_record
WHERE contest_id IS NULL OR post_id IS NULL;

INSERT INTO process_finding
SELECT 'candidacy party unknown', election_name,
       count(*) || ' of ' || any_value(total) || ' candidacies: no linked Form 501 names a party and the '
       || 'filer has no party code effective before election day'
FROM (SELECT *, count(*) OVER (PARTITION BY election_name) AS total FROM candidacy_built)
WHERE party_status = 'unknown'
GROUP BY election_name;
