-- Candidates: one row per candidacy, names beside ids, with its Form 501s and the money of its controlled
-- committees in the cycle of its election (finance.candidacy_totals).
-- From: ocd.candidacy, ocd.person (+ its filer ids), ocd.post, ocd.candidate_contest, ocd.election,
-- ocd.organization (the party), finance.candidacy_totals.
SELECT
    candidacy.id AS candidacy_id,
    candidacy.candidate_name,
    candidacy.person_id,
    person.name AS person_name,
    (SELECT string_agg(DISTINCT identifier.identifier, '; ' ORDER BY identifier.identifier)
     FROM ocd.person_identifier AS identifier
     WHERE identifier.person_id = candidacy.person_id AND identifier.scheme = 'calaccess_filer_id') AS filer_ids,
    party.name AS party,
    post.label AS office,
    post.division_id,
    contest.id AS contest_id,
    contest.name AS contest,
    election.name AS election,
    election.date AS election_date,
    candidacy.is_incumbent,
    candidacy.registration_status,
    candidacy.filed_date,
    nullif(array_to_string(CAST(json_extract_string(candidacy.extras, '$.form501_filing_ids[*]') AS VARCHAR[]), '; '), '')
        AS form501_filing_ids,
    json_extract_string(candidacy.extras, '$.election_result') AS election_result,
    money.cycle,
    money.committees,
    money.raised,
    money.spent,
    money.cash_on_hand,
    money.late_contributions,
    money.raised_total,
    money.independent_expenditures_supporting,
    money.independent_expenditures_opposing
FROM ocd.candidacy AS candidacy
JOIN ocd.person AS person ON person.id = candidacy.person_id
JOIN ocd.post AS post ON post.id = candidacy.post_id
JOIN ocd.candidate_contest AS contest ON contest.id = candidacy.contest_id
JOIN ocd.election AS election ON election.id = contest.election_id
LEFT JOIN ocd.organization AS party ON party.id = candidacy.party_id
LEFT JOIN finance.candidacy_totals AS money ON money.candidacy_id = candidacy.id
