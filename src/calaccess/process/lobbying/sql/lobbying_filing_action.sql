-- Builds ocd.filing_action, one per version of each lobbying filing, with the Form 690 and Form 605 changes
-- each version makes, and its signer as agent.
-- From: lobbying_filing_version and lobbying_filing_plan (lobbying_filing.sql), lobbying_cover,
-- raw.filer_filings_cd, raw.f690p2_cd, raw.lobby_amendments_cd, the schedules' dates, filing_action_plan
-- (the campaign actions, as a yardstick of filing dates).
-- Rules:
--   * id filing_action_id_of(FILING_ID, AMEND_ID); 'original' / 'amendment N'; is_current from filing_version
--     (the highest AMEND_ID any table records, the campaign rule); an amendment supersedes what came before;
--   * Form 690 (F690P2_CD) amends a report's text and Form 605 (LOBBY_AMENDMENTS_CD) a registration's: their
--     rows carry the FILING_ID of the report or registration they amend and the AMEND_ID of the amendment
--     they are, so they are kept on that action (extras.report_changes, extras.registration_changes), never
--     as filings of their own;
--   * date (required): the version's cover RPT_DATE, else its SIG_DATE, else FILER_FILINGS_CD.FILING_DATE for
--     that FILING_SEQUENCE, else the 605's or 690's EXEC_DATE (the day the amendment was signed), else a
--     bound: the cover's THRU_DATE, the latest date its schedules carry, another version's date; else an
--     estimate from the filing id (the nearest lower-numbered filing, of either domain, dated by itself),
--     said in extras.date_from; none: the version is set aside (a finding).

CREATE OR REPLACE TEMP TABLE lobbying_version_line_date AS
SELECT filing_id, amend_id, max(day) AS latest_line_date
FROM (
    SELECT filing_id, amend_id, TRY_CAST(pmt_date AS DATE) AS day FROM raw.loth_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(expn_date AS DATE) FROM raw.lexp_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(ctrib_date AS DATE) FROM raw.lccm_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(pmt_date AS DATE) FROM raw.latt_cd
)
WHERE day IS NOT NULL AND filing_id IS NOT NULL AND day BETWEEN DATE '1970-01-01' AND DATE '2100-12-31'
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lobbying_report_change AS
SELECT filing_id, amend_id,
       list({'line_item': line_item, 'form_amended': upper(trim(form_type)), 'parts': nullif(trim(chg_parts), ''),
             'sections': nullif(trim(chg_sects), ''), 'text': nullif(trim(amend_txt1), ''),
             'signed': exec_date, 'period_start': from_date, 'period_end': thru_date}
            ORDER BY line_item, form_type, chg_parts, chg_sects, amend_txt1) AS changes,
       max(exec_date) AS signed
FROM raw.f690p2_cd
WHERE filing_id IS NOT NULL AND amend_id IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lobbying_registration_change AS
SELECT filing_id, amend_id,
       list({'form_amended': upper(trim(form_type)),
             'lobbyist_added': CASE WHEN add_l_cb THEN printed_name(a_l_naml, a_l_namf, a_l_namt, a_l_nams) END,
             'lobbyist_added_effective': add_l_eff,
             'lobbyist_deleted': CASE WHEN del_l_cb THEN printed_name(d_l_naml, d_l_namf, d_l_namt, d_l_nams) END,
             'lobbyist_deleted_effective': del_l_eff,
             'employer_added': CASE WHEN add_le_cb THEN printed_name(a_le_naml, a_le_namf, a_le_namt, a_le_nams) END,
             'employer_added_effective': add_le_eff,
             'employer_deleted': CASE WHEN del_le_cb THEN printed_name(d_le_naml, d_le_namf, d_le_namt, d_le_nams) END,
             'employer_deleted_effective': del_le_eff,
             'firm_added': CASE WHEN add_lf_cb THEN nullif(trim(a_lf_name), '') END, 'firm_added_effective': add_lf_eff,
             'firm_deleted': CASE WHEN del_lf_cb THEN nullif(trim(d_lf_name), '') END,
             'firm_deleted_effective': del_lf_eff,
             'other': CASE WHEN other_cb OR other_desc IS NOT NULL THEN nullif(trim(other_desc), '') END,
             'other_effective': other_eff, 'ceases_all_lobbying': f606_yes, 'leaves_this_employment': f606_no,
             'signed': exec_date}
            ORDER BY form_type, exec_date, a_l_naml, a_l_namf, d_l_naml, d_l_namf, a_le_naml, d_le_naml, a_lf_name,
                     d_lf_name, other_desc, add_l_eff, del_l_eff) AS changes,
       max(exec_date) AS signed
