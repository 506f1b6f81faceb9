-- Builds finance.ballot_measure_totals: one row per ballot measure (or recall question) and option
-- ('yes' supports it, 'no' opposes it), with the totals of the committees on that side for the cycle of
-- the measure's election, and the independent expenditures for or against it.
-- From: ocd.committee_ballot_measure_option_supported, ocd.ballot_measure_contest, ocd.retention_contest,
-- ocd.election, finance.committee_cycle_totals, money_committee_receipt (money_statement.sql),
-- finance.independent_expenditure_totals.
-- Rules:
--   * a committee on several measures counts in full on each (its totals are not split: the filings do
--     not say how much went to which), so the rows of one cycle are not to be added up;
--   * money one committee of a side received from another committee of the same side is counted once
--     (moved_between_side_committees, subtracted from raised_total), as for a candidate's committees;
--   * independent expenditures: those whose measure resolved to this contest, supporting for 'yes' and
--     opposing for 'no'.

CREATE OR REPLACE TEMP TABLE money_measure_committee AS
WITH contest AS (
    SELECT id, election_id FROM ocd.ballot_measure_contest
    UNION ALL
    SELECT id, election_id FROM ocd.retention_contest
)
SELECT DISTINCT side.ballot_measure_contest_id, side.option, side.committee_id,
       cycle_of(election.date) AS cycle
FROM ocd.committee_ballot_measure_option_supported AS side
LEFT JOIN contest ON contest.id = side.ballot_measure_contest_id
LEFT JOIN ocd.election AS election ON election.id = contest.election_id;

INSERT INTO finance.ballot_measure_totals BY NAME
WITH committee AS (
    SELECT
        side.ballot_measure_contest_id,
        side.option,
        side.cycle,
        count(DISTINCT side.committee_id) AS committees,
        count(DISTINCT totals.committee_id) AS committees_reporting,
        sum(totals.raised) AS raised,
        sum(totals.spent) AS spent,
        sum(totals.loans_received) AS loans_received,
        sum(totals.cash_on_hand) AS cash_on_hand,
        coalesce(sum(totals.itemised_contributions), 0) AS itemised_contributions,
        coalesce(sum(totals.itemised_expenditures), 0) AS itemised_expenditures,
        coalesce(sum(totals.late_contributions), 0) AS late_contributions,
        coalesce(sum(totals.raised_including_late), 0) AS raised_including_late
    FROM money_measure_committee AS side
    LEFT JOIN finance.committee_cycle_totals AS totals
      ON totals.committee_id = side.committee_id AND totals.cycle = side.cycle
    WHERE side.cycle IS NOT NULL
    GROUP BY ALL
),
moved AS (
    SELECT recipient.ballot_measure_contest_id, recipient.option, sum(receipt.amount) AS moved
    FROM money_committee_receipt AS receipt
    JOIN money_measure_committee AS recipient
      ON recipient.committee_id = receipt.committee_id AND recipient.cycle = receipt.cycle
    JOIN money_measure_committee AS sender
      ON sender.committee_id = receipt.from_committee_id
     AND sender.ballot_measure_contest_id = recipient.ballot_measure_contest_id
     AND sender.option = recipient.option
    WHERE receipt.from_committee_id <> receipt.committee_id
    GROUP BY ALL
),
independent AS (
    SELECT ballot_measure_contest_id, CASE position WHEN 'support' THEN 'yes' ELSE 'no' END AS option,
           sum(amount) AS amount
    FROM finance.independent_expenditure_totals
    WHERE ballot_measure_contest_id IS NOT NULL
    GROUP BY ALL
)
SELECT
    committee.ballot_measure_contest_id,
    committee.option,
    committee.cycle,
    committee.committees,
    committee.committees_reporting,
    committee.raised,
    committee.spent,
    committee.loans_received,
    committee.cash_on_hand,
    committee.itemised_contributions,
    committee.itemised_expenditures,
    committee.late_contributions,
    coalesce(moved.moved, 0) AS moved_between_side_committees,
    committee.raised_including_late - coalesce(moved.moved, 0) AS raised_total,
    coalesce(independent.amount, 0) AS independent_expenditures
FROM committee
LEFT JOIN moved USING (ballot_measure_contest_id, option)
LEFT JOIN independent USING (ballot_measure_contest_id, option)
ORDER BY committee.ballot_measure_contest_id, committee.option;
