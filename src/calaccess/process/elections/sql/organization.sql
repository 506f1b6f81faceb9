-- Builds the state government's jurisdiction (ocd.jurisdiction) and the bodies elections fill
-- (ocd.organization with its sources): the legislature and its two chambers, the executive branch, the Board
-- of Equalization, and the Secretary of State's Elections Division, which administers every election.
-- From: the reference file organizations.csv (kind, name, classification, parent kind, official site).
-- Rule: an organization's id is make_id('organization', [kind, name]); parties are built by the parties step.
INSERT INTO ocd.jurisdiction (id, name, url, classification, division_id)
VALUES ('ocd-jurisdiction/country:us/state:ca/government', 'California State Government', 'https://www.ca.gov/',
        'government', 'ocd-division/country:us/state:ca');

CREATE OR REPLACE TEMP TABLE government_body AS
WITH listed AS (
    SELECT * FROM read_csv(getvariable('organizations_csv'), header = true, all_varchar = true)
)
SELECT
    listed.kind,
    listed.name,
    listed.classification,
    listed.source_url,
    organization_id_of(listed.kind, listed.name) AS id,
    CASE WHEN parent.kind IS NOT NULL THEN organization_id_of(parent.kind, parent.name) END AS parent_id
FROM listed
LEFT JOIN listed AS parent ON parent.kind = listed.parent_kind;

INSERT INTO ocd.organization (id, name, classification, parent_id, jurisdiction_id, extras)
SELECT id, name, classification, parent_id, 'ocd-jurisdiction/country:us/state:ca/government',
       json_object('kind', kind)
FROM government_body;

INSERT INTO ocd.organization_source (organization_id, url, note)
SELECT id, source_url, 'official site' FROM government_body WHERE source_url IS NOT NULL;
