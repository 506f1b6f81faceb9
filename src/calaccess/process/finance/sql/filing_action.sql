-- Builds ocd.filing_action, one per version of each campaign filing (filing_version), with its agents.
-- From: filing_version, filing_plan and filing_cover (filing.sql), raw.filer_filings_cd, the itemised
-- tables' dates, raw.cvr3_verification_info_cd (signatures), raw.cvr_campaign_disclosure_cd, raw.cvr_so_cd, raw.f501_502_cd, raw.cvr_f470_cd,
-- raw.cvr3_verification_info_cd.
-- Rules:
--   * id filing_action_id_of(FILING_ID, AMEND_ID); 'original' for amendment 0, else 'amendment N'
--     (classification ['original'] / ['amendment']); is_current from filing_version (the highest AMEND_ID
--     any table records); an amendment supersedes what was filed before (amendments are whole re-filings);
--   * date (required, and every version that lines belong to needs an action): the version's cover
--     RPT_DATE; else the date its verification page was signed (CVR3_VERIFICATION_INFO_CD.SIG_DATE); else
--     FILER_FILINGS_CD.FILING_DATE of that filing and FILING_SEQUENCE; else a bound, said so in
--     extras.date_from: the end of the period its cover covers (THRU_DATE: a report is filed after its
--     period ends), else the latest date its own lines carry (a line is reported after it happens), else
--     the latest date of an earlier version (an amendment follows it), else the earliest of a later one (the
--     original came first); else an estimate from the filing id, which the state issues in order as filings
--     arrive: the date of the nearest lower-numbered filing dated by its own cover, signature or index
--     (else the nearest higher-numbered), extras naming that filing. On the sample, whose tables were
--     sampled apart, many versions are known from one table without a date (a schedule of debts, a memo);
--     in a full export nearly every version has its cover. Each fallback is counted (findings);
--   * agents: the treasurer and the candidate the covers print (TRES_*, CAND_*), a 470's filer (the
--     candidate) and the verification page's signers (CVR3_VERIFICATION_INFO_CD); a candidate agent of a
--     filing a Person filed is that Person.

