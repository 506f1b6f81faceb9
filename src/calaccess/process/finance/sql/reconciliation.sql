-- Builds finance.form460_reconciliation: for every version of every Form 460, each schedule's itemised
-- total against the total the filer reported for it on the summary page, and a finding for each difference.
-- From: filing_version and filing_form (filing_version.sql), raw.smry_cd, raw.rcpt_cd, raw.expn_cd,
-- raw.loan_cd.
-- Rules:
--   * the schedules compared and their summary lines (SMRY_CD FORM_TYPE = the schedule, AMOUNT_A, this
--     period): A itemised monetary contributions (RCPT_CD A) against A line 1, C itemised nonmonetary
--     contributions (RCPT_CD C) against C line 1, E itemised payments (EXPN_CD E) against E line 1 (all
--     three from DESIGN.md); B1 loans received this period (LOAN_CD B1 LOAN_AMT1, guarantor rows B1G
--     apart) against B1 line 1, as the paper form and the older processed app read them, not confirmed
--     by any source (`rule_confirmed` false). D, F, H and I lines have no confirmed meaning: not compared;
--   * memo lines (MEMO_CODE 'X') are never added: their amount is already inside another line;
--   * a (version, schedule) is compared when the summary line is there and the items table records the
--     version (or the line reports 0, which needs no item): 'reconciles' when the amounts are equal to the
--     cent, else 'differs', a finding with both amounts and the difference. Otherwise it is 'not
--     comparable' (no summary line, or the items table holds no row of that version: the sample's tables
--     were sampled apart, so most filings miss their items), counted apart and never a finding;
--   * nothing is fixed: both amounts are kept as the export has them.

CREATE OR REPLACE TEMP TABLE reconciliation_rule AS
SELECT * FROM (VALUES
    ('A', 'rcpt_cd', '1', 'itemised monetary contributions', true),
    ('C', 'rcpt_cd', '1', 'itemised nonmonetary contributions', true),
    ('E', 'expn_cd', '1', 'itemised payments made', true),
    ('B1', 'loan_cd', '1', 'loans received this period', false)
) AS rule (schedule, items_table, summary_line, what, rule_confirmed);

CREATE OR REPLACE TEMP TABLE reconciliation_version AS
SELECT version.filing_id, version.amend_id, version.is_current, version.tables
FROM filing_version AS version
JOIN filing_form AS form USING (filing_id)
WHERE form.form_id = 'F460';

CREATE OR REPLACE TEMP TABLE reconciliation_item AS
WITH item AS (
    SELECT filing_id, amend_id, upper(trim(form_type)) AS schedule, amount, coalesce(memo_code, false) AS memo
    FROM raw.rcpt_cd WHERE upper(trim(form_type)) IN ('A', 'C')
    UNION ALL
    SELECT filing_id, amend_id, upper(trim(form_type)), amount, coalesce(memo_code, false)
    FROM raw.expn_cd WHERE upper(trim(form_type)) = 'E'
    UNION ALL
    SELECT filing_id, amend_id, 'B1', loan_amt1, coalesce(memo_code, false)
    FROM raw.loan_cd
    WHERE upper(trim(form_type)) = 'B1' AND coalesce(upper(trim(loan_type)), '') <> 'B1G'
)
SELECT
    item.filing_id, item.amend_id, item.schedule,
    coalesce(sum(item.amount) FILTER (WHERE NOT item.memo), 0) AS itemised_amount,
    count(*) FILTER (WHERE NOT item.memo) AS itemised_lines,
    count(*) FILTER (WHERE item.memo) AS memo_lines
FROM item
JOIN reconciliation_version USING (filing_id, amend_id)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE reconciliation_summary AS
SELECT smry.filing_id, smry.amend_id, upper(trim(smry.form_type)) AS schedule,
       sum(smry.amount_a) AS reported_amount, count(*) AS summary_rows
FROM raw.smry_cd AS smry
JOIN reconciliation_version USING (filing_id, amend_id)
JOIN reconciliation_rule AS rule
  ON rule.schedule = upper(trim(smry.form_type)) AND rule.summary_line = trim(smry.line_item)
WHERE smry.amount_a IS NOT NULL
GROUP BY ALL;

INSERT INTO finance.form460_reconciliation BY NAME
WITH schedule_pair AS (
    SELECT
        version.filing_id,
        version.amend_id,
        version.is_current,
        rule.schedule,
        rule.summary_line,
        rule.what AS compared,
        rule.rule_confirmed,
        coalesce(item.itemised_amount, 0) AS itemised_amount,
        coalesce(item.itemised_lines, 0) AS itemised_lines,
        coalesce(item.memo_lines, 0) AS memo_lines,
        summary.reported_amount,
        list_contains(version.tables, rule.items_table) AS items_recorded,
        rule.items_table
    FROM reconciliation_version AS version
    CROSS JOIN reconciliation_rule AS rule
    LEFT JOIN reconciliation_item AS item
      ON item.filing_id = version.filing_id AND item.amend_id = version.amend_id
     AND item.schedule = rule.schedule
    LEFT JOIN reconciliation_summary AS summary
      ON summary.filing_id = version.filing_id AND summary.amend_id = version.amend_id
     AND summary.schedule = rule.schedule
    WHERE item.filing_id IS NOT NULL OR summary.filing_id IS NOT NULL
)
SELECT
    filing_id,
    amend_id,
    is_current,
    schedule,
    summary_line,
    compared,
    rule_confirmed,
    itemised_amount,
    itemised_lines,
    memo_lines,
    reported_amount,
    CASE WHEN reported_amount IS NOT NULL THEN itemised_amount - reported_amount END AS difference,
    CASE WHEN reported_amount IS NULL THEN 'not comparable'
         WHEN NOT items_recorded AND reported_amount <> 0 THEN 'not comparable'
         WHEN itemised_amount = reported_amount THEN 'reconciles'
         ELSE 'differs' END AS status,
    CASE WHEN reported_amount IS NULL THEN 'no summary line ' || schedule || ' ' || summary_line
         WHEN NOT items_recorded AND reported_amount <> 0
         THEN upper(items_table) || ' holds no row of this version' END AS not_comparable_because
FROM schedule_pair
ORDER BY filing_id, amend_id, schedule;

INSERT INTO process_finding
SELECT 'form 460 does not reconcile',
       'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || CAST(amend_id AS VARCHAR) || ' schedule '
       || schedule,
       compared || ': itemised ' || CAST(itemised_amount AS VARCHAR) || ' (' || CAST(itemised_lines AS VARCHAR)
       || ' lines), summary line ' || schedule || ' ' || summary_line || ' reports '
       || CAST(reported_amount AS VARCHAR) || ', difference ' || CAST(difference AS VARCHAR)
       || CASE WHEN rule_confirmed THEN '' ELSE ' (the line''s meaning is not confirmed)' END
FROM finance.form460_reconciliation
WHERE status = 'differs'
ORDER BY ALL;
