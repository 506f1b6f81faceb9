-- BallotMeasures: one row per ballot measure, with the money of the committees for it (option 'yes') and
-- against it ('no'), and the independent expenditures on each side (finance.ballot_measure_totals).
-- From: ocd.ballot_measure_contest, ocd.election, finance.ballot_measure_totals.
WITH side AS (
    SELECT ballot_measure_contest_id, option, sum(committees) AS committees, sum(raised_total) AS raised,
           sum(spent) AS spent, sum(independent_expenditures) AS independent_expenditures
    FROM finance.ballot_measure_totals
    GROUP BY ALL
)
SELECT
    measure.id AS ballot_measure_id,
    measure.name,
    measure.description AS title,
    measure.classification,
    measure.division_id,
    election.name AS election,
    election.date AS election_date,
    CAST(json_extract(measure.extras, '$.measure_id') AS BIGINT) AS calaccess_measure_id,
    yes.committees AS committees_for,
    yes.raised AS raised_for,
    yes.spent AS spent_for,
    yes.independent_expenditures AS independent_expenditures_for,
    no.committees AS committees_against,
    no.raised AS raised_against,
    no.spent AS spent_against,
    no.independent_expenditures AS independent_expenditures_against
FROM ocd.ballot_measure_contest AS measure
JOIN ocd.election AS election ON election.id = measure.election_id
LEFT JOIN side AS yes ON yes.ballot_measure_contest_id = measure.id AND yes.option = 'yes'
LEFT JOIN side AS no ON no.ballot_measure_contest_id = measure.id AND no.option = 'no'
