-- Builds lobbying.state_lobbyist_contributions: the campaign contributions by lobbyists, lobbying firms
-- and employers as the state itself compiled them, per filing period, in LOBBYIST_CONTRIBUTIONS3_CD (its
-- published table, no longer maintained), with the contributor and the recipient linked where their
-- filer ids resolve.
-- From: raw.lobbyist_contributions3_cd, ocd.person_identifier, ocd.organization_identifier,
-- ocd.committee_identifier, ocd.person, ocd.organization, ocd.committee.
-- Rules:
--   * one row per row of the table: it has no key, and two equal rows may be two equal contributions,
--     so each is kept, numbered (`ordinal`) among the rows equal to it; its key is a digest of its fields
--     and that number, the same on every run;
--   * a row with no contributor filer id or no amount is left out here (the step counts it);
--   * the contributor is the lobbyist (ocd.person) or the firm or employer (ocd.organization) whose filer
--     id it prints; the recipient the committee whose filer id it prints; the rest keep the printed name;
--   * LOBBYIST_CONTRIBUTIONS1_CD and 2_CD, the working copies the state built it from, stay in raw.*:
--     the published one is the state's word.
-- The same money is in the committees' own reports, and in the lobbying reports' LCCM_CD lines where
-- those were filed electronically: shown apart, never added to them.

CREATE OR REPLACE TEMP TABLE lobbying_state_contribution AS
SELECT nullif(trim(CAST(filer_id AS VARCHAR)), '') AS contributor_filer_id,
       filing_period_start_dt AS period_start, filing_period_end_dt AS period_end,
       contribution_dt AS contribution_date, nullif(trim(CAST(recipient_id AS VARCHAR)), '') AS recipient_filer_id,
       nullif(trim(recipient_name), '') AS recipient_name, amount
FROM raw.lobbyist_contributions3_cd;

INSERT INTO lobbying.state_lobbyist_contributions BY NAME
WITH kept AS (
    SELECT *,
           concat_ws('|', contributor_filer_id, coalesce(CAST(period_start AS VARCHAR), ''),
                     coalesce(CAST(period_end AS VARCHAR), ''), coalesce(CAST(contribution_date AS VARCHAR), ''),
                     coalesce(recipient_filer_id, ''), coalesce(recipient_name, ''), CAST(amount AS VARCHAR))
               AS fields
    FROM lobbying_state_contribution
    WHERE contributor_filer_id IS NOT NULL AND amount IS NOT NULL
),
numbered AS (
    SELECT *, row_number() OVER (PARTITION BY fields) AS ordinal FROM kept
),
person AS (
    SELECT i.identifier AS filer_id, min(p.id) AS id, min(p.name) AS name
    FROM ocd.person_identifier AS i JOIN ocd.person AS p ON p.id = i.person_id
    WHERE i.scheme = 'calaccess_filer_id' GROUP BY i.identifier
),
organization AS (
    SELECT i.identifier AS filer_id, min(o.id) AS id, min(o.name) AS name
    FROM ocd.organization_identifier AS i JOIN ocd.organization AS o ON o.id = i.organization_id
    WHERE i.scheme = 'calaccess_filer_id' GROUP BY i.identifier
),
committee AS (
    SELECT i.identifier AS filer_id, min(c.id) AS id, min(c.name) AS name
    FROM ocd.committee_identifier AS i JOIN ocd.committee AS c ON c.id = i.committee_id
    WHERE i.scheme = 'calaccess_filer_id' GROUP BY i.identifier
)
SELECT md5(numbered.fields || '|' || numbered.ordinal) AS contribution_key, numbered.ordinal,
       numbered.contributor_filer_id, person.id AS contributor_person_id,
       organization.id AS contributor_organization_id, coalesce(person.name, organization.name) AS contributor_name,
       numbered.period_start, numbered.period_end, numbered.contribution_date,
       numbered.recipient_filer_id, committee.id AS recipient_committee_id,
       coalesce(numbered.recipient_name, committee.name) AS recipient_name, numbered.amount
FROM numbered
LEFT JOIN person ON person.filer_id = numbered.contributor_filer_id
LEFT JOIN organization ON organization.filer_id = numbered.contributor_filer_id
LEFT JOIN committee ON committee.filer_id = numbered.recipient_filer_id;
