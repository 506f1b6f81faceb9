-- Builds person_record (every record of a human: candidate records and incumbents), person_link (the
-- facts that say two records are one person) and person_label (each record's cluster, to be settled by
-- person_label_step.sql), for the people step.
-- From: candidate_record and candidate_record_filer (this step), scraped.incumbents, parsed_name, filer_alias.
-- Rules: records are one person when they share a filer id (their own, or that of a Form 501 linked to
-- them), or when they carry the same name in one contest (the site lists a candidate twice). An incumbent
-- with no filer id is the candidate of the same name who ran for that seat in the election that filled it
-- (the general before the session, or a special within it). These links are settled first; then
-- namesakes.py (from person_history.sql) adds links of its own kinds, 'same name across elections, ...',
-- between people of one whole name whose offices fit one career (its docstring has the rule), and the
-- clusters settle again. Nothing else merges: two people of one name whose offices do not fit stay two.

CREATE OR REPLACE TEMP TABLE incumbent_record AS
SELECT
    concat_ws('|', 'incumbent', incumbent.session, incumbent.office, incumbent.name) AS record_key,
    incumbent.session,
    incumbent.office AS office_printed,
    office_key(incumbent.office) AS office_key,
    incumbent.name AS name_text,
    parsed.printed AS name_printed,
    coalesce(alias.filer_id, CAST(incumbent.filer_id AS VARCHAR)) AS filer_id,
    CAST(incumbent.filer_id AS VARCHAR) AS written_filer_id,
    incumbent.source_url,
    parsed.match_key,
    parsed.family_key
FROM scraped.incumbents AS incumbent
LEFT JOIN filer_alias AS alias ON alias.written_id = CAST(incumbent.filer_id AS VARCHAR)
LEFT JOIN parsed_name AS parsed ON parsed.name_source = 'printed' AND parsed.name_text = incumbent.name;

CREATE OR REPLACE TEMP TABLE person_record AS
SELECT
    record_key,
    CASE record_source WHEN 'certified list' THEN 'certified candidate list' ELSE 'form 501' END AS source,
    name_source,
    name_text,
    candidate_name AS name_printed,
    election_date AS seen_on,
    contest_id,
    office_key,
    match_key,
    family_key,
    source_url
FROM candidate_record
UNION ALL
SELECT record_key, 'incumbents page', 'printed', name_text, name_printed, make_date(session, 1, 1), NULL,
       office_key, match_key, family_key, source_url
FROM incumbent_record;

CREATE OR REPLACE TEMP TABLE person_token AS
-- filer ids, the record's own and its 501s'
SELECT record_key, 'shared filer id' AS kind, filer_id AS token FROM candidate_record_filer
UNION
SELECT record_key, 'shared filer id', filer_id FROM incumbent_record WHERE filer_id IS NOT NULL
UNION
-- one name in one contest
SELECT record_key, 'same name in one contest', contest_id || ' ' || match_key
FROM candidate_record WHERE contest_id IS NOT NULL AND family_key <> ''
UNION
-- an incumbent without a filer id, and the candidates for the seat in the election that filled it
SELECT record_key, 'incumbent named as the candidate for the seat',
       office_key || ' ' || session || ' ' || match_key
FROM incumbent_record WHERE filer_id IS NULL AND family_key <> '' AND office_key IS NOT NULL
UNION
SELECT record_key, 'incumbent named as the candidate for the seat',
       office_key || ' '
       || CASE WHEN election_kind = 'GENERAL' THEN year(election_date) + 1
               ELSE session_of(election_date) END
       || ' ' || match_key
FROM candidate_record
WHERE election_kind IN ('GENERAL', 'SPECIAL ELECTION', 'SPECIAL RUNOFF', 'RECALL') AND family_key <> ''
  AND office_key IS NOT NULL AND election_date IS NOT NULL;

-- A token links records only when two or more carry it (and, for a seat, when an incumbent is one of them).
CREATE OR REPLACE TEMP TABLE person_link AS
SELECT token.record_key, token.kind, token.token
FROM person_token AS token
JOIN (
    SELECT kind, token FROM person_token
    GROUP BY kind, token
    HAVING count(DISTINCT record_key) > 1
       AND (kind <> 'incumbent named as the candidate for the seat'
            OR bool_or(record_key LIKE 'incumbent|%'))
) AS shared USING (kind, token);

CREATE OR REPLACE TEMP TABLE person_label AS
SELECT record_key, record_key AS cluster FROM person_record;
