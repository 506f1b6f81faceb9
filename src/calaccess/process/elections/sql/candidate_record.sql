-- Builds candidate_record (TEMP, one row per future Candidacy) and candidate_record_form501 (its Form 501s),
-- plus candidate_unmatched and form501_set_aside (why a candidate has no 501, why a 501 is no candidacy).
-- From: scraped.candidates (the certified lists), election_lookup, form501_election, post_lookup (earlier steps),
-- form501_candidate and parsed_name (this step), raw.filer_to_filer_type_cd, party_decode, ocd.candidate_contest.
-- Rules:
--   * every scraped candidate is a record, in the election whose electNav id lists it;
--   * its Form 501s: those of its filer id for the election's year (and office, when the 501 names one); else
--     those matching its name (family name or a part of a hyphenated one, and given name or nickname), office
--     and year, when they are all one filer's; else none, with the reason;
--   * a 501 no scraped candidate claims is a record of its own (registration 'filed') when its election has
--     no certified list on the site; otherwise it is set aside with the reason;
--   * party: the latest linked 501 that names one (or says nonpartisan); else the filer's party code in
--     FILER_TO_FILER_TYPE_CD effective on or before election day; else unknown;
--   * the contest: the election's contest for the office; in a pre-2012 partisan primary, the contest of the
--     office and the candidate's party (NULL party when unknown or nonpartisan), which the primaries step
--     builds from the candidacies.

CREATE OR REPLACE TEMP TABLE scraped_candidate AS
SELECT
    concat_ws('|', 'candidate', candidate.election_id, candidate.office, candidate.name,
              CAST(candidate.filer_id AS VARCHAR)) AS record_key,
    candidate.election_id AS electnav_id,
    candidate.office AS office_printed,
    office_key(candidate.office) AS office_key,
    parsed.printed AS candidate_name,
    candidate.name AS name_text,
    CAST(candidate.filer_id AS VARCHAR) AS written_filer_id,
    coalesce(alias.filer_id, CAST(candidate.filer_id AS VARCHAR)) AS filer_id,
    parsed.withdrawn AS withdrawn_on_page,
    candidate.source_url,
    election.name AS election_name,
    election.date AS election_date,
    coalesce(election.year, TRY_CAST(left(site.name, 4) AS INTEGER)) AS election_year,
    election.kind AS election_kind,
    coalesce(election.partisan_primary, false) AS partisan_primary,
    parsed.family_key,
    parsed.family_forms,
    parsed.first_forms,
    parsed.match_key
FROM scraped.candidates AS candidate
LEFT JOIN scraped.elections AS site ON site.election_id = candidate.election_id
LEFT JOIN election_lookup AS election ON list_contains(election.electnav_ids, candidate.election_id)
LEFT JOIN filer_alias AS alias ON alias.written_id = CAST(candidate.filer_id AS VARCHAR)
LEFT JOIN parsed_name AS parsed ON parsed.name_source = 'printed' AND parsed.name_text = candidate.name;

-- 501s whose name, office and year match a scraped candidate's.
CREATE OR REPLACE TEMP TABLE candidate_name_match AS
SELECT candidate.record_key, filing.filing_id, filing.filer_id
FROM scraped_candidate AS candidate
JOIN form501_candidate AS filing
    ON filing.office_key = candidate.office_key AND filing.year = candidate.election_year
JOIN parsed_name AS parsed ON parsed.name_source = 'form 501' AND parsed.name_text = filing.name_text
WHERE parsed.family_key <> ''
  AND len(list_intersect(parsed.family_forms, candidate.family_forms)) > 0
  AND len(list_intersect(parsed.first_forms, candidate.first_forms)) > 0;

CREATE OR REPLACE TEMP TABLE scraped_candidate_form501 AS
WITH by_filer_id AS (
    SELECT candidate.record_key, filing.filing_id, 'filer id' AS method
    FROM scraped_candidate AS candidate
    JOIN form501_candidate AS filing
        ON filing.filer_id = candidate.filer_id AND filing.year = candidate.election_year
       AND (filing.office_key IS NULL OR filing.office_key = candidate.office_key)
),
one_filer_by_name AS (
    SELECT record_key FROM candidate_name_match GROUP BY record_key HAVING count(DISTINCT filer_id) = 1
)
SELECT * FROM by_filer_id
UNION ALL
SELECT match.record_key, match.filing_id, 'name, office and year'
FROM candidate_name_match AS match
WHERE match.record_key IN (SELECT record_key FROM one_filer_by_name)
  AND match.record_key NOT IN (SELECT record_key FROM by_filer_id);

