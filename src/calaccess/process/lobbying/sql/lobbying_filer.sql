-- Builds lobbying_filer and lobbying_filing_filer (TEMP, shared by the lobbying steps): every lobbying filer
-- id with its kind and the OCD record that stands for it, and who filed each lobbying filing.
-- From: raw.filer_to_filer_type_cd, raw.filername_cd, raw.cvr_registration_cd, raw.cvr_lobby_disclosure_cd,
-- raw.lobbyist_firm*_cd, raw.lobbyist_employer*_cd, raw.lobbyist_*_lobbyist*_cd, raw.cvr2_registration_cd,
-- raw.filer_filings_cd,
-- filing_form (the finance versions step), filer_alias (FILER_XREF_CD: written id -> filer id),
-- ocd.person_identifier.
-- Rules:
--   * a filer id as written ('L24762', 'E00085', ' 1148619') is read through FILERNAME_CD.XREF_FILER_ID and
--     FILER_XREF_CD to the filer id, else as the number it is, else kept as written;
--   * its kind, from the most specific source that says: the entity code of its latest registration or
--     report cover (FRM firm, LEM or CLI employer, LCO coalition, LBY lobbyist; a Form 645 filer is a person
--     spending $5,000 or more to influence, a 'spender'), else its latest lobbying filer type (FILER_TO_FILER
--     _TYPE_CD: 1 client and 2 employer are employers, 3 firm, 4 lobbyist, 5 payment to influence a spender),
--     else FILERNAME_CD's type, else the table that lists it (the firm, employer and lobbyist tables, the
--     lobbyists and firms a registration lists), else
--     the letter of an older id no table resolves (F firm, E or C employer, L lobbyist), else the form it filed (604, 606, 607 and 615 are a lobbyist's; 601 and 625 a firm's; 602, 603 and 635 an
--     employer's; 645 a spender's). Within the first source that says, the kind it says most often (then
--     most lately: a firm's many covers outvote one 604 filed under its id); sources that disagree are a
--     finding;
--   * a lobbyist is an ocd.person: the one already carrying the filer id (a candidate who is also a
--     lobbyist), else `lobbyist_person_id_of(filer id)`; every other kind is an ocd.organization,
--     `lobbying_organization_id_of(filer id)`;
--   * a lobbying filing's filer: FILER_FILINGS_CD.FILER_ID (several: the smallest), else the latest cover's
--     FILER_ID; none: the filing gets an organization of its own, `unknown_lobbying_filer_id_of(filing id)`.

CREATE OR REPLACE TEMP TABLE lobbying_alias AS
SELECT written_id, min(filer_id) AS filer_id
FROM (
    SELECT upper(trim(written_id)) AS written_id, CAST(filer_id AS VARCHAR) AS filer_id FROM filer_alias
    UNION ALL
    SELECT upper(trim(xref_filer_id)), CAST(filer_id AS VARCHAR) FROM raw.filername_cd
    WHERE xref_filer_id IS NOT NULL AND filer_id IS NOT NULL
)
WHERE written_id <> ''
GROUP BY written_id;

CREATE OR REPLACE TEMP MACRO lobbying_filer_id(written) AS (
    coalesce(
        (SELECT alias.filer_id FROM lobbying_alias AS alias WHERE alias.written_id = upper(trim(written))),
        CAST(TRY_CAST(trim(written) AS BIGINT) AS VARCHAR),
        nullif(upper(trim(written)), ''))
);

CREATE OR REPLACE TEMP MACRO lobbying_kind_of_entity(entity_cd, form) AS (
    -- a lobbyist's own forms (a 615's cover prints the lobbyist's firm's code, FRM, beside the lobbyist)
    CASE WHEN form IN ('F604', 'F615') THEN 'lobbyist'
         WHEN form = 'F645' THEN 'spender'
         WHEN upper(trim(entity_cd)) = 'FRM' THEN 'firm'
         WHEN upper(trim(entity_cd)) IN ('LEM', 'CLI') THEN 'employer'
         WHEN upper(trim(entity_cd)) = 'LCO' THEN 'coalition'
         WHEN upper(trim(entity_cd)) = 'LBY' THEN 'lobbyist' END
);

