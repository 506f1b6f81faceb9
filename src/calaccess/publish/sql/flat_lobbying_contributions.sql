-- Lobbying contributions: every campaign contribution a lobbyist, firm or employer reports (LCCM_CD),
-- with the recipient committee where its filer id resolves.
SELECT * FROM {lobbying_lines} AS line WHERE calaccess_table = 'lccm_cd'
