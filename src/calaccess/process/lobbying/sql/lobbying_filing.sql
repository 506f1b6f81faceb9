-- Builds ocd.filing for every lobbying filing (filing_form.domain 'lobbying'): registrations (Forms 601-607)
-- and reports (615, 625, 635, 645), with its identifier and what it says was lobbied.
-- From: lobbying_filing_filer, lobbying_filer, lobbying_cover (lobbying_filer.sql), filing_form and
-- filing_version (the finance versions step), raw.filer_filings_cd, raw.lpay_cd, raw.lemp_cd,
-- raw.cvr2_registration_cd.
-- Rules:
--   * id filing_id_of(FILING_ID) (a filing is of one domain: no campaign filing has the id); classification
--     the form ('F635'); filer the lobbying filer's record (an Organization, or a Person for a lobbyist;
--     filer_type says which), or the filing's own unknown filer; recipient the Secretary of State;
--   * coverage: the latest cover's FROM_DATE / THRU_DATE (reports); else a registration's legislative session
--     (LS_BEG_YR Jan 1 to LS_END_YR Dec 31); else FILER_FILINGS_CD's RPT_START / RPT_END
--     (extras.coverage_from says which);
--   * what was lobbied (extras.lobbied; OCD has no field for it): the latest version's activity text, as
--     printed (the report cover's LBY_ACTVTY, the payments' LBY_ACTVTY on a firm's report, a registration's
--     client interests, LEMP_CD.DESCRIP), the agencies named (LEMP_CD.AGENCYLIST, a certification's
--     ST_AGENCY, the agencies a Form 603 lists in CVR2_REGISTRATION_CD), and the bills read from those texts where they are written as a bill number (AB 982,
--     SB 1881, ACA 5, 'ASSEMBLY BILL 107'), spelled one way ('AB 982'). The texts stay as printed: the bill
--     list is a reading of them, not a replacement.

CREATE OR REPLACE TEMP MACRO bill_numbers(text) AS (
    list_distinct(list_transform(
        regexp_extract_all(
            regexp_replace(regexp_replace(upper(text), 'ASSEMBLY\s+BILL\s*(NO\.?|NUMBER|#|:)?\s*', 'AB ', 'g'),
                           'SENATE\s+BILL\s*(NO\.?|NUMBER|#|:)?\s*', 'SB ', 'g'),
            '\b(AB|SB|ACA|SCA|ACR|SCR|AJR|SJR|ABX[0-9]|SBX[0-9])\s*[-#.]?\s*([0-9]{1,4})\b'),
        lambda bill: regexp_replace(regexp_replace(bill, '[^A-Z0-9]', '', 'g'), '^(AB|SB|ACA|SCA|ACR|SCR|AJR|SJR|ABX[0-9]|SBX[0-9])0*([0-9]+)$', '\1 \2')))
);

CREATE OR REPLACE TEMP TABLE lobbying_filing_version AS
SELECT version.*
FROM filing_version AS version
SEMI JOIN lobbying_filing_filer USING (filing_id);

CREATE OR REPLACE TEMP TABLE lobbied_text AS
WITH latest AS (
    SELECT filing_id, max(amend_id) AS amend_id FROM lobbying_filing_version GROUP BY filing_id
),
printed AS (
    SELECT filing_id, amend_id, 'activity' AS what, calaccess_table || ' LBY_ACTVTY' AS source, activity AS text
    FROM lobbying_cover WHERE activity IS NOT NULL
    UNION ALL
    SELECT filing_id, amend_id, 'agencies', calaccess_table || ' ST_AGENCY', agencies
    FROM lobbying_cover WHERE agencies IS NOT NULL
    UNION ALL
    SELECT filing_id, amend_id, 'activity', 'lpay_cd LBY_ACTVTY', nullif(trim(lby_actvty), '') FROM raw.lpay_cd
    UNION ALL
    SELECT filing_id, amend_id, 'activity', 'lemp_cd DESCRIP', nullif(trim(descrip), '') FROM raw.lemp_cd
    UNION ALL
    SELECT filing_id, amend_id, 'agencies', 'lemp_cd AGENCYLIST', nullif(trim(agencylist), '') FROM raw.lemp_cd
    UNION ALL
    -- the state agencies an employer's registration (Form 603) names
    SELECT filing_id, amend_id, 'agencies', 'cvr2_registration_cd AGY',
           printed_name(enty_naml, enty_namf, enty_namt, enty_nams)
    FROM raw.cvr2_registration_cd WHERE upper(trim(entity_cd)) = 'AGY'
)
SELECT DISTINCT printed.filing_id, printed.what, printed.source, printed.text
FROM printed
JOIN latest USING (filing_id, amend_id)
WHERE printed.text IS NOT NULL;

