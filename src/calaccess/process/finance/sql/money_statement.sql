-- Builds the money steps' working tables (TEMP): the current version of each campaign filing with the
-- committee that filed it (money_version), the period each periodic statement covers (money_period), each
-- Form 460's summary and itemised totals (money_statement), the late contributions of Forms 497
-- (money_late) and the receipts a committee took from another committee (money_committee_receipt).
-- From: filing_version, filing_form, filing_filer (finance/__init__.py), filer_alias (FILER_XREF_CD),
-- raw.cvr_campaign_disclosure_cd, raw.filer_filings_cd, raw.smry_cd, raw.rcpt_cd, raw.expn_cd,
-- raw.loan_cd, raw.s497_cd.
-- Rules:
--   * only the current version of a filing counts (amendments are whole re-filings);
--   * the committee of a filing: committee_id_of(its filer id), or the committee of its own that a filing
--     naming no filer gets (unknown_filer_committee_id_of), so no money is dropped for want of a filer;
--   * an election cycle is two calendar years ending with the even year of a general election: a day of
--     2015 or 2016 is in cycle 2016 (cycle_of);
--   * a statement's period: FROM_DATE and THRU_DATE of its current cover, else RPT_START and RPT_END of
--     FILER_FILINGS_CD; its cycle is that of the period's last day; a statement with no period is set
--     aside (counted in the accounting);
--   * Form 460 summary (SMRY_CD FORM_TYPE F460, AMOUNT_A, this period): line 5 total contributions (it
--     includes line 2, loans received), 11 total expenditures, 2 loans received, 16 ending cash;
--   * itemised: RCPT_CD A and C (contributions), EXPN_CD E (payments), LOAN_CD B1 LOAN_AMT1 (loans
--     received this period, guarantor rows B1G apart); memo lines (MEMO_CODE 'X') never counted;
--   * a committee named by filer id on a receipt (CMTE_ID): its digits, read through FILER_XREF_CD.

CREATE OR REPLACE TEMP MACRO cycle_of(day) AS (
    CAST(year(day) + year(day) % 2 AS INTEGER)
);

CREATE OR REPLACE TEMP MACRO money_filer_id(written) AS (
    nullif(regexp_replace(upper(trim(CAST(written AS VARCHAR))), '[^0-9]', '', 'g'), '')
);

CREATE OR REPLACE TEMP TABLE money_version AS
SELECT
    version.filing_id,
    version.amend_id,
    filer.form_id,
    filer.filer_id,
    CASE WHEN filer.filer_id IS NULL THEN unknown_filer_committee_id_of(version.filing_id)
         ELSE committee_id_of(filer.filer_id) END AS committee_id
FROM filing_version AS version
JOIN filing_filer AS filer USING (filing_id)
WHERE version.is_current;

CREATE OR REPLACE TEMP TABLE money_period AS
WITH cover AS (
    SELECT filing_id, amend_id, min(from_date) AS period_start, max(thru_date) AS period_end
    FROM raw.cvr_campaign_disclosure_cd
    WHERE thru_date IS NOT NULL
    GROUP BY ALL
),
indexed AS (
    SELECT filing_id, min(rpt_start) AS period_start, max(rpt_end) AS period_end
    FROM raw.filer_filings_cd
    WHERE rpt_end IS NOT NULL
    GROUP BY ALL
)
SELECT
    version.*,
    coalesce(cover.period_start, indexed.period_start) AS period_start,
    coalesce(cover.period_end, indexed.period_end) AS period_end,
    CASE WHEN cover.period_end IS NOT NULL THEN 'cover'
         WHEN indexed.period_end IS NOT NULL THEN 'filer_filings' END AS period_from,
    cycle_of(coalesce(cover.period_end, indexed.period_end)) AS cycle
FROM money_version AS version
LEFT JOIN cover USING (filing_id, amend_id)
LEFT JOIN indexed USING (filing_id)
WHERE version.form_id IN ('F460', 'F461');

