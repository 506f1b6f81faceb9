-- Builds ocd.committee_candidacy_designation: a candidate's controlled committees, linked to that candidate's
-- candidacies in the elections the evidence names.
-- From: raw.f501_502_cd (the committee a statement of intention names), controlled_link (FILER_LINKS_CD link
-- type 12011, committee_filer.sql), ocd.candidacy (its extras.form501_filing_ids: the 501s it was built from),
-- ocd.person_identifier, ocd.candidate_contest, ocd.election, committee_filer.
-- Rules:
--   * a Form 501 names the committee the candidate raises money through for the race it declares: that
--     committee is the 'primary vehicle for' the candidacy built from that 501 (the latest version of the 501
--     that names a committee);
--   * a FILER_LINKS_CD controlled-committee link (either direction) names a candidate and a session: the
--     committee 'supports' the candidate's candidacies (the ocd.person that carries the candidate's filer id)
--     in the elections held while the link held: from its EFFECT_DT (else the start of its session) to its
--     TERMINATION_DT (else the end of its session, SESSION_ID and the year after). A link names no election,
--     so it does not say the committee was the campaign's own: 'supports', not 'primary vehicle for';
--   * one designation per committee and candidacy: 'primary vehicle for' where a 501 says so;
--   * the Form 410 covers (CVR2_SO_CD) name a controlling candidate by name only, never by filer id: they are
--     not used here (a name match across elections is the people step's work, not a committee's).

INSERT INTO ocd.committee_candidacy_designation (committee_id, candidacy_id, designation)
WITH form501_committee AS (
    SELECT filing_id, arg_max(committee_filer_id(committee_id), amend_id) AS committee_filer_id
    FROM raw.f501_502_cd
    WHERE filing_id IS NOT NULL AND committee_filer_id(committee_id) IS NOT NULL
    GROUP BY filing_id
),
candidacy_501 AS (
    SELECT candidacy.id AS candidacy_id, CAST(filing.id AS BIGINT) AS filing_id
    FROM ocd.candidacy AS candidacy,
         unnest(CAST(candidacy.extras->'form501_filing_ids' AS BIGINT[])) AS filing(id)
    WHERE json_type(candidacy.extras->'form501_filing_ids') = 'ARRAY'
),
by_501 AS (
    SELECT committee_id_of(form501_committee.committee_filer_id) AS committee_id, candidacy_501.candidacy_id,
           'primary vehicle for' AS designation, 1 AS strength
    FROM form501_committee JOIN candidacy_501 USING (filing_id)
),
person_of_filer AS (
    SELECT DISTINCT identifier AS filer_id, person_id
    FROM ocd.person_identifier WHERE scheme = 'calaccess_filer_id'
),
link_window AS (
    SELECT committee_filer_id, candidate_filer_id,
           coalesce(effect_date, make_date(CAST(nullif(session_id, 0) AS INTEGER), 1, 1)) AS from_date,
           coalesce(termination_date,
                    make_date(CAST(coalesce(nullif(session_id, 0), session_of(effect_date)) AS INTEGER) + 1,
                              12, 31)) AS to_date
    FROM controlled_link
    WHERE candidate_filer_id IS NOT NULL AND committee_filer_id IS NOT NULL
),
by_link AS (
    SELECT committee_id_of(link.committee_filer_id) AS committee_id, candidacy.id AS candidacy_id,
           'supports' AS designation, 2 AS strength
    FROM link_window AS link
    JOIN person_of_filer AS person ON person.filer_id = link.candidate_filer_id
    JOIN ocd.candidacy AS candidacy ON candidacy.person_id = person.person_id
    JOIN ocd.candidate_contest AS contest ON contest.id = candidacy.contest_id
    JOIN ocd.election AS election ON election.id = contest.election_id
    WHERE election.date BETWEEN link.from_date AND link.to_date
),
every_designation AS (
    SELECT * FROM by_501 UNION ALL SELECT * FROM by_link
)
SELECT committee_id, candidacy_id, arg_min(designation, strength)
FROM every_designation
WHERE committee_id IN (SELECT id FROM ocd.committee)
GROUP BY committee_id, candidacy_id
ORDER BY ALL;
