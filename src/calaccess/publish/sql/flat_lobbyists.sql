-- Lobbyists: one row per lobbyist, with the firms and employers they lobbied for, by session.
-- From: ocd.person (extras.kind 'lobbyist'), ocd.membership (their employment), ocd.organization.
WITH employment AS (
    SELECT m.person_id, CAST(m.extras->>'session' AS INTEGER) AS session, m.organization_id,
           o.name || ' (' || coalesce(m.start_date || '-' || m.end_date, 'session unknown') || ')' AS label
    FROM ocd.membership AS m
    JOIN ocd.organization AS o ON o.id = m.organization_id
    WHERE m.person_id IN (SELECT id FROM ocd.person WHERE extras->>'kind' = 'lobbyist')
)
SELECT
    p.id AS lobbyist_id,
    p.name,
    p.extras->>'calaccess_filer_id' AS filer_id,
    min(e.session) AS first_session,
    max(e.session) AS last_session,
    count(DISTINCT e.organization_id) AS employers,
    string_agg(DISTINCT e.label, '; ' ORDER BY e.label) AS employer_names
FROM ocd.person AS p
LEFT JOIN employment AS e ON e.person_id = p.id
WHERE p.extras->>'kind' = 'lobbyist'
GROUP BY ALL
