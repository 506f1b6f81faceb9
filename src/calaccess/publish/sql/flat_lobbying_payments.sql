-- Lobbying payments: every payment line of the lobbying reports (LPAY_CD: employers to firms and firms'
-- receipts; LOTH_CD: to other lobbying parties; LATT_CD: to and by coalitions, agencies' reports).
SELECT * FROM {lobbying_lines} AS line WHERE calaccess_table IN ('lpay_cd', 'loth_cd', 'latt_cd')