CREATE OR REPLACE TEMP TABLE lobbying_filing_plan AS
WITH latest AS (
    SELECT filing_id, max(amend_id) AS latest_amend_id, count(*) AS versions
    FROM lobbying_filing_version GROUP BY filing_id
),
reported AS (
    SELECT filing_id, arg_max(from_date, (amend_id, from_date, thru_date)) AS from_date,
           arg_max(thru_date, (amend_id, from_date, thru_date)) AS thru_date,
           max(amend_id) AS amend_id
    FROM lobbying_cover WHERE from_date IS NOT NULL OR thru_date IS NOT NULL GROUP BY filing_id
),
registered AS (
    SELECT filing_id, arg_max(session_first_year, (amend_id, session_first_year)) AS first_year,
           arg_max(coalesce(session_last_year, session_first_year + 1), (amend_id, session_first_year)) AS last_year,
           max(amend_id) AS amend_id
    FROM lobbying_cover WHERE session_first_year BETWEEN 1970 AND 2100 GROUP BY filing_id
),
indexed AS (
    SELECT filing_id, arg_max(TRY_CAST(rpt_start AS DATE), (filing_sequence, rpt_start, rpt_end)) AS from_date,
           arg_max(TRY_CAST(rpt_end AS DATE), (filing_sequence, rpt_start, rpt_end)) AS thru_date
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND (rpt_start IS NOT NULL OR rpt_end IS NOT NULL)
    GROUP BY filing_id
),
lobbied AS (
    SELECT filing_id,
           list({'what': what, 'source': source, 'text': text} ORDER BY what, source, text) AS texts,
           list_sort(list_distinct(flatten(list(bill_numbers(text))))) AS bills
    FROM lobbied_text
    GROUP BY filing_id
)
SELECT
    filer.filing_id,
    filing_id_of(filer.filing_id) AS id,
    coalesce(form.form_id, 'unknown') AS classification,
    form.form_title,
    form.form_from,
    filer.filer_id,
    filer.filer_from,
    filer.written_filer_id,
    CASE WHEN filer.filer_id IS NULL THEN 'organization' ELSE kind.ocd_kind END AS filer_type,
    CASE WHEN filer.filer_id IS NULL THEN unknown_lobbying_filer_id_of(filer.filing_id) ELSE kind.ocd_id END
        AS filer_ocd_id,
    coalesce(kind.kind, 'unknown') AS filer_kind,
    latest.latest_amend_id,
    latest.versions,
    coalesce(reported.from_date, make_date(registered.first_year, 1, 1), indexed.from_date) AS from_date,
    coalesce(reported.thru_date, make_date(registered.last_year, 12, 31), indexed.thru_date) AS thru_date,
    CASE WHEN reported.filing_id IS NOT NULL THEN 'cover of amendment ' || reported.amend_id
         WHEN registered.filing_id IS NOT NULL THEN 'the legislative session of amendment ' || registered.amend_id
         WHEN indexed.filing_id IS NOT NULL THEN 'FILER_FILINGS_CD' END AS coverage_from,
    lobbied.texts AS lobbied_texts,
    lobbied.bills
FROM lobbying_filing_filer AS filer
JOIN filing_form AS form USING (filing_id)
JOIN latest USING (filing_id)
LEFT JOIN lobbying_filer AS kind ON kind.filer_id = filer.filer_id
LEFT JOIN reported USING (filing_id)
LEFT JOIN registered USING (filing_id)
LEFT JOIN indexed USING (filing_id)
LEFT JOIN lobbied USING (filing_id);

INSERT INTO ocd.filing
    (id, classification, filer_type, filer_id, coverage_start_date, coverage_end_date, recipient_id, extras)
SELECT
    id, classification, filer_type, filer_ocd_id, from_date, thru_date,
    organization_id_of('secretary_of_state', 'California Secretary of State'),
    json_object(
        'domain', 'lobbying',
        'calaccess_filing_id', filing_id,
        'form_title', form_title,
        'form_from', form_from,
        'filer_id', filer_id,
        'filer_from', filer_from,
        'filer_id_as_written', written_filer_id,
        'filer_kind', filer_kind,
        'latest_amend_id', latest_amend_id,
        'versions', versions,
        'coverage_from', coverage_from,
        'lobbied', CASE WHEN lobbied_texts IS NOT NULL THEN json_object('texts', lobbied_texts, 'bills', bills) END)
FROM lobbying_filing_plan
ORDER BY id;

INSERT INTO ocd.filing_identifier (filing_id, scheme, identifier)
SELECT id, 'calaccess_filing_id', CAST(filing_id AS VARCHAR) FROM lobbying_filing_plan ORDER BY ALL;
