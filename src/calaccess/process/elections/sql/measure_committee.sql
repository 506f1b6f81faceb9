-- Builds the measure committees' positions: ocd.committee rows for the committees the measure detail pages
-- list (the first committees the stage makes each run; campaign finance, a later step, enriches them,
-- keyed the same way) and ocd.committee_ballot_measure_option_supported, one row per committee, measure and
-- position.
-- extras.made_by = 'process' is provenance only: nothing reads it (the stage owns ocd.committee whole).
-- From: scraped.measure_committees, measure_plan (ballot measures) and recall_plan (recall questions).
-- Rules: a committee's id is committee_id_of(filer id), so campaign finance finds the same committee; SUPPORT
-- supports the option 'yes', OPPOSE the option 'no'; a committee is named as its most recent page names it.
CREATE OR REPLACE TEMP TABLE measure_position AS
WITH contest AS (
    SELECT measure_id, contest_id FROM measure_plan WHERE election_id IS NOT NULL
    UNION ALL
    SELECT measure_id, contest_id FROM recall_plan WHERE person_id IS NOT NULL
)
SELECT
    committee.measure_id,
    committee.filer_id,
    committee.committee_id AS printed_committee_id,
    trim(committee.name) AS name,
    upper(trim(committee.position)) AS position,
    committee.source_url,
    contest.contest_id,
    committee_id_of(committee.filer_id) AS committee_ocd_id
FROM scraped.measure_committees AS committee
LEFT JOIN contest USING (measure_id);

INSERT INTO ocd.committee (id, name, jurisdiction_id, extras)
SELECT committee_ocd_id, arg_max(name, measure_id), 'ocd-jurisdiction/country:us/state:ca/government',
       json_object('made_by', 'process', 'filer_id', filer_id)
FROM measure_position
WHERE contest_id IS NOT NULL AND committee_ocd_id NOT IN (SELECT id FROM ocd.committee)
GROUP BY committee_ocd_id, filer_id;

INSERT INTO ocd.committee_identifier (committee_id, scheme, identifier)
SELECT DISTINCT committee_ocd_id, 'calaccess_filer_id', CAST(filer_id AS VARCHAR)
FROM measure_position AS position
JOIN ocd.committee AS committee ON committee.id = position.committee_ocd_id
ORDER BY ALL;

INSERT INTO ocd.committee_source (committee_id, url, note)
SELECT DISTINCT committee_ocd_id, source_url, 'measure detail page'
FROM measure_position AS position
JOIN ocd.committee AS committee ON committee.id = position.committee_ocd_id
WHERE position.source_url IS NOT NULL
ORDER BY ALL;

INSERT INTO ocd.committee_ballot_measure_option_supported (committee_id, ballot_measure_contest_id, option)
SELECT DISTINCT committee_ocd_id, contest_id, CASE position WHEN 'SUPPORT' THEN 'yes' WHEN 'OPPOSE' THEN 'no' END
FROM measure_position
WHERE contest_id IS NOT NULL AND position IN ('SUPPORT', 'OPPOSE')
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'measure committee set aside', CAST(filer_id AS VARCHAR) || ' on measure ' || CAST(measure_id AS VARCHAR),
       CASE WHEN contest_id IS NULL THEN 'the measure has no contest' ELSE 'position ' || position || ' is neither SUPPORT nor OPPOSE' END
FROM measure_position
WHERE contest_id IS NULL OR position NOT IN ('SUPPORT', 'OPPOSE');
