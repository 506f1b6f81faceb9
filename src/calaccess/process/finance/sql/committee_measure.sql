-- Adds to ocd.committee_ballot_measure_option_supported the positions the committees' own filings take: a
-- cover that names a ballot measure and says support or oppose (the scraped positions stay as they are).
-- From: raw.cvr_campaign_disclosure_cd (BAL_NUM, BAL_ID, SUP_OPP_CD, ELECT_DATE, RPT_DATE), the measures the
-- covers list (raw.cvr2_campaign_disclosure_cd, raw.cvr2_so_cd: BAL_NUM, SUP_OPP_CD), filing_filer,
-- ocd.ballot_measure_contest (+ _identifier, calaccess_measure_id), ocd.election.
-- Rules:
--   * the committee is the filing's filer (a committee, not a candidate filing as themselves);
--   * the measure: BAL_ID where it is a CAL-ACCESS measure id; else the proposition number (BAL_NUM, 'Prop.
--     1A' read as 1A) among the measures of the election on the cover's ELECT_DATE; else among the
--     measures of the session of the filing's report date, where that number names exactly one; else it
--     does not resolve and is a finding;
--   * S supports 'yes', O supports 'no'; any other code takes no position (a finding).

CREATE OR REPLACE TEMP TABLE filing_measure_position AS
WITH report AS (
    SELECT filing_id, max(TRY_CAST(rpt_date AS DATE)) AS report_date, max(TRY_CAST(elect_date AS DATE)) AS elect_date
    FROM raw.cvr_campaign_disclosure_cd GROUP BY filing_id
),
named AS (
    SELECT 'cvr_campaign_disclosure_cd' AS calaccess_table, filing_id, amend_id, bal_num, bal_id, sup_opp_cd
    FROM raw.cvr_campaign_disclosure_cd
    UNION ALL SELECT 'cvr2_campaign_disclosure_cd', filing_id, amend_id, bal_num, NULL, sup_opp_cd
    FROM raw.cvr2_campaign_disclosure_cd
    UNION ALL SELECT 'cvr2_so_cd', filing_id, amend_id, bal_num, NULL, sup_opp_cd FROM raw.cvr2_so_cd
),
latest AS (
    SELECT named.*
    FROM named
    JOIN filing_version AS version USING (filing_id, amend_id)
    WHERE version.is_current
      AND (nullif(trim(named.bal_num), '') IS NOT NULL OR nullif(trim(named.bal_id), '') IS NOT NULL)
),
measure AS (
    SELECT contest.id AS contest_id, upper(regexp_replace(contest.name, '^Proposition\s+', '')) AS number,
           election.date AS election_date, session_of(election.date) AS session, identifier.identifier AS measure_id
    FROM ocd.ballot_measure_contest AS contest
    JOIN ocd.election AS election ON election.id = contest.election_id
    LEFT JOIN ocd.ballot_measure_contest_identifier AS identifier
      ON identifier.contest_id = contest.id AND identifier.scheme = 'calaccess_measure_id'
),
read AS (
    SELECT latest.*, report.report_date, report.elect_date,
           nullif(ltrim(upper(regexp_replace(trim(latest.bal_num), '^(prop(osition)?\.?\s*(no\.?)?\s*)', '', 'i')), '0'), '')
               AS number,
           upper(trim(latest.sup_opp_cd)) AS position,
           filer.filer_ocd_id, filer.filer_kind
    FROM latest
    JOIN filing_filer AS filer USING (filing_id)
    LEFT JOIN report USING (filing_id)
)
SELECT
    read.*,
    coalesce(
        (SELECT min(measure.contest_id) FROM measure WHERE measure.measure_id = trim(read.bal_id)),
        (SELECT min(measure.contest_id) FROM measure
         WHERE measure.number = read.number AND measure.election_date = read.elect_date),
        (SELECT CASE WHEN count(*) = 1 THEN min(measure.contest_id) END FROM measure
         WHERE measure.number = read.number AND measure.session = session_of(read.report_date))
    ) AS contest_id
FROM read;

INSERT INTO ocd.committee_ballot_measure_option_supported (committee_id, ballot_measure_contest_id, option)
SELECT DISTINCT filer_ocd_id, contest_id, CASE position WHEN 'S' THEN 'yes' WHEN 'O' THEN 'no' END
FROM filing_measure_position AS position
WHERE filer_kind = 'committee' AND contest_id IS NOT NULL AND position.position IN ('S', 'O')
  AND NOT EXISTS (
      SELECT 1 FROM ocd.committee_ballot_measure_option_supported AS known
      WHERE known.committee_id = position.filer_ocd_id AND known.ballot_measure_contest_id = position.contest_id
        AND known.option = CASE position.position WHEN 'S' THEN 'yes' WHEN 'O' THEN 'no' END)
ORDER BY ALL;

INSERT INTO process_finding
SELECT 'filing measure position unresolved', 'filing ' || CAST(filing_id AS VARCHAR) || ' (' || calaccess_table || ')',
       CASE WHEN filer_kind <> 'committee' THEN 'filed by a candidate as themselves, not a committee'
            WHEN contest_id IS NULL THEN 'measure ' || coalesce(trim(bal_num), '') || coalesce(' / id ' || trim(bal_id), '')
                 || ' resolves to no ballot measure contest (by id, by number in its election, or by number '
                 || 'in its session)'
            ELSE 'position ' || coalesce(position, 'empty') || ' is neither S nor O' END
FROM filing_measure_position
WHERE filer_kind <> 'committee' OR contest_id IS NULL OR coalesce(position, '') NOT IN ('S', 'O')
ORDER BY ALL;
