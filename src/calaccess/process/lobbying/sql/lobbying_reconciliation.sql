-- Builds lobbying.report_reconciliation: for every version of every Form 635 and 625, each itemised part
-- against the total the filer reported for it on the report's summary lines, and a finding for each
-- difference.
-- From: filing_version and filing_form (finance's filing_version.sql), the lobbying forms' all-versions
-- tables (forms.f635_*, forms.f625_*: every version's lines, and the summary lines of SMRY_CD).
-- Rules:
--   * the parts compared and their summary lines (AMOUNT_A, this period), from the paper forms:
--     Form 635 part III B, payments to lobbying firms (LPAY_CD F635P3B, PER_TOTAL), against its section
--     total (F635P3B line 0) and against the cover's summary (F635 line B); part III C, activity expenses
--     (LEXP_CD F635P3C, AMOUNT), against F635P3C line 0 and F635 line C; Form 625 part II, payments
--     received (LPAY_CD F625P2, PER_TOTAL), against F625P2 line 0; part III B, payments made (LOTH_CD
--     F625P3B, AMOUNT), against F625P3B line 0. Lines whose meaning no source confirms (F635P3A and D's
--     numbered lines, F625's lettered ones) are not compared;
--   * memo lines are never added: their amount is already inside another line;
--   * a (version, part, line) is compared when the summary line is there and the items' table records
--     the version (or the line reports 0, which needs no item): 'reconciles' when equal to the cent,
--     else 'differs', a finding with both amounts and the difference. Otherwise 'not comparable' (no
--     summary line, or the items' table holds no row of that version: the sample's tables were sampled
--     apart), counted and never a finding;
--   * nothing is fixed: both amounts are kept as the export has them.

CREATE OR REPLACE TEMP TABLE lobbying_reconciliation_rule AS
SELECT * FROM (VALUES
    ('F635', 'F635P3B', 'lpay_cd', 'F635P3B', '0', 'payments to lobbying firms, against the part''s total'),
    ('F635', 'F635P3B', 'lpay_cd', 'F635', 'B', 'payments to lobbying firms, against the cover''s summary'),
    ('F635', 'F635P3C', 'lexp_cd', 'F635P3C', '0', 'activity expenses, against the part''s total'),
    ('F635', 'F635P3C', 'lexp_cd', 'F635', 'C', 'activity expenses, against the cover''s summary'),
    ('F625', 'F625P2', 'lpay_cd', 'F625P2', '0', 'payments received, against the part''s total'),
    ('F625', 'F625P3B', 'loth_cd', 'F625P3B', '0', 'payments made to other firms, against the part''s total')
) AS rule (form, part, items_table, summary_form_type, summary_line, what);

CREATE OR REPLACE TEMP TABLE lobbying_reconciliation_version AS
SELECT version.filing_id, version.amend_id, version.is_current, version.tables, form.form_id AS form
FROM filing_version AS version
JOIN filing_form AS form USING (filing_id)
WHERE form.form_id IN ('F635', 'F625');

CREATE OR REPLACE TEMP TABLE lobbying_reconciliation_item AS
WITH item AS (
    SELECT filing_id, amend_id, 'F635P3B' AS part, period_total AS amount, is_memo
    FROM forms.f635_payments_to_firms_all_versions
    UNION ALL
    SELECT filing_id, amend_id, 'F635P3C', amount, is_memo FROM forms.f635_activity_expenses_all_versions
    UNION ALL
    SELECT filing_id, amend_id, 'F625P2', period_total, is_memo FROM forms.f625_payments_received_all_versions
    UNION ALL
    SELECT filing_id, amend_id, 'F625P3B', amount, is_memo FROM forms.f625_payments_made_all_versions
)
SELECT
    item.filing_id, item.amend_id, item.part,
    coalesce(sum(item.amount) FILTER (WHERE NOT item.is_memo), 0) AS itemised_amount,
    count(*) FILTER (WHERE NOT item.is_memo) AS itemised_lines,
    count(*) FILTER (WHERE item.is_memo) AS memo_lines
FROM item
JOIN lobbying_reconciliation_version USING (filing_id, amend_id)
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lobbying_reconciliation_summary AS
SELECT line.filing_id, line.amend_id, line.schedule AS summary_form_type, line.line AS summary_line,
       sum(line.amount_period) AS reported_amount
FROM (
    SELECT filing_id, amend_id, schedule, line, amount_period FROM forms.f635_summary_lines_all_versions
    UNION ALL
    SELECT filing_id, amend_id, schedule, line, amount_period FROM forms.f625_summary_lines_all_versions
) AS line
JOIN lobbying_reconciliation_version USING (filing_id, amend_id)
WHERE line.amount_period IS NOT NULL
GROUP BY ALL;

INSERT INTO lobbying.report_reconciliation BY NAME
WITH pair AS (
    SELECT
        version.filing_id,
        version.amend_id,
        version.is_current,
        version.form,
        rule.part,
        rule.summary_form_type || ' ' || rule.summary_line AS summary_line,
        rule.what AS compared,
        coalesce(item.itemised_amount, 0) AS itemised_amount,
        coalesce(item.itemised_lines, 0) AS itemised_lines,
        coalesce(item.memo_lines, 0) AS memo_lines,
        summary.reported_amount,
        list_contains(version.tables, rule.items_table) AS items_recorded,
        rule.items_table
    FROM lobbying_reconciliation_version AS version
    JOIN lobbying_reconciliation_rule AS rule ON rule.form = version.form
    LEFT JOIN lobbying_reconciliation_item AS item
      ON item.filing_id = version.filing_id AND item.amend_id = version.amend_id AND item.part = rule.part
    LEFT JOIN lobbying_reconciliation_summary AS summary
      ON summary.filing_id = version.filing_id AND summary.amend_id = version.amend_id
     AND summary.summary_form_type = rule.summary_form_type AND summary.summary_line = rule.summary_line
    WHERE item.filing_id IS NOT NULL OR summary.filing_id IS NOT NULL
)
SELECT
    filing_id,
    amend_id,
    is_current,
    form,
    part,
    summary_line,
    compared,
    itemised_amount,
    itemised_lines,
    memo_lines,
    reported_amount,
    CASE WHEN reported_amount IS NOT NULL THEN itemised_amount - reported_amount END AS difference,
    CASE WHEN reported_amount IS NULL THEN 'not comparable'
         WHEN NOT items_recorded AND reported_amount <> 0 THEN 'not comparable'
         WHEN itemised_amount = reported_amount THEN 'reconciles'
         ELSE 'differs' END AS status,
    CASE WHEN reported_amount IS NULL THEN 'no summary line ' || summary_line
         WHEN NOT items_recorded AND reported_amount <> 0
         THEN upper(items_table) || ' holds no row of this version' END AS not_comparable_because
FROM pair
ORDER BY filing_id, amend_id, part, summary_line;

INSERT INTO process_finding
SELECT 'lobbying report does not reconcile',
       'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || CAST(amend_id AS VARCHAR) || ' ' || part
       || ' against ' || summary_line,
       'Form ' || substr(form, 2) || ' ' || compared || ': itemised ' || CAST(itemised_amount AS VARCHAR)
       || ' (' || CAST(itemised_lines AS VARCHAR) || ' lines), summary line ' || summary_line || ' reports '
       || CAST(reported_amount AS VARCHAR) || ', difference ' || CAST(difference AS VARCHAR)
FROM lobbying.report_reconciliation
WHERE status = 'differs'
ORDER BY ALL;
