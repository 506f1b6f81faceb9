-- Lobbyist employers and lobbying coalitions: who each is, its lobbyists, what it paid (itemised).
SELECT *, id AS employer_id FROM {lobbying_organizations} AS o
WHERE kind IN ('lobbying employer', 'lobbying coalition')
