-- Builds finance.independent_expenditure_totals: one row per election cycle, candidate or measure as the
-- filings name it, and position (support, oppose): the independent expenditures made for or against it.
-- From: money_version, money_last_covered (money_statement.sql), raw.s496_cd, raw.expn_cd,
-- raw.cvr_campaign_disclosure_cd, ocd.ballot_measure_contest, ocd.candidacy, ocd.candidate_contest,
-- ocd.election.
-- Rules:
--   * the lines: Form 496 (S496_CD F496), whose candidate or measure and position its cover names; Form
--     465 part 3 (EXPN_CD F465P3), named on the line, else on its cover; and the periodic statements'
--     own (EXPN_CD D, E of a 460, F461P5 of a 461, with EXPN_CODE IND); current versions only, memo lines
--     never counted;
--   * a 496 or 465 is reported again on the spender's next periodic statement, so its line counts only when
--     dated after the last day the spender's 460s and 461s of the cycle cover (as late contributions do);
--   * a line that names no candidate or measure, no position (SUP_OPP_CD S or O) or no date is set aside;
--   * the candidate or measure is kept as written (`target`), and linked where it resolves to exactly one:
--     a measure numbered N, statewide or of no jurisdiction, to the contest 'Proposition N' of an election
--     of the cycle; a candidate, by office code and district, to the candidacy for that post in the cycle
--     whose name begins with the last name written.

CREATE OR REPLACE TEMP TABLE money_ie_line AS
WITH target_cover AS (
    SELECT filing_id, amend_id,
           arg_max(cand_naml, line) AS cand_naml, arg_max(cand_namf, line) AS cand_namf,
           arg_max(office_cd, line) AS office_cd, arg_max(dist_no, line) AS dist_no,
           arg_max(bal_name, line) AS bal_name, arg_max(bal_num, line) AS bal_num,
           arg_max(bal_juris, line) AS bal_juris, arg_max(sup_opp_cd, line) AS sup_opp_cd,
           max(thru_date) AS thru_date
    FROM (SELECT *, row_number() OVER (PARTITION BY filing_id, amend_id ORDER BY filer_id) AS line
          FROM raw.cvr_campaign_disclosure_cd
          WHERE upper(trim(form_type)) IN ('F496', 'F465'))
    GROUP BY ALL
),
line AS (
    SELECT 's496_cd' AS calaccess_table, item.filing_id, item.amend_id, item.line_item,
           upper(trim(item.form_type)) AS schedule, 'late' AS reported_on, item.amount,
           item.exp_date AS spent_on, coalesce(item.memo_code, false) AS memo,
           cover.cand_naml, cover.cand_namf, cover.office_cd, cover.dist_no, cover.bal_name,
           cover.bal_num, cover.bal_juris, cover.sup_opp_cd
    FROM raw.s496_cd AS item
    LEFT JOIN target_cover AS cover USING (filing_id, amend_id)
    UNION ALL
    SELECT 'expn_cd', item.filing_id, item.amend_id, item.line_item, upper(trim(item.form_type)),
           CASE WHEN upper(trim(item.form_type)) = 'F465P3' THEN 'late' ELSE 'periodic' END,
           item.amount, item.expn_date, coalesce(item.memo_code, false),
           CASE WHEN named THEN item.cand_naml ELSE cover.cand_naml END,
           CASE WHEN named THEN item.cand_namf ELSE cover.cand_namf END,
           CASE WHEN named THEN item.office_cd ELSE cover.office_cd END,
           CASE WHEN named THEN item.dist_no ELSE cover.dist_no END,
           CASE WHEN named THEN item.bal_name ELSE cover.bal_name END,
           CASE WHEN named THEN item.bal_num ELSE cover.bal_num END,
           CASE WHEN named THEN item.bal_juris ELSE cover.bal_juris END,
           CASE WHEN named THEN item.sup_opp_cd ELSE cover.sup_opp_cd END
    FROM (SELECT *, coalesce(nullif(trim(cand_naml), ''), nullif(trim(bal_name), ''),
                             nullif(trim(bal_num), '')) IS NOT NULL AS named
          FROM raw.expn_cd) AS item
    LEFT JOIN target_cover AS cover USING (filing_id, amend_id)
    WHERE upper(trim(item.form_type)) = 'F465P3'
       OR (upper(trim(item.form_type)) IN ('D', 'E', 'F461P5') AND upper(trim(item.expn_code)) = 'IND')
),
read AS (
    SELECT
        line.*,
        version.committee_id AS spender_committee_id,
        cycle_of(line.spent_on) AS cycle,
        CASE WHEN coalesce(nullif(trim(line.bal_num), ''), nullif(trim(line.bal_name), '')) IS NOT NULL
             THEN 'measure'
             WHEN nullif(trim(line.cand_naml), '') IS NOT NULL THEN 'candidate' END AS target_kind,
        nullif(upper(regexp_replace(trim(line.bal_num), '^(PROPOSITION|PROP\.?)\s*', '', 'i')), '')
            AS measure_number,
        CASE upper(trim(line.sup_opp_cd)) WHEN 'S' THEN 'support' WHEN 'O' THEN 'oppose' END AS position
    FROM line
    JOIN money_version AS version USING (filing_id, amend_id)
)
SELECT
    read.*,
    CASE read.target_kind
        WHEN 'measure' THEN 'measure ' || concat_ws(' ', read.measure_number,
                                                    nullif(upper(trim(read.bal_name)), ''))
                            || coalesce(' (' || nullif(trim(read.bal_juris), '') || ')', '')
        WHEN 'candidate' THEN 'candidate ' || upper(concat_ws(' ', nullif(trim(read.cand_namf), ''),
                                                              trim(read.cand_naml)))
                              || coalesce(', ' || nullif(concat_ws(' ', nullif(upper(trim(read.office_cd)), ''),
                                                                   nullif(trim(read.dist_no), '')), ''), '')
    END AS target,
    CASE WHEN read.memo THEN 'memo'
         WHEN read.target_kind IS NULL THEN 'names no candidate or measure'
         WHEN read.position IS NULL THEN 'no support or oppose code'
         WHEN read.spent_on IS NULL THEN 'no date'
         WHEN read.amount IS NULL THEN 'no amount'
         WHEN read.reported_on = 'late' AND covered.last_covered IS NOT NULL
              AND read.spent_on <= covered.last_covered THEN 'reported again on a periodic statement'
         ELSE 'counted' END AS status
