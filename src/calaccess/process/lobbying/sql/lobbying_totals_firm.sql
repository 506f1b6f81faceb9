-- Builds lobbying.firm_quarter_totals and lobbying.firm_session_totals: what each lobbying firm was paid
-- and spent, per quarter and per legislative session.
-- From: lobbying_report and lobbying_report_party (lobbying_totals_report.sql), Forms 625 only.
-- Rules:
--   * the counted reports of a firm (its filer id) in the quarter, or in the session, added up;
--   * total_payments_received: the reported part II total (F625P2 line 0) of each report that gives it;
--     for a report that does not, its itemised payments received stand in (total_from says which); a
--     report with neither adds nothing (null when none of the period has either);
--   * the employers that paid and the lobbyists named are counted once over the period;
--   * both tables come from one pass, grouped by quarter and by session at once (GROUPING SETS).

CREATE OR REPLACE TEMP TABLE lobbying_firm_period AS
WITH report AS (
    SELECT * FROM lobbying_report WHERE form = 'F625' AND status = 'counted'
),
party AS (
    SELECT report.filer_id, report.session, report.year, report.quarter,
           count(DISTINCT party.party_key) FILTER (WHERE party.kind = 'employer') AS employers,
           lobbying_names(list(party.name) FILTER (WHERE party.kind = 'employer')) AS employer_names,
           count(DISTINCT party.party_key) FILTER (WHERE party.kind = 'lobbyist') AS lobbyists,
           lobbying_names(list(party.name) FILTER (WHERE party.kind = 'lobbyist')) AS lobbyist_names
    FROM report JOIN lobbying_report_party AS party USING (filing_id, amend_id)
    GROUP BY GROUPING SETS ((report.filer_id, report.session, report.year, report.quarter),
                            (report.filer_id, report.session))
),
money AS (
    SELECT
        report.filer_id AS firm_filer_id,
        arg_max(report.filer_name, report.period_end) AS firm_name,
        report.session,
        report.year,
        report.quarter,
        grouping(report.year, report.quarter) > 0 AS whole_session,
        count(*) AS reports,
        min(report.period_start) AS period_start,
        max(report.period_end) AS period_end,
        sum(coalesce(report.reported_payments_received,
                     CASE WHEN report.itemised_lines > 0 THEN report.itemised_payments END)) AS total_payments_received,
        CASE WHEN count(report.reported_payments_received) = count(*) THEN 'reported'
             WHEN count(report.reported_payments_received) = 0 THEN 'itemised'
             ELSE 'both' END AS total_from,
        sum(report.reported_payments_received) AS reported_payments_received,
        sum(report.itemised_payments) AS itemised_payments_received,
        sum(report.itemised_activity_expenses) AS itemised_activity_expenses,
        sum(report.itemised_payments_made) AS itemised_payments_made,
        sum(report.itemised_contributions) AS itemised_contributions
    FROM report
    GROUP BY GROUPING SETS ((report.filer_id, report.session, report.year, report.quarter),
                            (report.filer_id, report.session))
)
SELECT money.*,
       coalesce(party.employers, 0) AS employers, party.employer_names,
       coalesce(party.lobbyists, 0) AS lobbyists, party.lobbyist_names
FROM money
LEFT JOIN party ON party.filer_id = money.firm_filer_id AND party.session = money.session
    AND party.year IS NOT DISTINCT FROM money.year AND party.quarter IS NOT DISTINCT FROM money.quarter;

INSERT INTO lobbying.firm_quarter_totals BY NAME
SELECT * EXCLUDE (whole_session) FROM lobbying_firm_period WHERE NOT whole_session ORDER BY ALL;

INSERT INTO lobbying.firm_session_totals BY NAME
SELECT * EXCLUDE (whole_session, year, quarter) FROM lobbying_firm_period WHERE whole_session ORDER BY ALL;
