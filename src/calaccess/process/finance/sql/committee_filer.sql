-- Builds committee_mention and committee_filer (TEMP, read by the committee scripts and by the transactions
-- step): every filer id that stands for a committee, where the export says so, and the one committee each
-- filer id is.
-- From: filing_filer (filing_filer.sql), raw.filer_to_filer_type_cd, raw.filername_cd, raw.filer_types_cd,
-- raw.filer_links_cd, raw.f501_502_cd, the cover pages and the itemised tables that print a committee's id
-- (CMTE_ID of RCPT_CD, EXPN_CD, LOAN_CD, S497_CD, S498_CD, DEBT_CD, CVR2_CAMPAIGN_DISCLOSURE_CD, CVR2_SO_CD;
-- RCPT_CD.INTR_CMTEID; CVR_CAMPAIGN_DISCLOSURE_CD.CMTTE_ID), filer_alias (FILER_XREF_CD), ocd.person_identifier,
-- and the measure committees the elections made (ocd.committee, extras.filer_id).
-- Rules:
--   * a filer id is a committee's when the filer files as a committee (filing_filer, filer_kind 'committee'),
--     when its filer type is a committee kind (FILER_TYPES_CD 10 major donor / independent expenditure, 12
--     slate mailer, 16 recipient committee; 14 proponent is a person who proposes a measure, not a
--     committee), when a filing prints it as a committee's id (entity code COM, RCP, SCC, PTY or CTL on the
--     line; an intermediary's committee id; the committee a Form 501 names; the committee id of a cover), or
--     when FILER_LINKS_CD links it to a candidate as the committee the candidate controls (12011, either
--     direction: the candidate is the side an ocd.person carries, else the side of filer type 8, else side A
--     where LINK_DESC spells types 8 and 16 in that order; a link whose sides cannot be told apart names no
--     committee, and is a finding);
--   * a printed id is a filer id when, once trimmed and out of parentheses, it is all digits ('(1325415)');
--     federal ids (C00401224) and words (Pending, n/a) are not, and name no committee here; an id FILER_XREF_CD
--     cross-references is read as the filer id it stands for, so both name one committee;
--   * one committee per filer id, committee_id_of(filer id): the id the measure pages' committees already
--     have. A filing that names no filer at all has the committee filing_filer gave it,
--     unknown_filer_committee_id_of(filing id), listed here with a NULL filer id.
-- Contract for the later steps: `committee_filer_id(text)` turns a printed id into the canonical filer id
-- (NULL when it is not one), and every committee_id_of(x) for x in committee_filer.filer_id exists in
-- ocd.committee once the committees step has run.

CREATE OR REPLACE TEMP MACRO committee_filer_id(written) AS (
    CASE
        WHEN regexp_full_match(regexp_replace(trim(CAST(written AS VARCHAR)), '^\((.*)\)$', '\1'), '[0-9]+')
        THEN coalesce(
            (SELECT alias.filer_id FROM filer_alias AS alias
             WHERE alias.written_id = regexp_replace(trim(CAST(written AS VARCHAR)), '^\((.*)\)$', '\1')),
            CAST(TRY_CAST(regexp_replace(trim(CAST(written AS VARCHAR)), '^\((.*)\)$', '\1') AS BIGINT) AS VARCHAR))
    END
);

CREATE OR REPLACE TEMP MACRO committee_entity(code) AS (
    upper(trim(code)) IN ('COM', 'RCP', 'SCC', 'PTY', 'CTL')
);

CREATE OR REPLACE TEMP MACRO printed_name(last, first, title, suffix) AS (
    nullif(trim(concat_ws(' ', nullif(trim(title), ''), nullif(trim(first), ''), nullif(trim(last), ''),
                          nullif(trim(suffix), ''))), '')
);

