-- Builds lobbying_report and lobbying_report_party (TEMP, read by the totals scripts): one row per current
-- version of every Form 635 and 625, with its filer, its period, what it reported and what it itemised;
-- and the firms, employers and lobbyists each names.
-- From: filing_version and filing_form (finance's filing_version.sql), lobbying_filing_filer
-- (forms_lobbying_filer.sql), the lobbying forms (forms.f635_*, forms.f625_*), raw.filer_filings_cd,
-- raw.filername_cd.
-- Rules:
--   * a report is the current version of a filing whose form is F635 or F625 (from its cover, the index
--     or its schedules: a report whose cover the export lacks keeps its lines);
--   * its filer is lobbying_filing_filer's (FILER_FILINGS_CD, else the cover's); its name the one printed
--     on its latest cover, else the filer's latest name in FILERNAME_CD;
--   * its period is its latest cover's, else FILER_FILINGS_CD's (RPT_START, RPT_END); its quarter and
--     year those of the period's last day; its session the two years from the odd one (2015-16: 2015);
--   * a report with no filer or no period is set aside (counted, with its reason), never guessed;
--   * reported amounts: the summary lines of the current version (AMOUNT_A, this period; a line filed
--     twice counts its larger amount, as forms.f460_summary does); itemised: the lines of the current
--     version, memo lines apart (their amount is already inside another line); `itemised_lines` counts
--     the payment and activity-expense lines, so that a report the export holds no line of is told from
--     one whose lines add to 0.

CREATE OR REPLACE TEMP MACRO lobbying_session_of(day) AS (year(day) - (year(day) + 1) % 2);