CREATE OR REPLACE TEMP TABLE candidate_unmatched AS
SELECT
    candidate.record_key,
    candidate.election_name,
    candidate.office_printed,
    candidate.candidate_name,
    candidate.filer_id,
    CASE
        WHEN candidate.filer_id IS NULL AND candidate.record_key IN (SELECT record_key FROM candidate_name_match)
            THEN 'no filer id, and the name matches Form 501s of several filers for this office and year'
        WHEN candidate.filer_id IS NULL THEN 'no filer id, and no Form 501 with this name, office and year'
        WHEN candidate.filer_id NOT IN (SELECT filer_id FROM form501_candidate WHERE filer_id IS NOT NULL)
            THEN 'filer id has no Form 501 in the export'
        ELSE 'filer id has Form 501s, none for this office and year'
    END AS reason
FROM scraped_candidate AS candidate
WHERE candidate.record_key NOT IN (SELECT record_key FROM scraped_candidate_form501);

-- 501s no scraped candidate claims: a candidacy of their own where the election has no certified list.
CREATE OR REPLACE TEMP TABLE form501_placed AS
WITH unclaimed AS (
    SELECT * FROM form501_candidate
    WHERE filing_id NOT IN (SELECT filing_id FROM scraped_candidate_form501)
),
with_election AS (
    -- the election each statement names, as the elections step read it (form501_election)
    SELECT unclaimed.*, named.election_name
    FROM unclaimed
    LEFT JOIN (SELECT filing_id, min(election_name) AS election_name FROM form501_election GROUP BY filing_id)
        AS named USING (filing_id)
)
SELECT
    with_election.*,
    CASE
        WHEN office_key IS NULL THEN 'names no state office (a local office, or a district that cannot be read)'
        WHEN year IS NULL OR election_type IS NULL
             OR election_type NOT IN ('PRIMARY', 'GENERAL', 'SPECIAL ELECTION', 'SPECIAL RUNOFF', 'RECALL')
            THEN 'names no election year or type'
        WHEN election_name IS NULL THEN 'names an election the sources do not know'
        WHEN election_name IN (SELECT election_name FROM scraped_candidate WHERE election_name IS NOT NULL)
            THEN 'the certified list of its election does not name this candidate'
    END AS set_aside_reason
FROM with_election;

CREATE OR REPLACE TEMP TABLE form501_set_aside AS
SELECT filing_id, filer_id, year, election_type, office_key, election_name, set_aside_reason AS reason
FROM form501_placed WHERE set_aside_reason IS NOT NULL;

-- One record per candidate known only from 501s: a filer in one election's race for one office.
CREATE OR REPLACE TEMP TABLE form501_only_record AS
SELECT
    concat_ws('|', 'form 501', placed.filer_id, placed.election_name, placed.office_key) AS record_key,
    placed.filing_id,
    placed.filer_id,
    placed.election_name,
    placed.office_key
FROM form501_placed AS placed
WHERE placed.set_aside_reason IS NULL;

CREATE OR REPLACE TEMP TABLE candidate_record_form501 AS
SELECT record_key, filing_id, method FROM scraped_candidate_form501
UNION ALL
SELECT record_key, filing_id, 'form 501 only' FROM form501_only_record;

-- Every record with its election, office and name; party, dates and contest follow.
CREATE OR REPLACE TEMP TABLE candidate_record_base AS
SELECT
    record_key, 'certified list' AS record_source, election_name, election_date, election_kind, partisan_primary,
    office_printed, office_key, candidate_name, 'printed' AS name_source, name_text, filer_id,
    withdrawn_on_page, source_url, family_key, first_forms, match_key
FROM scraped_candidate
UNION ALL
SELECT
    record.record_key,
    'form 501',
    record.election_name,
    election.date,
    election.kind,
    coalesce(election.partisan_primary, false),
    record.office_key,
    record.office_key,
    arg_min(parsed.printed, filing.filing_id),
    'form 501',
    arg_min(filing.name_text, filing.filing_id),
    record.filer_id,
    false,
    NULL,
    arg_min(parsed.family_key, filing.filing_id),
    arg_min(parsed.first_forms, filing.filing_id),
    arg_min(parsed.match_key, filing.filing_id)
FROM form501_only_record AS record
JOIN form501_candidate AS filing USING (filing_id)
LEFT JOIN parsed_name AS parsed ON parsed.name_source = 'form 501' AND parsed.name_text = filing.name_text
LEFT JOIN election_lookup AS election ON election.name = record.election_name
GROUP BY record.record_key, record.election_name, election.date, election.kind, election.partisan_primary,
         record.office_key, record.filer_id;