-- the ids printed on lines of filings, with the name printed beside them and the filing's report date
CREATE OR REPLACE TEMP TABLE committee_printed AS
WITH printed AS (
    SELECT 'rcpt_cd' AS calaccess_table, filing_id, amend_id, cmte_id AS written,
           printed_name(ctrib_naml, ctrib_namf, ctrib_namt, ctrib_nams) AS name, entity_cd
    FROM raw.rcpt_cd
    UNION ALL SELECT 'rcpt_cd (intermediary)', filing_id, amend_id, intr_cmteid,
           printed_name(intr_naml, intr_namf, intr_namt, intr_nams), 'COM'
    FROM raw.rcpt_cd
    UNION ALL SELECT 'expn_cd', filing_id, amend_id, cmte_id,
           printed_name(payee_naml, payee_namf, payee_namt, payee_nams), entity_cd
    FROM raw.expn_cd
    UNION ALL SELECT 'loan_cd', filing_id, amend_id, cmte_id,
           printed_name(lndr_naml, lndr_namf, lndr_namt, lndr_nams), entity_cd
    FROM raw.loan_cd
    UNION ALL SELECT 's497_cd', filing_id, amend_id, cmte_id,
           printed_name(enty_naml, enty_namf, enty_namt, enty_nams), entity_cd
    FROM raw.s497_cd
    UNION ALL SELECT 's498_cd', filing_id, amend_id, cmte_id,
           printed_name(payor_naml, payor_namf, payor_namt, payor_nams), entity_cd
    FROM raw.s498_cd
    UNION ALL SELECT 'debt_cd', filing_id, amend_id, cmte_id,
           printed_name(payee_naml, payee_namf, payee_namt, payee_nams), entity_cd
    FROM raw.debt_cd
    UNION ALL SELECT 'cvr2_campaign_disclosure_cd', filing_id, amend_id, cmte_id,
           printed_name(enty_naml, enty_namf, enty_namt, enty_nams), entity_cd
    FROM raw.cvr2_campaign_disclosure_cd
    UNION ALL SELECT 'cvr2_so_cd', filing_id, amend_id, cmte_id,
           printed_name(enty_naml, enty_namf, enty_namt, enty_nams), entity_cd
    FROM raw.cvr2_so_cd
    UNION ALL SELECT 'cvr_campaign_disclosure_cd (committee id)', filing_id, amend_id, cmtte_id, NULL, 'COM'
    FROM raw.cvr_campaign_disclosure_cd
    UNION ALL SELECT 'f501_502_cd (committee id)', filing_id, amend_id, committee_id, NULL, 'COM'
    FROM raw.f501_502_cd
),
report_date AS (
    SELECT filing_id, amend_id, max(TRY_CAST(rpt_date AS DATE)) AS report_date
    FROM (
        SELECT filing_id, amend_id, rpt_date FROM raw.cvr_campaign_disclosure_cd
        UNION ALL SELECT filing_id, amend_id, rpt_date FROM raw.cvr_so_cd
        UNION ALL SELECT filing_id, amend_id, rpt_date FROM raw.f501_502_cd
    )
    GROUP BY ALL
)
SELECT printed.calaccess_table, printed.filing_id, printed.amend_id,
       trim(printed.written) AS written, committee_filer_id(printed.written) AS filer_id, printed.name,
       report_date.report_date
FROM printed
LEFT JOIN report_date USING (filing_id, amend_id)
WHERE committee_entity(printed.entity_cd) AND nullif(trim(printed.written), '') IS NOT NULL;

INSERT INTO process_finding
SELECT 'committee id not a filer id', calaccess_table || ' ' || written,
       count(*) || ' lines print it as a committee''s id; it is no CAL-ACCESS filer id (a federal id, a word), '
       || 'so it names no committee: the line keeps it as printed'
FROM committee_printed
WHERE filer_id IS NULL
GROUP BY ALL;

