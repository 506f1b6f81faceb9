-- Builds ocd.filing, one per campaign filing (filing_form.domain 'campaign'), with its identifier, the
-- elections it names and the state's image of it; and the Secretary of State as the filings' recipient.
-- From: filing_filer, filing_form, filing_version (the finance TEMP contracts), the cover pages
-- (raw.cvr_campaign_disclosure_cd, raw.f501_502_cd, raw.cvr_f470_cd), raw.filer_filings_cd,
-- raw.image_links_cd, raw.lookup_codes_cd, ocd.election, ocd.organization; variables export_url and
-- filing_image_url (the state's address of a filing's image, to which the filing id and amendment are added).
-- Rules:
--   * id filing_id_of(FILING_ID); classification the form ('F460'); filer the record filing_filer chose (a
--     Committee, or a Person for a candidate filing as themselves); recipient the California Secretary of
--     State (organization_id_of('secretary_of_state', ...), made here if the organizations step did not);
--   * coverage: FROM_DATE / THRU_DATE of the latest version that has a cover with them, else
--     FILER_FILINGS_CD's RPT_START / RPT_END for the filing (extras.coverage_from says which);
--   * elections: the latest cover's ELECT_DATE where exactly one ocd.election falls on that day; a Form 501's
--     year and election type ('2016 PRIMARY') where an election of that name exists. A date on which no or
--     several elections fall is a finding (local elections are not in ocd.election);
--   * source: the image IMAGE_LINKS_CD records for the filing (IMG_LINK_TYPE 6501, a filing id). On the sample
--     the table links only filers' photos (6502, filer ids; image type 6002, personal photo), so no filing
--     gets one there.

INSERT INTO ocd.organization (id, name, classification, jurisdiction_id, extras)
SELECT organization_id_of('secretary_of_state', 'California Secretary of State'), 'California Secretary of State',
       'department', 'ocd-jurisdiction/country:us/state:ca/government',
       json_object('kind', 'secretary_of_state', 'made_by', 'the filings step, as the filings'' recipient')
WHERE NOT EXISTS (SELECT 1 FROM ocd.organization
                  WHERE id = organization_id_of('secretary_of_state', 'California Secretary of State'));

CREATE OR REPLACE TEMP TABLE filing_cover AS
SELECT filing_id, amend_id, 'cvr_campaign_disclosure_cd' AS calaccess_table,
       TRY_CAST(rpt_date AS DATE) AS report_date, TRY_CAST(from_date AS DATE) AS from_date,
       TRY_CAST(thru_date AS DATE) AS thru_date, TRY_CAST(elect_date AS DATE) AS elect_date,
       NULL::INTEGER AS election_year, NULL::INTEGER AS election_type
FROM raw.cvr_campaign_disclosure_cd
UNION ALL
SELECT filing_id, amend_id, 'f501_502_cd', TRY_CAST(rpt_date AS DATE), TRY_CAST(from_date AS DATE),
       TRY_CAST(thru_date AS DATE), TRY_CAST(elect_date AS DATE), yr_of_elec, elec_type
FROM raw.f501_502_cd
UNION ALL
SELECT filing_id, amend_id, 'cvr_f470_cd', TRY_CAST(rpt_date AS DATE), NULL, NULL, TRY_CAST(elect_date AS DATE),
       NULL, NULL
FROM raw.cvr_f470_cd
UNION ALL
SELECT filing_id, amend_id, 'cvr_so_cd', TRY_CAST(rpt_date AS DATE), NULL, NULL, NULL, NULL, NULL
FROM raw.cvr_so_cd
UNION ALL
SELECT filing_id, amend_id, 'cvr_e530_cd', TRY_CAST(rpt_date AS DATE), NULL, NULL, NULL, NULL, NULL
FROM raw.cvr_e530_cd;

CREATE OR REPLACE TEMP TABLE filing_plan AS
WITH latest AS (
    SELECT filing_id, max(amend_id) AS latest_amend_id, count(*) AS versions
    FROM filing_version GROUP BY filing_id
),
coverage AS (
    SELECT filing_id, arg_max(from_date, amend_id) AS from_date, arg_max(thru_date, amend_id) AS thru_date,
           max(amend_id) AS amend_id
    FROM filing_cover
    WHERE from_date IS NOT NULL OR thru_date IS NOT NULL
    GROUP BY filing_id
),
indexed AS (
    SELECT filing_id, arg_max(TRY_CAST(rpt_start AS DATE), filing_sequence) AS from_date,
           arg_max(TRY_CAST(rpt_end AS DATE), filing_sequence) AS thru_date
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND (rpt_start IS NOT NULL OR rpt_end IS NOT NULL)
    GROUP BY filing_id
)
SELECT
    filer.filing_id,
    filing_id_of(filer.filing_id) AS id,
    coalesce(form.form_id, 'unknown') AS classification,
    form.form_title,
    form.form_from,
    filer.filer_ocd_id,
    filer.filer_kind,
    filer.filer_id,
    filer.filer_from,
    filer.written_filer_id,
    latest.latest_amend_id,
    latest.versions,
    coalesce(coverage.from_date, CASE WHEN coverage.filing_id IS NULL THEN indexed.from_date END) AS from_date,
    coalesce(coverage.thru_date, CASE WHEN coverage.filing_id IS NULL THEN indexed.thru_date END) AS thru_date,
    CASE WHEN coverage.filing_id IS NOT NULL THEN 'cover of amendment ' || coverage.amend_id
         WHEN indexed.filing_id IS NOT NULL THEN 'FILER_FILINGS_CD' END AS coverage_from
