-- Builds the lobbying organizations in ocd.organization: a lobbying firm, a lobbyist employer, a lobbying
-- coalition or a person spending $5,000 or more to influence (Form 645), one per filer id, with its filer id
-- as identifier, its names over time as other names, its registrations by legislative session and, for an
-- employer, the industry and interests as the state records them (in extras: OCD has no field for them);
-- and an organization for each lobbying filing that names no filer.
-- From: lobbying_filer, lobbying_cover, lobbying_filing_filer (lobbying_filer.sql), raw.filername_cd,
-- raw.filer_to_filer_type_cd, raw.cvr_registration_cd, raw.lobbyist_firm*_cd, raw.lobbyist_employer*_cd,
-- raw.lookup_codes_cd, filing_version.
-- Rules:
--   * name: the latest FILERNAME_CD name, else the latest cover's, else the firm and employer tables';
--     none at all: 'Lobbying filer <id>' (counted as unknown, a finding);
--   * other names: every other name those sources print, with the first and last date each is seen;
--   * registrations (extras.registrations): each Form 601 or 603 (a firm's, an employer's or a coalition's
--     registration), its latest version: session, start (qualification, else effective, else report date)
--     and, where a Form 606 (termination) or 607 (withdrawal) of the same filer falls in the session, its end
--     and why; the state's own status per session (FILER_TO_FILER_TYPE_CD.ACTIVE) in extras.sessions;
--   * industry (extras.interest): the latest registration's IND_CLASS/BUS_CLASS and their descriptions, its
--     business and lobbying interests text, and the economic interest LOBBYIST_EMPLOYER*_CD codes
--     (LOOKUP_CODES_CD decodes them).

CREATE OR REPLACE TEMP TABLE lobbying_organization_name AS
WITH printed AS (
    SELECT CAST(filer_id AS VARCHAR) AS filer_id,
           printed_name(naml, namf, namt, nams) AS name, effect_dt AS seen_on, 1 AS rank, 'FILERNAME_CD' AS source
    FROM raw.filername_cd
    UNION ALL
    SELECT filer_id, filer_name, coalesce(rpt_date, eff_date), 2, 'cover ' || form FROM lobbying_cover
    UNION ALL
    -- the firm or employer that certifies a lobbyist (Form 604), by the name the certification prints
    SELECT sender_filer_id, nullif(trim(firm_name), ''), coalesce(rpt_date, eff_date), 2, 'cover ' || form
    FROM lobbying_cover WHERE form = 'F604' AND sender_filer_id <> filer_id
    UNION ALL
    SELECT CAST(firm_id AS VARCHAR), nullif(trim(firm_name), ''), NULL, 3, 'lobbying firm tables'
    FROM (SELECT firm_id, firm_name FROM raw.lobbyist_firm1_cd UNION SELECT firm_id, firm_name FROM raw.lobbyist_firm2_cd
          UNION SELECT firm_id, firm_name FROM raw.lobbyist_firm3_cd
          UNION SELECT firm_id, firm_name FROM raw.lobbyist_employer_firms1_cd
          UNION SELECT firm_id, firm_name FROM raw.lobbyist_employer_firms2_cd)
    UNION ALL
    SELECT CAST(employer_id AS VARCHAR), nullif(trim(employer_name), ''), NULL, 3, 'lobbyist employer tables'
    FROM (SELECT employer_id, employer_name FROM raw.lobbyist_employer1_cd
          UNION SELECT employer_id, employer_name FROM raw.lobbyist_employer2_cd
          UNION SELECT employer_id, employer_name FROM raw.lobbyist_employer3_cd)
)
SELECT printed.filer_id, printed.name, min(rank) AS rank, min(seen_on) AS first_seen, max(seen_on) AS last_seen,
       string_agg(DISTINCT source, ' and ' ORDER BY source) AS sources
