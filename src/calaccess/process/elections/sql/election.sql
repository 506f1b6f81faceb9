-- Builds ocd.election (with identifiers and sources) and election_lookup (TEMP, one row per election for
-- later steps), from every source that names an election: the site's election menu (scraped.elections),
-- the incumbent pages' dated lists (scraped.incumbent_elections), the measure lists (scraped.measures),
-- the Form 501s (form501_race) and the reference special-elections.csv.
-- Rules (the why follows them):
--   name    as CAL-ACCESS writes it ('2016 GENERAL', '2021 SPECIAL ELECTION (ASSEMBLY 54)'); one election
--           per name. A 501 joins the site's election of its year, kind and office; a 501 special the site
--           and the reference do not know is set aside, never invented.
--   kind    PRIMARY, GENERAL, PRESIDENTIAL PRIMARY, SPECIAL ELECTION, SPECIAL RUNOFF, RECALL. A special
--           election on whose date the measure list files a recall question for its office is a RECALL.
--   date    regular: the session's listed PRIMARY (the last one of the year; an earlier one is the
--           PRESIDENTIAL PRIMARY) and GENERAL dates, else the statutory calendar (first Tuesday after the
--           first Monday of June / November), as a finding. Special: special-elections.csv when its year
--           is the name's year, else (a finding) the session's listed special dates that no other special
--           claims, taken in order of the site's electNav ids.
--   division  the office's division for a district special or recall, else the state.
-- Why: OCDEP 20 groups the contests decided on one date within one division into an Election. We keep one
-- Election per election CAL-ACCESS names, and give a special or recall for a district the district as its
-- division (`2018 SPECIAL ELECTION (STATE SENATE 32)` is in sldu:32), while regular and statewide elections
-- are in the state. So a special held on the same date as the statewide primary is a separate Election: it
-- is decided on the same date but within another division, which is what OCDEP 20 asks for; it keeps the
-- name and electNav id the state gave it (what a reporter searches by), its candidates stay apart from the
-- primary's, and no two elections share a name. Several specials on one date in different districts are
-- likewise separate Elections. Propositions join the statewide election of their date (the measure list
-- files them by date); a date with propositions and no other statewide election (the 2005 and 2009 special
-- elections, the February 2008 presidential primary) becomes an Election named the CAL-ACCESS way
-- (`2005 SPECIAL ELECTION`, `2008 PRESIDENTIAL PRIMARY`).
-- The incumbent pages list each session's election dates, which is where the exceptions to the statutory
-- calendar live (March primaries in 2000-2004, 2020, 2024; the February 2008 presidential primary), so the
-- calendar is only the fallback. A special-elections.csv row whose year disagrees with the name is
-- reported and the election dated from the incumbent page instead, never duplicated. The state lists some
-- recalls as special elections, hence the reclassification by the measure list's recall questions.

-- The incumbent pages' dated lists, one row per listed election.
CREATE OR REPLACE TEMP TABLE listed_date AS
SELECT
    session,
    number,
    upper(trim(name)) AS listed_as,
    CASE upper(trim(name))
        WHEN 'PRIMARY ELECTION' THEN 'PRIMARY'
        WHEN 'GENERAL ELECTION' THEN 'GENERAL'
        WHEN 'SPECIAL ELECTION RUNOFF' THEN 'runoff'
        WHEN 'SPECIAL ELECTION' THEN 'special'
        WHEN 'RECALL ELECTION' THEN 'special'
    END AS date_group,
    date,
    year(date) AS year,
    source_url
FROM scraped.incumbent_elections
WHERE date IS NOT NULL;

-- Recall questions on the measure lists: the office they would recall ('2003 RECALL QUESTION' names none).
CREATE OR REPLACE TEMP TABLE recall_question AS
SELECT
    measure_id,
    name,
    election_name,
    election_date,
    source_url,
    CASE
        WHEN regexp_matches(upper(name), 'SENATE DISTRICT [0-9]+')
            THEN office_key('STATE SENATE ' || regexp_extract(upper(name), 'SENATE DISTRICT ([0-9]+)', 1))
        WHEN regexp_matches(upper(name), 'ASSEMBLY DISTRICT [0-9]+')
            THEN office_key('ASSEMBLY ' || regexp_extract(upper(name), 'ASSEMBLY DISTRICT ([0-9]+)', 1))
        WHEN regexp_matches(upper(name), '^\s*GOVERNOR\b') THEN 'GOVERNOR'
    END AS office_key
