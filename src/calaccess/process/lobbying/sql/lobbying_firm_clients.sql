-- Builds lobbying.firm_clients: which lobbying firm worked for which lobbyist employer or client, in which
-- legislative session, as the firms' registrations and the state's own table of it say.
-- From: forms.f601_employers and forms.f601_subcontracted_clients (current versions of Form 601 part 2A
-- and 2B, LEMP_CD), forms.f601_cover_all_versions, raw.lobbyist_employer_firms1_cd and _firms2_cd (two
-- identical copies, read as one), ocd.organization and its filer-id identifiers, filer_alias
-- (form501_candidate.sql), lobbying_session_of (lobbying_totals_report.sql).
-- Rules:
--   * a registration line names a client the filing's filer (the firm) works for: part 2A an employer that
--     contracted the firm itself, part 2B a client the firm works for under another firm's contract (the
--     subcontracting firm is kept);
--   * its session is the one its filing's latest cover names, else the session of the line's effective
--     date; a line with no filer or no session is left out here (the step counts it, with its reason);
--   * the state's table adds one row per employer, firm and session it holds, as an employer;
--   * a client's or subcontracting firm's id printed as an older id is resolved through FILER_XREF_CD
--     (filer_alias, from the elections' steps), as the filings' own filers are;
--   * one row per firm, client, session and relationship; a client is known by its filer id, else by its
--     printed name compared upper case with spaces collapsed; the lines of a row give its latest
--     registration's filing id, interests and agencies, its earliest effective date and its contract
--     periods as written;
--   * names: the organization's (ocd.organization, its latest name) where the filer id is one, else as
--     printed on the latest line.

CREATE OR REPLACE TEMP TABLE lobbying_firm_client_line AS
WITH cover AS (
    SELECT filing_id, TRY_CAST(arg_max(session_start_year, amend_id) AS INTEGER) AS cover_year
    FROM forms.f601_cover_all_versions
    GROUP BY filing_id
),
line AS (
    SELECT filing_id, amend_id, line_item, filer_id, 'employer' AS relationship, client_id, client_name,
           effective_date, contract_period, agencies, lobbying_interests,
           subcontracting_firm_id, subcontracting_firm_name
    FROM forms.f601_employers
    UNION ALL
    SELECT filing_id, amend_id, line_item, filer_id, 'subcontracted client', client_id, client_name,
           effective_date, contract_period, agencies, lobbying_interests,
           subcontracting_firm_id, subcontracting_firm_name
    FROM forms.f601_subcontracted_clients
)
SELECT line.* REPLACE (coalesce(client.filer_id, nullif(trim(line.client_id), '')) AS client_id,
                      coalesce(subfirm.filer_id, nullif(trim(line.subcontracting_firm_id), ''))
                          AS subcontracting_firm_id),
       coalesce(cover.cover_year - (cover.cover_year + 1) % 2, lobbying_session_of(line.effective_date)) AS session,
       coalesce(client.filer_id, nullif(trim(line.client_id), ''),
                nullif(regexp_replace(upper(trim(line.client_name)), '\s+', ' ', 'g'), '')) AS client_key,
       CASE WHEN line.filer_id IS NULL THEN 'the registration names no filer'
            WHEN coalesce(cover.cover_year, year(line.effective_date)) IS NULL
                THEN 'no session: no cover names one and the line gives no effective date'
            WHEN coalesce(nullif(trim(line.client_id), ''), nullif(trim(line.client_name), '')) IS NULL
                THEN 'names no client'
       END AS left_out_because
FROM line
LEFT JOIN cover USING (filing_id)
LEFT JOIN filer_alias AS client ON client.written_id = trim(line.client_id)
LEFT JOIN filer_alias AS subfirm ON subfirm.written_id = trim(line.subcontracting_firm_id);

CREATE OR REPLACE TEMP TABLE lobbying_state_employer_firm AS
SELECT DISTINCT CAST(firm_id AS VARCHAR) AS firm_filer_id, CAST(employer_id AS VARCHAR) AS employer_filer_id,
       session_id AS session, nullif(trim(firm_name), '') AS firm_name, termination_dt
FROM (SELECT * FROM raw.lobbyist_employer_firms1_cd UNION ALL SELECT * FROM raw.lobbyist_employer_firms2_cd)
WHERE firm_id IS NOT NULL AND employer_id IS NOT NULL AND session_id IS NOT NULL;

INSERT INTO lobbying.firm_clients BY NAME
WITH filed AS (
    SELECT filer_id AS firm_filer_id, client_key, session, relationship,
           nullif(trim(client_id), '') AS client_filer_id,
           arg_max(client_name, (amend_id, filing_id, line_item)) AS client_printed_name,
           NULL::VARCHAR AS firm_printed_name,
           arg_max(nullif(trim(subcontracting_firm_id), ''), (filing_id, amend_id, line_item))
               AS subcontracting_firm_filer_id,
           arg_max(nullif(trim(subcontracting_firm_name), ''), (filing_id, amend_id, line_item))
               AS subcontracting_firm_name,
           min(effective_date) AS effective_date,
           nullif(array_to_string(list_sort(list_distinct(list(nullif(trim(contract_period), '')))), '; '), '')
               AS contract_periods,
           NULL::DATE AS termination_date,
           max(filing_id) AS registration_filing_id,
           arg_max(lobbying_interests, (filing_id, amend_id, line_item)) AS lobbying_interests,
           arg_max(agencies, (filing_id, amend_id, line_item)) AS agencies,
           'Form 601' AS source
    FROM lobbying_firm_client_line
    WHERE left_out_because IS NULL
    GROUP BY filer_id, client_key, session, relationship, nullif(trim(client_id), '')
),
state AS (
    SELECT firm_filer_id, employer_filer_id AS client_key, session, 'employer' AS relationship,
           employer_filer_id AS client_filer_id, NULL::VARCHAR AS client_printed_name,
           max(firm_name) AS firm_printed_name, NULL::VARCHAR AS subcontracting_firm_filer_id,
           NULL::VARCHAR AS subcontracting_firm_name, NULL::DATE AS effective_date,
           NULL::VARCHAR AS contract_periods, max(termination_dt) AS termination_date,
           NULL::BIGINT AS registration_filing_id, NULL::VARCHAR AS lobbying_interests,
           NULL::VARCHAR AS agencies, 'LOBBYIST_EMPLOYER_FIRMS_CD' AS source
    FROM lobbying_state_employer_firm
    GROUP BY ALL
),
joined AS (
    SELECT firm_filer_id, client_key, session, relationship,
           any_value(client_filer_id) AS client_filer_id,
           max(client_printed_name) AS client_printed_name,
           max(firm_printed_name) AS firm_printed_name,
           max(subcontracting_firm_filer_id) AS subcontracting_firm_filer_id,
           max(subcontracting_firm_name) AS subcontracting_firm_name,
           min(effective_date) AS effective_date,
           max(contract_periods) AS contract_periods,
           max(termination_date) AS termination_date,
           max(registration_filing_id) AS registration_filing_id,
           max(lobbying_interests) AS lobbying_interests,
           max(agencies) AS agencies,
           string_agg(source, ' and ' ORDER BY source) AS sources
    FROM (SELECT * FROM filed UNION ALL BY NAME SELECT * FROM state)
    GROUP BY firm_filer_id, client_key, session, relationship
),
organization AS (
    SELECT identifier.identifier AS filer_id, min(o.id) AS organization_id, min(o.name) AS name
    FROM ocd.organization_identifier AS identifier
    JOIN ocd.organization AS o ON o.id = identifier.organization_id
    WHERE identifier.scheme = 'calaccess_filer_id'
    GROUP BY identifier.identifier
)
SELECT joined.firm_filer_id, firm.organization_id AS firm_organization_id,
       coalesce(firm.name, joined.firm_printed_name) AS firm_name,
       joined.client_key, joined.client_filer_id, client.organization_id AS client_organization_id,
       coalesce(client.name, joined.client_printed_name) AS client_name,
       joined.session, joined.relationship, joined.subcontracting_firm_filer_id, joined.subcontracting_firm_name,
       joined.effective_date, joined.contract_periods, joined.termination_date, joined.registration_filing_id,
       joined.lobbying_interests, joined.agencies, joined.sources
FROM joined
LEFT JOIN organization AS firm ON firm.filer_id = joined.firm_filer_id
LEFT JOIN organization AS client ON client.filer_id = joined.client_filer_id;
