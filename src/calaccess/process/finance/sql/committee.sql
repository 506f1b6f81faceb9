-- Builds ocd.committee for every committee of committee_filer (committee_filer.sql), with its identifiers,
-- other names, statuses and sources; the measure committees the elections made are the same committees
-- (same id, committee_id_of(filer id)): they are updated and given the children they lack, never made twice.
-- From: committee_filer, committee_printed, filing_filer, raw.filername_cd, raw.filer_to_filer_type_cd,
-- raw.filer_types_cd, raw.lookup_codes_cd, raw.cvr_campaign_disclosure_cd, raw.cvr_so_cd, raw.cvr_f470_cd,
-- raw.cvr_e530_cd, the export's URL (variable export_url).
-- Rules:
--   * name: the latest FILERNAME_CD name (by EFFECT_DT), else the name its measure detail page prints, else
--     the name the latest cover it filed prints, else the name printed beside its id on the latest line that
--     names it; else it says plainly that the export holds none: 'Filer 1234567 (name not in the export)'.
--     A committee of a filing that names no filer is 'Unknown filer of filing 123' (or the name its cover
--     prints, for a cover with a name and no filer id), its extras saying why; each nameless committee is a
--     finding;
--   * committee_type: the filer type of its latest FILER_TO_FILER_TYPE_CD row (by EFFECT_DT), lower case
--     ('recipient committee'), else FILERNAME_CD's; the category and sub-category decoded in extras;
--   * other names: every FILERNAME_CD name with its dates (from its EFFECT_DT to the next name's), the
--     measure page's name and the names its covers print where they differ from those;
--   * statuses: each FILER_TO_FILER_TYPE_CD row (ACTIVE Y active, T terminated, N inactive; another letter
--     kept as written), each FILERNAME_CD status, and the Form 410 covers' qualification and termination dates;
--   * sources: the export, naming how the committee is known (the measure committees keep their page).

CREATE OR REPLACE TEMP TABLE committee_filer_name AS
SELECT
    coalesce(alias.filer_id, CAST(named.filer_id AS VARCHAR)) AS filer_id,
    printed_name(named.naml, named.namf, named.namt, named.nams) AS name,
    TRY_CAST(named.effect_dt AS DATE) AS effect_date,
    upper(trim(named.status)) AS status,
    upper(trim(named.filer_type)) AS filer_type
FROM raw.filername_cd AS named
LEFT JOIN filer_alias AS alias ON alias.written_id = CAST(named.filer_id AS VARCHAR)
WHERE named.filer_id IS NOT NULL;

-- the names the covers of its own filings print (latest version of each filing)
CREATE OR REPLACE TEMP TABLE committee_cover_name AS
WITH cover AS (
    SELECT filing_id, amend_id, printed_name(filer_naml, filer_namf, filer_namt, filer_nams) AS name,
           TRY_CAST(rpt_date AS DATE) AS report_date
    FROM raw.cvr_campaign_disclosure_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(filer_naml, filer_namf, filer_namt, filer_nams),
           TRY_CAST(rpt_date AS DATE) FROM raw.cvr_so_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(filer_naml, filer_namf, filer_namt, filer_nams),
           TRY_CAST(rpt_date AS DATE) FROM raw.cvr_f470_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(filer_naml, filer_namf, filer_namt, filer_nams),
           TRY_CAST(rpt_date AS DATE) FROM raw.cvr_e530_cd
),
-- one cover row per filing: its latest version's; where that version has two cover rows (two cover
-- tables, or one printed twice) the latest dated, then the first name, so every run picks the same one
latest_cover AS (
    SELECT filing_id, name, report_date FROM cover WHERE name IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY filing_id ORDER BY amend_id DESC, report_date DESC NULLS LAST, name) = 1
)
SELECT filer.committee_id, latest_cover.filing_id, latest_cover.name, latest_cover.report_date
FROM latest_cover
JOIN filing_filer USING (filing_id)
JOIN committee_filer AS filer
  ON filer.committee_id = filing_filer.filer_ocd_id AND filing_filer.filer_kind = 'committee';