FROM scraped.measures
WHERE upper(name) LIKE '%RECALL%';

-- Regular elections as the incumbent pages date them.
CREATE OR REPLACE TEMP TABLE regular_listed AS
WITH by_year AS (
    SELECT year, date_group AS kind, list(DISTINCT date ORDER BY date) AS dates, min(source_url) AS source_url
    FROM listed_date WHERE date_group IN ('PRIMARY', 'GENERAL')
    GROUP BY year, date_group
)
SELECT year, kind, dates[-1] AS date, source_url, len(dates) AS dates_listed FROM by_year
UNION ALL
SELECT year, 'PRESIDENTIAL PRIMARY', dates[1], source_url, len(dates) FROM by_year
WHERE kind = 'PRIMARY' AND len(dates) > 1;

CREATE OR REPLACE TEMP TABLE special_listed AS
SELECT
    trim(election_name) AS name,
    TRY_CAST(trim(date) AS DATE) AS date,
    trim(date) AS date_text
FROM read_csv(getvariable('special_elections_csv'), header = true, all_varchar = true);

-- The site's elections, and the election each Form 501 declares (shared with the candidacies step:
-- form501_election has one row per latest statement version that names a known or regular election).
CREATE OR REPLACE TEMP TABLE site_election AS
SELECT
    trim(name) AS name,
    year,
    upper(trim(type)) AS kind,
    office_key(office) AS office_key,
    election_id AS electnav_id,
    coalesce(has_page, false) AS has_page,
    source_url
FROM scraped.elections;

CREATE OR REPLACE TEMP TABLE reference_special AS
SELECT
    name,
    TRY_CAST(left(name, 4) AS INTEGER) AS year,
    regexp_extract(name, '^[0-9]{4} ([A-Z ]+?)( \(|$)', 1) AS kind,
    office_key(regexp_extract(name, '\(([^)]*)\)', 1)) AS office_key
FROM special_listed;

CREATE OR REPLACE TEMP TABLE form501_election AS
WITH race AS (
    SELECT filing_id, amend_id, filer_id, year, upper(election_type) AS kind, office_key
    FROM form501_race
    WHERE is_latest AND office_key IS NOT NULL AND year IS NOT NULL
      AND upper(election_type) IN ('PRIMARY', 'GENERAL', 'SPECIAL ELECTION', 'SPECIAL RUNOFF', 'RECALL')
),
race_named AS (
    -- a special names its office: the site's (else the reference's) election of that year, kind and office
    SELECT
        race.*,
        coalesce(
            (SELECT min(site.name) FROM site_election AS site
             WHERE site.year = race.year AND site.office_key = race.office_key
               AND (site.kind = race.kind
                    OR (site.kind IN ('SPECIAL ELECTION', 'RECALL') AND race.kind IN ('SPECIAL ELECTION', 'RECALL')))),
            (SELECT min(ref.name) FROM reference_special AS ref
             WHERE ref.year = race.year AND ref.office_key = race.office_key
               AND (ref.kind = race.kind
                    OR (ref.kind IN ('SPECIAL ELECTION', 'RECALL') AND race.kind IN ('SPECIAL ELECTION', 'RECALL'))))
        ) AS known_name
    FROM race
)
SELECT
    filing_id,
    amend_id,
    filer_id,
    year,
    kind,
    office_key,
    CASE WHEN kind IN ('PRIMARY', 'GENERAL') AND year % 2 = 0 THEN year || ' ' || kind ELSE known_name END
        AS election_name
FROM race_named;

INSERT INTO process_finding
SELECT 'form 501 election unknown', year || ' ' || kind || ' ' || office_key,
       count(*) || ' statement(s) name an election that neither the site nor the reference lists'
       || CASE WHEN kind IN ('PRIMARY', 'GENERAL') THEN ' (no regular election in an odd year)' ELSE '' END
       || '; set aside'
FROM form501_election WHERE election_name IS NULL
GROUP BY year, kind, office_key;

