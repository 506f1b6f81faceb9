-- Builds the political parties: ocd.organization rows classified 'party' (with their lookup codes as
-- identifiers and the export's spellings as other names), and the TEMP table party_decode that later steps
-- use to turn a party code or a party as written into a party id.
-- From: raw.lookup_codes_cd (code_type 16000, the party codes), the free-text raw.f501_502_cd.party, and the
-- reference spellings in party-spellings.csv (its path in the variable party_spellings_csv).
-- Rule: one spelling per party. A code's description and a written party both go through the same spelling
-- map, so 'DEMOCRATIC', 'Democrat' and 'D' are one Democratic Party ('No Party Preference' is spelled one
-- way, 'Decline to State' is its own); N/A and UNKNOWN decode to no party
-- (status unknown), NON PARTISAN to no party because the office has none (status nonpartisan). A lookup
-- description the map does not know still makes a party, named as the export writes it (and a finding).

CREATE OR REPLACE TEMP MACRO party_spelling_key(written) AS (
    nullif(trim(regexp_replace(replace(upper(written), '&', ' AND '), '[^A-Z]+', ' ', 'g')), '')
);

CREATE OR REPLACE TEMP TABLE party_spelling AS
SELECT DISTINCT party_spelling_key(spelling) AS spelling_key, nullif(trim(party), '') AS party_name, status
FROM read_csv(getvariable('party_spellings_csv'), header = true, all_varchar = true)
WHERE party_spelling_key(spelling) IS NOT NULL;

CREATE OR REPLACE TEMP TABLE party_decode AS
WITH lookup_code AS (
    SELECT DISTINCT CAST(code_id AS BIGINT) AS code_id, trim(code_desc) AS code_desc
    FROM raw.lookup_codes_cd
    WHERE CAST(code_type AS BIGINT) = 16000 AND CAST(code_id AS BIGINT) <> 16000  -- 16000 is the list's title
),
decoded_code AS (
    SELECT
        'lookup_code' AS source,
        CAST(lookup_code.code_id AS VARCHAR) AS code,
        lookup_code.code_desc AS written,
        coalesce(spelling.status, 'party') AS status,
        CASE WHEN spelling.spelling_key IS NULL THEN lookup_code.code_desc ELSE spelling.party_name END
            AS party_name,
        spelling.spelling_key IS NULL AS unmapped
    FROM lookup_code
    LEFT JOIN party_spelling AS spelling ON spelling.spelling_key = party_spelling_key(lookup_code.code_desc)
),
decoded_spelling AS (
    SELECT 'spelling' AS source, spelling_key AS code, spelling_key AS written, status, party_name,
           false AS unmapped
    FROM party_spelling
)
SELECT
    source, code, written, status, party_name,
    CASE WHEN status = 'party' THEN organization_id_of('party', party_name) END AS party_id,
    unmapped
FROM (SELECT * FROM decoded_code UNION ALL SELECT * FROM decoded_spelling);

-- Each way Form 501s write a party, decoded (status unknown when the spelling map does not know it).
CREATE OR REPLACE TEMP TABLE party_written_in_501 AS
SELECT
    written_in_501.written,
    coalesce(decode.status, 'unknown') AS status,
    decode.party_name,
    decode.party_id,
    decode.code IS NULL AS unmapped
FROM (
    SELECT DISTINCT trim(party) AS written FROM raw.f501_502_cd WHERE party_spelling_key(party) IS NOT NULL
) AS written_in_501
LEFT JOIN party_decode AS decode
    ON decode.source = 'spelling' AND decode.code = party_spelling_key(written_in_501.written);

-- The parties the export names: every decoded lookup code, and every spelling some Form 501 writes.
CREATE OR REPLACE TEMP TABLE party_in_export AS
SELECT party_id, party_name, 'LOOKUP_CODES_CD' AS written_in, written, code
FROM party_decode
WHERE source = 'lookup_code' AND status = 'party'
UNION ALL
SELECT party_id, party_name, 'F501_502_CD.PARTY', written, NULL
FROM party_written_in_501
WHERE status = 'party';

DELETE FROM ocd.organization_identifier
WHERE organization_id IN (SELECT id FROM ocd.organization WHERE classification = 'party');
DELETE FROM ocd.organization_other_name
WHERE organization_id IN (SELECT id FROM ocd.organization WHERE classification = 'party');
DELETE FROM ocd.organization_source
WHERE organization_id IN (SELECT id FROM ocd.organization WHERE classification = 'party');
DELETE FROM ocd.organization WHERE classification = 'party';

INSERT INTO ocd.organization (id, name, classification)
SELECT DISTINCT party_id, party_name, 'party' FROM party_in_export;

INSERT INTO ocd.organization_identifier (organization_id, scheme, identifier)
SELECT DISTINCT party_id, 'calaccess_lookup_code', code FROM party_in_export WHERE code IS NOT NULL
ORDER BY ALL;

-- Other names: each way the export writes the party, unless it is the party's name itself.
INSERT INTO ocd.organization_other_name (organization_id, name, note)
SELECT party_id, written, 'as ' || string_agg(DISTINCT written_in, ' and ' ORDER BY written_in) || ' writes it'
FROM party_in_export
WHERE written <> party_name
GROUP BY party_id, written
ORDER BY ALL;

INSERT INTO process_finding (kind, subject, detail)
SELECT 'party spelling unmapped', 'LOOKUP_CODES_CD ' || code,
       '"' || written || '" is not in party-spellings.csv: kept as its own party'
FROM party_decode WHERE unmapped
UNION ALL
SELECT 'party spelling unmapped', 'F501_502_CD.PARTY',
       '"' || written || '" is not in party-spellings.csv: decoded as unknown'
FROM party_written_in_501 WHERE unmapped;