CREATE OR REPLACE TEMP TABLE lobbying_report AS
WITH report AS (
    SELECT version.filing_id, version.amend_id, form.form_id AS form
    FROM filing_version AS version
    JOIN filing_form AS form USING (filing_id)
    WHERE version.is_current AND form.form_id IN ('F635', 'F625')
),
cover AS (
    SELECT filing_id, arg_max(filer_name, amend_id) AS filer_name, arg_max(period_start, amend_id) AS period_start,
           arg_max(period_end, amend_id) AS period_end
    FROM (
        SELECT filing_id, amend_id, filer_name, period_start, period_end FROM forms.f635_cover_all_versions
        UNION ALL
        SELECT filing_id, amend_id, filer_name, period_start, period_end FROM forms.f625_cover_all_versions
    )
    GROUP BY filing_id
),
indexed AS (
    SELECT filing_id, min(rpt_start) AS period_start, max(rpt_end) AS period_end
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL
    GROUP BY filing_id
),
named AS (
    SELECT CAST(filer_id AS VARCHAR) AS filer_id,
           arg_max(nullif(trim(concat_ws(' ', nullif(trim(namf), ''), nullif(trim(naml), ''))), ''),
                   coalesce(effect_dt, DATE '1900-01-01')) AS filer_name
    FROM raw.filername_cd
    WHERE filer_id IS NOT NULL
    GROUP BY filer_id
),
reported AS (
    SELECT filing_id, amend_id,
           max(amount_period) FILTER (WHERE schedule = 'F635' AND line = 'ABCD') AS reported_total_payments,
           max(amount_period) FILTER (WHERE schedule = 'F635' AND line = 'A') AS reported_in_house_lobbyists,
           max(amount_period) FILTER (WHERE schedule = 'F635' AND line = 'B') AS reported_payments_to_firms,
           max(amount_period) FILTER (WHERE schedule = 'F635' AND line = 'C') AS reported_activity_expenses,
           max(amount_period) FILTER (WHERE schedule = 'F635' AND line = 'D') AS reported_other_payments,
           max(amount_period) FILTER (WHERE schedule = 'F635' AND line = 'E') AS reported_ratemaking_payments,
           NULL::DECIMAL(18, 2) AS reported_payments_received
    FROM forms.f635_summary_lines
    GROUP BY ALL
    UNION ALL
    SELECT filing_id, amend_id, NULL, NULL, NULL, NULL, NULL, NULL,
           max(amount_period) FILTER (WHERE schedule = 'F625P2' AND line = '0')
    FROM forms.f625_summary_lines
    GROUP BY ALL
),
itemised AS (
    SELECT filing_id, amend_id, 'payments' AS part, period_total AS amount, is_memo
    FROM forms.f635_payments_to_firms
    UNION ALL SELECT filing_id, amend_id, 'payments', period_total, is_memo FROM forms.f625_payments_received
    UNION ALL SELECT filing_id, amend_id, 'activity', amount, is_memo FROM forms.f635_activity_expenses
    UNION ALL SELECT filing_id, amend_id, 'activity', amount, is_memo FROM forms.f625_activity_expenses
    UNION ALL SELECT filing_id, amend_id, 'contributions', amount, is_memo FROM forms.f635_contributions
    UNION ALL SELECT filing_id, amend_id, 'contributions', amount, is_memo FROM forms.f625_contributions
    UNION ALL SELECT filing_id, amend_id, 'made', amount, is_memo FROM forms.f625_payments_made
),
itemised_sum AS (
    SELECT filing_id, amend_id,
           coalesce(sum(amount) FILTER (WHERE part = 'payments'), 0) AS itemised_payments,
           coalesce(sum(amount) FILTER (WHERE part = 'activity'), 0) AS itemised_activity_expenses,
           coalesce(sum(amount) FILTER (WHERE part = 'contributions'), 0) AS itemised_contributions,
           coalesce(sum(amount) FILTER (WHERE part = 'made'), 0) AS itemised_payments_made,
           count(*) FILTER (WHERE part IN ('payments', 'activity')) AS itemised_lines
    FROM itemised
    WHERE NOT is_memo
    GROUP BY ALL
),
placed AS (
    SELECT
        report.filing_id,
        report.amend_id,
        report.form,
        filer.filer_id,
        coalesce(cover.filer_name, named.filer_name) AS filer_name,
        coalesce(cover.period_start, indexed.period_start) AS period_start,
        coalesce(cover.period_end, indexed.period_end) AS period_end
    FROM report
    LEFT JOIN cover USING (filing_id)
    LEFT JOIN indexed USING (filing_id)
    LEFT JOIN lobbying_filing_filer AS filer USING (filing_id)
    LEFT JOIN named ON named.filer_id = filer.filer_id
)
SELECT
    placed.*,
    lobbying_session_of(placed.period_end) AS session,
    year(placed.period_end) AS year,
    quarter(placed.period_end) AS quarter,
    CASE WHEN placed.filer_id IS NULL THEN 'no filer known'
         WHEN placed.period_end IS NULL THEN 'no period known'
         ELSE 'counted' END AS status,
    reported.* EXCLUDE (filing_id, amend_id),
    coalesce(itemised_sum.itemised_payments, 0) AS itemised_payments,
    coalesce(itemised_sum.itemised_activity_expenses, 0) AS itemised_activity_expenses,
    coalesce(itemised_sum.itemised_contributions, 0) AS itemised_contributions,
    coalesce(itemised_sum.itemised_payments_made, 0) AS itemised_payments_made,
    coalesce(itemised_sum.itemised_lines, 0) AS itemised_lines
FROM placed
LEFT JOIN reported USING (filing_id, amend_id)
LEFT JOIN itemised_sum USING (filing_id, amend_id);

-- who each report names: the firms an employer paid, the employers that paid a firm (by filer id, else
-- by name), and the lobbyists (part 1 of a 625, part 2 of a 635)
CREATE OR REPLACE TEMP TABLE lobbying_report_party AS
SELECT filing_id, amend_id, 'firm' AS kind, coalesce(firm_id, upper(firm_name)) AS party_key, firm_name AS name
FROM forms.f635_payments_to_firms WHERE coalesce(firm_id, firm_name) IS NOT NULL
UNION ALL
SELECT filing_id, amend_id, 'employer', coalesce(employer_id, upper(employer_name)), employer_name
FROM forms.f625_payments_received WHERE coalesce(employer_id, employer_name) IS NOT NULL
UNION ALL
SELECT filing_id, amend_id, 'lobbyist', coalesce(entity_id, upper(entity_name)), entity_name
FROM forms.f635_names WHERE coalesce(entity_id, entity_name) IS NOT NULL
UNION ALL
SELECT filing_id, amend_id, 'lobbyist', coalesce(entity_id, upper(entity_name)), entity_name
FROM forms.f625_names WHERE coalesce(entity_id, entity_name) IS NOT NULL;

CREATE OR REPLACE TEMP MACRO lobbying_names(names) AS (
    nullif(array_to_string(list_sort(list_distinct(names)), '; '), '')
);