CREATE OR REPLACE TEMP TABLE version_line_date AS
SELECT filing_id, amend_id, max(day) AS latest_line_date
FROM (
    SELECT filing_id, amend_id, TRY_CAST(coalesce(date_thru, rcpt_date) AS DATE) AS day FROM raw.rcpt_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(expn_date AS DATE) FROM raw.expn_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(coalesce(loan_date1, loan_date2) AS DATE) FROM raw.loan_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(coalesce(date_thru, ctrib_date) AS DATE) FROM raw.s497_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(coalesce(date_thru, exp_date) AS DATE) FROM raw.s496_cd
    UNION ALL SELECT filing_id, amend_id, TRY_CAST(date_rcvd AS DATE) FROM raw.s498_cd
)
WHERE day IS NOT NULL AND filing_id IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE filing_action_plan AS
WITH cover_date AS (
    SELECT filing_id, amend_id, max(report_date) AS report_date, max(thru_date) AS thru_date
    FROM filing_cover GROUP BY ALL
),
signed_date AS (
    SELECT filing_id, amend_id, max(TRY_CAST(sig_date AS DATE)) AS signed_date
    FROM raw.cvr3_verification_info_cd WHERE filing_id IS NOT NULL GROUP BY ALL
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
        CASE WHEN cover_date.report_date IS NOT NULL THEN cover_date.report_date
             WHEN signed_date.signed_date IS NOT NULL THEN signed_date.signed_date
             WHEN indexed_date.filing_date IS NOT NULL THEN indexed_date.filing_date
             WHEN cover_date.thru_date IS NOT NULL THEN cover_date.thru_date
             ELSE line.latest_line_date END AS own_date,
        CASE WHEN cover_date.report_date IS NOT NULL THEN 'cover RPT_DATE'
             WHEN signed_date.signed_date IS NOT NULL THEN 'verification SIG_DATE'
             WHEN indexed_date.filing_date IS NOT NULL THEN 'FILER_FILINGS_CD FILING_DATE'
             WHEN cover_date.thru_date IS NOT NULL THEN 'cover THRU_DATE (a lower bound)'
             WHEN line.latest_line_date IS NOT NULL THEN 'latest date of its lines (a lower bound)' END
            AS own_date_from
    FROM filing_version AS version
    JOIN filing_plan AS plan USING (filing_id)
    LEFT JOIN cover_date USING (filing_id, amend_id)
    LEFT JOIN indexed_date USING (filing_id, amend_id)
    LEFT JOIN version_line_date AS line USING (filing_id, amend_id)
    LEFT JOIN signed_date USING (filing_id, amend_id)
),
bounded AS (
    SELECT *,
           max(own_date) OVER (PARTITION BY filing_id ORDER BY amend_id
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_date,
           min(own_date) OVER (PARTITION BY filing_id ORDER BY amend_id
                               ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_date
    FROM dated
),
-- filings dated by what they say of themselves: the yardstick of the estimate from the filing id
yardstick AS (
    SELECT filing_id, min(own_date) AS filed_date
    FROM dated
    WHERE own_date_from IN ('cover RPT_DATE', 'verification SIG_DATE', 'FILER_FILINGS_CD FILING_DATE')
    GROUP BY filing_id
),
undated AS (
    SELECT DISTINCT filing_id FROM bounded
    WHERE own_date IS NULL AND earlier_date IS NULL AND later_date IS NULL
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
    CASE WHEN amend_id = 0 THEN 'original' ELSE 'amendment ' || amend_id END,
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
        'version_from', version_from)
FROM filing_action_plan
WHERE action_date IS NOT NULL;

INSERT INTO process_finding
SELECT 'filing version without a date', 'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || amend_id,
       'no date of its own, of another version or of any other filing: no action made, set aside with its '
       || row_count || ' rows'
FROM filing_action_plan
WHERE action_date IS NULL
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'filing version dated by a fallback', date_from, count(*) || ' versions are dated by ' || date_from
       || ': no cover date, signature date or FILER_FILINGS_CD date'
FROM filing_action_plan
WHERE date_from NOT IN ('cover RPT_DATE', 'verification SIG_DATE', 'FILER_FILINGS_CD FILING_DATE')
GROUP BY date_from
ORDER BY ALL;

INSERT INTO ocd.filing_action_agent (filing_action_id, name, person_id, role)
WITH printed AS (
    SELECT filing_id, amend_id, printed_name(tres_naml, tres_namf, tres_namt, tres_nams) AS name, 'treasurer' AS role
    FROM raw.cvr_campaign_disclosure_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(cand_naml, cand_namf, cand_namt, cand_nams), 'candidate'
    FROM raw.cvr_campaign_disclosure_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(tres_naml, tres_namf, tres_namt, tres_nams), 'treasurer'
    FROM raw.cvr_so_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(cand_naml, cand_namf, cand_namt, cand_nams), 'candidate'
    FROM raw.f501_502_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(filer_naml, filer_namf, filer_namt, filer_nams), 'candidate'
    FROM raw.cvr_f470_cd
    UNION ALL SELECT filing_id, amend_id, printed_name(sig_naml, sig_namf, sig_namt, sig_nams),
           CASE upper(trim(entity_cd)) WHEN 'TRE' THEN 'treasurer' WHEN 'CAO' THEN 'candidate'
                WHEN 'ATR' THEN 'assistant treasurer' WHEN 'OFF' THEN 'officer' WHEN 'PRO' THEN 'proponent'
                WHEN 'SPO' THEN 'sponsor' WHEN 'RCP' THEN 'responsible officer'
                ELSE 'signer' || coalesce(' (' || upper(trim(entity_cd)) || ')', '') END
    FROM raw.cvr3_verification_info_cd
)
SELECT DISTINCT action.id, printed.name,
       CASE WHEN printed.role = 'candidate' AND plan.filer_kind = 'person' THEN plan.filer_ocd_id END,
       printed.role
FROM printed
JOIN filing_action_plan AS action USING (filing_id, amend_id)
JOIN filing_plan AS plan USING (filing_id)
WHERE printed.name IS NOT NULL AND action.action_date IS NOT NULL
ORDER BY ALL;