CREATE OR REPLACE TEMP TABLE committee_type_row AS
SELECT
    coalesce(alias.filer_id, CAST(typed.filer_id AS VARCHAR)) AS filer_id,
    typed.filer_type,
    lower(trim(kind.description)) AS filer_type_text,
    CASE upper(trim(typed.active)) WHEN 'Y' THEN 'active' WHEN 'T' THEN 'terminated' WHEN 'N' THEN 'inactive'
         ELSE 'ACTIVE ' || coalesce(trim(typed.active), 'empty') END AS status,
    typed.session_id,
    TRY_CAST(typed.effect_dt AS DATE) AS effect_date,
    nullif(typed.category, 0) AS category,
    category.code_desc AS category_text,
    nullif(typed.sub_category, 0) AS sub_category,
    sub_category.code_desc AS sub_category_text,
    sub_category_type.code_desc AS sub_category_type_text
FROM raw.filer_to_filer_type_cd AS typed
LEFT JOIN filer_alias AS alias ON alias.written_id = CAST(typed.filer_id AS VARCHAR)
LEFT JOIN raw.filer_types_cd AS kind ON kind.filer_type = typed.filer_type
LEFT JOIN raw.lookup_codes_cd AS category ON category.code_id = typed.category AND typed.category <> 0
LEFT JOIN raw.lookup_codes_cd AS sub_category
  ON sub_category.code_id = typed.sub_category AND typed.sub_category <> 0
LEFT JOIN raw.lookup_codes_cd AS sub_category_type
  ON sub_category_type.code_id = typed.sub_category_type AND typed.sub_category_type <> 0
WHERE typed.filer_id IS NOT NULL AND typed.filer_type IN (10, 12, 16);

CREATE OR REPLACE TEMP TABLE committee_plan AS
WITH latest_name AS (
    SELECT filer_id, arg_max(name, (effect_date, name)) AS name
    FROM committee_filer_name WHERE name IS NOT NULL GROUP BY filer_id
),
latest_cover_name AS (
    SELECT committee_id, arg_max(name, (report_date, filing_id)) AS name,
           arg_max(filing_id, (report_date, filing_id)) AS filing_id
    FROM committee_cover_name GROUP BY committee_id
),
latest_printed_name AS (
    SELECT filer_id, arg_max(name, (report_date, filing_id, amend_id, name)) AS name,
           arg_max(filing_id, (report_date, filing_id, amend_id, name)) AS filing_id
    FROM committee_printed WHERE filer_id IS NOT NULL AND name IS NOT NULL GROUP BY filer_id
),
latest_type AS (
    SELECT filer_id, arg_max(committee_type_row, (effect_date, session_id, filer_type)) AS typed
    FROM committee_type_row GROUP BY filer_id
),
named_type AS (
    SELECT filer_id, lower(arg_max(filer_type, (effect_date, filer_type))) AS filer_type_text
    FROM committee_filer_name
    WHERE filer_type IN ('MAJOR DONOR/INDEPENDENT EXPENDITURE COMMITTEE', 'SLATE MAILER ORGANIZATIONS',
                         'RECIPIENT COMMITTEE')
    GROUP BY filer_id
)
SELECT
    filer.committee_id,
    filer.filer_id,
    filer.unknown_filing_id,
    filer.evidence,
    existing.id IS NOT NULL AS made_by_measures,
    existing.name AS page_name,
    CASE
        WHEN latest_name.name IS NOT NULL THEN latest_name.name
        WHEN existing.id IS NOT NULL THEN existing.name
        WHEN latest_cover_name.name IS NOT NULL THEN latest_cover_name.name
        WHEN latest_printed_name.name IS NOT NULL THEN latest_printed_name.name
        WHEN filer.filer_id IS NOT NULL THEN 'Filer ' || filer.filer_id || ' (name not in the export)'
        ELSE 'Unknown filer of filing ' || CAST(filer.unknown_filing_id AS VARCHAR)
    END AS name,
    CASE
        WHEN latest_name.name IS NOT NULL THEN 'FILERNAME_CD'
        WHEN existing.id IS NOT NULL THEN 'measure detail page'
        WHEN latest_cover_name.name IS NOT NULL
            THEN 'cover of filing ' || CAST(latest_cover_name.filing_id AS VARCHAR)
        WHEN latest_printed_name.name IS NOT NULL
            THEN 'printed beside its id on filing ' || CAST(latest_printed_name.filing_id AS VARCHAR)
    END AS name_from,
    coalesce(latest_type.typed.filer_type_text, named_type.filer_type_text) AS committee_type,
    latest_type.typed AS typed
