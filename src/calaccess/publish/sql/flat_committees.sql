-- Committees: one row per committee, with its filer id, type, latest status, the candidates it is
-- designated for, the measures it takes a side on, and its money over every cycle it reported in.
-- From: ocd.committee and its child tables, ocd.candidacy, ocd.ballot_measure_contest,
-- finance.committee_cycle_totals.
WITH identifier AS (
    SELECT committee_id, min(identifier) AS filer_id
    FROM ocd.committee_identifier WHERE scheme = 'calaccess_filer_id' GROUP BY ALL
),
status AS (
    -- ties on the date broken by the text, so that two runs pick the same status
    SELECT committee_id,
           arg_max(array_to_string(classification, ', '),
                   (coalesce(start_date, DATE '1900-01-01'), array_to_string(classification, ', '))) AS status
    FROM ocd.committee_status GROUP BY ALL
),
candidates AS (
    SELECT designation.committee_id,
           string_agg(DISTINCT candidacy.candidate_name, '; ' ORDER BY candidacy.candidate_name) AS candidates
    FROM ocd.committee_candidacy_designation AS designation
    JOIN ocd.candidacy AS candidacy ON candidacy.id = designation.candidacy_id
    GROUP BY ALL
),
measures AS (
    SELECT side.committee_id,
           -- in a fixed order: two runs write the same text
           nullif(array_to_string(list_sort(list_distinct(list(measure.name || ' (' || CASE side.option
                  WHEN 'yes' THEN 'for' WHEN 'no' THEN 'against' ELSE side.option END || ')'))), '; '), '')
           AS measures
    FROM ocd.committee_ballot_measure_option_supported AS side
    JOIN ocd.ballot_measure_contest AS measure ON measure.id = side.ballot_measure_contest_id
    GROUP BY ALL
),
money AS (
    SELECT committee_id, count(*) AS cycles, min(cycle) AS first_cycle, max(cycle) AS last_cycle,
           sum(raised) AS raised, sum(spent) AS spent, sum(late_contributions) AS late_contributions
    FROM finance.committee_cycle_totals GROUP BY ALL
)
SELECT
    committee.id AS committee_id,
    committee.name,
    identifier.filer_id,
    committee.committee_type,
    status.status,
    candidates.candidates,
    measures.measures,
    money.first_cycle,
    money.last_cycle,
    money.raised,
    money.spent,
    money.late_contributions,
    json_extract_string(committee.extras, '$.name_from') AS name_from
FROM ocd.committee AS committee
LEFT JOIN identifier ON identifier.committee_id = committee.id
LEFT JOIN status ON status.committee_id = committee.id
LEFT JOIN candidates ON candidates.committee_id = committee.id
LEFT JOIN measures ON measures.committee_id = committee.id
LEFT JOIN money ON money.committee_id = committee.id