-- Every mention of an election, one row per source row (scraped menu, 501, reference list, incumbent page).
CREATE OR REPLACE TEMP TABLE election_mention AS
SELECT name, year, kind, office_key, electnav_id, 'election menu' AS source, source_url FROM site_election
UNION ALL
SELECT name, year, kind, office_key, NULL, 'special-elections.csv', NULL FROM reference_special
UNION ALL
SELECT year || ' ' || kind, year, kind, NULL, NULL, 'incumbents page', source_url FROM regular_listed
UNION ALL
SELECT election_name, year, kind, CASE WHEN kind IN ('PRIMARY', 'GENERAL') THEN NULL ELSE office_key END,
       NULL, 'form 501', NULL
FROM form501_election WHERE election_name IS NOT NULL;

-- One row per election name, its kind settled (recall questions turn specials into recalls).
CREATE OR REPLACE TEMP TABLE election_named AS
SELECT
    name,
    min(year) AS year,
    -- the site's word wins over a 501's
    arg_min(kind, CASE source WHEN 'election menu' THEN 1 WHEN 'special-elections.csv' THEN 2 ELSE 3 END)
        AS site_kind,
    min(office_key) AS office_key,
    coalesce(list(DISTINCT electnav_id ORDER BY electnav_id) FILTER (WHERE electnav_id IS NOT NULL), [])
        AS electnav_ids,
    list(DISTINCT source ORDER BY source) AS sources
FROM election_mention
GROUP BY name;

INSERT INTO process_finding
SELECT 'election listed twice', name, 'electNav ids ' || array_to_string(electnav_ids, ', ') || ' share one name'
FROM election_named WHERE len(electnav_ids) > 1;

-- Dates: regular elections.
CREATE OR REPLACE TEMP TABLE election_dated AS
WITH regular AS (
    SELECT
        named.name,
        coalesce(listed.date, CASE named.site_kind
            WHEN 'GENERAL' THEN make_date(named.year, 11, 2) + CAST((8 - isodow(make_date(named.year, 11, 1))) % 7 AS INTEGER)
            WHEN 'PRIMARY' THEN make_date(named.year, 6, 2) + CAST((8 - isodow(make_date(named.year, 6, 1))) % 7 AS INTEGER)
        END) AS date,
        CASE WHEN listed.date IS NOT NULL THEN 'incumbents page'
             WHEN named.site_kind IN ('GENERAL', 'PRIMARY') THEN 'statutory calendar' END AS date_rule
    FROM election_named AS named
    LEFT JOIN regular_listed AS listed ON listed.year = named.year AND listed.kind = named.site_kind
    WHERE named.site_kind IN ('PRIMARY', 'GENERAL', 'PRESIDENTIAL PRIMARY')
),
special AS (
    SELECT
        named.name,
        named.year,
        CASE WHEN named.site_kind = 'SPECIAL RUNOFF' THEN 'runoff' ELSE 'special' END AS date_group,
        coalesce(named.electnav_ids[1], 1000000000) AS electnav_order,
        reference.date AS reference_date,
        reference.date_text,
        year(reference.date) = named.year AS reference_agrees
    FROM election_named AS named
    LEFT JOIN special_listed AS reference ON reference.name = named.name
    WHERE named.site_kind NOT IN ('PRIMARY', 'GENERAL', 'PRESIDENTIAL PRIMARY')
),
-- each listed special date can be claimed once (three specials on 4/3/18 are three entries)
entry AS (
    SELECT date_group, date, year,
           row_number() OVER (PARTITION BY date_group, date ORDER BY number) AS nth
    FROM listed_date WHERE date_group IN ('special', 'runoff')
),
claim AS (
    SELECT date_group, reference_date AS date,
           row_number() OVER (PARTITION BY date_group, reference_date ORDER BY name) AS nth
    FROM special WHERE reference_agrees
),
unclaimed AS (
    SELECT entry.date_group, entry.year, entry.date,
           row_number() OVER (PARTITION BY entry.date_group, entry.year ORDER BY entry.date, entry.nth) AS rank
    FROM entry ANTI JOIN claim USING (date_group, date, nth)
),
undated AS (
    SELECT name, year, date_group,
           row_number() OVER (PARTITION BY date_group, year ORDER BY electnav_order, name) AS rank
    FROM special WHERE reference_agrees IS NOT TRUE
)
SELECT name, date, date_rule FROM regular
UNION ALL
SELECT special.name,
       CASE WHEN special.reference_agrees THEN special.reference_date ELSE unclaimed.date END,
       CASE WHEN special.reference_agrees THEN 'special-elections.csv'
            WHEN unclaimed.date IS NOT NULL THEN 'unclaimed incumbents-page date, in electNav order' END
