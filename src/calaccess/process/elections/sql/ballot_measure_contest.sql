-- Builds ocd.ballot_measure_contest (with options, identifiers and sources): one contest per statewide
-- ballot measure on the measure lists, recall questions excepted (they are retention contests).
-- From: scraped.measures, measure_election and election_lookup (the election each list heading names),
-- the reference file measure-classifications.csv.
-- Rules: id make_id('ballot_measure_contest', [measure id]); options yes and no; the full title is the
-- description; the name is 'Proposition N' when the title starts with one; the classification is that of
-- the first pattern (by priority) the title matches, none when none does (a finding).
CREATE OR REPLACE TEMP TABLE measure_plan AS
WITH measure AS (
    SELECT measure_id, session, trim(election_name) AS election_name, election_date,
           regexp_replace(trim(name), '\s+', ' ', 'g') AS title, source_url
    FROM scraped.measures
    WHERE upper(name) NOT LIKE '%RECALL%'
    QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY session DESC, election_date DESC) = 1
),
pattern AS (
    SELECT TRY_CAST(priority AS INTEGER) AS priority, pattern, classification
    FROM read_csv(getvariable('measure_classifications_csv'), header = true, all_varchar = true)
),
classified AS (
    SELECT measure.measure_id, arg_min(pattern.classification, pattern.priority) AS classification
    FROM measure JOIN pattern ON regexp_matches(upper(measure.title), pattern.pattern)
    GROUP BY measure.measure_id
)
SELECT
    measure.*,
    make_id('ballot_measure_contest', [CAST(measure.measure_id AS VARCHAR)]) AS contest_id,
    CASE WHEN regexp_matches(upper(measure.title), '^PROP(OSITION)?\.?\s*[0-9]+[A-Z]?\b')
         THEN 'Proposition ' || ltrim(regexp_extract(upper(measure.title), '^PROP(OSITION)?\.?\s*([0-9]+[A-Z]?)', 2), '0')
         ELSE measure.title END AS contest_name,
    classified.classification,
    election.election_id
FROM measure
LEFT JOIN classified USING (measure_id)
LEFT JOIN measure_election AS listed
  ON listed.election_name = measure.election_name AND listed.election_date = measure.election_date
LEFT JOIN election_lookup AS election ON election.name = listed.name AND election.date = measure.election_date;

INSERT INTO ocd.ballot_measure_contest
    (id, name, division_id, election_id, description, requirement, classification, extras)
SELECT contest_id, contest_name, 'ocd-division/country:us/state:ca', election_id, title, NULL, classification,
       json_object('measure_id', measure_id, 'session', session, 'listed_under', election_name)
FROM measure_plan WHERE election_id IS NOT NULL;

INSERT INTO ocd.ballot_measure_contest_option (contest_id, text)
SELECT contest_id, unnest(['yes', 'no']) FROM measure_plan WHERE election_id IS NOT NULL;

INSERT INTO ocd.ballot_measure_contest_identifier (contest_id, scheme, identifier)
SELECT contest_id, 'calaccess_measure_id', CAST(measure_id AS VARCHAR) FROM measure_plan WHERE election_id IS NOT NULL;

INSERT INTO ocd.ballot_measure_contest_source (contest_id, url, note)
SELECT DISTINCT plan.contest_id, measure.source_url, 'measure list'
FROM measure_plan AS plan JOIN scraped.measures AS measure USING (measure_id)
WHERE plan.election_id IS NOT NULL AND measure.source_url IS NOT NULL
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'measure classification unknown', contest_name, 'no pattern of measure-classifications.csv matches: ' || title
FROM measure_plan WHERE election_id IS NOT NULL AND classification IS NULL;

INSERT INTO process_finding
SELECT 'measure without election', contest_name,
       'listed under ' || election_name || ', which names no election with that date; set aside'
FROM measure_plan WHERE election_id IS NULL;
