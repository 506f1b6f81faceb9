-- Builds filing_version and filing_form (TEMP, shared by the finance and lobbying steps): every version of
-- every filing the export records, which is current, and each filing's form.
-- From: recorded_version (written by versions.py: a row per version and raw table that records it, from
-- every table of the registry with FILING_ID and AMEND_ID, with each row's FORM_TYPE), raw.filer_filings_cd,
-- the cover pages, forms.csv.
-- Rules:
--   * a version is a (FILING_ID, AMEND_ID) that any of those tables records; the latest version of a filing
--     is the highest AMEND_ID any of them records for it (not the covers' alone: items whose cover is
--     missing stay with their filing);
--   * a filing that only FILER_FILINGS_CD indexes (no table records its content) is kept, with its
--     FILING_SEQUENCE as the amendment number: the one place that number stands in for AMEND_ID;
--   * a row whose AMEND_ID does not read as a number is set aside (a finding), never guessed;
--   * the form: the cover page's FORM_TYPE (latest version with a cover), else FILER_FILINGS_CD.FORM_ID,
--     else the form of the schedules its items carry (schedule A of Form 460, F497P1 of Form 497, ...);
--     its title and domain from forms.csv (a form of group CAMPAIGN, or a deprecated 400-series form, is
--     campaign; LOBBYIST, or a deprecated 600-series form, is lobbying; the rest other).

CREATE OR REPLACE TEMP TABLE filing_version AS
WITH recorded AS (
    SELECT filing_id, amend_id, list(DISTINCT calaccess_table ORDER BY calaccess_table) AS tables,
           sum(row_count) AS row_count
    FROM recorded_version
    WHERE filing_id IS NOT NULL AND amend_id IS NOT NULL
    GROUP BY filing_id, amend_id
),
indexed_only AS (
    SELECT DISTINCT filing_id, coalesce(filing_sequence, 0) AS amend_id, ['filer_filings_cd'] AS tables,
           0 AS row_count
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND filing_id NOT IN (SELECT filing_id FROM recorded)
),
every_version AS (
    SELECT *, 'recorded' AS version_from FROM recorded
    UNION ALL
    SELECT *, 'filer_filings sequence' FROM indexed_only
)
SELECT
    filing_id,
    amend_id,
    tables,
    row_count,
    version_from,
    amend_id = max(amend_id) OVER (PARTITION BY filing_id) AS is_current
FROM every_version;

INSERT INTO process_finding
SELECT 'filing version unreadable', calaccess_table || ' filing ' || CAST(filing_id AS VARCHAR),
       'a row whose AMEND_ID does not read as a number: set aside from the versions'
FROM recorded_version
WHERE filing_id IS NOT NULL AND amend_id IS NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP MACRO form_key(form) AS (
    nullif(regexp_extract(upper(trim(form)), '^([A-Z]+[0-9]+)', 1), '')
);

CREATE OR REPLACE TEMP TABLE filing_form AS
WITH cover_form AS (
    SELECT filing_id, arg_max(form_key(form_type), amend_id) AS form_id
    FROM (
        SELECT filing_id, amend_id, form_type FROM raw.cvr_campaign_disclosure_cd
        UNION ALL SELECT filing_id, amend_id, form_type FROM raw.cvr_so_cd
        UNION ALL SELECT filing_id, amend_id, form_type FROM raw.cvr_e530_cd
        UNION ALL SELECT filing_id, amend_id, form_type FROM raw.cvr_f470_cd
        UNION ALL SELECT filing_id, amend_id, form_type FROM raw.f501_502_cd
        UNION ALL SELECT filing_id, amend_id, form_type FROM raw.cvr_lobby_disclosure_cd
        UNION ALL SELECT filing_id, amend_id, form_type FROM raw.cvr_registration_cd
    )
    WHERE filing_id IS NOT NULL AND form_key(form_type) IS NOT NULL
    GROUP BY filing_id
),
indexed_form AS (
    SELECT filing_id, arg_max(form_key(form_id), coalesce(filing_sequence, 0)) AS form_id
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND form_key(form_id) IS NOT NULL
    GROUP BY filing_id
),
schedule_form (schedule, form_id) AS (
    VALUES ('A', 'F460'), ('B1', 'F460'), ('B2', 'F460'), ('B3', 'F460'), ('C', 'F460'), ('D', 'F460'),
           ('E', 'F460'), ('F', 'F460'), ('G', 'F460'), ('H', 'F460'), ('H1', 'F460'), ('H2', 'F460'),
           ('H3', 'F460'), ('I', 'F460'), ('F461P5', 'F461'), ('F465P3', 'F465'), ('F450P5', 'F450'),
           ('F496', 'F496'), ('F496P3', 'F496'), ('F497P1', 'F497'), ('F497P2', 'F497'), ('F498-A', 'F498'),
           ('F498-R', 'F498'), ('F401A', 'F401'), ('F401B', 'F401'), ('F401B-1', 'F401'), ('F401C', 'F401'),
           ('F401D', 'F401'), ('E530', 'E530'), ('F900', 'F900'),
           -- a lobbying coalition's payments received, a part of its Form 635 (forms.csv spells it S635C)
           ('S635-C', 'F635')
),
forms AS (
    SELECT form_id, title, "group" AS form_group
    FROM read_csv(getvariable('forms_csv'), header = true, all_varchar = true)
),
-- what each row's FORM_TYPE says of its form: a schedule of one (A is Form 460's), or the form itself or a
-- part of it (F460, F635P3A, S640)
schedules_form AS (
    SELECT filing_id, arg_max(form_id, (lines, form_id)) AS form_id
    FROM (
        SELECT recorded.filing_id, coalesce(schedule_form.form_id, forms.form_id) AS form_id,
               sum(recorded.row_count) AS lines
        FROM recorded_version AS recorded
        LEFT JOIN schedule_form ON schedule_form.schedule = recorded.form_type
        LEFT JOIN forms ON forms.form_id = form_key(recorded.form_type)
        WHERE recorded.filing_id IS NOT NULL AND coalesce(schedule_form.form_id, forms.form_id) IS NOT NULL
        GROUP BY ALL
    )
    GROUP BY filing_id
),
chosen AS (
    SELECT
        filing.filing_id,
        coalesce(cover_form.form_id, indexed_form.form_id, schedules_form.form_id) AS form_id,
        CASE WHEN cover_form.form_id IS NOT NULL THEN 'cover'
             WHEN indexed_form.form_id IS NOT NULL THEN 'filer_filings'
             WHEN schedules_form.form_id IS NOT NULL THEN 'schedules' END AS form_from
    FROM (SELECT DISTINCT filing_id FROM filing_version) AS filing
    LEFT JOIN cover_form USING (filing_id)
    LEFT JOIN indexed_form USING (filing_id)
    LEFT JOIN schedules_form USING (filing_id)
)
SELECT
    chosen.filing_id,
    chosen.form_id,
    chosen.form_from,
    forms.title AS form_title,
    CASE WHEN forms.form_group = 'CAMPAIGN' THEN 'campaign'
         WHEN forms.form_group = 'LOBBYIST' THEN 'lobbying'
         WHEN forms.form_group = 'Deprecated' AND chosen.form_id LIKE 'F4%' THEN 'campaign'
         WHEN forms.form_group = 'Deprecated' AND chosen.form_id LIKE 'F6%' THEN 'lobbying'
         ELSE 'other' END AS domain
FROM chosen
LEFT JOIN forms USING (form_id);

INSERT INTO process_finding
SELECT 'filing form unknown', 'filing ' || CAST(filing_id AS VARCHAR),
       CASE WHEN form_id IS NULL THEN 'no cover, index row or schedule says which form it is'
            ELSE 'form ' || form_id || ' is not in forms.csv' END
FROM filing_form
WHERE form_title IS NULL;