-- which side of a controlled-committee link is the candidate
CREATE OR REPLACE TEMP TABLE controlled_link AS
WITH link AS (
    SELECT CAST(filer_id_a AS VARCHAR) AS side_a, CAST(filer_id_b AS VARCHAR) AS side_b, link_type, link_desc,
           active_flg, session_id, TRY_CAST(effect_dt AS DATE) AS effect_date,
           TRY_CAST(termination_dt AS DATE) AS termination_date
    FROM raw.filer_links_cd
    WHERE abs(link_type) = 12011 AND filer_id_a IS NOT NULL AND filer_id_b IS NOT NULL
),
person_filer AS (
    SELECT DISTINCT identifier AS filer_id FROM ocd.person_identifier WHERE scheme = 'calaccess_filer_id'
),
candidate_filer AS (
    SELECT DISTINCT CAST(filer_id AS VARCHAR) AS filer_id FROM raw.filer_to_filer_type_cd WHERE filer_type = 8
    UNION SELECT DISTINCT CAST(filer_id AS VARCHAR) FROM raw.filername_cd
    WHERE upper(trim(filer_type)) = 'CANDIDATE/OFFICEHOLDER'
),
sided AS (
    SELECT link.*,
        CASE WHEN pa.filer_id IS NOT NULL AND pb.filer_id IS NULL THEN 'a'
             WHEN pb.filer_id IS NOT NULL AND pa.filer_id IS NULL THEN 'b'
             WHEN ca.filer_id IS NOT NULL AND cb.filer_id IS NULL THEN 'a'
             WHEN cb.filer_id IS NOT NULL AND ca.filer_id IS NULL THEN 'b'
             WHEN regexp_full_match(trim(link.link_desc), '0*80*16') THEN 'a' END AS candidate_side
    FROM link
    LEFT JOIN person_filer AS pa ON pa.filer_id = link.side_a
    LEFT JOIN person_filer AS pb ON pb.filer_id = link.side_b
    LEFT JOIN candidate_filer AS ca ON ca.filer_id = link.side_a
    LEFT JOIN candidate_filer AS cb ON cb.filer_id = link.side_b
)
SELECT
    CASE candidate_side WHEN 'a' THEN side_a WHEN 'b' THEN side_b END AS candidate_filer_id,
    coalesce(alias.filer_id, CASE candidate_side WHEN 'a' THEN side_b WHEN 'b' THEN side_a END)
        AS committee_filer_id,
    side_a, side_b, link_type, link_desc, active_flg, session_id, effect_date, termination_date
FROM sided
LEFT JOIN filer_alias AS alias ON alias.written_id = CASE candidate_side WHEN 'a' THEN side_b WHEN 'b' THEN side_a END;

INSERT INTO process_finding
SELECT 'controlled committee link unreadable', side_a || ' / ' || side_b,
       'FILER_LINKS_CD link ' || link_type || ' (' || coalesce(link_desc, '') || '): neither side is known as '
       || 'the candidate, so the link names no committee and designates no candidacy'
FROM controlled_link
WHERE candidate_filer_id IS NULL;

CREATE OR REPLACE TEMP TABLE committee_mention AS
WITH committee_type AS (
    SELECT filer_type FROM raw.filer_types_cd WHERE filer_type IN (10, 12, 16)
)
SELECT filer_id, 'files as a committee' AS evidence
FROM filing_filer WHERE filer_kind = 'committee' AND filer_id IS NOT NULL
UNION ALL
SELECT coalesce(alias.filer_id, CAST(typed.filer_id AS VARCHAR)), 'committee filer type'
FROM raw.filer_to_filer_type_cd AS typed
LEFT JOIN filer_alias AS alias ON alias.written_id = CAST(typed.filer_id AS VARCHAR)
WHERE typed.filer_type IN (10, 12, 16)
UNION ALL
SELECT coalesce(alias.filer_id, CAST(named.filer_id AS VARCHAR)), 'committee filer type'
FROM raw.filername_cd AS named
LEFT JOIN filer_alias AS alias ON alias.written_id = CAST(named.filer_id AS VARCHAR)
WHERE upper(trim(named.filer_type)) IN (
    'MAJOR DONOR/INDEPENDENT EXPENDITURE COMMITTEE', 'SLATE MAILER ORGANIZATIONS', 'RECIPIENT COMMITTEE')
  AND named.filer_id IS NOT NULL
UNION ALL
SELECT filer_id, 'named by filings' FROM committee_printed WHERE filer_id IS NOT NULL
UNION ALL
SELECT committee_filer_id, 'controlled by a candidate (filer links)'
FROM controlled_link WHERE candidate_filer_id IS NOT NULL AND committee_filer_id IS NOT NULL
UNION ALL
SELECT extras->>'filer_id', 'measure detail page' FROM ocd.committee WHERE extras->>'filer_id' IS NOT NULL;

CREATE OR REPLACE TEMP TABLE committee_filer AS
SELECT
    filer_id,
    committee_id_of(filer_id) AS committee_id,
    NULL::BIGINT AS unknown_filing_id,
    list(DISTINCT evidence ORDER BY evidence) AS evidence
FROM committee_mention
GROUP BY filer_id
UNION ALL
SELECT NULL, filer_ocd_id, filing_id, ['filing names no filer']
FROM filing_filer
WHERE filer_id IS NULL
ORDER BY ALL;