FROM special
LEFT JOIN undated USING (name)
LEFT JOIN unclaimed ON unclaimed.date_group = undated.date_group AND unclaimed.year = undated.year
                   AND unclaimed.rank = undated.rank;

INSERT INTO process_finding
SELECT 'special election date in another year', reference.name,
       'special-elections.csv dates it ' || reference.date_text || '; dated '
       || coalesce(CAST(dated.date AS VARCHAR), 'not at all') || ' by ' || coalesce(dated.date_rule, 'no rule')
FROM special_listed AS reference
JOIN election_dated AS dated USING (name)
WHERE year(reference.date) <> TRY_CAST(left(reference.name, 4) AS INTEGER);

INSERT INTO process_finding
SELECT 'election dated by fallback', name, date_rule || ': ' || CAST(date AS VARCHAR)
FROM election_dated
WHERE date_rule NOT IN ('incumbents page', 'special-elections.csv');

INSERT INTO process_finding
SELECT 'special election date not on incumbents page', dated.name,
       'special-elections.csv dates it ' || CAST(dated.date AS VARCHAR)
       || ', which the session''s incumbents page does not list as a special election'
FROM election_dated AS dated
WHERE dated.date_rule = 'special-elections.csv'
  AND EXISTS (SELECT 1 FROM listed_date AS l WHERE l.year = year(dated.date))
  AND NOT EXISTS (SELECT 1 FROM listed_date AS l
                  WHERE l.date = dated.date AND l.date_group IN ('special', 'runoff'));

INSERT INTO process_finding
SELECT 'election without a date', name, 'no listed, reference or fallback date; set aside'
FROM election_dated WHERE date IS NULL;

-- Measure-list elections: each proposition joins the statewide election of its date; a date with none
-- (the 2005 and 2009 statewide specials) is an election of its own, named the CAL-ACCESS way.
CREATE OR REPLACE TEMP TABLE measure_election AS
WITH listed AS (
    SELECT DISTINCT trim(election_name) AS election_name, election_date,
           regexp_extract(upper(election_name), '[0-9]{4}\s*,\s*([A-Z ]+)$', 1) AS listed_kind
    FROM scraped.measures
    WHERE election_date IS NOT NULL AND upper(name) NOT LIKE '%RECALL%'
),
statewide AS (
    SELECT named.name, dated.date, named.site_kind
    FROM election_named AS named JOIN election_dated AS dated USING (name)
    WHERE named.office_key IS NULL OR named.office_key NOT SIMILAR TO '.* [0-9]+'
)
SELECT
    listed.election_name,
    listed.election_date,
    coalesce(
        statewide.name,
        year(listed.election_date) || ' ' || CASE
            WHEN listed_kind = 'PRIMARY' AND EXISTS (
                SELECT 1 FROM election_dated AS d JOIN election_named AS n USING (name)
                WHERE n.site_kind = 'PRIMARY' AND n.year = year(listed.election_date)
                  AND d.date <> listed.election_date) THEN 'PRESIDENTIAL PRIMARY'
            ELSE trim(listed_kind)
        END
    ) AS name,
    statewide.name IS NULL AS is_new
FROM listed
LEFT JOIN statewide ON statewide.date = listed.election_date
-- two statewide elections on one date: the regular one takes the measures
QUALIFY row_number() OVER (
    PARTITION BY listed.election_name, listed.election_date
    ORDER BY CASE WHEN statewide.site_kind IN ('PRIMARY', 'GENERAL', 'PRESIDENTIAL PRIMARY') THEN 0 ELSE 1 END,
             statewide.name
) = 1;

INSERT INTO process_finding
SELECT 'measure election date disagrees', me.name,
       'the measure list dates ' || me.election_name || ' but the election named ' || me.name
       || ' is dated ' || CAST(d.date AS VARCHAR) || '; its measures are set aside'
