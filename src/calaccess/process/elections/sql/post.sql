-- Builds ocd.post and post_lookup (TEMP, one row per post for later steps): every state office that appears
-- in the sources, linked to the body it sits in and the division it represents.
-- From: the offices of scraped.candidates, scraped.incumbents and scraped.elections (a special's office),
-- the state offices Form 501s declare (form501_race), and the reference file offices.csv.
-- Rule: an office is read into one canonical key (office_key: 'ASSEMBLY 12', 'STATE SENATE 1', 'GOVERNOR');
-- Assembly N sits in the Assembly and represents sldl:N, State Senate N the Senate and sldu:N, Board of
-- Equalization N the Board and board_of_equalization:N, a statewide office the executive branch and the
-- state. An office text that reads as no state office is set aside as a finding.
CREATE OR REPLACE TEMP TABLE office_mention AS
SELECT office AS office_text, office_key(office) AS office_key, 'certified candidates page' AS source
FROM scraped.candidates
UNION ALL
SELECT office, office_key(office), 'incumbents page' FROM scraped.incumbents
UNION ALL
SELECT office, office_key(office), 'election name' FROM scraped.elections WHERE office IS NOT NULL
UNION ALL
SELECT office_name || coalesce(' ' || district, ''), office_key, 'form 501'
FROM form501_race WHERE office_key IS NOT NULL AND is_latest;

CREATE OR REPLACE TEMP TABLE post_lookup AS
WITH office AS (
    SELECT * FROM read_csv(getvariable('offices_csv'), header = true, all_varchar = true)
),
body AS (
    SELECT * FROM read_csv(getvariable('organizations_csv'), header = true, all_varchar = true)
),
appearing AS (
    SELECT office_key, list(DISTINCT source ORDER BY source) AS sources
    FROM office_mention WHERE office_key IS NOT NULL GROUP BY office_key
),
placed AS (
    SELECT
        appearing.office_key,
        appearing.sources,
        office.office,
        office.role,
        office.division_type,
        TRY_CAST(regexp_extract(appearing.office_key, ' ([0-9]+)$', 1) AS INTEGER) AS district,
        office.label,
        TRY_CAST(office.seats AS INTEGER) AS seats,
        organization_id_of(body.kind, body.name) AS organization_id
    FROM appearing
    JOIN office ON appearing.office_key = office.office
        OR regexp_replace(appearing.office_key, ' [0-9]+$', '') = office.office
    JOIN body ON body.kind = office.organization_kind
)
SELECT
    office_key,
    make_id('post', [office_key]) AS post_id,
    replace(label, '{n}', coalesce(CAST(district AS VARCHAR), '')) AS label,
    role,
    organization_id,
    CASE WHEN division_type IS NULL THEN 'ocd-division/country:us/state:ca'
         ELSE 'ocd-division/country:us/state:ca/' || division_type || ':' || district END AS division_id,
    district,
    seats,
    sources
FROM placed
-- a district number beyond the body's seats (ASSEMBLY 81) is no office: set aside below
WHERE district IS NULL OR district BETWEEN 1 AND seats;

INSERT INTO ocd.post (id, label, role, organization_id, division_id, maximum_memberships, extras)
SELECT post_id, label, role, organization_id, division_id, 1, json_object('office', office_key, 'sources', sources)
FROM post_lookup;

INSERT INTO process_finding
SELECT 'office not a state office', office_text,
       count(*) || ' mention(s) in ' || string_agg(DISTINCT source, ', ' ORDER BY source) || '; set aside'
FROM office_mention
WHERE office_key IS NULL OR office_key NOT IN (SELECT office_key FROM post_lookup)
GROUP BY office_text;

INSERT INTO process_finding
SELECT 'post division missing', post_id, division_id || ' is not in divisions-ca.csv'
FROM post_lookup WHERE division_id NOT IN (SELECT id FROM ocd.division);