FROM committee_filer AS filer
LEFT JOIN ocd.committee AS existing ON existing.id = filer.committee_id
LEFT JOIN latest_name ON latest_name.filer_id = filer.filer_id
LEFT JOIN latest_cover_name ON latest_cover_name.committee_id = filer.committee_id
LEFT JOIN latest_printed_name ON latest_printed_name.filer_id = filer.filer_id
LEFT JOIN latest_type ON latest_type.filer_id = filer.filer_id
LEFT JOIN named_type ON named_type.filer_id = filer.filer_id;

CREATE OR REPLACE TEMP MACRO committee_extras(plan) AS (
    json_object(
        'filer_id', plan.filer_id,
        'known_as_committee_by', plan.evidence,
        'name_from', coalesce(plan.name_from, 'none: the export holds no name for it'),
        'filer_type', plan.typed.filer_type,
        'category', plan.typed.category_text,
        'sub_category', plan.typed.sub_category_text,
        'sub_category_type', plan.typed.sub_category_type_text,
        'unknown_filer_of_filing', plan.unknown_filing_id,
        'why', CASE WHEN plan.unknown_filing_id IS NOT NULL
                    THEN 'the export names no filer for this filing (no FILER_FILINGS_CD row, no cover page '
                         || 'with a filer id): it stands for whoever filed it' END)
);

UPDATE ocd.committee AS committee
SET name = plan.name,
    committee_type = plan.committee_type,
    extras = json_merge_patch(committee.extras, committee_extras(plan))
FROM committee_plan AS plan
WHERE plan.committee_id = committee.id AND plan.made_by_measures;

INSERT INTO ocd.committee (id, name, committee_type, jurisdiction_id, extras)
SELECT committee_id, name, committee_type, 'ocd-jurisdiction/country:us/state:ca/government',
       committee_extras(committee_plan)
FROM committee_plan
WHERE NOT made_by_measures;

INSERT INTO ocd.committee_identifier (committee_id, scheme, identifier)
SELECT committee_id, 'calaccess_filer_id', filer_id
FROM committee_plan
WHERE filer_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM ocd.committee_identifier AS known
    WHERE known.committee_id = committee_plan.committee_id AND known.scheme = 'calaccess_filer_id')
ORDER BY ALL;

INSERT INTO ocd.committee_other_name (committee_id, name, note, start_date, end_date)
WITH filer_names AS (
    SELECT plan.committee_id, named.name, named.effect_date, named.filer_type,
           lead(named.effect_date) OVER (PARTITION BY named.filer_id ORDER BY named.effect_date, named.name)
               AS next_date
    FROM committee_filer_name AS named
    JOIN committee_plan AS plan ON plan.filer_id = named.filer_id
    WHERE named.name IS NOT NULL
),
known AS (
    SELECT committee_id, name FROM filer_names
    UNION SELECT committee_id, name FROM committee_plan
),
page_names AS (
    SELECT committee_id, page_name AS name FROM committee_plan
    WHERE made_by_measures AND page_name IS DISTINCT FROM name
),
cover_names AS (
    SELECT committee_id, name, min(report_date) AS first_date, max(report_date) AS last_date,
           count(DISTINCT filing_id) AS filings
    FROM committee_cover_name GROUP BY committee_id, name
)
SELECT committee_id, name, 'FILERNAME_CD (' || lower(coalesce(filer_type, 'no filer type')) || ')',
       strftime(effect_date, '%Y-%m-%d'), strftime(next_date, '%Y-%m-%d')
