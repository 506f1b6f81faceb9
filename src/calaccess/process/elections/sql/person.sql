-- Builds ocd.person (with identifiers, other names and sources), person_of_record (TEMP: each record's
-- person, for the candidacy and membership steps), meta.person_merge (every merge and its reason) and
-- meta.person_id_replacement (every id a record of a person would have had on its own, and the person's id
-- that replaces it).
-- From: person_record, person_link and the settled person_label (person_link.sql, the joins across
-- elections of namesakes.py, person_label_step.sql), candidate_record_filer, incumbent_record, parsed_name.
-- Rules:
--   * id: a person with filer ids is keyed by the smallest of them (as a number), so every run and every
--     published version gives the same id as long as that filer id exists. A person known only by name is
--     keyed by the name (family and given name keys) and its first record (its first contest, or its first
--     seat and session). Records join the person of their first record (namesakes.py joins the later to
--     the earlier), so a later election's records keep a person's id; an id changes only when a person
--     gains a smaller filer id (or its first, where it had none), or when two people are found to be one;
--   * meta.person_id_replacement: each record's id alone (the id of a person made of that record only: what
--     an earlier version, holding fewer of the records or linking fewer of them, could have published),
--     where it is no person's id now, with the person's id that replaces it and why. Built from the data on
--     every run, so it holds every id the records imply, not a log of past versions;
--   * name: the most recent record's, preferring the website's printing over a 501's; other names: every
--     other way the sources print it; identifiers: every filer id, as the export or the site writes it.

-- The one id rule, for a whole person and for a record alone: the smallest filer id, else name and place.
CREATE OR REPLACE TEMP MACRO person_id_of(first_filer_id, match_key, first_place) AS (
    CASE WHEN first_filer_id IS NOT NULL THEN make_id('person', ['filer id', first_filer_id])
         ELSE make_id('person', ['name', match_key, first_place]) END
);

-- Every filer id each record is known by: canonical (the id the export now uses, after FILER_XREF_CD) or as
-- written (an older id a 501 or a page used); only canonical ids key a person.
CREATE OR REPLACE TEMP TABLE person_record_filer AS
SELECT DISTINCT record_key, filer_id, canonical
FROM (SELECT record_key, filer_id, true AS canonical FROM candidate_record_filer
      UNION ALL SELECT record_key, filer_id, true FROM incumbent_record WHERE filer_id IS NOT NULL
      UNION ALL SELECT record_key, written_filer_id, false FROM incumbent_record WHERE written_filer_id IS NOT NULL
      UNION ALL SELECT record_key, written_filer_id, false FROM scraped_candidate WHERE written_filer_id IS NOT NULL
      UNION ALL SELECT link.record_key, filing.written_filer_id, false FROM candidate_record_form501 AS link
                JOIN form501_candidate AS filing USING (filing_id) WHERE filing.written_filer_id IS NOT NULL);

-- Each record's own key parts: its smallest canonical filer id, its name key and its place (contest, or
-- seat and year). A person's are those of its records: the smallest filer id, the first record's name.
CREATE OR REPLACE TEMP TABLE person_record_key AS
SELECT
    record.record_key,
    record.seen_on,
    record.match_key,
    coalesce(record.contest_id, record.office_key || ' ' || year(record.seen_on)) AS place,
    (SELECT filer.filer_id FROM person_record_filer AS filer
     WHERE filer.record_key = record.record_key AND filer.canonical
     ORDER BY TRY_CAST(filer.filer_id AS BIGINT) NULLS LAST, filer.filer_id LIMIT 1) AS first_filer_id
FROM person_record AS record;

-- Every filer id a cluster is known by.
CREATE OR REPLACE TEMP TABLE person_cluster_filer AS
SELECT DISTINCT label.cluster, filer.filer_id, filer.canonical
FROM person_label AS label JOIN person_record_filer AS filer USING (record_key);

