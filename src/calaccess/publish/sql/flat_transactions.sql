-- Transactions: one row per transaction, with both parties named (the filer's side by the filer's name),
-- the form and schedule it is on, and its lineage back to the line of the export it came from.
-- From: ocd.transaction, ocd.filing_action, ocd.filing, ocd.committee, ocd.person and ocd.organization (the filer: a lobbying filer is often an organization).
WITH filer AS (
    SELECT filing.id AS filing_ocd_id, action.id AS action_id, filing.classification AS form,
           coalesce(committee.name, person.name, organization.name) AS filer_name
    FROM ocd.filing_action AS action
    JOIN ocd.filing AS filing ON filing.id = action.filing_id
    LEFT JOIN ocd.committee AS committee ON committee.id = filing.filer_id
    LEFT JOIN ocd.person AS person ON person.id = filing.filer_id
    LEFT JOIN ocd.organization AS organization ON organization.id = filing.filer_id
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
    t.amount_is_in_kind AS in_kind,
    CAST(t.extras->>'memo' AS BOOLEAN) AS memo,
    t.sender_entity_type AS sender_type,
    coalesce(t.sender_name, CASE WHEN t.sender_committee_id IS NOT NULL OR t.sender_person_id IS NOT NULL
                                      OR t.sender_organization_id IS NOT NULL
                                 THEN filer.filer_name END) AS sender_name,
    coalesce(t.sender_committee_id, t.sender_person_id, t.sender_organization_id) AS sender_id,
    t.recipient_entity_type AS recipient_type,
    coalesce(t.recipient_name, CASE WHEN t.recipient_committee_id IS NOT NULL OR t.recipient_person_id IS NOT NULL
                                         OR t.recipient_organization_id IS NOT NULL
                                    THEN filer.filer_name END) AS recipient_name,
    coalesce(t.recipient_committee_id, t.recipient_person_id, t.recipient_organization_id) AS recipient_id,
    filer.filer_name,
    t.description
FROM ocd.transaction AS t
JOIN filer ON filer.action_id = t.filing_action_id
