-- Builds lobbying.employer_quarter_totals and lobbying.employer_session_totals: what each lobbyist employer
-- or coalition paid to lobby, per quarter and per legislative session.
-- From: lobbying_report and lobbying_report_party (lobbying_totals_report.sql), Forms 635 only.
-- Rules:
--   * the counted reports of an employer (its filer id) in the quarter, or in the session, added up;
--   * total_payments: the reported part III total (line ABCD) of each report that gives it; for a report
--     that does not, its itemised payments to firms plus activity expenses stand in (total_from says
--     which: reported, itemised, or both); a report with neither adds nothing (null when no report of the
--     period has either: the export holds nothing to add, which is not 0);
--   * the firms paid and the lobbyists named are counted once over the period (by filer id, else name);
--   * both tables come from one pass, grouped by quarter and by session at once (GROUPING SETS).

CREATE OR REPLACE TEMP TABLE lobbying_employer_period AS
WITH report AS (
    SELECT * FROM lobbying_report WHERE form = 'F635' AND status = 'counted'
),
party AS (
    SELECT report.filer_id, report.session, report.year, report.quarter,
           count(DISTINCT party.party_key) FILTER (WHERE party.kind = 'firm') AS firms_paid,
           lobbying_names(list(party.name) FILTER (WHERE party.kind = 'firm')) AS firm_names,
           count(DISTINCT party.party_key) FILTER (WHERE party.kind = 'lobbyist') AS lobbyists,
           lobbying_names(list(party.name) FILTER (WHERE party.kind = 'lobbyist')) AS lobbyist_names
    FROM report JOIN lobbying_report_party AS party USING (filing_id, amend_id)
    GROUP BY GROUPING SETS ((report.filer_id, report.session, report.year, report.quarter),
                            (report.filer_id, report.session))
),
money AS (
    SELECT
        report.filer_id AS employer_filer_id,
        arg_max(report.filer_name, report.period_end) AS employer_name,
        report.session,
        report.year,
        report.quarter,
        grouping(report.year, report.quarter) > 0 AS whole_session,
        count(*) AS reports,
        min(report.period_start) AS period_start,
        max(report.period_end) AS period_end,
        sum(coalesce(report.reported_total_payments,
                     CASE WHEN report.itemised_lines > 0
                          THEN report.itemised_payments + report.itemised_activity_expenses END)) AS total_payments,
        CASE WHEN count(report.reported_total_payments) = count(*) THEN 'reported'
             WHEN count(report.reported_total_payments) = 0 THEN 'itemised'
             ELSE 'both' END AS total_from,
        sum(report.reported_total_payments) AS reported_total_payments,
        sum(report.reported_in_house_lobbyists) AS reported_in_house_lobbyists,
        sum(report.reported_payments_to_firms) AS reported_payments_to_firms,
        sum(report.reported_activity_expenses) AS reported_activity_expenses,
        sum(report.reported_other_payments) AS reported_other_payments,
        sum(report.reported_ratemaking_payments) AS reported_ratemaking_payments,
        sum(report.itemised_payments) AS itemised_payments_to_firms,
        sum(report.itemised_activity_expenses) AS itemised_activity_expenses,
        sum(report.itemised_contributions) AS itemised_contributions
    FROM report
    GROUP BY GROUPING SETS ((report.filer_id, report.session, report.year, report.quarter),
                            (report.filer_id, report.session))
)
SELECT money.*,
       coalesce(party.firms_paid, 0) AS firms_paid, party.firm_names,
       coalesce(party.lobbyists, 0) AS lobbyists, party.lobbyist_names
FROM money
LEFT JOIN party ON party.filer_id = money.employer_filer_id AND party.session = money.session
    AND party.year IS NOT DISTINCT FROM money.year AND party.quarter IS NOT DISTINCT FROM money.quarter;

INSERT INTO lobbying.employer_quarter_totals BY NAME
SELECT * EXCLUDE (whole_session) FROM lobbying_employer_period WHERE NOT whole_session ORDER BY ALL;

INSERT INTO lobbying.employer_session_totals BY NAME
SELECT * EXCLUDE (whole_session, year, quarter) FROM lobbying_employer_period WHERE whole_session ORDER BY ALL;