CREATE OR REPLACE TEMP TABLE person_of_record AS
WITH cluster_key AS (
    SELECT
        label.cluster,
        (SELECT filer.filer_id FROM person_cluster_filer AS filer
         WHERE filer.cluster = label.cluster AND filer.canonical
         ORDER BY TRY_CAST(filer.filer_id AS BIGINT) NULLS LAST, filer.filer_id LIMIT 1) AS first_filer_id,
        arg_min(record.place, (record.seen_on, record.record_key)) AS first_place,
        arg_min(record.match_key, (record.seen_on, record.record_key)) AS first_match_key,
        min(record.seen_on) AS first_seen
    FROM person_label AS label JOIN person_record_key AS record USING (record_key)
    GROUP BY label.cluster
)
SELECT
    label.record_key,
    label.cluster,
    person_id_of(cluster_key.first_filer_id, cluster_key.first_match_key, cluster_key.first_place) AS person_id,
    cluster_key.first_filer_id,
    cluster_key.first_seen
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
JOIN (SELECT DISTINCT cluster, person_id FROM person_of_record) AS person USING (cluster)
ORDER BY ALL;  -- child rows keep their insertion order in exports: make it the same every run

INSERT INTO ocd.person_other_name (person_id, name, note)
SELECT person.person_id, record.name_printed,
       'as ' || string_agg(DISTINCT record.source, ' and ' ORDER BY record.source) || ' prints it'
FROM person_of_record AS person
JOIN person_record AS record USING (record_key)
JOIN ocd.person AS ocd_person ON ocd_person.id = person.person_id
WHERE record.name_printed IS NOT NULL AND record.name_printed <> ''
  AND record.name_printed <> ocd_person.name AND record.name_printed <> coalesce(ocd_person.sort_name, '')
GROUP BY person.person_id, record.name_printed
ORDER BY ALL;

INSERT INTO ocd.person_source (person_id, url, note)
SELECT person.person_id, record.source_url, string_agg(DISTINCT record.source, ' and ' ORDER BY record.source)
FROM person_of_record AS person JOIN person_record AS record USING (record_key)
WHERE record.source_url IS NOT NULL
GROUP BY person.person_id, record.source_url
ORDER BY ALL;

-- Every record that joined another, with the facts that joined it.
INSERT INTO meta.person_merge BY NAME
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

-- One finding per merged person (thousands on the sample).
INSERT INTO process_finding
SELECT 'person merged', person_id,
       count(*) || ' records (' || string_agg(DISTINCT source, ', ' ORDER BY source) || '): '
       || string_agg(DISTINCT reason, '; ' ORDER BY reason)
FROM meta.person_merge
GROUP BY person_id;

-- The id each record would have alone, where no person has it now: retired, and replaced by its person's.
INSERT INTO meta.person_id_replacement BY NAME
WITH retired AS (
    SELECT
        person_id_of(alone.first_filer_id, alone.match_key, alone.place) AS retired_id,
        alone.first_filer_id AS retired_filer_id,
        person.person_id AS replaced_by,
        person.first_filer_id,
        person.first_seen,
        alone.record_key
    FROM person_record_key AS alone JOIN person_of_record AS person USING (record_key)
)
SELECT
    retired.retired_id,
    retired.replaced_by,
    CASE
        WHEN any_value(retired.retired_filer_id) IS NOT NULL
            THEN 'keyed by filer id ' || any_value(retired.retired_filer_id) || '; its person has the smaller filer id '
                 || any_value(retired.first_filer_id)
        WHEN any_value(retired.first_filer_id) IS NOT NULL
            THEN 'keyed by name; its person has filer id ' || any_value(retired.first_filer_id)
        ELSE 'keyed by name; its person is keyed by its first record (seen '
             || strftime(any_value(retired.first_seen), '%Y-%m-%d') || ')'
    END || coalesce(' (joined by ' || string_agg(DISTINCT merge_kind.kind, ', ' ORDER BY merge_kind.kind) || ')', '')
        AS reason,
    getvariable('process_run_id') AS run_id
FROM retired
LEFT JOIN (SELECT record_key, unnest(reason_kinds) AS kind FROM meta.person_merge) AS merge_kind USING (record_key)
WHERE retired.retired_id <> retired.replaced_by
  AND retired.retired_id NOT IN (SELECT id FROM ocd.person)
GROUP BY retired.retired_id, retired.replaced_by;

-- A retired id is one record's, and a record is one person's; an id that two people replace would be a bug.
INSERT INTO process_finding
SELECT 'person id replaced twice', retired_id, string_agg(replaced_by, ', ' ORDER BY replaced_by)
FROM meta.person_id_replacement
GROUP BY retired_id HAVING count(*) > 1;
