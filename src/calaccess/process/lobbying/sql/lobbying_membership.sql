-- Builds the lobbyists' memberships in ocd.membership: a lobbyist's employment by a lobbying firm or a
-- lobbyist employer (or coalition) in a legislative session, with its start and end.
-- From: raw.lobbyist_firm_lobbyist1_cd and 2 (lobbyist, firm, session), raw.lobbyist_emp_lobbyist1_cd and 2
-- (lobbyist, employer, session), the Form 604 covers (the lobbyist, SENDER_ID the firm or employer that
-- filed the certification, LS_BEG_YR the session), raw.cvr2_registration_cd (the lobbyists a firm's
-- registration lists, an employer's employees who lobby, for the registration's session),
-- lobbying_registration (a 606/607 ending it), lobbying_filer.
-- Rules:
--   * one membership per (lobbyist, organization, session), id lobbying_membership_id_of(...); the two
--     copies of each state table are one source (they are identical);
--   * start: the certification's start date where a Form 604 names the pair for the session, else the
--     session's first year; end: the termination or withdrawal the lobbyist filed in the session, else the
--     session's second year (dates as fuzzy years where only the session is known);
--   * a pair with no session (a registration whose cover the export lacks) or no organization (a registration
--     that names no filer) is set aside, counted, with a finding;
--   * both sides must be records this domain made (a lobbyist, an organization); a pair whose side is of
--     another kind (an id the sources call a firm on one side and a lobbyist on the other) is set aside,
--     counted, with a finding.

CREATE OR REPLACE TEMP TABLE lobbying_employment AS
WITH listed AS (
    SELECT CAST(lobbyist_id AS VARCHAR) AS lobbyist_id, CAST(firm_id AS VARCHAR) AS organization_filer_id,
           session_id AS session, 'LOBBYIST_FIRM_LOBBYIST_CD' AS source, NULL::BIGINT AS filing_id
    FROM (SELECT * FROM raw.lobbyist_firm_lobbyist1_cd UNION SELECT * FROM raw.lobbyist_firm_lobbyist2_cd)
    UNION ALL
    SELECT CAST(lobbyist_id AS VARCHAR), CAST(employer_id AS VARCHAR), session_id, 'LOBBYIST_EMP_LOBBYIST_CD', NULL
    FROM (SELECT * FROM raw.lobbyist_emp_lobbyist1_cd UNION SELECT * FROM raw.lobbyist_emp_lobbyist2_cd)
    UNION ALL
    SELECT filer_id, sender_filer_id, coalesce(session_first_year, session_of(rpt_date)), 'Form 604', filing_id
    FROM lobbying_cover
    WHERE form = 'F604' AND filer_id IS NOT NULL AND sender_filer_id IS NOT NULL AND sender_filer_id <> filer_id
    QUALIFY amend_id = max(amend_id) OVER (PARTITION BY filing_id)
    UNION ALL
    -- the lobbyists a registration lists (a firm's on Form 601, an employer's employees on Form 603), for
    -- the session the registration's cover names (no cover in the export: no session, set aside)
    SELECT lobbying_filer_id(listed.entity_id), filer.filer_id, session.session, 'CVR2_REGISTRATION_CD',
           listed.filing_id
    FROM raw.cvr2_registration_cd AS listed
    JOIN lobbying_filing_filer AS filer USING (filing_id)
    LEFT JOIN (SELECT filing_id, arg_max(session_first_year, (amend_id, session_first_year)) AS session
               FROM lobbying_cover
               WHERE session_first_year IS NOT NULL GROUP BY filing_id) AS session USING (filing_id)
    WHERE nullif(trim(listed.entity_id), '') IS NOT NULL
      AND ((upper(trim(listed.form_type)) = 'F601' AND coalesce(upper(trim(listed.entity_cd)), 'LBY') = 'LBY')
           OR (upper(trim(listed.form_type)) = 'F603' AND upper(trim(listed.entity_cd)) = 'EMP'))
)
SELECT lobbyist_id, organization_filer_id, session, list(DISTINCT source ORDER BY source) AS sources,
       min(filing_id) AS certification_filing_id, count(*) AS rows_listed
FROM listed
WHERE lobbyist_id IS NOT NULL AND lobbyist_id <> '0' AND organization_filer_id IS DISTINCT FROM '0'
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lobbying_membership_plan AS
SELECT
    employment.*,
    lobbying_membership_id_of(employment.lobbyist_id, employment.organization_filer_id, employment.session) AS id,
    lobbyist.ocd_id AS person_id,
    organization.ocd_id AS organization_id,
    organization.kind AS organization_kind,
    certification.start_date,
    certification.end_date,
    certification.ended_by,
    CASE WHEN employment.organization_filer_id IS NULL THEN 'the registration names no filer'
         WHEN employment.session IS NULL THEN 'no session known (the registration''s cover is missing)'
         WHEN lobbyist.ocd_kind IS DISTINCT FROM 'person' THEN 'the lobbyist is no lobbyist record'
         WHEN organization.ocd_kind IS DISTINCT FROM 'organization' THEN 'the employer is no organization' END
        AS set_aside
FROM lobbying_employment AS employment
LEFT JOIN lobbying_filer AS lobbyist ON lobbyist.filer_id = employment.lobbyist_id
LEFT JOIN lobbying_filer AS organization ON organization.filer_id = employment.organization_filer_id
LEFT JOIN (SELECT * FROM lobbying_registration WHERE form = 'F604'
           QUALIFY row_number() OVER (PARTITION BY filer_id, session ORDER BY start_date, filing_id) = 1)
    AS certification ON certification.filer_id = employment.lobbyist_id AND certification.session = employment.session;

INSERT INTO ocd.membership (id, organization_id, person_id, label, role, start_date, end_date, extras)
SELECT id, organization_id, person_id,
       'lobbyist for a lobbying ' || organization_kind || ', session ' || session || '-' || (session + 1),
       'lobbyist',
       coalesce(CAST(start_date AS VARCHAR), CAST(session AS VARCHAR)),
       coalesce(CAST(end_date AS VARCHAR), CAST(session + 1 AS VARCHAR)),
       json_object('session', session, 'sources', sources, 'certification_filing_id', certification_filing_id,
                   'lobbyist_filer_id', lobbyist_id, 'organization_filer_id', organization_filer_id,
                   'ended_by', ended_by,
                   'dates_from', CASE WHEN start_date IS NOT NULL THEN 'the Form 604 certification'
                                      ELSE 'the session (years only)' END)
FROM lobbying_membership_plan
WHERE set_aside IS NULL
ORDER BY id;

INSERT INTO process_finding
SELECT 'lobbying employment set aside', 'lobbyist ' || lobbyist_id || ' and ' || coalesce(organization_filer_id, '?'),
       set_aside || ' (session ' || coalesce(CAST(session AS VARCHAR), 'unknown') || ', '
       || array_to_string(sources, ', ') || ')'
FROM lobbying_membership_plan
WHERE set_aside IS NOT NULL
ORDER BY ALL;
