-- Builds form501_race (TEMP, shared with the candidacies step): for every version of every Form 501/502 in
-- raw.f501_502_cd that names a state office, the race it declares: office (as a canonical office key),
-- election year and election type, decoded through raw.lookup_codes_cd (30000 offices, 3000 election types,
-- 17000 districts).
-- Rule: a district office (Assembly, State Senate, Board of Equalization) takes its district from DISTRICT_CD
-- through the lookup, else from DIST_NO; a row whose office is a state office but whose district cannot be
-- read, or whose office is local, has a NULL office_key (it declares no state race). `is_latest` marks the
-- highest AMEND_ID of each filing, the version in force.
CREATE OR REPLACE TEMP TABLE form501_race AS
WITH code AS (
    SELECT TRY_CAST(code_type AS INTEGER) AS code_type, TRY_CAST(code_id AS INTEGER) AS code_id,
           trim(code_desc) AS code_desc
    FROM raw.lookup_codes_cd
),
statement AS (
    SELECT
        TRY_CAST(f.filing_id AS BIGINT) AS filing_id,
        TRY_CAST(f.amend_id AS INTEGER) AS amend_id,
        f.form_type,
        trim(CAST(f.filer_id AS VARCHAR)) AS filer_id,
        TRY_CAST(f.office_cd AS INTEGER) AS office_cd,
        TRY_CAST(f.elec_type AS INTEGER) AS elec_type_cd,
        TRY_CAST(f.yr_of_elec AS INTEGER) AS year,
        TRY_CAST(f.district_cd AS INTEGER) AS district_cd,
        nullif(trim(CAST(f.dist_no AS VARCHAR)), '') AS dist_no
    FROM raw.f501_502_cd AS f
),
decoded AS (
    SELECT
        statement.*,
        office.code_desc AS office_name,
        election_type.code_desc AS election_type,
        coalesce(
            CASE WHEN regexp_matches(district.code_desc, '^[0-9]+$') THEN district.code_desc END,
            CASE WHEN regexp_matches(statement.dist_no, '^[0-9]+$') THEN statement.dist_no END
        ) AS district
    FROM statement
    LEFT JOIN code AS office ON office.code_type = 30000 AND office.code_id = statement.office_cd
    LEFT JOIN code AS election_type ON election_type.code_type = 3000 AND election_type.code_id = statement.elec_type_cd
    LEFT JOIN code AS district ON district.code_type = 17000 AND district.code_id = statement.district_cd
)
SELECT
    filing_id,
    amend_id,
    form_type,
    filer_id,
    office_cd,
    office_name,
    district,
    coalesce(office_key(office_name), office_key(office_name || ' ' || district)) AS office_key,
    -- 'MEMBER BOARD OF EQUALIZATION' with no district, or an office code the lookup cannot decode
    office_key(office_name) IS NULL AND office_key(office_name || ' 1') IS NOT NULL AND district IS NULL
        AS district_missing,
    year,
    elec_type_cd,
    election_type,
    amend_id = max(amend_id) OVER (PARTITION BY filing_id) AS is_latest
FROM decoded;

INSERT INTO process_finding
SELECT 'form 501 district unreadable', 'raw.f501_502_cd',
       count(*) || ' statement versions name a district office whose district code the lookup lacks'
FROM form501_race WHERE district_missing
HAVING count(*) > 0;