-- The filer ids a record is known by: its own, and those of its 501s.
CREATE OR REPLACE TEMP TABLE candidate_record_filer AS
SELECT record_key, filer_id FROM candidate_record_base WHERE filer_id IS NOT NULL
UNION
SELECT link.record_key, filing.filer_id
FROM candidate_record_form501 AS link JOIN form501_candidate AS filing USING (filing_id)
WHERE filing.filer_id IS NOT NULL;

CREATE OR REPLACE TEMP TABLE candidate_record AS
WITH from_501 AS (
    SELECT
        link.record_key,
        min(filing.filed_date) AS filed_date,
        -- the latest 501 speaks for the candidacy: its withdrawal, and its party when it names one
        arg_max(filing.withdrawn, (filing.report_date, filing.filing_id)) AS withdrawn,
        arg_max(filing.party_id, (filing.report_date, filing.filing_id))
            FILTER (WHERE filing.party_status <> 'unknown') AS party_id,
        arg_max(filing.party_status, (filing.report_date, filing.filing_id))
            FILTER (WHERE filing.party_status <> 'unknown') AS party_status,
        list(filing.filing_id ORDER BY filing.filing_id) AS filing_ids,
        min(link.method) AS method
    FROM candidate_record_form501 AS link
    JOIN form501_candidate AS filing USING (filing_id)
    GROUP BY link.record_key
),
filer_type_party AS (
    SELECT
        CAST(TRY_CAST(filer_type.filer_id AS BIGINT) AS VARCHAR) AS filer_id,
        TRY_CAST(filer_type.effect_dt AS DATE) AS effective_date,
        decode.status AS party_status,
        decode.party_id
    FROM raw.filer_to_filer_type_cd AS filer_type
    JOIN party_decode AS decode
        ON decode.source = 'lookup_code'
       AND decode.code = CAST(TRY_CAST(filer_type.party_cd AS INTEGER) AS VARCHAR)
    WHERE decode.status IN ('party', 'nonpartisan')
),
from_filer_type AS (
    SELECT
        base.record_key,
        arg_max(party.party_id, (party.effective_date, party.party_id)) AS party_id,
        arg_max(party.party_status, (party.effective_date, party.party_id)) AS party_status
    FROM candidate_record_base AS base
    JOIN candidate_record_filer AS filer USING (record_key)
    JOIN filer_type_party AS party
        ON party.filer_id = filer.filer_id AND party.effective_date <= base.election_date
    GROUP BY base.record_key
),
settled AS (
    SELECT
        base.*,
        from_501.filed_date,
        from_501.filing_ids,
        from_501.method AS form501_method,
        coalesce(from_501.withdrawn, false) OR coalesce(base.withdrawn_on_page, false) AS withdrawn,
        coalesce(from_501.party_status, from_filer_type.party_status, 'unknown') AS party_status,
        coalesce(from_501.party_id, from_filer_type.party_id) AS party_id,
        CASE WHEN from_501.party_status IS NOT NULL THEN 'form 501'
             WHEN from_filer_type.party_status IS NOT NULL THEN 'filer type' END AS party_source
    FROM candidate_record_base AS base
    LEFT JOIN from_501 USING (record_key)
    LEFT JOIN from_filer_type USING (record_key)
)
SELECT
    settled.*,
    post.post_id,
    -- a pre-2012 primary's contests are per party and built from these ids after the candidacies
    CASE WHEN settled.partisan_primary
         THEN candidate_contest_id_of(settled.election_name, settled.office_key, settled.party_id)
         ELSE contest.id END AS contest_id,
    CASE
        WHEN settled.election_name IS NULL THEN 'the election of its page is not among the elections'
        WHEN post.post_id IS NULL THEN 'its office is not a state office'
        WHEN NOT settled.partisan_primary AND contest.id IS NULL THEN 'its election has no contest for its office'
    END AS no_contest_reason
FROM settled
LEFT JOIN post_lookup AS post ON post.office_key = settled.office_key
LEFT JOIN ocd.candidate_contest AS contest
    ON contest.id = candidate_contest_id_of(settled.election_name, settled.office_key, NULL);

-- One finding per candidate without a 501 (thousands on the sample).
INSERT INTO process_finding
SELECT 'candidate without form 501',
       coalesce(election_name, 'unknown election') || ' / ' || office_printed || ' / ' || coalesce(candidate_name, ''),
       reason || coalesce(' (filer id ' || filer_id || ')', '')
FROM candidate_unmatched;

INSERT INTO process_finding
SELECT 'form 501 not a candidacy', reason,
       count(*) || ' filing(s), e.g. filing ids ' || array_to_string(list(filing_id ORDER BY filing_id)[1:5], ', ')
FROM form501_set_aside
GROUP BY reason;