FROM read
LEFT JOIN money_last_covered AS covered
  ON covered.committee_id = read.spender_committee_id AND covered.cycle = read.cycle;

CREATE OR REPLACE TEMP TABLE money_ie_measure AS
WITH contest AS (
    SELECT contest.id AS contest_id, upper(regexp_replace(contest.name, '^Proposition\s+', '', 'i')) AS number,
           cycle_of(election.date) AS cycle
    FROM ocd.ballot_measure_contest AS contest
    JOIN ocd.election AS election ON election.id = contest.election_id
    WHERE contest.name ILIKE 'Proposition %'
),
wanted AS (
    SELECT DISTINCT target, measure_number, cycle FROM money_ie_line
    WHERE target_kind = 'measure' AND measure_number IS NOT NULL AND status = 'counted'
      AND (nullif(trim(bal_juris), '') IS NULL OR bal_juris ILIKE '%state%' OR upper(trim(bal_juris)) IN
           ('CA', 'CALIFORNIA'))
)
SELECT wanted.target, wanted.cycle, min(contest.contest_id) AS contest_id
FROM wanted
JOIN contest ON contest.number = wanted.measure_number AND contest.cycle = wanted.cycle
GROUP BY ALL
HAVING count(DISTINCT contest.contest_id) = 1;

CREATE OR REPLACE TEMP TABLE money_ie_candidacy AS
WITH office AS (
    SELECT DISTINCT target, cycle, upper(trim(cand_naml)) AS last_name,
           post_id_of(CASE upper(trim(office_cd))
               WHEN 'ASM' THEN 'ASSEMBLY ' || trim(dist_no)
               WHEN 'SEN' THEN 'SENATE ' || trim(dist_no)
               WHEN 'BOE' THEN 'BOARD OF EQUALIZATION ' || trim(dist_no)
               WHEN 'GOV' THEN 'GOVERNOR'
               WHEN 'LTG' THEN 'LIEUTENANT GOVERNOR'
               WHEN 'SOS' THEN 'SECRETARY OF STATE'
               WHEN 'CON' THEN 'CONTROLLER'
               WHEN 'TRE' THEN 'TREASURER'
               WHEN 'ATT' THEN 'ATTORNEY GENERAL'
               WHEN 'INS' THEN 'INSURANCE COMMISSIONER'
               WHEN 'SPI' THEN 'SUPERINTENDENT OF PUBLIC INSTRUCTION' END) AS post_id
    FROM money_ie_line
    WHERE target_kind = 'candidate' AND status = 'counted'
),
candidacy AS (
    SELECT candidacy.id AS candidacy_id, candidacy.post_id, upper(candidacy.candidate_name) AS name,
           cycle_of(election.date) AS cycle
    FROM ocd.candidacy AS candidacy
    JOIN ocd.candidate_contest AS contest ON contest.id = candidacy.contest_id
    JOIN ocd.election AS election ON election.id = contest.election_id
)
SELECT office.target, office.cycle, min(candidacy.candidacy_id) AS candidacy_id
FROM office
JOIN candidacy
  ON candidacy.post_id = office.post_id AND candidacy.cycle = office.cycle
 AND starts_with(candidacy.name, office.last_name)
WHERE office.post_id IS NOT NULL
GROUP BY ALL
HAVING count(DISTINCT candidacy.candidacy_id) = 1;

INSERT INTO finance.independent_expenditure_totals BY NAME
SELECT
    line.cycle,
    line.target,
    line.position,
    min(line.target_kind) AS target_kind,
    min(candidacy.candidacy_id) AS candidacy_id,
    min(measure.contest_id) AS ballot_measure_contest_id,
    sum(line.amount) FILTER (WHERE line.status = 'counted') AS amount,
    count(*) FILTER (WHERE line.status = 'counted') AS lines,
    count(DISTINCT line.spender_committee_id) FILTER (WHERE line.status = 'counted') AS spenders,
    coalesce(sum(line.amount) FILTER (WHERE line.status = 'counted' AND line.reported_on = 'periodic'), 0)
        AS from_periodic_statements,
    coalesce(sum(line.amount) FILTER (WHERE line.status = 'counted' AND line.reported_on = 'late'), 0)
        AS from_late_reports,
    coalesce(sum(line.amount) FILTER (WHERE line.status = 'reported again on a periodic statement'), 0)
        AS late_reports_reported_again
FROM money_ie_line AS line
LEFT JOIN money_ie_candidacy AS candidacy USING (target, cycle)
LEFT JOIN money_ie_measure AS measure USING (target, cycle)
WHERE line.status IN ('counted', 'reported again on a periodic statement')
GROUP BY line.cycle, line.target, line.position
HAVING count(*) FILTER (WHERE line.status = 'counted') > 0
ORDER BY ALL;