FROM raw.lobby_amendments_cd
WHERE filing_id IS NOT NULL AND amend_id IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lobbying_action_plan AS
WITH cover_date AS (
    SELECT filing_id, amend_id, max(rpt_date) AS report_date, max(sig_date) AS signed_date,
           max(thru_date) AS thru_date
    FROM lobbying_cover GROUP BY ALL
),
indexed_date AS (
    SELECT filing_id, filing_sequence AS amend_id, max(TRY_CAST(filing_date AS DATE)) AS filing_date
    FROM raw.filer_filings_cd WHERE filing_id IS NOT NULL GROUP BY ALL
),
dated AS (
    SELECT
        version.filing_id,
        version.amend_id,
        version.is_current,
        version.tables,
        version.row_count,
        version.version_from,
        coalesce(cover_date.report_date, cover_date.signed_date, indexed_date.filing_date, report.signed,
                 registration.signed, cover_date.thru_date, line.latest_line_date) AS own_date,
        CASE WHEN cover_date.report_date IS NOT NULL THEN 'cover RPT_DATE'
             WHEN cover_date.signed_date IS NOT NULL THEN 'cover SIG_DATE'
             WHEN indexed_date.filing_date IS NOT NULL THEN 'FILER_FILINGS_CD FILING_DATE'
             WHEN report.signed IS NOT NULL THEN 'Form 690 EXEC_DATE'
             WHEN registration.signed IS NOT NULL THEN 'Form 605 EXEC_DATE'
             WHEN cover_date.thru_date IS NOT NULL THEN 'cover THRU_DATE (a lower bound)'
             WHEN line.latest_line_date IS NOT NULL THEN 'latest date of its lines (a lower bound)' END
            AS own_date_from,
        report.changes AS report_changes,
        registration.changes AS registration_changes
    FROM lobbying_filing_version AS version
    LEFT JOIN cover_date USING (filing_id, amend_id)
    LEFT JOIN indexed_date USING (filing_id, amend_id)
    LEFT JOIN lobbying_report_change AS report USING (filing_id, amend_id)
    LEFT JOIN lobbying_registration_change AS registration USING (filing_id, amend_id)
    LEFT JOIN lobbying_version_line_date AS line USING (filing_id, amend_id)
),
bounded AS (
    SELECT *,
           max(own_date) OVER (PARTITION BY filing_id ORDER BY amend_id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_date,
           min(own_date) OVER (PARTITION BY filing_id ORDER BY amend_id
                               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_date
    FROM dated
),
yardstick AS (
    SELECT filing_id, min(own_date) AS filed_date FROM dated
    WHERE own_date_from IN ('cover RPT_DATE', 'cover SIG_DATE', 'FILER_FILINGS_CD FILING_DATE')
    GROUP BY filing_id
    UNION ALL
    SELECT filing_id, min(own_date) FROM filing_action_plan
    WHERE own_date_from IN ('cover RPT_DATE', 'verification SIG_DATE', 'FILER_FILINGS_CD FILING_DATE')
    GROUP BY filing_id
),
undated AS (
    SELECT DISTINCT filing_id FROM bounded WHERE own_date IS NULL AND earlier_date IS NULL AND later_date IS NULL
),
lower_neighbour AS (
    SELECT undated.filing_id, yardstick.filing_id AS neighbour_id, yardstick.filed_date
    FROM undated ASOF JOIN yardstick ON undated.filing_id > yardstick.filing_id
),
upper_neighbour AS (
    SELECT undated.filing_id, yardstick.filing_id AS neighbour_id, yardstick.filed_date
    FROM undated ASOF JOIN yardstick ON undated.filing_id < yardstick.filing_id
),
estimate AS (
    SELECT undated.filing_id,
           coalesce(lower_neighbour.neighbour_id, upper_neighbour.neighbour_id) AS neighbour_id,
           coalesce(lower_neighbour.filed_date, upper_neighbour.filed_date) AS estimated_date
    FROM undated
    LEFT JOIN lower_neighbour USING (filing_id)
    LEFT JOIN upper_neighbour USING (filing_id)
)
SELECT
    bounded.* EXCLUDE (earlier_date, later_date),
    filing_action_id_of(bounded.filing_id, bounded.amend_id) AS id,
    filing_id_of(bounded.filing_id) AS filing_ocd_id,
    coalesce(bounded.own_date, bounded.earlier_date, bounded.later_date, estimate.estimated_date) AS action_date,
    CASE WHEN bounded.own_date IS NOT NULL THEN bounded.own_date_from
         WHEN bounded.earlier_date IS NOT NULL THEN 'an earlier version''s date (a lower bound)'
         WHEN bounded.later_date IS NOT NULL THEN 'a later version''s date (an upper bound)'
         WHEN estimate.estimated_date IS NOT NULL THEN 'estimated from the filing id (nearest dated filing)'
    END AS date_from,
    CASE WHEN bounded.own_date IS NULL AND bounded.earlier_date IS NULL AND bounded.later_date IS NULL
         THEN estimate.neighbour_id END AS date_estimated_from_filing_id
FROM bounded
LEFT JOIN estimate USING (filing_id);

INSERT INTO ocd.filing_action
    (id, filing_id, description, date, classification, supersedes_prior_versions, is_current, extras)
SELECT
    id,
    filing_ocd_id,
    CASE WHEN amend_id = 0 THEN 'original' ELSE 'amendment ' || amend_id END
        || CASE WHEN report_changes IS NOT NULL THEN ' (Form 690: changes to the report)'
                WHEN registration_changes IS NOT NULL THEN ' (Form 605: changes to the registration)' ELSE '' END,
    action_date,
    CASE WHEN amend_id = 0 THEN ['original'] ELSE ['amendment'] END,
    amend_id > 0,
    is_current,
    json_object(
        'calaccess_filing_id', filing_id,
        'amend_id', amend_id,
        'date_from', date_from,
        'date_estimated_from_filing_id', date_estimated_from_filing_id,
        'calaccess_tables', tables,
        'rows', row_count,
        'version_from', version_from,
        'report_changes', report_changes,
        'registration_changes', registration_changes)
FROM lobbying_action_plan
WHERE action_date IS NOT NULL
ORDER BY id;

INSERT INTO process_finding
SELECT 'lobbying filing version without a date', 'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || amend_id,
       'no date of its own, of another version or of any other filing: no action made, set aside with its '
       || row_count || ' rows'
FROM lobbying_action_plan
WHERE action_date IS NULL
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'lobbying filing version dated by a fallback', date_from, count(*) || ' versions are dated by ' || date_from
FROM lobbying_action_plan
WHERE date_from NOT IN ('cover RPT_DATE', 'cover SIG_DATE', 'FILER_FILINGS_CD FILING_DATE')
GROUP BY date_from
ORDER BY ALL;

INSERT INTO ocd.filing_action_agent (filing_action_id, name, person_id, role)
SELECT DISTINCT action.id, cover.signer_name,
       CASE WHEN plan.filer_type = 'person' AND cover.form IN ('F604', 'F615') THEN plan.filer_ocd_id END,
       'signer' || coalesce(' (' || cover.signer_title || ')', '')
FROM lobbying_cover AS cover
JOIN lobbying_action_plan AS action USING (filing_id, amend_id)
JOIN lobbying_filing_plan AS plan USING (filing_id)
WHERE cover.signer_name IS NOT NULL AND action.action_date IS NOT NULL
ORDER BY ALL;