CREATE OR REPLACE TEMP MACRO lobbying_kind_of_form(form) AS (
    CASE WHEN form IN ('F604', 'F606', 'F607', 'F615') THEN 'lobbyist'
         WHEN form IN ('F601', 'F625') THEN 'firm'
         WHEN form IN ('F602', 'F603', 'F635') THEN 'employer'
         WHEN form = 'F645' THEN 'spender' END
);

-- the covers of every version of every registration and report, the one place a filer's kind is printed
CREATE OR REPLACE TEMP TABLE lobbying_cover AS
SELECT 'cvr_registration_cd' AS calaccess_table, filing_id, amend_id, upper(trim(form_type)) AS form,
       filer_id AS written_filer_id, lobbying_filer_id(filer_id) AS filer_id, upper(trim(entity_cd)) AS entity_cd,
       printed_name(filer_naml, filer_namf, filer_namt, filer_nams) AS filer_name, rpt_date, NULL::DATE AS from_date,
       NULL::DATE AS thru_date, sender_id, lobbying_filer_id(sender_id) AS sender_filer_id, firm_name,
       TRY_CAST(ls_beg_yr AS INTEGER) AS session_first_year, TRY_CAST(ls_end_yr AS INTEGER) AS session_last_year,
       eff_date, qual_date, NULL::VARCHAR AS activity, sig_date,
       printed_name(sig_naml, sig_namf, sig_namt, sig_nams) AS signer_name, nullif(trim(sig_title), '') AS signer_title,
       nullif(trim(st_agency), '') AS agencies
FROM raw.cvr_registration_cd
WHERE filing_id IS NOT NULL AND amend_id IS NOT NULL
UNION ALL
SELECT 'cvr_lobby_disclosure_cd', filing_id, amend_id, upper(trim(form_type)), filer_id, lobbying_filer_id(filer_id),
       upper(trim(entity_cd)), printed_name(filer_naml, filer_namf, filer_namt, filer_nams), rpt_date, from_date,
       thru_date, sender_id, lobbying_filer_id(sender_id), firm_name, NULL, NULL, NULL, NULL,
       nullif(trim(lby_actvty), ''), sig_date, printed_name(sig_naml, sig_namf, sig_namt, sig_nams),
       nullif(trim(sig_title), ''), NULL
FROM raw.cvr_lobby_disclosure_cd
WHERE filing_id IS NOT NULL AND amend_id IS NOT NULL;

