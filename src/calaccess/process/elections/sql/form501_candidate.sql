-- Builds filer_alias and form501_candidate (TEMP, for the people and candidacy steps): one row per Form 501
-- filing (statement of intention to run), in its latest amendment, with the candidate's filer id, name parts,
-- race, party and withdrawal.
-- From: raw.f501_502_cd (FORM_TYPE F501), form501_race (the race each version declares, from the posts step),
-- raw.filer_xref_cd (old filer ids and the ids that replaced them), party_decode (the parties step).
-- Rules: the latest amendment (highest AMEND_ID) wins for everything on the form; the filed date is the
-- report date of the earliest version, when the statement was first filed. Party: the party code decoded
-- through LOOKUP_CODES_CD, else the party as written decoded through party-spellings.csv, else unknown.
-- A statement of type 10003 (TERMINATION) withdraws the intention: the candidate withdrew. A filer id the
-- export cross-references to a newer one (FILER_XREF_CD) is read as the newer one, so both name one filer.

CREATE OR REPLACE TEMP TABLE filer_alias AS
SELECT trim(CAST(xref_id AS VARCHAR)) AS written_id, CAST(min(TRY_CAST(filer_id AS BIGINT)) AS VARCHAR) AS filer_id
FROM raw.filer_xref_cd
WHERE nullif(trim(CAST(xref_id AS VARCHAR)), '') IS NOT NULL AND TRY_CAST(filer_id AS BIGINT) IS NOT NULL
GROUP BY ALL
HAVING trim(CAST(xref_id AS VARCHAR)) <> CAST(min(TRY_CAST(filer_id AS BIGINT)) AS VARCHAR);

CREATE OR REPLACE TEMP MACRO form501_name_text(last, first, middle, title, suffix, moniker) AS (
    concat_ws('|', coalesce(trim(last), ''), coalesce(trim(first), ''), coalesce(trim(middle), ''),
              coalesce(trim(title), ''), coalesce(trim(suffix), ''), coalesce(trim(moniker), ''))
);

CREATE OR REPLACE TEMP TABLE form501_candidate AS
WITH statement AS (
    SELECT
        TRY_CAST(filing_id AS BIGINT) AS filing_id,
        TRY_CAST(amend_id AS INTEGER) AS amend_id,
        nullif(trim(CAST(filer_id AS VARCHAR)), '') AS written_filer_id,
        TRY_CAST(rpt_date AS DATE) AS report_date,
        TRY_CAST(stmt_type AS INTEGER) AS statement_type,
        nullif(TRY_CAST(party_cd AS INTEGER), 0) AS party_cd,
        nullif(trim(party), '') AS party_written,
        cand_naml AS last_name, cand_namf AS first_name, can_namm AS middle_name, cand_namt AS title,
        cand_nams AS suffix, moniker
    FROM raw.f501_502_cd
    WHERE upper(trim(form_type)) = 'F501' AND TRY_CAST(filing_id AS BIGINT) IS NOT NULL
),
latest AS (
    SELECT *, min(report_date) OVER (PARTITION BY filing_id) AS filed_date
    FROM statement
    -- ties (a version the export repeats) are broken on the content, so every run picks the same row
    QUALIFY row_number() OVER (
        PARTITION BY filing_id
        ORDER BY amend_id DESC NULLS LAST, report_date DESC NULLS LAST, statement_type, party_cd, party_written,
                 written_filer_id, last_name, first_name
    ) = 1
),
race AS (
    SELECT filing_id, min(office_key) AS office_key, min(year) AS year,
           min(upper(election_type)) AS election_type
    FROM form501_race WHERE is_latest GROUP BY filing_id
)
SELECT
    latest.filing_id,
    latest.amend_id,
    latest.written_filer_id,
    coalesce(alias.filer_id, latest.written_filer_id) AS filer_id,
    latest.filed_date,
    latest.report_date,
    latest.statement_type = 10003 AS withdrawn,
    race.office_key,
    race.year,
    race.election_type,
    latest.party_cd,
    latest.party_written,
    CASE WHEN by_code.status IN ('party', 'nonpartisan') THEN by_code.status
         WHEN by_spelling.status IN ('party', 'nonpartisan') THEN by_spelling.status
         ELSE 'unknown' END AS party_status,
    CASE WHEN by_code.status IN ('party', 'nonpartisan') THEN by_code.party_id
         WHEN by_spelling.status IN ('party', 'nonpartisan') THEN by_spelling.party_id END AS party_id,
    latest.party_cd IS NOT NULL AND by_code.code IS NULL AS party_code_undecoded,
    form501_name_text(latest.last_name, latest.first_name, latest.middle_name, latest.title, latest.suffix,
                      latest.moniker) AS name_text,
    latest.last_name, latest.first_name, latest.middle_name, latest.title, latest.suffix, latest.moniker
FROM latest
LEFT JOIN race USING (filing_id)
LEFT JOIN filer_alias AS alias ON alias.written_id = latest.written_filer_id
LEFT JOIN party_decode AS by_code
    ON by_code.source = 'lookup_code' AND by_code.code = CAST(latest.party_cd AS VARCHAR)
LEFT JOIN party_decode AS by_spelling
    ON by_spelling.source = 'spelling' AND by_spelling.code = party_spelling_key(latest.party_written);

INSERT INTO process_finding
SELECT 'party code not in lookup', 'PARTY_CD ' || party_cd,
       count(*) || ' Form 501 filing(s) carry a party code LOOKUP_CODES_CD does not list'
       || CASE WHEN count(party_written) > 0 THEN '; their written party is used where it reads' ELSE '' END
FROM form501_candidate WHERE party_code_undecoded GROUP BY party_cd;