FROM filer_names
UNION ALL
SELECT committee_id, name, 'measure detail page', NULL, NULL
FROM page_names
UNION ALL
SELECT cover_names.committee_id, cover_names.name,
       'as its own covers print it (' || cover_names.filings || ' filings)',
       strftime(first_date, '%Y-%m-%d'), strftime(last_date, '%Y-%m-%d')
FROM cover_names
WHERE NOT EXISTS (SELECT 1 FROM known WHERE known.committee_id = cover_names.committee_id
                                        AND known.name = cover_names.name)
ORDER BY ALL;

INSERT INTO ocd.committee_status (committee_id, classification, note, start_date, end_date)
WITH typed AS (
    SELECT plan.committee_id, typed.status, typed.filer_type_text, typed.session_id, typed.effect_date,
           lead(typed.effect_date) OVER (PARTITION BY typed.filer_id ORDER BY typed.effect_date, typed.session_id)
               AS next_date
    FROM committee_type_row AS typed
    JOIN committee_plan AS plan ON plan.filer_id = typed.filer_id
),
named AS (
    SELECT plan.committee_id, lower(named.status) AS status, named.effect_date
    FROM committee_filer_name AS named
    JOIN committee_plan AS plan ON plan.filer_id = named.filer_id
    WHERE named.status IS NOT NULL AND named.filer_type IN (
        'MAJOR DONOR/INDEPENDENT EXPENDITURE COMMITTEE', 'SLATE MAILER ORGANIZATIONS', 'RECIPIENT COMMITTEE')
),
form410 AS (
    SELECT filing_id, arg_max(TRY_CAST(qualfy_dt AS DATE), amend_id) AS qualified_date,
           arg_max(TRY_CAST(term_date AS DATE), amend_id) AS terminated_date
    FROM raw.cvr_so_cd WHERE filing_id IS NOT NULL GROUP BY filing_id
),
form410_of AS (
    SELECT plan.committee_id, form410.*
    FROM form410
    JOIN filing_filer USING (filing_id)
    JOIN committee_plan AS plan ON plan.committee_id = filing_filer.filer_ocd_id
)
SELECT DISTINCT committee_id, [status], 'FILER_TO_FILER_TYPE_CD: ' || coalesce(filer_type_text, '')
       || ', session ' || coalesce(CAST(session_id AS VARCHAR), 'unknown'), effect_date, next_date
FROM typed
UNION ALL
SELECT DISTINCT committee_id, [status], 'FILERNAME_CD', effect_date, NULL FROM named
UNION ALL
SELECT DISTINCT committee_id, ['qualified'], 'Form 410 (statement of organization), filing '
       || CAST(filing_id AS VARCHAR), qualified_date, terminated_date
FROM form410_of WHERE qualified_date IS NOT NULL
UNION ALL
SELECT DISTINCT committee_id, ['terminated'], 'Form 410 (statement of organization), filing '
       || CAST(filing_id AS VARCHAR), terminated_date, NULL
FROM form410_of WHERE terminated_date IS NOT NULL
ORDER BY ALL;

INSERT INTO ocd.committee_source (committee_id, url, note)
SELECT committee_id, getvariable('export_url'),
       'CAL-ACCESS export: ' || CASE WHEN filer_id IS NULL THEN 'a filing that names no filer'
                                     ELSE array_to_string(evidence, ', ') END
FROM committee_plan
WHERE filer_id IS NULL OR len(list_filter(evidence, lambda e: e <> 'measure detail page')) > 0
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'committee name unknown', CASE WHEN filer_id IS NOT NULL THEN 'filer ' || filer_id
                                      ELSE 'filing ' || CAST(unknown_filing_id AS VARCHAR) END,
       CASE WHEN filer_id IS NOT NULL
            THEN 'no FILERNAME_CD name, measure page, cover or line prints its name: named ''' || name || ''''
            ELSE 'the filing names no filer and prints no name: named ''' || name || '''' END
FROM committee_plan
WHERE name_from IS NULL
ORDER BY ALL;
