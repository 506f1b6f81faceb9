-- Builds ocd.person (with identifiers, other names and sources), person_of_record (TEMP: each record's
-- person, for the candidacy and membership steps) and meta.person_merge (every merge and its reason).
-- From: person_record, person_link and the settled person_label (person_link.sql, person_label_step.sql),
-- candidate_record_filer, incumbent_record, parsed_name.
-- Rules:
--   * id: a person with filer ids is keyed by the smallest of them (as a number), so every run and every
--     published version gives the same id as long as that filer id exists. A person known only by name is
--     keyed by the name (family and given name keys) and the first record it appears in (its first contest,
--     or its first seat and session): honest but weaker, since the id changes if a filer id later appears;
--   * name: the most recent record's, preferring the website's printing over a 501's; other names: every
--     other way the sources print it; identifiers: every filer id, as the export or the site writes it.

-- Every filer id a cluster is known by: canonical (the id the export now uses, after FILER_XREF_CD) or as
-- written (an older id a 501 or a page used); only canonical ids key a person.
CREATE OR REPLACE TEMP TABLE person_cluster_filer AS
SELECT DISTINCT label.cluster, filer.filer_id, filer.canonical
FROM person_label AS label
JOIN (SELECT record_key, filer_id, true AS canonical FROM candidate_record_filer
      UNION ALL SELECT record_key, filer_id, true FROM incumbent_record WHERE filer_id IS NOT NULL
      UNION ALL SELECT record_key, written_filer_id, false FROM incumbent_record WHERE written_filer_id IS NOT NULL
      UNION ALL SELECT record_key, written_filer_id, false FROM scraped_candidate WHERE written_filer_id IS NOT NULL
      UNION ALL SELECT link.record_key, filing.written_filer_id, false FROM candidate_record_form501 AS link
                JOIN form501_candidate AS filing USING (filing_id) WHERE filing.written_filer_id IS NOT NULL
) AS filer USING (record_key);

CREATE OR REPLACE TEMP TABLE person_of_record AS
WITH cluster_key AS (
    SELECT
        label.cluster,
        (SELECT filer.filer_id FROM person_cluster_filer AS filer
         WHERE filer.cluster = label.cluster AND filer.canonical
         ORDER BY TRY_CAST(filer.filer_id AS BIGINT) NULLS LAST, filer.filer_id LIMIT 1) AS first_filer_id,
        arg_min(coalesce(record.contest_id, record.office_key || ' ' || year(record.seen_on)),
                (record.seen_on, record.record_key)) AS first_place,
        arg_min(record.match_key, (record.seen_on, record.record_key)) AS first_match_key
    FROM person_label AS label JOIN person_record AS record USING (record_key)
    GROUP BY label.cluster
)
SELECT
    label.record_key,
    label.cluster,
    CASE WHEN cluster_key.first_filer_id IS NOT NULL
         THEN make_id('person', ['filer id', cluster_key.first_filer_id])
         ELSE make_id('person', ['name', cluster_key.first_match_key, cluster_key.first_place]) END AS person_id
FROM person_label AS label JOIN cluster_key USING (cluster);

CREATE OR REPLACE TEMP TABLE person_chosen_name AS
SELECT
    person.person_id,
    arg_max(record.name_source, (record.name_source = 'printed', record.seen_on, record.record_key)) AS name_source,
    arg_max(record.name_text, (record.name_source = 'printed', record.seen_on, record.record_key)) AS name_text
FROM person_of_record AS person JOIN person_record AS record USING (record_key)
GROUP BY person.person_id;

INSERT INTO ocd.person (id, name, sort_name, family_name, given_name, extras)
SELECT
    chosen.person_id,
    coalesce(nullif(parsed.name, ''), chosen.name_text),
    nullif(parsed.sort_name, ''),
    nullif(parsed.family_name, ''),
    nullif(parsed.given_name, ''),
    json_object('records', records.record_count)
FROM person_chosen_name AS chosen
LEFT JOIN parsed_name AS parsed USING (name_source, name_text)
JOIN (SELECT person_id, count(*) AS record_count FROM person_of_record GROUP BY person_id) AS records USING (person_id);

INSERT INTO ocd.person_identifier (person_id, scheme, identifier)
SELECT DISTINCT person.person_id, 'calaccess_filer_id', filer.filer_id
FROM person_cluster_filer AS filer
JOIN (SELECT DISTINCT cluster, person_id FROM person_of_record) AS person USING (cluster);

INSERT INTO ocd.person_other_name (person_id, name, note)
SELECT person.person_id, record.name_printed,
       'as ' || string_agg(DISTINCT record.source, ' and ' ORDER BY record.source) || ' prints it'
FROM person_of_record AS person
JOIN person_record AS record USING (record_key)
JOIN ocd.person AS ocd_person ON ocd_person.id = person.person_id
WHERE record.name_printed IS NOT NULL AND record.name_printed <> ''
  AND record.name_printed <> ocd_person.name AND record.name_printed <> coalesce(ocd_person.sort_name, '')
GROUP BY person.person_id, record.name_printed;

INSERT INTO ocd.person_source (person_id, url, note)
SELECT person.person_id, record.source_url, string_agg(DISTINCT record.source, ' and ' ORDER BY record.source)
FROM person_of_record AS person JOIN person_record AS record USING (record_key)
WHERE record.source_url IS NOT NULL
GROUP BY person.person_id, record.source_url;

-- Every record that joined another, with the facts that joined it.
CREATE OR REPLACE TABLE meta.person_merge AS
SELECT
    person.person_id,
    person.record_key,
    record.source,
    record.name_printed,
    string_agg(DISTINCT link.kind || ' ' || link.token, '; ' ORDER BY link.kind || ' ' || link.token) AS reason,
    list(DISTINCT link.kind ORDER BY link.kind) AS reason_kinds,
    getvariable('process_run_id') AS run_id
FROM person_of_record AS person
JOIN person_record AS record USING (record_key)
JOIN person_link AS link USING (record_key)
WHERE person.person_id IN (SELECT person_id FROM person_of_record GROUP BY person_id HAVING count(*) > 1)
GROUP BY person.person_id, person.record_key, record.source, record.name_printed;

-- One finding per merged person, written in one statement (there are thousands).
INSERT INTO meta.finding (stage, kind, subject, detail, run_id)
SELECT getvariable('process_stage'), 'person merged', person_id,
       count(*) || ' records (' || string_agg(DISTINCT source, ', ' ORDER BY source) || '): '
       || string_agg(DISTINCT reason, '; ' ORDER BY reason),
       getvariable('process_run_id')
FROM meta.person_merge
GROUP BY person_id;
