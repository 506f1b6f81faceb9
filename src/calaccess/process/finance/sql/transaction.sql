-- Builds ocd.transaction: every itemised line of every version of every campaign filing, one transaction per
-- identity, pointing to the latest version that carries it.
-- From: raw.rcpt_cd, expn_cd, loan_cd, s497_cd, s496_cd, s498_cd, debt_cd, s401_cd; filing_version and
-- filing_filer (filing_version.sql, filing_filer.sql); filer_alias and committee_filer (committee_filer.sql).
-- Rules:
--   * identity: (filing, table, schedule = FORM_TYPE, TRAN_ID), numbered by `occurrence` where one version
--     repeats it (its lines in LINE_ITEM order), so nothing is merged that the filer wrote twice; a line with
--     no TRAN_ID is known by its LINE_ITEM (which amendments renumber, so it cannot follow the line across
--     versions). Amendments are whole re-filings: the transaction takes what the latest version that carries
--     it says; the earlier versions' rows of it are `merged` (they stay in the forms.* all-versions tables);
--     `extras.is_current` says whether that version is the filing's current one, so a line the last version
--     dropped stays, not current;
--   * which column holds the amount, the date, the party's name, per table (and schedule where it differs):
--     written once below, in `line`; a line with no amount (Form 401 part D lists the candidates a slate
--     mailer names, with no money; a few others leave it blank) is no transaction: set aside, with a finding;
--   * direction: money the filer received (receipts, loans received, late contributions received, slate
--     mailer payments) has the line's party as sender and the filer as recipient; money it paid or lent the
--     other way round. The party is a person (IND), a committee (COM, RCP, SCC, PTY, CTL) or an organization
--     (OTH); a committee printed by its filer id links to ocd.committee where committee_filer holds that id;
--   * the party's name is the one the line prints for it; a line that prints none but names the candidate
--     or measure it concerns (a contribution made on schedule D, a slate mailer's attributed payment) takes
--     that name, and `extras.party_name_from` says which;
--   * memo lines (MEMO_CODE 'X') are transactions, `extras.memo` true: a total must leave them out;
--   * a line of a filing that is no campaign filing (its form unknown, or a lobbying form) has no ocd.filing
--     to belong to: set aside, with a finding per filing.

CREATE OR REPLACE TEMP TABLE transaction_line AS
WITH line AS (
    SELECT 'rcpt_cd' AS calaccess_table, filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           ctrib_naml AS naml, ctrib_namf AS namf, ctrib_namt AS namt, ctrib_nams AS nams, cmte_id,
           amount, rcpt_date AS date, ctrib_dscr AS description, memo_code, tran_type, 'amount' AS amount_from,
           cand_naml, cand_namf, bal_name
    FROM raw.rcpt_cd
    UNION ALL
    SELECT 'expn_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           payee_naml, payee_namf, payee_namt, payee_nams, cmte_id,
           amount, expn_date, coalesce(expn_dscr, expn_code), memo_code, NULL, 'amount', cand_naml, cand_namf, bal_name
    FROM raw.expn_cd
    UNION ALL
    SELECT 'loan_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           lndr_naml, lndr_namf, lndr_namt, lndr_nams, cmte_id,
           loan_amt1, loan_date1, NULL, memo_code, loan_type, 'loan_amt1', NULL, NULL, NULL
    FROM raw.loan_cd
    UNION ALL
    SELECT 's497_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           enty_naml, enty_namf, enty_namt, enty_nams, cmte_id,
           amount, ctrib_date, NULL, memo_code, NULL, 'amount', cand_naml, cand_namf, bal_name
    FROM raw.s497_cd
    UNION ALL
    SELECT 's496_cd', filing_id, amend_id, line_item, tran_id, form_type, NULL,
           NULL, NULL, NULL, NULL, NULL,
           amount, exp_date, expn_dscr, memo_code, NULL, 'amount', NULL, NULL, NULL
    FROM raw.s496_cd
    UNION ALL
    SELECT 's498_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           payor_naml, payor_namf, payor_namt, payor_nams, cmte_id,
           CASE WHEN upper(trim(form_type)) = 'F498-A' THEN amt_attrib ELSE amt_rcvd END, date_rcvd, NULL,
           memo_code, NULL, CASE WHEN upper(trim(form_type)) = 'F498-A' THEN 'amt_attrib' ELSE 'amt_rcvd' END,
           cand_naml, cand_namf, bal_name
    FROM raw.s498_cd
    UNION ALL
    SELECT 'debt_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           payee_naml, payee_namf, payee_namt, payee_nams, cmte_id,
           amt_incur, NULL, coalesce(expn_dscr, expn_code), memo_code, NULL, 'amt_incur', NULL, NULL, NULL
    FROM raw.debt_cd
    UNION ALL
    SELECT 's401_cd', filing_id, amend_id, line_item, tran_id, form_type, NULL,
           payee_naml, payee_namf, payee_namt, payee_nams, NULL,
           amount, NULL, expn_dscr, memo_code, NULL, 'amount', cand_naml, cand_namf, bal_name
    FROM raw.s401_cd
)
SELECT
    line.calaccess_table,
    line.filing_id,
    line.amend_id,
    line.line_item,
    nullif(trim(line.tran_id), '') AS tran_id,
    CASE WHEN nullif(trim(line.tran_id), '') IS NULL THEN line.line_item END AS untracked_item,
    upper(trim(line.form_type)) AS schedule,
    upper(trim(line.entity_cd)) AS entity_cd,
    nullif(trim(concat_ws(' ', nullif(trim(line.namt), ''), nullif(trim(line.namf), ''),
                              nullif(trim(line.naml), ''), nullif(trim(line.nams), ''))), '') AS printed_name,
    nullif(trim(concat_ws(' ', nullif(trim(line.cand_namf), ''), nullif(trim(line.cand_naml), ''))), '')
        AS candidate_name,
    nullif(trim(line.bal_name), '') AS measure_name,
    nullif(regexp_replace(trim(line.cmte_id), '^\((.*)\)$', '\1'), '') AS printed_committee,
    line.amount,
    line.date,
    nullif(trim(line.description), '') AS description,
    coalesce(line.memo_code, false) AS memo,
    nullif(upper(trim(line.tran_type)), '') AS tran_type,
    line.amount_from,
    CASE WHEN filer.filing_id IS NULL THEN 'not a campaign filing'
         WHEN line.amend_id IS NULL THEN 'amendment unreadable'
         WHEN line.amount IS NULL THEN 'no amount' END AS set_aside,
    filer.filer_ocd_id,
    filer.filer_kind
FROM line
LEFT JOIN filing_filer AS filer USING (filing_id);

-- Where each table's schedules put the money: which way it went and what it was.
CREATE OR REPLACE TEMP TABLE transaction_kind AS
SELECT * FROM (VALUES
    ('rcpt_cd', 'A', 'in', 'contribution', false),
    ('rcpt_cd', 'A-1', 'in', 'contribution', false),
    ('rcpt_cd', 'C', 'in', 'contribution', true),
    ('rcpt_cd', 'I', 'in', 'other receipt', false),
    ('rcpt_cd', 'F496P3', 'in', 'contribution', false),
    ('rcpt_cd', 'F401A', 'in', 'contribution', false),
    ('rcpt_cd', 'E530', 'in', 'contribution', false),
    ('rcpt_cd', 'F900', 'in', 'contribution', false),
    ('expn_cd', 'D', 'out', 'contribution', false),
    ('expn_cd', 'E', 'out', 'expenditure', false),
    ('expn_cd', 'G', 'out', 'expenditure', false),
    ('expn_cd', 'F450P5', 'out', 'expenditure', false),
    ('expn_cd', 'F461P5', 'out', 'contribution', false),
    ('expn_cd', 'F465P3', 'out', 'independent expenditure', false),
    ('expn_cd', 'F900', 'out', 'expenditure', false),
    ('loan_cd', 'B1', 'in', 'loan', false),
    ('loan_cd', 'B2', 'in', 'loan guarantee', false),
    ('loan_cd', 'B3', 'in', 'loan', false),
    ('loan_cd', 'H', 'out', 'loan', false),
    ('loan_cd', 'H1', 'out', 'loan', false),
    ('loan_cd', 'H2', 'out', 'loan', false),
    ('loan_cd', 'H3', 'out', 'loan', false),
    ('s497_cd', 'F497P1', 'in', 'late contribution', false),
    ('s497_cd', 'F497P2', 'out', 'late contribution', false),
    ('s496_cd', 'F496', 'out', 'independent expenditure', false),
    ('s498_cd', 'F498-A', 'in', 'slate mailer payment', false),
    ('s498_cd', 'F498-R', 'in', 'slate mailer payment', false),
    ('debt_cd', 'F', 'out', 'accrued debt', false),
    ('s401_cd', 'F401B', 'out', 'expenditure', false),
    ('s401_cd', 'F401B-1', 'out', 'expenditure', false),
    ('s401_cd', 'F401C', 'out', 'contribution', false),
    ('s401_cd', 'F401D', 'out', 'contribution', false)
) AS kind(calaccess_table, schedule, direction, classification, in_kind);

-- A committee printed on a line, by its filer id: the committee the committees step made for it.
CREATE OR REPLACE TEMP TABLE printed_committee AS
WITH printed AS (
    SELECT DISTINCT printed_committee AS written FROM transaction_line
    WHERE printed_committee IS NOT NULL AND regexp_full_match(printed_committee, '[0-9]+')
)
SELECT printed.written, known.committee_id
FROM printed
LEFT JOIN filer_alias AS alias ON alias.written_id = printed.written
JOIN committee_filer AS known
    ON known.filer_id = coalesce(alias.filer_id, CAST(TRY_CAST(printed.written AS BIGINT) AS VARCHAR));

-- Keys that one version repeats (few: most lines are alone): only these lines are numbered, by a window
-- over them alone, rather than a window over every line. Candidates are found by a hash of the key (a
-- collision only adds a candidate, which the window over the real keys then finds alone and drops).
-- `line_row` is the line's row in transaction_line.
CREATE OR REPLACE TEMP TABLE transaction_occurrence AS
WITH repeated AS (
    SELECT hash(filing_id, amend_id, calaccess_table, schedule, tran_id, untracked_item) AS key_hash
    FROM transaction_line
    WHERE set_aside IS NULL
    GROUP BY key_hash
    HAVING count(*) > 1
),
candidate AS (
    SELECT rowid AS line_row, *
    FROM transaction_line
    WHERE set_aside IS NULL
      AND hash(filing_id, amend_id, calaccess_table, schedule, tran_id, untracked_item)
          IN (SELECT key_hash FROM repeated)
)
SELECT
    line_row,
    filing_id,
    amend_id,
    calaccess_table,
    schedule,
    tran_id,
    row_number() OVER same_key AS occurrence,
    count(*) OVER same_key AS lines
FROM candidate
WINDOW same_key AS (
    PARTITION BY filing_id, amend_id, calaccess_table, schedule, tran_id, untracked_item
    ORDER BY line_item, amount, date, printed_name, description
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
)
QUALIFY lines > 1;

INSERT INTO process_finding
SELECT 'transaction id repeated in a version',
       'filing ' || filing_id || ' amendment ' || amend_id || ' ' || calaccess_table || ' ' || schedule
           || ' TRAN_ID ' || tran_id,
       lines || ' lines of one version carry it: kept apart by occurrence, in LINE_ITEM order'
FROM transaction_occurrence
WHERE tran_id IS NOT NULL AND occurrence = 1;

INSERT INTO process_finding
SELECT 'transaction set aside', calaccess_table || ' filing ' || filing_id || ' amendment ' || amend_id
           || ' line ' || line_item,
       'no amount (' || amount_from || ' is empty on schedule ' || coalesce(schedule, '?') || ')'
FROM transaction_line
WHERE set_aside = 'no amount';

INSERT INTO process_finding
SELECT 'transaction set aside', 'filing ' || filing_id,
       count(*) || ' lines (' || string_agg(DISTINCT calaccess_table, ', ' ORDER BY calaccess_table)
           || ') of a filing that is no campaign filing: its form is unknown or is not a campaign form'
FROM transaction_line
WHERE set_aside = 'not a campaign filing'
GROUP BY filing_id;

-- Only a filing with more than one version can carry a line twice: the versions of each of its lines are
-- counted, and the latest found, over those filings' lines alone; every other line is its own latest.
CREATE OR REPLACE TEMP TABLE transaction_amended AS
WITH amended_filing AS (
    SELECT filing_id FROM filing_version GROUP BY filing_id HAVING count(*) > 1
),
line AS (
    SELECT line.rowid AS line_row, line.filing_id, line.amend_id, line.calaccess_table, line.schedule,
           line.tran_id, line.untracked_item, coalesce(repeat.occurrence, 1) AS occurrence
    FROM transaction_line AS line
    SEMI JOIN amended_filing USING (filing_id)
    LEFT JOIN transaction_occurrence AS repeat ON repeat.line_row = line.rowid
    WHERE line.set_aside IS NULL
)
SELECT
    line_row,
    count(*) OVER identity AS versions,
    amend_id < max(amend_id) OVER identity AS superseded
FROM line
WINDOW identity AS (PARTITION BY filing_id, calaccess_table, schedule, tran_id, untracked_item, occurrence);

-- What the accounting counts, per table, in one pass: lines identified, the transactions they make (the
-- latest of each), those in their filing's current version, memo lines, and the lines set aside.
CREATE OR REPLACE TEMP TABLE transaction_tally AS
SELECT
    line.calaccess_table,
    count(*) FILTER (WHERE line.set_aside IS NULL) AS identified,
    count(*) FILTER (WHERE line.set_aside IS NULL AND NOT coalesce(amended.superseded, false)) AS transactions,
    count(*) FILTER (WHERE line.set_aside IS NULL AND version.is_current) AS current,
    count(*) FILTER (WHERE line.set_aside IS NULL AND NOT coalesce(amended.superseded, false) AND line.memo)
        AS memo,
    count(*) FILTER (WHERE line.set_aside = 'no amount') AS no_amount,
    count(*) FILTER (WHERE line.set_aside = 'not a campaign filing') AS not_campaign,
    count(*) FILTER (WHERE line.set_aside = 'amendment unreadable') AS unreadable
FROM transaction_line AS line
LEFT JOIN transaction_amended AS amended ON amended.line_row = line.rowid
LEFT JOIN filing_version AS version ON version.filing_id = line.filing_id AND version.amend_id = line.amend_id
GROUP BY line.calaccess_table;

-- Each version's action id, made once per version rather than once per line.
CREATE OR REPLACE TEMP TABLE transaction_version AS
SELECT filing_id, amend_id, is_current, filing_action_id_of(filing_id, amend_id) AS filing_action_id
FROM filing_version;

INSERT INTO ocd.transaction (
    id, filing_action_id, identifier, classification, amount_value, amount_currency, amount_is_in_kind,
    sender_entity_type, sender_name, sender_person_id, sender_committee_id,
    recipient_entity_type, recipient_name, recipient_person_id, recipient_committee_id,
    date, description, note, extras
)
WITH latest AS (
    -- the lines that are their transaction's latest: read whole once, here
    SELECT
        line.* EXCLUDE (untracked_item),
        coalesce(repeat.occurrence, 1) AS occurrence,
        coalesce(amended.versions, 1) AS versions,
        coalesce(printed_name, candidate_name, measure_name) AS party_name,
        CASE WHEN printed_name IS NOT NULL THEN 'printed'
             WHEN candidate_name IS NOT NULL THEN 'the candidate the line names'
             WHEN measure_name IS NOT NULL THEN 'the ballot measure the line names' END AS party_name_from,
        transaction_id_of(line.filing_id, line.calaccess_table, line.schedule, line.tran_id, line.line_item,
                          coalesce(repeat.occurrence, 1)) AS id
    FROM transaction_line AS line
    LEFT JOIN transaction_occurrence AS repeat ON repeat.line_row = line.rowid
    LEFT JOIN transaction_amended AS amended ON amended.line_row = line.rowid
    WHERE line.set_aside IS NULL AND NOT coalesce(amended.superseded, false)
),
party AS (
    SELECT
        line.*,
        kind.direction,
        coalesce(kind.classification, 'other') AS kind_classification,
        coalesce(kind.in_kind, false) AS in_kind,
        CASE WHEN line.entity_cd = 'IND' THEN 'person'
             WHEN line.entity_cd IN ('COM', 'RCP', 'SCC', 'PTY', 'CTL') THEN 'committee'
             WHEN line.entity_cd = 'OTH' THEN 'organization' END AS party_type,
        CASE WHEN line.entity_cd IN ('COM', 'RCP', 'SCC', 'PTY', 'CTL') THEN committee.committee_id END
            AS party_committee_id,
        version.is_current,
        version.filing_action_id
    FROM latest AS line
    LEFT JOIN transaction_kind AS kind USING (calaccess_table, schedule)
    LEFT JOIN printed_committee AS committee ON committee.written = line.printed_committee
    JOIN transaction_version AS version USING (filing_id, amend_id)
),
sided AS (
    SELECT
        party.*,
        coalesce(party.direction = 'in', false) AS party_sends,
        CASE party.filer_kind WHEN 'person' THEN 'person' ELSE 'committee' END AS filer_type
    FROM party
)
SELECT
    id,
    filing_action_id,
    tran_id,
    kind_classification,
    amount,
    'USD',
    in_kind,
    CASE WHEN party_sends THEN party_type ELSE filer_type END,
    CASE WHEN party_sends THEN coalesce(party_name, printed_committee) END,
    CASE WHEN NOT party_sends AND filer_kind = 'person' THEN filer_ocd_id END,
    CASE WHEN party_sends THEN party_committee_id WHEN filer_kind <> 'person' THEN filer_ocd_id END,
    CASE WHEN party_sends THEN filer_type ELSE party_type END,
    CASE WHEN NOT party_sends THEN coalesce(party_name, printed_committee,
         CASE WHEN calaccess_table = 's496_cd' THEN '(payee not itemised on Form 496)' END) END,
    CASE WHEN party_sends AND filer_kind = 'person' THEN filer_ocd_id END,
    CASE WHEN NOT party_sends THEN party_committee_id WHEN filer_kind <> 'person' THEN filer_ocd_id END,
    date,
    description,
    CASE WHEN memo THEN 'memo line: its amount is already inside another line' END,
    json_object(
        'calaccess_table', calaccess_table, 'filing_id', filing_id, 'amend_id', amend_id,
        'line_item', line_item, 'tran_id', tran_id, 'schedule', schedule, 'occurrence', occurrence,
        'memo', memo, 'is_current', is_current, 'versions', versions, 'entity_cd', entity_cd,
        'tran_type', tran_type, 'amount_from', amount_from, 'committee_id_as_printed', printed_committee,
        'party_name_from', party_name_from
    )
FROM sided;