CREATE OR REPLACE TEMP TABLE lobbying_filer_said AS
WITH said AS (
    -- rank 1: the covers, latest first
    SELECT filer_id, lobbying_kind_of_entity(entity_cd, form) AS kind, 1 AS rank,
           'cover ' || calaccess_table || ' (' || coalesce(entity_cd, form) || ')' AS kind_from,
           coalesce(rpt_date, thru_date, eff_date) AS said_on
    FROM lobbying_cover
    WHERE filer_id IS NOT NULL AND lobbying_kind_of_entity(entity_cd, form) IS NOT NULL
    UNION ALL
    SELECT CAST(filer_id AS VARCHAR),
           CASE filer_type WHEN 1 THEN 'employer' WHEN 2 THEN 'employer' WHEN 3 THEN 'firm'
                           WHEN 4 THEN 'lobbyist' WHEN 5 THEN 'spender' END,
           2, 'FILER_TO_FILER_TYPE_CD type ' || filer_type, CAST(effect_dt AS DATE)
    FROM raw.filer_to_filer_type_cd
    WHERE filer_id IS NOT NULL AND filer_type IN (1, 2, 3, 4, 5)
    UNION ALL
    SELECT CAST(filer_id AS VARCHAR),
           CASE upper(trim(filer_type)) WHEN 'CLIENT' THEN 'employer' WHEN 'EMPLOYER' THEN 'employer'
                WHEN 'FIRM' THEN 'firm' WHEN 'LOBBYIST' THEN 'lobbyist' WHEN 'PAYMENT TO INFLUENCE' THEN 'spender' END,
           3, 'FILERNAME_CD ' || upper(trim(filer_type)), effect_dt
    FROM raw.filername_cd
    WHERE filer_id IS NOT NULL
      AND upper(trim(filer_type)) IN ('CLIENT', 'EMPLOYER', 'FIRM', 'LOBBYIST', 'PAYMENT TO INFLUENCE')
    UNION ALL
    SELECT CAST(firm_id AS VARCHAR), 'firm', 4, 'lobbying firm tables', NULL
    FROM (SELECT firm_id FROM raw.lobbyist_firm1_cd UNION SELECT firm_id FROM raw.lobbyist_firm2_cd
          UNION SELECT firm_id FROM raw.lobbyist_firm3_cd UNION SELECT firm_id FROM raw.lobbyist_firm_lobbyist1_cd
          UNION SELECT firm_id FROM raw.lobbyist_firm_lobbyist2_cd UNION SELECT firm_id FROM raw.lobbyist_employer_firms1_cd
          UNION SELECT firm_id FROM raw.lobbyist_employer_firms2_cd)
    WHERE firm_id IS NOT NULL AND firm_id <> 0
    UNION ALL
    SELECT CAST(employer_id AS VARCHAR), 'employer', 4, 'lobbyist employer tables', NULL
    FROM (SELECT employer_id FROM raw.lobbyist_employer1_cd UNION SELECT employer_id FROM raw.lobbyist_employer2_cd
          UNION SELECT employer_id FROM raw.lobbyist_employer3_cd
          UNION SELECT employer_id FROM raw.lobbyist_emp_lobbyist1_cd
          UNION SELECT employer_id FROM raw.lobbyist_emp_lobbyist2_cd
          UNION SELECT employer_id FROM raw.lobbyist_employer_firms1_cd
          UNION SELECT employer_id FROM raw.lobbyist_employer_firms2_cd)
    WHERE employer_id IS NOT NULL AND employer_id <> 0
    UNION ALL
    SELECT CAST(lobbyist_id AS VARCHAR), 'lobbyist', 4, 'lobbyist tables', NULL
    FROM (SELECT lobbyist_id FROM raw.lobbyist_firm_lobbyist1_cd UNION SELECT lobbyist_id FROM raw.lobbyist_firm_lobbyist2_cd
          UNION SELECT lobbyist_id FROM raw.lobbyist_emp_lobbyist1_cd
          UNION SELECT lobbyist_id FROM raw.lobbyist_emp_lobbyist2_cd)
    WHERE lobbyist_id IS NOT NULL AND lobbyist_id <> 0
    UNION ALL
    -- the lobbyists a firm's registration lists (Form 601), the employees who lobby for an employer and the
    -- firms it contracts (Form 603), by their filer ids
    SELECT lobbying_filer_id(entity_id),
           CASE WHEN upper(trim(entity_cd)) = 'FRM' THEN 'firm' ELSE 'lobbyist' END,
           4, 'listed on a registration (CVR2_REGISTRATION_CD)', NULL
    FROM raw.cvr2_registration_cd
    WHERE nullif(trim(entity_id), '') IS NOT NULL
      AND ((upper(trim(form_type)) = 'F601' AND coalesce(upper(trim(entity_cd)), 'LBY') = 'LBY')
           OR (upper(trim(form_type)) = 'F603' AND upper(trim(entity_cd)) IN ('EMP', 'FRM')))
    UNION ALL
    -- an older id no table resolves says its kind by its letter (F firm, E and C employer, L lobbyist): a
    -- Form 604's SENDER_ID (the firm or employer that certifies its lobbyist) is often one
    SELECT id, CASE left(id, 1) WHEN 'F' THEN 'firm' WHEN 'E' THEN 'employer' WHEN 'C' THEN 'employer'
                                WHEN 'L' THEN 'lobbyist' END, 5, 'the letter of its older id', NULL
    FROM (SELECT filer_id AS id FROM lobbying_cover UNION SELECT sender_filer_id FROM lobbying_cover)
    WHERE regexp_full_match(id, '[A-Z][0-9]+')
)
SELECT * FROM said WHERE kind IS NOT NULL;

