-- Lobbying firms, employers and coalitions, one row each: the body the flat lobbyist_employers and
-- lobbying_firms select from (as {lobbying_organizations}). Money is itemised (current versions, memo
-- lines left out); lobbying.* holds the totals as reported, summary lines first.
-- From: ocd.organization (extras.kind), ocd.organization_other_name, ocd.membership, ocd.person,
-- ocd.filing, ocd.transaction (extras.domain 'lobbying').
WITH organization AS (
    SELECT id, name, extras->>'kind' AS kind, extras->>'calaccess_filer_id' AS filer_id,
           json_extract_string(extras, '$.registrations[*].session') AS sessions,
           coalesce(
               json_extract_string(extras, '$.interest.registered.interests'),
               json_extract_string(extras, '$.interest.registered.industry'),
               json_extract_string(extras, '$.interest.registered.business')
           ) AS interest
    FROM ocd.organization
    WHERE extras->>'kind' IN ('lobbying employer', 'lobbying coalition', 'lobbying firm')
),
other_names AS (
    SELECT organization_id AS id, string_agg(DISTINCT name, '; ' ORDER BY name) AS other_names
    FROM ocd.organization_other_name WHERE organization_id IN (SELECT id FROM organization)
    GROUP BY ALL
),
lobbyists AS (
    SELECT m.organization_id AS id, count(DISTINCT m.person_id) AS lobbyists,
           string_agg(DISTINCT p.name, '; ' ORDER BY p.name) AS lobbyist_names
    FROM ocd.membership AS m JOIN ocd.person AS p ON p.id = m.person_id
    WHERE p.extras->>'kind' = 'lobbyist' AND m.organization_id IN (SELECT id FROM organization)
    GROUP BY ALL
),
reports AS (
    SELECT filer_id AS id, count(*) AS reports FROM ocd.filing
    WHERE extras->>'domain' = 'lobbying' AND classification IN ('F615', 'F625', 'F635', 'F645')
    GROUP BY ALL
),
line AS (
    SELECT * FROM ocd.transaction
    WHERE extras->>'domain' = 'lobbying' AND coalesce(CAST(extras->>'is_current' AS BOOLEAN), true)
      AND NOT coalesce(CAST(extras->>'memo' AS BOOLEAN), false)
),
paid AS (
    SELECT sender_organization_id AS id,
           sum(amount_value) FILTER (WHERE classification = 'payment for lobbying') AS paid_to_firms,
           sum(amount_value) FILTER (WHERE classification = 'activity expense') AS activity_expenses,
           sum(amount_value) FILTER (WHERE classification = 'contribution') AS contributions,
           count(DISTINCT coalesce(recipient_organization_id, recipient_name))
               FILTER (WHERE classification = 'payment for lobbying') AS firms_paid
    FROM line WHERE sender_organization_id IS NOT NULL GROUP BY ALL
),
received AS (
    SELECT recipient_organization_id AS id, sum(amount_value) AS payments_received,
           count(DISTINCT coalesce(sender_organization_id, sender_name)) AS clients
    FROM line WHERE classification = 'payment for lobbying' AND recipient_organization_id IS NOT NULL
    GROUP BY ALL
)
SELECT
    organization.id, organization.name, organization.filer_id, other_names.other_names,
    nullif(array_to_string(list_transform(list_sort(list_distinct(organization.sessions)),
        lambda s: s || '-' || CAST(CAST(s AS INTEGER) + 1 AS VARCHAR)), '; '), '') AS sessions,
    organization.interest, coalesce(lobbyists.lobbyists, 0) AS lobbyists, lobbyists.lobbyist_names,
    coalesce(reports.reports, 0) AS reports, organization.kind,
    paid.paid_to_firms, paid.activity_expenses, paid.contributions, coalesce(paid.firms_paid, 0) AS firms_paid,
    received.payments_received, coalesce(received.clients, 0) AS clients
FROM organization
LEFT JOIN other_names USING (id)
LEFT JOIN lobbyists USING (id)
LEFT JOIN reports USING (id)
LEFT JOIN paid USING (id)
LEFT JOIN received USING (id)