FROM measure_election AS me JOIN election_dated AS d USING (name)
WHERE me.is_new;

INSERT INTO election_named
SELECT DISTINCT me.name, year(me.election_date),
       CASE WHEN me.name LIKE '% PRESIDENTIAL PRIMARY' THEN 'PRESIDENTIAL PRIMARY'
            ELSE regexp_extract(me.name, '^[0-9]{4} (.*)$', 1) END,
       NULL, [], ['measure list']
FROM measure_election AS me
WHERE me.is_new AND me.name NOT IN (SELECT name FROM election_dated);

INSERT INTO election_dated
SELECT DISTINCT me.name, me.election_date, 'measure list'
FROM measure_election AS me
WHERE me.is_new AND me.name NOT IN (SELECT name FROM election_dated);

-- The settled elections.
CREATE OR REPLACE TEMP TABLE election_lookup AS
SELECT
    named.name,
    election_id_of(named.name) AS election_id,
    dated.date,
    named.year,
    CASE
        WHEN named.site_kind = 'SPECIAL ELECTION' AND EXISTS (
            SELECT 1 FROM recall_question AS q
            WHERE q.election_date = dated.date
              AND (q.office_key = named.office_key
                   OR (q.office_key IS NULL AND named.office_key NOT SIMILAR TO '.* [0-9]+')))
        THEN 'RECALL'
        ELSE named.site_kind
    END AS kind,
    named.site_kind,
    named.office_key,
    coalesce(post.division_id, 'ocd-division/country:us/state:ca') AS division_id,
    named.electnav_ids,
    named.sources,
    dated.date_rule,
    named.site_kind = 'PRIMARY' AND dated.date < DATE '2012-06-05' AS partisan_primary
FROM election_named AS named
JOIN election_dated AS dated USING (name)
LEFT JOIN post_lookup AS post ON post.office_key = named.office_key
WHERE dated.date IS NOT NULL;

INSERT INTO process_finding
SELECT 'election reclassified as recall', name,
       'the site lists it as a ' || site_kind || '; the measure list files a recall question for '
       || coalesce(office_key, 'a statewide office') || ' on ' || CAST(date AS VARCHAR)
FROM election_lookup WHERE kind <> site_kind;

INSERT INTO ocd.election (id, name, date, division_id, administrative_organization_id, extras)
SELECT
    election_id,
    name,
    date,
    division_id,
    organization_id_of('elections_division', 'California Secretary of State, Elections Division'),
    json_object('kind', kind, 'site_kind', site_kind, 'office', office_key, 'date_rule', date_rule,
                'sources', sources, 'partisan_primary', partisan_primary,
                -- The VIP and NIST word for the kind: primaries before June 2012 were closed partisan
                -- primaries, after it top-two; a special general is a runoff; these formats have no recall.
                'election_type', CASE
                    WHEN kind IN ('PRIMARY', 'PRESIDENTIAL PRIMARY') AND date < DATE '2012-06-05'
                        THEN 'partisan-primary-closed'
                    WHEN kind IN ('PRIMARY', 'PRESIDENTIAL PRIMARY') THEN 'primary'
                    WHEN kind = 'GENERAL' THEN 'general'
                    WHEN kind = 'SPECIAL RUNOFF' THEN 'runoff'
                    ELSE 'special'
                END)
FROM election_lookup;

INSERT INTO ocd.election_identifier (election_id, scheme, identifier)
SELECT election_id, 'calaccess_electnav_id', CAST(unnest(electnav_ids) AS VARCHAR) FROM election_lookup;

INSERT INTO ocd.election_source (election_id, url, note)
SELECT DISTINCT lookup.election_id, mention.source_url, mention.source
FROM election_lookup AS lookup JOIN election_mention AS mention USING (name)
WHERE mention.source_url IS NOT NULL
UNION
SELECT DISTINCT lookup.election_id, measure.source_url, 'measure list'
FROM election_lookup AS lookup
JOIN measure_election AS me ON me.name = lookup.name
JOIN scraped.measures AS measure ON trim(measure.election_name) = me.election_name
WHERE measure.source_url IS NOT NULL
ORDER BY ALL;
