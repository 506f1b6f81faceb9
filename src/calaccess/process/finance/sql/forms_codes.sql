-- Builds form_lookup (TEMP) and the macro form_lookup_code(code_list, code): the numeric code lists of
-- raw.lookup_codes_cd that Form 501 uses, named, for forms.f501's decoded columns.
-- From: raw.lookup_codes_cd.
-- Rules:
--   * each list is the CODE_TYPE values that hold it (office: the 30000 and 50000 series; jurisdiction
--     40500; election type 3000; party 16000; district 17000; statement type 10000);
--   * code 0 is the export's "none" (N/A): no meaning, the form's code column holds NULL;
--   * a code no list holds has no meaning, and the forms step reports it (form code unknown).
-- (The letter codes of the electronic filing format are declared in forms.py: the export has no table.)

CREATE OR REPLACE TEMP TABLE form_lookup AS
WITH list_type (code_list, code_type) AS (
    VALUES ('office', 30000), ('office', 50000), ('jurisdiction', 40500), ('election_type', 3000),
           ('party', 16000), ('district', 17000), ('statement_type', 10000)
)
SELECT list_type.code_list, lookup.code_id, min(trim(lookup.code_desc)) AS meaning
FROM raw.lookup_codes_cd AS lookup
JOIN list_type USING (code_type)
WHERE lookup.code_id <> 0
GROUP BY ALL
ORDER BY ALL;

CREATE OR REPLACE TEMP MACRO form_lookup_code(list, code) AS (
    SELECT min(meaning) FROM form_lookup WHERE code_list = list AND code_id = code
);