CREATE OR REPLACE TEMP TABLE money_statement AS
WITH summary AS (
    SELECT
        filing_id, amend_id,
        sum(amount_a) FILTER (WHERE trim(line_item) = '5') AS raised,
        sum(amount_a) FILTER (WHERE trim(line_item) = '11') AS spent,
        sum(amount_a) FILTER (WHERE trim(line_item) = '2') AS loans_received,
        sum(amount_a) FILTER (WHERE trim(line_item) = '16') AS ending_cash
    FROM raw.smry_cd
    WHERE upper(trim(form_type)) = 'F460'
    GROUP BY ALL
),
receipt AS (
    SELECT filing_id, amend_id, sum(amount) AS itemised_contributions
    FROM raw.rcpt_cd
    WHERE upper(trim(form_type)) IN ('A', 'C') AND NOT coalesce(memo_code, false)
    GROUP BY ALL
),
payment AS (
    SELECT filing_id, amend_id, sum(amount) AS itemised_expenditures
    FROM raw.expn_cd
    WHERE upper(trim(form_type)) = 'E' AND NOT coalesce(memo_code, false)
    GROUP BY ALL
),
loan AS (
    SELECT filing_id, amend_id, sum(loan_amt1) AS itemised_loans_received
    FROM raw.loan_cd
    WHERE upper(trim(form_type)) = 'B1' AND coalesce(upper(trim(loan_type)), '') <> 'B1G'
      AND NOT coalesce(memo_code, false)
    GROUP BY ALL
)
SELECT
    period.filing_id,
    period.amend_id,
    period.filer_id,
    period.committee_id,
    period.period_start,
    period.period_end,
    period.cycle,
    summary.raised,
    summary.spent,
    summary.loans_received,
    summary.ending_cash,
    summary.filing_id IS NOT NULL AS has_summary,
    coalesce(receipt.itemised_contributions, 0) AS itemised_contributions,
    coalesce(payment.itemised_expenditures, 0) AS itemised_expenditures,
    coalesce(loan.itemised_loans_received, 0) AS itemised_loans_received
FROM money_period AS period
LEFT JOIN summary USING (filing_id, amend_id)
LEFT JOIN receipt USING (filing_id, amend_id)
LEFT JOIN payment USING (filing_id, amend_id)
LEFT JOIN loan USING (filing_id, amend_id)
WHERE period.form_id = 'F460';

-- the last day a committee's periodic statements (460, 461) of a cycle cover
CREATE OR REPLACE TEMP TABLE money_last_covered AS
SELECT committee_id, cycle, max(period_end) AS last_covered
FROM money_period
WHERE cycle IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE money_late AS
SELECT
    version.committee_id,
    late.filing_id,
    late.amend_id,
    late.line_item,
    late.amount,
    late.ctrib_date AS received_on,
    cycle_of(late.ctrib_date) AS cycle,
    coalesce(alias.filer_id, money_filer_id(late.cmte_id)) AS from_filer_id,
    CASE WHEN coalesce(late.memo_code, false) THEN 'memo'
         WHEN late.ctrib_date IS NULL THEN 'no date'
         WHEN late.amount IS NULL THEN 'no amount'
         WHEN covered.last_covered IS NOT NULL AND late.ctrib_date <= covered.last_covered
         THEN 'reported again on a 460'
         ELSE 'counted' END AS status
FROM raw.s497_cd AS late
JOIN money_version AS version USING (filing_id, amend_id)
LEFT JOIN money_last_covered AS covered
  ON covered.committee_id = version.committee_id AND covered.cycle = cycle_of(late.ctrib_date)
LEFT JOIN filer_alias AS alias ON alias.written_id = money_filer_id(late.cmte_id)
WHERE upper(trim(late.form_type)) = 'F497P1';

CREATE OR REPLACE TEMP TABLE money_committee_receipt AS
SELECT statement.committee_id, statement.cycle,
       committee_id_of(coalesce(alias.filer_id, money_filer_id(receipt.cmte_id))) AS from_committee_id,
       receipt.amount, 'rcpt_cd' AS calaccess_table
FROM raw.rcpt_cd AS receipt
JOIN money_statement AS statement USING (filing_id, amend_id)
LEFT JOIN filer_alias AS alias ON alias.written_id = money_filer_id(receipt.cmte_id)
WHERE upper(trim(receipt.form_type)) IN ('A', 'C') AND NOT coalesce(receipt.memo_code, false)
  AND money_filer_id(receipt.cmte_id) IS NOT NULL AND statement.cycle IS NOT NULL
  AND receipt.amount IS NOT NULL
UNION ALL
SELECT committee_id, cycle, committee_id_of(from_filer_id), amount, 's497_cd'
FROM money_late
WHERE status = 'counted' AND from_filer_id IS NOT NULL;
