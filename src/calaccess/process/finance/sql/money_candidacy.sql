-- Builds finance.candidacy_totals: one row per candidacy that has a controlled committee, with the totals
-- of its controlled committees for the cycle of the candidacy's election.
-- From: ocd.committee_candidacy_designation (filled by the committees step), ocd.candidacy,
-- ocd.candidate_contest, ocd.election, finance.committee_cycle_totals, money_committee_receipt
-- (money_statement.sql), finance.independent_expenditure_totals.
-- Rules:
--   * a controlled committee: designated 'primary vehicle for' the candidacy (money_controlled_designation
--     is the one place that says which designations count);
--   * the cycle: that of the candidacy's election day (cycle_of);
--   * the committees' totals are added; money one of the candidacy's committees received from another of
--     them (a receipt or counted late contribution whose CMTE_ID is the other's filer id) is not counted
--     twice: it is subtracted once from raised_total and shown as moved_between_own_committees;
--   * independent expenditures: those whose candidate resolved to this candidacy, by position.

CREATE OR REPLACE TEMP TABLE money_controlled_designation AS
SELECT * FROM (VALUES ('primary vehicle for')) AS controlled (designation);

CREATE OR REPLACE TEMP TABLE money_candidacy_committee AS
SELECT DISTINCT designation.candidacy_id, designation.committee_id, cycle_of(election.date) AS cycle
FROM ocd.committee_candidacy_designation AS designation
JOIN money_controlled_designation USING (designation)
LEFT JOIN ocd.candidacy AS candidacy ON candidacy.id = designation.candidacy_id
LEFT JOIN ocd.candidate_contest AS contest ON contest.id = candidacy.contest_id
LEFT JOIN ocd.election AS election ON election.id = contest.election_id;

INSERT INTO finance.candidacy_totals BY NAME
WITH committee AS (
    SELECT
        link.candidacy_id,
        link.cycle,
        count(DISTINCT link.committee_id) AS committees,
        count(DISTINCT totals.committee_id) AS committees_reporting,
        sum(totals.raised) AS raised,
        sum(totals.spent) AS spent,
        sum(totals.loans_received) AS loans_received,
        sum(totals.cash_on_hand) AS cash_on_hand,
        coalesce(sum(totals.itemised_contributions), 0) AS itemised_contributions,
        coalesce(sum(totals.itemised_expenditures), 0) AS itemised_expenditures,
        coalesce(sum(totals.late_contributions), 0) AS late_contributions,
        coalesce(sum(totals.raised_including_late), 0) AS raised_including_late
    FROM money_candidacy_committee AS link
    LEFT JOIN finance.committee_cycle_totals AS totals
      ON totals.committee_id = link.committee_id AND totals.cycle = link.cycle
    WHERE link.cycle IS NOT NULL
    GROUP BY ALL
),
moved AS (
    SELECT recipient.candidacy_id, sum(receipt.amount) AS moved
    FROM money_committee_receipt AS receipt
    JOIN money_candidacy_committee AS recipient
      ON recipient.committee_id = receipt.committee_id AND recipient.cycle = receipt.cycle
    JOIN money_candidacy_committee AS sender
      ON sender.committee_id = receipt.from_committee_id AND sender.candidacy_id = recipient.candidacy_id
    WHERE receipt.from_committee_id <> receipt.committee_id
    GROUP BY ALL
),
independent AS (
    SELECT candidacy_id, cycle,
           coalesce(sum(amount) FILTER (WHERE position = 'support'), 0) AS supporting,
           coalesce(sum(amount) FILTER (WHERE position = 'oppose'), 0) AS opposing
    FROM finance.independent_expenditure_totals
    WHERE candidacy_id IS NOT NULL
    GROUP BY ALL
)
SELECT
    committee.candidacy_id,
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
    coalesce(moved.moved, 0) AS moved_between_own_committees,
    committee.raised_including_late - coalesce(moved.moved, 0) AS raised_total,
    coalesce(independent.supporting, 0) AS independent_expenditures_supporting,
    coalesce(independent.opposing, 0) AS independent_expenditures_opposing
FROM committee
LEFT JOIN moved USING (candidacy_id)
LEFT JOIN independent USING (candidacy_id, cycle)
ORDER BY committee.candidacy_id;