FROM filing_filer AS filer
JOIN filing_form AS form USING (filing_id)
JOIN latest USING (filing_id)
LEFT JOIN coverage USING (filing_id)
LEFT JOIN indexed USING (filing_id)
WHERE form.domain = 'campaign';

INSERT INTO ocd.filing
    (id, classification, filer_type, filer_id, coverage_start_date, coverage_end_date, recipient_id, extras)
SELECT
    id, classification, filer_kind, filer_ocd_id, from_date, thru_date,
    organization_id_of('secretary_of_state', 'California Secretary of State'),
    json_object(
        'calaccess_filing_id', filing_id,
        'form_title', form_title,
        'form_from', form_from,
        'filer_id', filer_id,
        'filer_from', filer_from,
        'filer_id_as_written', written_filer_id,
        'filer_kind', filer_kind,
        'latest_amend_id', latest_amend_id,
        'versions', versions,
        'coverage_from', coverage_from)
FROM filing_plan;

INSERT INTO ocd.filing_identifier (filing_id, scheme, identifier)
SELECT id, 'calaccess_filing_id', CAST(filing_id AS VARCHAR) FROM filing_plan ORDER BY ALL;

CREATE OR REPLACE TEMP TABLE filing_election_named AS
WITH latest_cover AS (
    SELECT filing_id, arg_max(elect_date, amend_id) AS elect_date,
           arg_max(election_year, amend_id) AS election_year, arg_max(election_type, amend_id) AS election_type
    FROM filing_cover
    WHERE elect_date IS NOT NULL OR election_year IS NOT NULL
    GROUP BY filing_id
),
by_date AS (
    SELECT latest_cover.filing_id, latest_cover.elect_date, count(election.id) AS elections,
           min(election.id) AS election_id
    FROM latest_cover
    LEFT JOIN ocd.election AS election ON election.date = latest_cover.elect_date
    WHERE latest_cover.elect_date IS NOT NULL
    GROUP BY ALL
),
by_name AS (
    SELECT latest_cover.filing_id, election.id AS election_id
    FROM latest_cover
    JOIN raw.lookup_codes_cd AS kind ON kind.code_id = latest_cover.election_type
    JOIN ocd.election AS election
      ON election.name = CAST(latest_cover.election_year AS VARCHAR) || ' ' || upper(trim(kind.code_desc))
)
SELECT plan.id, plan.filing_id, by_date.elect_date, by_date.elections,
       CASE WHEN by_date.elections = 1 THEN by_date.election_id END AS date_election_id,
       by_name.election_id AS name_election_id
FROM filing_plan AS plan
LEFT JOIN by_date USING (filing_id)
LEFT JOIN by_name USING (filing_id)
WHERE by_date.filing_id IS NOT NULL OR by_name.filing_id IS NOT NULL;

INSERT INTO ocd.filing_election (filing_id, election_id)
SELECT DISTINCT id, election_id
FROM (
    SELECT id, date_election_id AS election_id FROM filing_election_named
    UNION ALL SELECT id, name_election_id FROM filing_election_named
)
WHERE election_id IS NOT NULL
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'filing election date unresolved', strftime(elect_date, '%Y-%m-%d'),
       count(*) || ' filings name this election date; '
       || CASE WHEN any_value(elections) = 0 THEN 'no state election falls on it (a local election?)'
               ELSE any_value(elections) || ' elections fall on it, so none is chosen' END
FROM filing_election_named
WHERE elect_date IS NOT NULL AND elections <> 1 AND name_election_id IS NULL
GROUP BY elect_date
ORDER BY ALL;

INSERT INTO ocd.filing_source (filing_id, url, note)
SELECT DISTINCT plan.id,
       getvariable('filing_image_url') || CAST(plan.filing_id AS VARCHAR) || '&amendid='
       || CAST(plan.latest_amend_id AS VARCHAR),
       'the state''s image of the filing (IMAGE_LINKS_CD image ' || CAST(image.img_id AS VARCHAR)
       || coalesce(', ' || lower(kind.code_desc), '') || coalesce(', ' || strftime(TRY_CAST(image.img_dt AS DATE), '%Y-%m-%d'), '') || ')'
FROM raw.image_links_cd AS image
JOIN filing_plan AS plan ON plan.filing_id = image.img_link_id
LEFT JOIN raw.lookup_codes_cd AS kind ON kind.code_id = image.img_type
WHERE image.img_link_type = 6501
ORDER BY ALL;
