-- RecallMeasures: one row per recall question, with the person it would recall and the office they hold.
-- From: ocd.retention_contest, ocd.membership, ocd.person, ocd.post, ocd.election.
SELECT
    recall.id AS recall_measure_id,
    recall.name,
    recall.description AS title,
    recall.division_id,
    election.name AS election,
    election.date AS election_date,
    membership.person_id,
    person.name AS person_name,
    post.label AS office,
    CAST(json_extract(recall.extras, '$.recalled') AS BOOLEAN) AS recalled,
    CAST(json_extract(recall.extras, '$.measure_id') AS BIGINT) AS calaccess_measure_id
FROM ocd.retention_contest AS recall
JOIN ocd.election AS election ON election.id = recall.election_id
LEFT JOIN ocd.membership AS membership ON membership.id = recall.membership_id
LEFT JOIN ocd.person AS person ON person.id = membership.person_id
LEFT JOIN ocd.post AS post ON post.id = membership.post_id
