-- Builds ocd.membership (with sources) and membership_lookup (TEMP, for the recalls of the measures step):
-- one Membership per incumbent the incumbents pages list: the person in the post, in the post's body, for
-- the two-year session of the page.
-- From: incumbent_record and person_of_record (people step), post_lookup (posts step), ocd.candidacy and
-- ocd.election (the party).
-- Rules: id from (office, session, name as printed), so it holds whichever person the name merges into;
-- on behalf of: the party of the holder's latest candidacy for the post, in an election before the session
-- ends, that names one (none when no such candidacy knows the party);
-- the page says only that the person held the post during the session, so the dates are the session's
-- years (fuzzy dates 'YYYY'); an incumbent whose office is no post is set aside as a finding.

CREATE OR REPLACE TEMP TABLE membership_lookup AS
SELECT
    make_id('membership', [incumbent.office_key, CAST(incumbent.session AS VARCHAR), incumbent.name_text])
        AS membership_id,
    person.person_id,
    post.post_id,
    post.organization_id,
    post.label,
    post.role,
    incumbent.office_key,
    incumbent.session,
    incumbent.record_key,
    incumbent.source_url
FROM incumbent_record AS incumbent
JOIN person_of_record AS person USING (record_key)
JOIN post_lookup AS post ON post.office_key = incumbent.office_key;

CREATE OR REPLACE TEMP TABLE membership_party AS
SELECT
    membership.membership_id,
    arg_max(candidacy.party_id, (election.date, candidacy.id)) AS party_id
FROM membership_lookup AS membership
JOIN ocd.candidacy AS candidacy
    ON candidacy.person_id = membership.person_id AND candidacy.post_id = membership.post_id
JOIN ocd.candidate_contest AS contest ON contest.id = candidacy.contest_id
JOIN ocd.election AS election ON election.id = contest.election_id
WHERE candidacy.party_id IS NOT NULL AND year(election.date) <= membership.session + 1
GROUP BY membership.membership_id;

INSERT INTO ocd.membership
    (id, organization_id, person_id, post_id, on_behalf_of_id, label, role, start_date, end_date, extras)
SELECT
    membership_id,
    organization_id,
    person_id,
    post_id,
    party.party_id,
    label,
    role,
    CAST(session AS VARCHAR),
    CAST(session + 1 AS VARCHAR),
    json_object('session', session, 'office', office_key,
                'tenure', 'held the post during the session, as the incumbents page lists it')
FROM membership_lookup
LEFT JOIN membership_party AS party USING (membership_id);

INSERT INTO ocd.membership_source (membership_id, url, note)
SELECT membership_id, source_url, 'incumbents page'
FROM membership_lookup WHERE source_url IS NOT NULL;

INSERT INTO process_finding
SELECT 'incumbent in no post', session || ' / ' || office_printed || ' / ' || coalesce(name_printed, name_text),
       'the office is not a state post; set aside'
FROM incumbent_record
WHERE record_key NOT IN (SELECT record_key FROM membership_lookup);
