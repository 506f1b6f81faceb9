-- Builds filing_filer (TEMP, shared by the finance steps): one row per campaign filing, with the filer that
-- filed it and the OCD record that stands for that filer.
-- From: filing_form and filing_version (filing_version.sql), raw.filer_filings_cd, the cover pages,
-- filer_alias (the elections' FILER_XREF_CD map, written id -> canonical filer id), raw.filer_to_filer_type_cd,
-- raw.filername_cd, ocd.person_identifier.
-- Rules:
--   * the filer: FILER_FILINGS_CD.FILER_ID, the state's own index (several: the smallest, and a finding);
--     else the FILER_ID printed on the latest cover, resolved through FILER_XREF_CD where it is an older id;
--     else unknown: the filing gets a committee of its own, keyed by the filing, never a guessed filer;
--   * the OCD record: a Person where the filer is a candidate or officeholder (filer type 8, or named so in
--     FILERNAME_CD, or the form is one only candidates file: 501, 502, 470) and an ocd.person carries its
--     filer id; every other filer is a Committee, `committee_id_of(filer id)`.

CREATE OR REPLACE TEMP TABLE filing_filer AS
WITH campaign AS (
    SELECT filing_id, form_id FROM filing_form WHERE domain = 'campaign'
),
indexed AS (
    SELECT filing_id, CAST(min(filer_id) AS VARCHAR) AS filer_id, count(DISTINCT filer_id) AS filers
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND filer_id IS NOT NULL
    GROUP BY filing_id
),
cover AS (
    SELECT filing_id, arg_max(written, amend_id) AS written
    FROM (
        SELECT filing_id, amend_id, nullif(trim(filer_id), '') AS written FROM raw.cvr_campaign_disclosure_cd
        UNION ALL SELECT filing_id, amend_id, nullif(trim(filer_id), '') FROM raw.cvr_so_cd
        UNION ALL SELECT filing_id, amend_id, nullif(trim(filer_id), '') FROM raw.cvr_f470_cd
        UNION ALL SELECT filing_id, amend_id, nullif(trim(CAST(filer_id AS VARCHAR)), '') FROM raw.f501_502_cd
    )
    WHERE filing_id IS NOT NULL AND written IS NOT NULL
    GROUP BY filing_id
),
resolved AS (
    SELECT
        campaign.filing_id,
        campaign.form_id,
        coalesce(indexed.filer_id, alias.filer_id, cover.written) AS filer_id,
        CASE WHEN indexed.filer_id IS NOT NULL THEN 'filer_filings'
             WHEN alias.filer_id IS NOT NULL THEN 'cover, through FILER_XREF_CD'
             WHEN cover.written IS NOT NULL THEN 'cover'
             ELSE 'unknown' END AS filer_from,
        cover.written AS written_filer_id,
        coalesce(indexed.filers, 0) AS indexed_filers
    FROM campaign
    LEFT JOIN indexed USING (filing_id)
    LEFT JOIN cover USING (filing_id)
    LEFT JOIN filer_alias AS alias ON alias.written_id = cover.written
),
candidate_filer AS (
    SELECT DISTINCT CAST(filer_id AS VARCHAR) AS filer_id FROM raw.filer_to_filer_type_cd WHERE filer_type = 8
    UNION
    SELECT DISTINCT CAST(filer_id AS VARCHAR) FROM raw.filername_cd
    WHERE upper(trim(filer_type)) = 'CANDIDATE/OFFICEHOLDER'
),
person_of_filer AS (
    SELECT identifier AS filer_id, min(person_id) AS person_id
    FROM ocd.person_identifier
    WHERE scheme = 'calaccess_filer_id'
    GROUP BY identifier
)
SELECT
    resolved.filing_id,
    resolved.form_id,
    resolved.filer_id,
    resolved.filer_from,
    resolved.written_filer_id,
    resolved.indexed_filers,
    CASE WHEN resolved.filer_id IS NULL THEN unknown_filer_committee_id_of(resolved.filing_id)
         WHEN person.person_id IS NOT NULL
              AND (resolved.form_id IN ('F501', 'F502', 'F470') OR candidate.filer_id IS NOT NULL)
         THEN person.person_id
         ELSE committee_id_of(resolved.filer_id) END AS filer_ocd_id,
    CASE WHEN resolved.filer_id IS NOT NULL AND person.person_id IS NOT NULL
              AND (resolved.form_id IN ('F501', 'F502', 'F470') OR candidate.filer_id IS NOT NULL)
         THEN 'person' ELSE 'committee' END AS filer_kind
FROM resolved
LEFT JOIN person_of_filer AS person ON person.filer_id = resolved.filer_id
LEFT JOIN candidate_filer AS candidate ON candidate.filer_id = resolved.filer_id;

INSERT INTO process_finding
SELECT 'filing with several filers', 'filing ' || CAST(filing_id AS VARCHAR),
       'FILER_FILINGS_CD names ' || CAST(indexed_filers AS VARCHAR) || ' filer ids; the smallest, '
       || filer_id || ', is taken'
FROM filing_filer
WHERE indexed_filers > 1;
