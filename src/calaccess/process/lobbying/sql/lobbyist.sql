-- Builds the lobbyists in ocd.person: one per lobbyist filer id (Form 604 certifications, the lobbyist
-- tables, the lobbyist filer type), with the filer id as identifier, the names the sources print as other
-- names, and the certifications by session (extras.certifications).
-- From: lobbying_filer, lobbying_cover, lobbying_registration (lobbying_filer.sql, lobbying_organization.sql),
-- raw.filername_cd, raw.lobbyist_firm_lobbyist*_cd, raw.lobbyist_emp_lobbyist*_cd, ocd.person.
-- Rules:
--   * a lobbyist whose filer id an ocd.person already carries (a candidate who is also a lobbyist) is that
--     person: nothing new is made, the certifications are added to it (merged, counted); every other one is
--     `lobbyist_person_id_of(filer id)`: never merged with a candidate by name alone;
--   * name: the latest FILERNAME_CD name ('FIRST LAST'), else the latest cover's, else the lobbyist tables';
--     none: 'Lobbyist <id>' (unknown, a finding).

CREATE OR REPLACE TEMP TABLE lobbyist_name AS
WITH printed AS (
    SELECT CAST(filer_id AS VARCHAR) AS filer_id, printed_name(naml, namf, namt, nams) AS name,
           nullif(trim(naml), '') AS family_name, nullif(trim(namf), '') AS given_name,
           effect_dt AS seen_on, 1 AS rank, 'FILERNAME_CD' AS source
    FROM raw.filername_cd
    UNION ALL
    SELECT filer_id, filer_name, NULL, NULL, coalesce(rpt_date, eff_date), 2, 'cover ' || form FROM lobbying_cover
    UNION ALL
    SELECT CAST(lobbyist_id AS VARCHAR), printed_name(lobbyist_last_name, lobbyist_first_name, NULL, NULL),
           nullif(trim(lobbyist_last_name), ''), nullif(trim(lobbyist_first_name), ''), NULL, 3, 'lobbyist tables'
    FROM (SELECT lobbyist_id, lobbyist_last_name, lobbyist_first_name FROM raw.lobbyist_firm_lobbyist1_cd
          UNION SELECT lobbyist_id, lobbyist_last_name, lobbyist_first_name FROM raw.lobbyist_firm_lobbyist2_cd
          UNION SELECT lobbyist_id, lobbyist_last_name, lobbyist_first_name FROM raw.lobbyist_emp_lobbyist1_cd
          UNION SELECT lobbyist_id, lobbyist_last_name, lobbyist_first_name FROM raw.lobbyist_emp_lobbyist2_cd)
    UNION ALL
    SELECT lobbying_filer_id(entity_id), printed_name(enty_naml, enty_namf, enty_namt, enty_nams),
           nullif(trim(enty_naml), ''), nullif(trim(enty_namf), ''), NULL, 3, 'registrations'
    FROM raw.cvr2_registration_cd
    WHERE nullif(trim(entity_id), '') IS NOT NULL
)
SELECT printed.filer_id, printed.name, min(family_name) AS family_name, min(given_name) AS given_name,
       min(rank) AS rank, min(seen_on) AS first_seen, max(seen_on) AS last_seen,
       string_agg(DISTINCT source, ' and ' ORDER BY source) AS sources
FROM printed
JOIN lobbying_filer AS filer ON filer.filer_id = printed.filer_id AND filer.ocd_kind = 'person'
WHERE printed.name IS NOT NULL
GROUP BY printed.filer_id, printed.name;

CREATE OR REPLACE TEMP TABLE lobbyist_plan AS
WITH chosen AS (
    SELECT filer_id,
           arg_min({'name': name, 'family_name': family_name, 'given_name': given_name},
                   (rank, - epoch(coalesce(last_seen, DATE '1900-01-01')), name)) AS chosen
    FROM lobbyist_name GROUP BY filer_id
),
certifications AS (
    SELECT filer_id,
           list({'session': session, 'filing_id': filing_id, 'start_date': start_date, 'start_from': start_from,
                 'end_date': end_date, 'ended_by': ended_by, 'ended_by_filing_id': ended_by_filing_id}
                ORDER BY session, start_date, filing_id) AS certifications
    FROM lobbying_registration
    WHERE form = 'F604'
    GROUP BY filer_id
)
SELECT
    filer.filer_id,
    filer.ocd_id AS id,
    filer.person_existed,
    chosen.chosen.name AS chosen_name,
    coalesce(chosen.chosen.name, 'Lobbyist ' || filer.filer_id) AS name,
    chosen.chosen.family_name,
    chosen.chosen.given_name,
    certifications.certifications
FROM lobbying_filer AS filer
LEFT JOIN chosen USING (filer_id)
LEFT JOIN certifications USING (filer_id)
WHERE filer.ocd_kind = 'person';

INSERT INTO ocd.person (id, name, sort_name, family_name, given_name, extras)
SELECT id, name,
       CASE WHEN family_name IS NOT NULL AND given_name IS NOT NULL THEN family_name || ', ' || given_name END,
       family_name, given_name,
       json_object('kind', 'lobbyist', 'calaccess_filer_id', filer_id, 'certifications', certifications,
                   'name_from', CASE WHEN chosen_name IS NULL THEN 'none in the export' END)
FROM lobbyist_plan
WHERE NOT person_existed
ORDER BY id;

-- a candidate who is also a lobbyist: the certifications join the person the elections made
UPDATE ocd.person AS person
SET extras = json_merge_patch(person.extras, json_object('lobbyist', json_object('calaccess_filer_id', plan.filer_id,
                                                                                 'certifications', plan.certifications)))
FROM lobbyist_plan AS plan
WHERE plan.person_existed AND person.id = plan.id;

INSERT INTO ocd.person_identifier (person_id, scheme, identifier)
SELECT id, 'calaccess_filer_id', filer_id FROM lobbyist_plan WHERE NOT person_existed ORDER BY ALL;

INSERT INTO ocd.person_other_name (person_id, name, note, start_date, end_date)
SELECT plan.id, name.name, 'as ' || name.sources || ' print it',
       CAST(name.first_seen AS VARCHAR), CAST(name.last_seen AS VARCHAR)
FROM lobbyist_name AS name
JOIN lobbyist_plan AS plan USING (filer_id)
JOIN ocd.person AS person ON person.id = plan.id
WHERE name.name <> person.name AND name.name <> coalesce(person.sort_name, '')
  AND NOT EXISTS (SELECT 1 FROM ocd.person_other_name AS other WHERE other.person_id = plan.id
                  AND other.name = name.name)
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'lobbyist without a name', 'filer ' || filer_id, 'no filer name, cover or lobbyist table names them'
FROM lobbyist_plan
WHERE chosen_name IS NULL AND NOT person_existed
ORDER BY ALL;