FROM printed
JOIN lobbying_filer AS filer ON filer.filer_id = printed.filer_id AND filer.ocd_kind = 'organization'
WHERE printed.name IS NOT NULL
GROUP BY ALL;

CREATE OR REPLACE TEMP TABLE lobbying_registration AS
WITH latest_version AS (
    SELECT * FROM lobbying_cover WHERE calaccess_table = 'cvr_registration_cd'
    QUALIFY amend_id = max(amend_id) OVER (PARTITION BY filing_id)
),
registered AS (
    SELECT filer_id, filing_id, form, session_first_year AS session,
           coalesce(qual_date, eff_date, rpt_date) AS start_date,
           CASE WHEN qual_date IS NOT NULL THEN 'QUAL_DATE' WHEN eff_date IS NOT NULL THEN 'EFF_DATE'
                WHEN rpt_date IS NOT NULL THEN 'RPT_DATE' END AS start_from
    FROM latest_version
    WHERE form IN ('F601', 'F603', 'F604') AND filer_id IS NOT NULL
),
ended AS (
    SELECT filer_id, filing_id, form, coalesce(eff_date, rpt_date) AS end_date,
           CASE form WHEN 'F606' THEN 'terminated (Form 606)' ELSE 'withdrew (Form 607)' END AS ended_by,
           coalesce(session_first_year, session_of(coalesce(eff_date, rpt_date))) AS session
    FROM latest_version
    WHERE form IN ('F606', 'F607') AND filer_id IS NOT NULL
)
SELECT registered.*, ended.end_date, ended.ended_by, ended.filing_id AS ended_by_filing_id
FROM registered
LEFT JOIN (SELECT * FROM ended QUALIFY row_number() OVER (PARTITION BY filer_id, session ORDER BY end_date, filing_id) = 1)
    AS ended ON ended.filer_id = registered.filer_id AND ended.session = registered.session;

CREATE OR REPLACE TEMP TABLE lobbying_organization_plan AS
WITH chosen_name AS (
    SELECT filer_id, arg_min(name, (rank, - epoch(coalesce(last_seen, DATE '1900-01-01')), name)) AS name
    FROM lobbying_organization_name GROUP BY filer_id
),
registrations AS (
    SELECT filer_id,
           list({'session': session, 'form': form, 'filing_id': filing_id, 'start_date': start_date,
                 'start_from': start_from, 'end_date': end_date, 'ended_by': ended_by,
                 'ended_by_filing_id': ended_by_filing_id} ORDER BY session, start_date, filing_id) AS registrations
    FROM lobbying_registration
    WHERE form IN ('F601', 'F603')
    GROUP BY filer_id
),
sessions AS (
    SELECT CAST(filer_id AS VARCHAR) AS filer_id,
           list(DISTINCT {'session': session_id, 'filer_type': filer_type, 'active': active,
                          'effective': CAST(effect_dt AS DATE)}
                ORDER BY {'session': session_id, 'filer_type': filer_type, 'active': active,
                          'effective': CAST(effect_dt AS DATE)}) AS sessions
    FROM raw.filer_to_filer_type_cd
    WHERE filer_type IN (1, 2, 3, 5)
    GROUP BY ALL
),
latest_registration AS (
    SELECT lobbying_filer_id(filer_id) AS filer_id,
           arg_max({'industry_class': nullif(trim(ind_class), ''), 'industry': nullif(trim(ind_descr), ''),
                    'business_class': nullif(trim(bus_class), ''), 'business': nullif(trim(bus_descr), ''),
                    'activity': nullif(trim(descrip_1), ''), 'interests': nullif(trim(coalesce(descrip_2, lobby_int)), ''),
                    'from_filing_id': filing_id},
                   (filing_id, amend_id, coalesce(ind_class, ''), coalesce(bus_class, ''),
                    coalesce(descrip_1, ''), coalesce(descrip_2, lobby_int, ''))) AS registered_interest
    FROM raw.cvr_registration_cd
    WHERE upper(trim(form_type)) IN ('F602', 'F603')
      AND coalesce(ind_class, bus_class, descrip_1, descrip_2, lobby_int) IS NOT NULL
    GROUP BY 1
),
economic_interest AS (
    SELECT CAST(employer.employer_id AS VARCHAR) AS filer_id,
           list(DISTINCT {'code': employer.interest_cd,
                          'name': coalesce(nullif(trim(employer.interest_name), ''), code.code_desc)}
                ORDER BY {'code': employer.interest_cd,
                          'name': coalesce(nullif(trim(employer.interest_name), ''), code.code_desc)}) AS interests
    FROM (SELECT employer_id, interest_cd, interest_name FROM raw.lobbyist_employer1_cd
          UNION SELECT employer_id, interest_cd, interest_name FROM raw.lobbyist_employer2_cd
          UNION SELECT employer_id, interest_cd, interest_name FROM raw.lobbyist_employer3_cd) AS employer
    LEFT JOIN raw.lookup_codes_cd AS code ON code.code_id = employer.interest_cd
    WHERE employer.interest_cd IS NOT NULL AND employer.interest_cd <> 0
    GROUP BY 1
)
SELECT
    filer.filer_id,
    filer.ocd_id AS id,
    filer.kind,
    filer.kind_from,
    chosen_name.name AS chosen_name,
    coalesce(chosen_name.name, 'Lobbying filer ' || filer.filer_id) AS name,
    registrations.registrations,
    sessions.sessions,
    latest_registration.registered_interest,
    economic_interest.interests AS economic_interests
