-- One round of settling person clusters (connected components of person_link), run until nothing changes:
-- every record takes the smallest cluster label found among the records it shares a link with.
-- From and to: person_label (record_key, cluster); person_label_changes counts the records that moved.
CREATE OR REPLACE TEMP TABLE person_label_next AS
WITH token_label AS (
    SELECT link.kind, link.token, min(label.cluster) AS cluster
    FROM person_link AS link JOIN person_label AS label USING (record_key)
    GROUP BY link.kind, link.token
),
record_label AS (
    SELECT link.record_key, min(token_label.cluster) AS cluster
    FROM person_link AS link JOIN token_label USING (kind, token)
    GROUP BY link.record_key
)
SELECT label.record_key, least(label.cluster, coalesce(record_label.cluster, label.cluster)) AS cluster
FROM person_label AS label LEFT JOIN record_label USING (record_key);

CREATE OR REPLACE TEMP TABLE person_label_changes AS
SELECT count(*) AS changed
FROM person_label_next AS next JOIN person_label AS label USING (record_key)
WHERE next.cluster <> label.cluster;

CREATE OR REPLACE TEMP TABLE person_label AS SELECT * FROM person_label_next;
