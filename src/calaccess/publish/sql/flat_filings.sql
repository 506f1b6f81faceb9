-- Filings: one row per filing, with its form, its filer's name, what it covers, and its current version.
-- From: ocd.filing, ocd.filing_action (the current one), ocd.committee, ocd.person and ocd.organization (the filer: a lobbying filer is often an organization).
WITH current_action AS (
    SELECT filing_id, arg_max(id, is_current) AS action_id, arg_max(date, is_current) AS date,
           arg_max(description, is_current) AS description, count(*) AS versions
    FROM ocd.filing_action GROUP BY ALL
)
SELECT
    filing.id AS filing_id,
    CAST(json_extract(filing.extras, '$.calaccess_filing_id') AS BIGINT) AS calaccess_filing_id,
    filing.classification AS form,
    json_extract_string(filing.extras, '$.form_title') AS form_title,
    filing.filer_id AS filer_ocd_id,
    json_extract_string(filing.extras, '$.filer_id') AS filer_id,
    coalesce(committee.name, person.name, organization.name) AS filer_name,
    filing.coverage_start_date,
    filing.coverage_end_date,
    current_action.versions,
    CAST(json_extract(filing.extras, '$.latest_amend_id') AS INTEGER) AS current_amend_id,
    current_action.action_id AS current_action_id,
    current_action.date AS current_version_date,
    current_action.description AS current_version
FROM ocd.filing AS filing
LEFT JOIN current_action ON current_action.filing_id = filing.id
LEFT JOIN ocd.committee AS committee ON committee.id = filing.filer_id
LEFT JOIN ocd.person AS person ON person.id = filing.filer_id
LEFT JOIN ocd.organization AS organization ON organization.id = filing.filer_id
