-- Builds ocd.filing_action_summary_amount: the totals each version of a campaign filing reports on its
-- summary page (SMRY_CD), labelled as the form labels them, the amounts exact.
-- From: raw.smry_cd, filing_action_plan (filing_action.sql).
-- Rules:
--   * one amount per SMRY_CD line and column that holds one (AMOUNT_A, AMOUNT_B, AMOUNT_C), in US dollars;
--     a line with no amount in any column is set aside (counted);
--   * Form 460 summary page (FORM_TYPE F460): 'Line 1: monetary contributions (this period)', AMOUNT_A this
--     period, AMOUNT_B calendar year to date, lines 1 to 19 named as DESIGN.md and the form name them;
--     schedules A, C and E summaries named likewise ('Schedule A line 3: total monetary contributions
--     (column A)': which period a schedule's columns cover no source confirms);
--   * a line no source names (Form 460 lines 20 and 21, schedules B1, D, F, H, I, the other forms' lines)
--     is labelled by its form, schedule, line and column, and says its meaning is not confirmed: kept, not
--     guessed.

CREATE OR REPLACE TEMP TABLE summary_line AS
WITH line_name (form_type, line_item, label) AS (
    VALUES ('F460', '1', 'monetary contributions'), ('F460', '2', 'loans received'),
           ('F460', '3', 'subtotal cash contributions'), ('F460', '4', 'nonmonetary contributions'),
           ('F460', '5', 'total contributions received'), ('F460', '6', 'payments made'),
           ('F460', '7', 'loans made'), ('F460', '8', 'subtotal cash payments'),
           ('F460', '9', 'accrued expenses (unpaid bills)'), ('F460', '10', 'nonmonetary adjustment'),
           ('F460', '11', 'total expenditures made'), ('F460', '12', 'beginning cash balance'),
           ('F460', '13', 'cash receipts'), ('F460', '14', 'miscellaneous increases to cash'),
           ('F460', '15', 'cash payments'), ('F460', '16', 'ending cash balance'),
           ('F460', '17', 'loan guarantees received'), ('F460', '18', 'cash equivalents'),
           ('F460', '19', 'outstanding debts'),
           ('A', '1', 'itemised monetary contributions'),
           ('A', '2', 'unitemised monetary contributions (under $100)'),
           ('A', '3', 'total monetary contributions'),
           ('C', '1', 'itemised nonmonetary contributions'),
           ('C', '2', 'unitemised nonmonetary contributions (under $100)'),
           ('C', '3', 'total nonmonetary contributions'),
           ('E', '1', 'itemised payments'), ('E', '2', 'unitemised payments (under $100)'),
           ('E', '3', 'interest paid on loans'), ('E', '4', 'total payments')
),
line AS (
    SELECT smry.filing_id, smry.amend_id, action.id AS filing_action_id,
           upper(trim(smry.form_type)) AS form_type, ltrim(trim(smry.line_item), '0') AS line_item,
           smry.amount_a, smry.amount_b, smry.amount_c
    FROM raw.smry_cd AS smry
    JOIN filing_action_plan AS action USING (filing_id, amend_id)
    WHERE action.action_date IS NOT NULL
)
SELECT
    line.*,
    line_name.label AS line_label,
    line.form_type IN ('F460', 'A', 'B1', 'B2', 'B3', 'C', 'D', 'E', 'F', 'G', 'H', 'H1', 'H2', 'H3', 'I')
        AS form_460,
    CASE WHEN line.form_type = 'F460' THEN 'Line ' || coalesce(nullif(line.line_item, ''), '0')
         WHEN line.form_type IN ('A', 'B1', 'B2', 'B3', 'C', 'D', 'E', 'F', 'G', 'H', 'H1', 'H2', 'H3', 'I')
         THEN 'Schedule ' || line.form_type || ' line ' || coalesce(nullif(line.line_item, ''), '0')
         ELSE 'Form ' || regexp_replace(line.form_type, '^F', '') || ' line '
              || coalesce(nullif(line.line_item, ''), '0') END AS line_heading
FROM line
LEFT JOIN line_name ON line_name.form_type = line.form_type AND line_name.line_item = line.line_item;

INSERT INTO ocd.filing_action_summary_amount (filing_action_id, label, value, currency)
WITH amount AS (
    SELECT *, 'A' AS summary_column, amount_a AS value FROM summary_line WHERE amount_a IS NOT NULL
    UNION ALL SELECT *, 'B', amount_b FROM summary_line WHERE amount_b IS NOT NULL
    UNION ALL SELECT *, 'C', amount_c FROM summary_line WHERE amount_c IS NOT NULL
)
SELECT
    filing_action_id,
    line_heading
    || CASE WHEN line_label IS NOT NULL THEN ': ' || line_label ELSE ' (meaning not confirmed)' END
    || CASE WHEN form_460 AND form_type = 'F460' AND summary_column = 'A' THEN ' (this period)'
            WHEN form_460 AND form_type = 'F460' AND summary_column = 'B' THEN ' (calendar year to date)'
            ELSE ' (column ' || summary_column || ')' END,
    CAST(value AS DECIMAL(18, 2)),
    'USD'
FROM amount
ORDER BY ALL;
