-- Builds lobbying.official_gifts: every gift or other activity expense reported for a named beneficiary,
-- with the date, the amount that benefited them, and who paid.
-- From: the activity-expense forms of the current versions (forms.f615_activity_expenses,
-- f625_activity_expenses, f635_activity_expenses, f645_activity_expenses) and their covers.
-- Rules:
--   * a line counts when it names a beneficiary (BENE_NAME); a line that names none is set aside
--     (counted in lobbying_gift_line);
--   * amount is the benefit to that person (BENE_AMT); expense_amount the whole expense, null on a
--     further beneficiary's line (RECSUBTYPE 2), which shares the expense above it;
--   * the payer is the report's filer, named as its cover prints it (any version's, the latest first):
--     null where the export holds no cover of the report; memo lines are kept, flagged;
--   * a beneficiary written as a pointer (SEE ATTACHMENT A, Various) is kept as printed and is a finding.

CREATE OR REPLACE TEMP TABLE lobbying_gift_line AS
SELECT 'F615' AS form, * FROM forms.f615_activity_expenses
UNION ALL BY NAME SELECT 'F625' AS form, * FROM forms.f625_activity_expenses
UNION ALL BY NAME SELECT 'F635' AS form, * FROM forms.f635_activity_expenses
UNION ALL BY NAME SELECT 'F645' AS form, * FROM forms.f645_activity_expenses;

INSERT INTO lobbying.official_gifts BY NAME
WITH cover AS (
    SELECT filing_id, arg_max(filer_name, amend_id) AS payer_name, arg_max(filer_type, amend_id) AS payer_type
    FROM (
        SELECT filing_id, amend_id, filer_name, filer_type FROM forms.f615_cover_all_versions
        UNION ALL SELECT filing_id, amend_id, filer_name, filer_type FROM forms.f625_cover_all_versions
        UNION ALL SELECT filing_id, amend_id, filer_name, filer_type FROM forms.f635_cover_all_versions
        UNION ALL SELECT filing_id, amend_id, filer_name, filer_type FROM forms.f645_cover_all_versions
    )
    GROUP BY filing_id
)
SELECT
    line.filing_id,
    line.amend_id,
    line.form,
    line.line_item,
    line.tran_id,
    line.beneficiary_name,
    line.beneficiary_position,
    line.date,
    line.beneficiary_amount AS amount,
    line.amount AS expense_amount,
    line.description,
    line.payee_name,
    line.filer_id AS payer_filer_id,
    cover.payer_name,
    cover.payer_type,
    line.is_memo
FROM lobbying_gift_line AS line
LEFT JOIN cover USING (filing_id)
WHERE line.beneficiary_name IS NOT NULL
ORDER BY line.filing_id, line.amend_id, line.form, line.line_item;

-- a beneficiary "name" that points elsewhere (SEE ATTACHMENT A, Various) names no one: kept as printed,
-- a finding, and left out of the totals per official
CREATE OR REPLACE TEMP MACRO lobbying_names_no_one(name) AS (
    regexp_matches(upper(trim(name)), '^(SEE |ATTACH|VARIOUS|N/?A$)')
);

INSERT INTO process_finding
SELECT 'gift beneficiary not a name',
       'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || CAST(amend_id AS VARCHAR) || ' line '
       || coalesce(CAST(line_item AS VARCHAR), 'blank'),
       'Form ' || substr(form, 2) || ' activity expense names its beneficiary as ''' || beneficiary_name
       || ''': the official is not in the export'
FROM lobbying.official_gifts
WHERE lobbying_names_no_one(beneficiary_name)
ORDER BY ALL;
