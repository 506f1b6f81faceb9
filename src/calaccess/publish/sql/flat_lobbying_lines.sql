-- Every itemised line of every lobbying report, both parties named, with its lineage: the one body the
-- flat lobbying_payments, activity_expenses and lobbying_contributions select from (as {lobbying_lines}).
-- From: ocd.transaction (extras.domain 'lobbying'), ocd.filing_action, ocd.filing, ocd.organization,
-- ocd.person and ocd.committee (the parties and the filer).
WITH filer AS (
    SELECT filing.id AS filing_ocd_id, action.id AS action_id, filing.classification AS form,
           coalesce(organization.name, person.name, committee.name) AS filer_name
    FROM ocd.filing_action AS action
    JOIN ocd.filing AS filing ON filing.id = action.filing_id
    LEFT JOIN ocd.organization AS organization ON organization.id = filing.filer_id
    LEFT JOIN ocd.person AS person ON person.id = filing.filer_id
    LEFT JOIN ocd.committee AS committee ON committee.id = filing.filer_id
),
party AS (
    SELECT id, name FROM ocd.organization
    UNION ALL SELECT id, name FROM ocd.person
    UNION ALL SELECT id, name FROM ocd.committee
)
SELECT
    t.id AS transaction_id,
    filer.filing_ocd_id AS filing_id,
    CAST(t.extras->>'filing_id' AS BIGINT) AS calaccess_filing_id,
    CAST(t.extras->>'amend_id' AS INTEGER) AS amend_id,
    CAST(t.extras->>'is_current' AS BOOLEAN) AS is_current,
    filer.form,
    t.extras->>'schedule' AS schedule,
    t.extras->>'calaccess_table' AS calaccess_table,
    CAST(t.extras->>'line_item' AS INTEGER) AS line_item,
    t.identifier AS tran_id,
    t.classification,
    t.date,
    t.amount_value AS amount,
    CAST(t.extras->>'memo' AS BOOLEAN) AS memo,
    coalesce(t.sender_name, sender.name) AS payer_name,
    coalesce(t.sender_organization_id, t.sender_person_id, t.sender_committee_id) AS payer_id,
    coalesce(t.recipient_name, recipient.name) AS payee_name,
    coalesce(t.recipient_organization_id, t.recipient_person_id, t.recipient_committee_id) AS payee_id,
    filer.filer_name,
    t.description,
    t.extras->'beneficiary'->>'name' AS beneficiary_name,
    t.extras->'beneficiary'->>'position' AS beneficiary_position,
    CAST(t.extras->'beneficiary'->>'amount' AS DECIMAL(18, 2)) AS beneficiary_amount,
    t.extras->'beneficiary'->>'person_id' AS beneficiary_person_id,
    t.recipient_committee_id
FROM ocd.transaction AS t
JOIN filer ON filer.action_id = t.filing_action_id
LEFT JOIN party AS sender
    ON sender.id = coalesce(t.sender_organization_id, t.sender_person_id, t.sender_committee_id)
LEFT JOIN party AS recipient
    ON recipient.id = coalesce(t.recipient_organization_id, t.recipient_person_id, t.recipient_committee_id)
WHERE t.extras->>'domain' = 'lobbying'
