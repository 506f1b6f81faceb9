-- Builds finance.committee_cycle_totals: one row per committee and election cycle in which it filed a
-- Form 460 or reported a late contribution (Form 497).
-- From: money_statement, money_late (money_statement.sql).
-- Rules:
--   * raised, spent and loans received: the sums of the period amounts (AMOUNT_A) of lines 5, 11 and 2 of
--     the current versions of the cycle's 460s; null when none of them has a summary page (never a 0 that
--     nobody reported);
--   * cash on hand: line 16 (ending cash) of the latest 460 of the cycle that reports it, with its day;
--   * itemised totals beside them, from the same versions' items (memo lines never counted), so a reader
--     sees how much of each total is itemised;
--   * late contributions (F497P1) count only when received after the last day the committee's periodic
--     statements (460, 461) of the cycle cover: the next 460 reports them again; those it already
--     covers are kept apart (late_contributions_reported_again), never added.

INSERT INTO finance.committee_cycle_totals BY NAME
WITH statement AS (
    SELECT
        committee_id,
        cycle,
        min(filer_id) AS filer_id,
        count(*) AS statements,
        count(*) FILTER (WHERE has_summary) AS statements_with_summary,
        min(period_start) AS first_day_covered,
        max(period_end) AS last_day_covered,
        sum(raised) AS raised,
        sum(spent) AS spent,
        sum(loans_received) AS loans_received,
        arg_max(ending_cash, (period_end, filing_id)) FILTER (WHERE ending_cash IS NOT NULL) AS cash_on_hand,
        max(period_end) FILTER (WHERE ending_cash IS NOT NULL) AS cash_on_hand_on,
        sum(itemised_contributions) AS itemised_contributions,
        sum(itemised_expenditures) AS itemised_expenditures,
        sum(itemised_loans_received) AS itemised_loans_received
    FROM money_statement
    WHERE cycle IS NOT NULL
    GROUP BY ALL
),
late AS (
    SELECT
        late.committee_id,
        late.cycle,
        min(version.filer_id) AS filer_id,
        coalesce(sum(late.amount) FILTER (WHERE late.status = 'counted'), 0) AS late_contributions,
        count(*) FILTER (WHERE late.status = 'counted') AS late_contribution_lines,
        coalesce(sum(late.amount) FILTER (WHERE late.status = 'reported again on a 460'), 0)
            AS late_contributions_reported_again
    FROM money_late AS late
    JOIN money_version AS version USING (filing_id, amend_id)
    WHERE late.cycle IS NOT NULL AND late.status IN ('counted', 'reported again on a 460')
    GROUP BY ALL
)
SELECT
    committee_id,
    cycle,
    coalesce(statement.filer_id, late.filer_id) AS filer_id,
    coalesce(statement.statements, 0) AS statements,
    coalesce(statement.statements_with_summary, 0) AS statements_with_summary,
    statement.first_day_covered,
    statement.last_day_covered,
    statement.raised,
    statement.spent,
    statement.loans_received,
    statement.cash_on_hand,
    statement.cash_on_hand_on,
    coalesce(statement.itemised_contributions, 0) AS itemised_contributions,
    coalesce(statement.itemised_expenditures, 0) AS itemised_expenditures,
    coalesce(statement.itemised_loans_received, 0) AS itemised_loans_received,
    coalesce(late.late_contributions, 0) AS late_contributions,
    coalesce(late.late_contribution_lines, 0) AS late_contribution_lines,
    coalesce(late.late_contributions_reported_again, 0) AS late_contributions_reported_again,
    coalesce(statement.raised, 0) + coalesce(late.late_contributions, 0) AS raised_including_late
FROM statement
FULL JOIN late USING (committee_id, cycle)
ORDER BY committee_id, cycle;
