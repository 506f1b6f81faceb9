-- Builds ocd.division: every Open Civic Data division of the United States and California that the
-- reference file divisions-ca.csv (compiled from opencivicdata/ocd-division-ids) lists: the state, its
-- Senate (sldu), Assembly (sldl), congressional (cd) and Board of Equalization districts, counties, places.
-- Rule: one row per id, spelled as the file spells it; sameAs becomes redirect_id, validThrough
-- valid_through, and the census and Open States codes travel in extras.

INSERT INTO ocd.division (id, name, country, redirect_id, valid_through, extras)
WITH listed AS (
    SELECT * FROM read_csv(getvariable('divisions_csv'), header = true, all_varchar = true)
)
SELECT
    id,
    name,
    'us' AS country,
    nullif(trim(sameAs), '') AS redirect_id,
    nullif(trim(validThrough), '') AS valid_through,
    json_object(
        'census_geoid', nullif(census_geoid, ''),
        'census_geoid_12', nullif(census_geoid_12, ''),
        'census_geoid_14', nullif(census_geoid_14, ''),
        'openstates_district', nullif(openstates_district, ''),
        'sch_dist_stateid', nullif(sch_dist_stateid, '')
    ) AS extras
FROM listed
QUALIFY row_number() OVER (PARTITION BY id ORDER BY name) = 1;

INSERT INTO process_finding
SELECT 'duplicate division id', id, count(*) || ' rows in divisions-ca.csv; the first by name is kept'
FROM read_csv(getvariable('divisions_csv'), header = true, all_varchar = true)
GROUP BY id HAVING count(*) > 1;