FROM lobbying_filer AS filer
LEFT JOIN chosen_name USING (filer_id)
LEFT JOIN registrations USING (filer_id)
LEFT JOIN sessions USING (filer_id)
LEFT JOIN latest_registration USING (filer_id)
LEFT JOIN economic_interest USING (filer_id)
WHERE filer.ocd_kind = 'organization';

INSERT INTO ocd.organization (id, name, classification, jurisdiction_id, extras)
SELECT id, name, CASE kind WHEN 'firm' THEN 'company' ELSE 'other' END, NULL,
       json_object(
           'kind', 'lobbying ' || kind,
           'calaccess_filer_id', filer_id,
           'kind_from', kind_from,
           'name_from', CASE WHEN chosen_name IS NULL THEN 'none in the export' END,
           'registrations', registrations,
           'sessions', sessions,
           'interest', CASE WHEN registered_interest IS NOT NULL OR economic_interests IS NOT NULL
                            THEN json_object('registered', registered_interest,
                                             'economic_interests', economic_interests) END)
FROM lobbying_organization_plan
ORDER BY id;

-- a lobbying filing that names no filer: an organization of its own, never a guessed filer
INSERT INTO ocd.organization (id, name, classification, extras)
SELECT unknown_lobbying_filer_id_of(filing_id), 'Unknown filer of lobbying filing ' || filing_id, 'other',
       json_object('kind', 'lobbying filer unknown', 'calaccess_filing_id', filing_id)
FROM lobbying_filing_filer
WHERE filer_id IS NULL
ORDER BY filing_id;

INSERT INTO ocd.organization_identifier (organization_id, scheme, identifier)
SELECT id, 'calaccess_filer_id', filer_id FROM lobbying_organization_plan ORDER BY ALL;

INSERT INTO ocd.organization_other_name (organization_id, name, note, start_date, end_date)
SELECT plan.id, name.name, 'as ' || name.sources || ' print it',
       CAST(name.first_seen AS VARCHAR), CAST(name.last_seen AS VARCHAR)
FROM lobbying_organization_name AS name
JOIN lobbying_organization_plan AS plan USING (filer_id)
WHERE name.name <> plan.name
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'lobbying organization without a name', 'filer ' || filer_id,
       'no filer name, cover or lobbying table names this ' || kind || ': named "' || name || '"'
FROM lobbying_organization_plan
WHERE chosen_name IS NULL
ORDER BY ALL;
