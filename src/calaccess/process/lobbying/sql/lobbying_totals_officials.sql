-- Builds lobbying.official_gift_totals: per official named as a beneficiary and legislative session, the
-- gifts and other activity expenses they received, how much, and from how many payers.
-- From: lobbying.official_gifts (lobbying_totals_gifts.sql), the lobbying report covers and
-- raw.filer_filings_cd (the reports' periods).
-- Rules:
--   * an official is a beneficiary name as printed, compared upper case with its spaces collapsed (no
--     link to ocd.person here: "Sen. Ann Gray" and "Ann Gray" stay two);
--   * a gift's session is that of its date, else that of the last day its report covers (a further
--     beneficiary's line often has no date of its own); a gift with neither is set aside, counted;
--   * memo lines are never added (their amount is already inside another line), nor gifts whose
--     beneficiary is a pointer (SEE ATTACHMENT A: lobbying_totals_gifts.sql reports them).

CREATE OR REPLACE TEMP TABLE lobbying_official_gift AS
WITH period AS (
    SELECT filing_id, max(period_end) AS period_end
    FROM (
        SELECT filing_id, period_end FROM forms.f615_cover_all_versions
        UNION ALL SELECT filing_id, period_end FROM forms.f625_cover_all_versions
        UNION ALL SELECT filing_id, period_end FROM forms.f635_cover_all_versions
        UNION ALL SELECT filing_id, period_end FROM forms.f645_cover_all_versions
        UNION ALL SELECT filing_id, rpt_end FROM raw.filer_filings_cd WHERE filing_id IS NOT NULL
    )
    GROUP BY filing_id
)
SELECT
    gift.*,
    upper(regexp_replace(trim(gift.beneficiary_name), '\s+', ' ', 'g')) AS official_key,
    lobbying_session_of(coalesce(gift.date, period.period_end)) AS session,
    lobbying_names_no_one(gift.beneficiary_name) AS names_no_one
FROM lobbying.official_gifts AS gift
LEFT JOIN period USING (filing_id);

INSERT INTO lobbying.official_gift_totals BY NAME
SELECT
    official_key,
    mode(beneficiary_name) AS beneficiary_name,
    session,
    lobbying_names(list(beneficiary_position)) AS positions,
    count(*) AS gifts,
    sum(amount) AS amount,
    count(DISTINCT coalesce(payer_filer_id, upper(payer_name))) AS payers,
    lobbying_names(list(payer_name)) AS payer_names,
    min(date) AS first_date,
    max(date) AS last_date
FROM lobbying_official_gift
WHERE NOT is_memo AND NOT names_no_one AND session IS NOT NULL
GROUP BY official_key, session
ORDER BY official_key, session;
