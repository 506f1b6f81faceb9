-- Builds lobbying_filing_filer (TEMP, read by the lobbying forms): one row per lobbying filing, with the
-- filer id that filed it.
-- From: filing_form (filing_version.sql), raw.filer_filings_cd, the lobbying covers
-- (raw.cvr_registration_cd, raw.cvr_lobby_disclosure_cd), filer_alias (the elections' FILER_XREF_CD map).
-- Rules:
--   * a lobbying filing: one whose form is a lobbying one (filing_form.domain), or that a lobbying cover
--     records (its form may be unknown to forms.csv);
--   * the filer: FILER_FILINGS_CD.FILER_ID, the state's own index (several: the smallest); else the
--     FILER_ID printed on the latest cover, resolved through FILER_XREF_CD where it is an older id; else
--     unknown (NULL), never guessed.

CREATE OR REPLACE TEMP TABLE lobbying_filing_filer AS
WITH cover AS (
    SELECT filing_id, arg_max(written, amend_id) AS written
    FROM (
        SELECT filing_id, amend_id, nullif(trim(filer_id), '') AS written FROM raw.cvr_registration_cd
        UNION ALL
        SELECT filing_id, amend_id, nullif(trim(filer_id), '') FROM raw.cvr_lobby_disclosure_cd
    )
    WHERE filing_id IS NOT NULL AND written IS NOT NULL
    GROUP BY filing_id
),
lobbying AS (
    SELECT filing_id FROM filing_form WHERE domain = 'lobbying'
    UNION
    SELECT filing_id FROM cover
),
indexed AS (
    SELECT filing_id, CAST(min(filer_id) AS VARCHAR) AS filer_id
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND filer_id IS NOT NULL
    GROUP BY filing_id
)
SELECT
    lobbying.filing_id,
    coalesce(indexed.filer_id, alias.filer_id, cover.written) AS filer_id,
    CASE WHEN indexed.filer_id IS NOT NULL THEN 'filer_filings'
         WHEN alias.filer_id IS NOT NULL THEN 'cover, through FILER_XREF_CD'
         WHEN cover.written IS NOT NULL THEN 'cover'
         ELSE 'unknown' END AS filer_from
FROM lobbying
LEFT JOIN indexed USING (filing_id)
LEFT JOIN cover USING (filing_id)
LEFT JOIN filer_alias AS alias ON alias.written_id = cover.written;
