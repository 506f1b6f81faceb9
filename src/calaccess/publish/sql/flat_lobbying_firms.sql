-- Lobbying firms: who each is, its lobbyists, what its clients paid it (itemised).
SELECT *, id AS firm_id FROM {lobbying_organizations} AS o WHERE kind = 'lobbying firm'
