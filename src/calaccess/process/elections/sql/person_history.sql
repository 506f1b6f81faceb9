-- Builds person_history (TEMP): every record of the people (clusters of person_link, settled) whose whole
-- name, normalised, another person also carries; with what tells one career from another: when, which
-- office, which contest, the occasion as the reasons print it, the source, and the record's filer ids.
-- A name printed without a given name (`STARCHILD`) is keyed by its family name, with whole_name false:
-- such people are never joined by name, only reported.
-- The people step (namesakes.py) reads it to join one person's records across elections, or say why not.
-- From: person_record, person_label (settled), parsed_name, candidate_record, incumbent_record,
-- candidate_record_filer.

CREATE OR REPLACE TEMP TABLE person_history AS
WITH named AS (
    SELECT
        label.cluster,
        record.*,
        -- one key per name text (two 501 spellings of one text would otherwise repeat the record)
        (SELECT max(parsed.full_name_key) FROM parsed_name AS parsed
         WHERE parsed.name_source = record.name_source AND parsed.name_text = record.name_text) AS full_name_key
    FROM person_label AS label JOIN person_record AS record USING (record_key)
),
keyed AS (
    SELECT *, coalesce(nullif(full_name_key, ''), nullif(family_key, '')) AS name_key,
           coalesce(full_name_key, '') <> '' AS whole_name
    FROM named
),
shared_name AS (
    SELECT name_key FROM keyed WHERE name_key IS NOT NULL
    GROUP BY name_key HAVING count(DISTINCT cluster) > 1
),
record_filer AS (
    SELECT record_key, list(DISTINCT filer_id ORDER BY filer_id) AS filer_ids
    FROM (SELECT record_key, filer_id FROM candidate_record_filer
          UNION SELECT record_key, filer_id FROM incumbent_record WHERE filer_id IS NOT NULL)
    GROUP BY record_key
)
SELECT
    keyed.record_key,
    keyed.cluster,
    keyed.seen_on,
    keyed.office_key,
    keyed.contest_id,
    coalesce(candidate.election_name, incumbent.session || '-' || right(CAST(incumbent.session + 1 AS VARCHAR), 2)
             || ' session', CAST(year(keyed.seen_on) AS VARCHAR)) AS occasion,
    keyed.name_key,
    keyed.whole_name,
    keyed.name_printed,
    keyed.source,
    record_filer.filer_ids
FROM keyed
LEFT JOIN candidate_record AS candidate USING (record_key)
LEFT JOIN incumbent_record AS incumbent USING (record_key)
LEFT JOIN record_filer USING (record_key)
WHERE keyed.cluster IN (SELECT keyed.cluster FROM keyed JOIN shared_name USING (name_key))
  AND keyed.seen_on IS NOT NULL;