-- who filed each lobbying filing (the index first, then the latest cover)
CREATE OR REPLACE TEMP TABLE lobbying_filing_filer AS
WITH lobbying AS (
    SELECT filing_id, form_id FROM filing_form WHERE domain = 'lobbying'
),
indexed AS (
    SELECT filing_id, CAST(min(filer_id) AS VARCHAR) AS filer_id, count(DISTINCT filer_id) AS filers
    FROM raw.filer_filings_cd
    WHERE filing_id IS NOT NULL AND filer_id IS NOT NULL
    GROUP BY filing_id
),
cover AS (
    SELECT filing_id, arg_max(filer_id, (amend_id, filer_id)) AS filer_id,
           arg_max(written_filer_id, (amend_id, filer_id, written_filer_id)) AS written
    FROM lobbying_cover
    WHERE filer_id IS NOT NULL
    GROUP BY filing_id
)
SELECT
    lobbying.filing_id,
    lobbying.form_id,
    coalesce(indexed.filer_id, cover.filer_id) AS filer_id,
    CASE WHEN indexed.filer_id IS NOT NULL THEN 'filer_filings'
         WHEN cover.filer_id IS NOT NULL THEN 'cover'
         ELSE 'unknown' END AS filer_from,
    cover.written AS written_filer_id,
    coalesce(indexed.filers, 0) AS indexed_filers
FROM lobbying
LEFT JOIN indexed USING (filing_id)
LEFT JOIN cover USING (filing_id);

CREATE OR REPLACE TEMP TABLE lobbying_filer AS
WITH said AS (
    SELECT filer_id, kind, rank, kind_from, said_on FROM lobbying_filer_said
    UNION ALL
    SELECT filer_id, lobbying_kind_of_form(form_id), 5, 'the form it filed (' || form_id || ')', NULL
    FROM lobbying_filing_filer
    WHERE filer_id IS NOT NULL AND lobbying_kind_of_form(form_id) IS NOT NULL
    UNION ALL
    -- a filer of a lobbying form no rule reads: a lobbying filer of unknown kind
    SELECT filer_id, 'lobbying filer', 6, 'a lobbying filing (' || coalesce(form_id, 'form unknown') || ')', NULL
    FROM lobbying_filing_filer
    WHERE filer_id IS NOT NULL
),
-- within the most specific source, the kind it says most often, then most lately
tally AS (
    SELECT filer_id, kind, rank, min(kind_from) AS kind_from, count(*) AS times,
           max(coalesce(said_on, DATE '1900-01-01')) AS latest
    FROM said
    GROUP BY filer_id, kind, rank
),
chosen AS (
    SELECT filer_id,
           arg_min(kind, (rank, - times, - epoch(latest), kind)) AS kind,
           arg_min(kind_from, (rank, - times, - epoch(latest), kind)) AS kind_from,
           list(DISTINCT kind ORDER BY kind) FILTER (WHERE rank < 6) AS kinds_said
    FROM tally
    GROUP BY filer_id
),
person_of_filer AS (
    SELECT identifier AS filer_id, min(person_id) AS person_id
    FROM ocd.person_identifier
    WHERE scheme = 'calaccess_filer_id'
    GROUP BY identifier
)
SELECT
    chosen.filer_id,
    chosen.kind,
    chosen.kind_from,
    chosen.kinds_said,
    CASE WHEN chosen.kind = 'lobbyist' THEN 'person' ELSE 'organization' END AS ocd_kind,
    CASE WHEN chosen.kind = 'lobbyist' THEN coalesce(person.person_id, lobbyist_person_id_of(chosen.filer_id))
         ELSE lobbying_organization_id_of(chosen.filer_id) END AS ocd_id,
    chosen.kind = 'lobbyist' AND person.person_id IS NOT NULL AS person_existed
FROM chosen
LEFT JOIN person_of_filer AS person ON person.filer_id = chosen.filer_id;

INSERT INTO process_finding
SELECT 'lobbying filer kinds disagree', 'filer ' || filer_id,
       'the sources call it ' || array_to_string(kinds_said, ', ') || '; taken as ' || kind || ' (' || kind_from || ')'
FROM lobbying_filer
WHERE len(kinds_said) > 1
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'lobbying filing with several filers', 'filing ' || CAST(filing_id AS VARCHAR),
       'FILER_FILINGS_CD names ' || CAST(indexed_filers AS VARCHAR) || ' filer ids; the smallest, '
       || filer_id || ', is taken'
FROM lobbying_filing_filer
WHERE indexed_filers > 1
ORDER BY ALL;
