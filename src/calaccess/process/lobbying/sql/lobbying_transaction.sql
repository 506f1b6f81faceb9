-- Builds the lobbying transactions in ocd.transaction: every itemised line of every version of every
-- lobbying report, one transaction per identity, pointing to the latest version that carries it.
-- From: raw.lpay_cd, raw.lexp_cd, raw.lccm_cd, raw.loth_cd, raw.latt_cd; lobbying_filing_plan and
-- lobbying_action_plan (lobbying_filing.sql, lobbying_filing_action.sql), filing_version, lobbying_filer;
-- committee_filer and the macro committee_filer_id (the finance committees step); ocd.person and
-- ocd.membership (the officials an activity expense names).
-- Rules:
--   * identity: the campaign rule (transaction.sql) under the lobbying namespace: (filing, table, schedule =
--     FORM_TYPE, TRAN_ID), numbered by occurrence where one version repeats it; a line without a TRAN_ID by its
--     LINE_ITEM. On the sample, where a TRAN_ID is in two versions of a filing (4 LEXP_CD, 16 LOTH_CD, 1
--     LCCM_CD identities), it is nearly always on the same LINE_ITEM too (one LEXP_CD line renumbered), and
--     where a LINE_ITEM is in two versions its TRAN_ID is the same in 20 of 22: TRAN_ID is the identity,
--     LINE_ITEM only mostly. The latest version that carries a line speaks for it; `extras.is_current` says
--     whether that is the filing's current version (a line the last version dropped stays, not current);
--   * which way the money went, per schedule: a firm's payments received from its employers and clients
--     (F625P2) and a coalition's from its members (S635-C) come to the filer; everything else the filer paid:
--     an employer's payments to firms (F635P3B), activity expenses (LEXP_CD), campaign contributions
--     (LCCM_CD), a firm's payments to other firms and persons (LOTH_CD, F625P3B), payments to coalitions
--     (S630). S640 (governmental agencies reporting, an attachment to Forms 635 and 645) is kept as paid by
--     the filer, its meaning not confirmed (extras says so);
--   * the filer's side is its Organization or Person (the filing's filer); the other side is the party the
--     line prints: a person (IND), a committee (COM, RCP, CTL, SCC, PTY, and every LCCM_CD recipient) or
--     an organization (the rest). A contribution's recipient links to ocd.committee where its printed
--     RECIP_ID resolves to a committee filer id (committee_filer); else the name as printed. A payment's
--     employer links to its lobbying Organization where the printed EMPLR_ID is a lobbying filer's;
--   * amounts: LPAY_CD PER_TOTAL (else the sum of fees, reimbursements and advances); LEXP_CD AMOUNT, else the
--     beneficiary's BENE_AMT (a line that gives a beneficiary's share and no total; extras.amount_from);
--     the rest AMOUNT. A line with no amount is set aside (a finding);
--   * an activity expense's beneficiary (BENE_NAME, BENE_POSIT, BENE_AMT) is kept in extras.beneficiary,
--     linked to an ocd.person only where certain: the name, titles stripped ('Sen.', 'Assembly Member'),
--     is the full name of exactly one person who held an office (ocd.membership with a post) on the day of
--     the expense. Every other beneficiary is unlinked, and counted;
--   * memo lines (MEMO_CODE) are kept, extras.memo true.

CREATE OR REPLACE TEMP TABLE lobbying_line AS
WITH line AS (
    SELECT 'lpay_cd' AS calaccess_table, filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           printed_name(emplr_naml, emplr_namf, emplr_namt, emplr_nams) AS party_name, emplr_id AS party_id,
           coalesce(per_total, CASE WHEN coalesce(fees_amt, reimb_amt, advan_amt) IS NOT NULL
                                    THEN coalesce(fees_amt, 0) + coalesce(reimb_amt, 0) + coalesce(advan_amt, 0) END)
               AS amount,
           CASE WHEN per_total IS NOT NULL THEN 'per_total' ELSE 'fees_amt + reimb_amt + advan_amt' END AS amount_from,
           NULL::DATE AS date, nullif(trim(lby_actvty), '') AS description, memo_code, memo_refno, bakref_tid,
           json_object('fees', fees_amt, 'reimbursements', reimb_amt, 'advances', advan_amt,
                       'advances_description', nullif(trim(advan_dscr), ''), 'session_to_date', cum_total)
               AS detail,
           NULL::VARCHAR AS bene_name, NULL::VARCHAR AS bene_posit, NULL::DECIMAL(18, 2) AS bene_amt
    FROM raw.lpay_cd
    UNION ALL
    SELECT 'lexp_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           printed_name(payee_naml, payee_namf, payee_namt, payee_nams), NULL,
           coalesce(amount, bene_amt), CASE WHEN amount IS NOT NULL THEN 'amount' ELSE 'bene_amt' END,
           expn_date, nullif(trim(expn_dscr), ''), memo_code, memo_refno, bakref_tid,
           json_object('credit_card_company', nullif(trim(credcardco), ''), 'record_subtype', recsubtype),
           nullif(trim(bene_name), ''), nullif(trim(bene_posit), ''), bene_amt
    FROM raw.lexp_cd
    UNION ALL
    SELECT 'lccm_cd', filing_id, amend_id, line_item, tran_id, form_type, coalesce(entity_cd, 'COM'),
           printed_name(recip_naml, recip_namf, recip_namt, recip_nams), recip_id, amount, 'amount',
           ctrib_date, NULL, memo_code, memo_refno, bakref_tid,
           json_object('contributor_as_printed', printed_name(ctrib_naml, ctrib_namf, ctrib_namt, ctrib_nams)),
           NULL, NULL, NULL
    FROM raw.lccm_cd
    UNION ALL
    SELECT 'loth_cd', filing_id, amend_id, line_item, tran_id, form_type, NULL,
           nullif(trim(firm_name), ''), NULL, amount, 'amount', pmt_date, NULL, memo_code, memo_refno, NULL,
           json_object('on_behalf_of', printed_name(subj_naml, subj_namf, subj_namt, subj_nams),
                       'cumulative', cum_amt),
           NULL, NULL, NULL
    FROM raw.loth_cd
    UNION ALL
    SELECT 'latt_cd', filing_id, amend_id, line_item, tran_id, form_type, entity_cd,
           printed_name(recip_naml, recip_namf, recip_namt, recip_nams), NULL, amount, 'amount', pmt_date, NULL,
           memo_code, memo_refno, NULL, json_object('cumulative', cum_amt, 'cumulative_from', cumbeg_dt),
           NULL, NULL, NULL
    FROM raw.latt_cd
)
SELECT
    line.calaccess_table,
    line.filing_id,
    line.amend_id,
    line.line_item,
    nullif(trim(line.tran_id), '') AS tran_id,
    CASE WHEN nullif(trim(line.tran_id), '') IS NULL THEN line.line_item END AS untracked_item,
    upper(trim(line.form_type)) AS schedule,
    nullif(upper(trim(line.entity_cd)), '') AS entity_cd,
    line.party_name,
    nullif(trim(line.party_id), '') AS party_id_as_printed,
    line.amount,
    line.amount_from,
    line.date,
    line.description,
    coalesce(line.memo_code, false) AS memo,
    nullif(trim(line.memo_refno), '') AS memo_refno,
    nullif(trim(line.bakref_tid), '') AS bakref_tid,
    line.detail,
    line.bene_name,
    line.bene_posit,
    line.bene_amt,
    CASE WHEN plan.filing_id IS NULL THEN 'not a lobbying filing'
         WHEN line.amend_id IS NULL THEN 'amendment unreadable'
         WHEN line.amount IS NULL THEN 'no amount'
         WHEN action.action_date IS NULL THEN 'version without an action' END AS set_aside,
    plan.filer_type,
    plan.filer_ocd_id
FROM line
LEFT JOIN lobbying_filing_plan AS plan USING (filing_id)
LEFT JOIN lobbying_action_plan AS action USING (filing_id, amend_id);

INSERT INTO process_finding
SELECT 'lobbying transaction set aside', 'filing ' || filing_id,
       count(*) || ' lines (' || string_agg(DISTINCT calaccess_table, ', ' ORDER BY calaccess_table) || '): '
       || string_agg(DISTINCT set_aside, ', ' ORDER BY set_aside)
FROM lobbying_line
WHERE set_aside IS NOT NULL
GROUP BY filing_id
ORDER BY ALL;

-- Where each schedule puts the money: which way it went and what it was.
CREATE OR REPLACE TEMP TABLE lobbying_transaction_kind AS
SELECT * FROM (VALUES
    ('lpay_cd', 'F625P2', 'in', 'payment for lobbying'),
    ('lpay_cd', 'F635P3B', 'out', 'payment for lobbying'),
    ('lexp_cd', NULL, 'out', 'activity expense'),
    ('lccm_cd', NULL, 'out', 'contribution'),
    ('loth_cd', NULL, 'out', 'payment to another lobbying party'),
    ('latt_cd', 'S630', 'out', 'payment to a lobbying coalition'),
    ('latt_cd', 'S635-C', 'in', 'payment received by a lobbying coalition'),
    ('latt_cd', 'S640', 'out', 'governmental agency reporting (meaning not confirmed)')
) AS kind(calaccess_table, schedule, direction, classification);

CREATE OR REPLACE TEMP TABLE lobbying_transaction_plan AS
WITH kept AS (
    SELECT line.*,
           row_number() OVER (PARTITION BY filing_id, amend_id, calaccess_table, schedule, tran_id, untracked_item
                              ORDER BY line_item, amount, date, party_name, description) AS occurrence
    FROM lobbying_line AS line
    WHERE set_aside IS NULL
),
identified AS (
    SELECT kept.*,
           count(*) OVER identity AS versions,
           amend_id < max(amend_id) OVER identity AS superseded
    FROM kept
    WINDOW identity AS (PARTITION BY filing_id, calaccess_table, schedule, tran_id, untracked_item, occurrence)
)
SELECT
    identified.*,
    lobbying_transaction_id_of(filing_id, calaccess_table, schedule, tran_id, line_item, occurrence) AS id,
    filing_action_id_of(filing_id, amend_id) AS filing_action_id,
    version.is_current,
    coalesce(kind.direction, kind_any.direction, 'out') AS direction,
    coalesce(kind.classification, kind_any.classification, 'other') AS classification,
    CASE WHEN calaccess_table = 'lccm_cd' OR entity_cd IN ('COM', 'RCP', 'CTL', 'SCC', 'PTY') THEN 'committee'
         WHEN entity_cd = 'IND' THEN 'person'
         ELSE 'organization' END AS party_type
FROM identified
JOIN filing_version AS version USING (filing_id, amend_id)
LEFT JOIN lobbying_transaction_kind AS kind USING (calaccess_table, schedule)
LEFT JOIN (SELECT * FROM lobbying_transaction_kind WHERE schedule IS NULL) AS kind_any USING (calaccess_table);

-- the other side's record, where the line's printed id makes it certain
CREATE OR REPLACE TEMP TABLE lobbying_party_link AS
SELECT plan.id,
       CASE WHEN plan.party_type = 'committee' THEN committee.committee_id END AS committee_id,
       CASE WHEN plan.party_type = 'organization' AND filer.ocd_kind = 'organization' THEN filer.ocd_id END
           AS organization_id
FROM lobbying_transaction_plan AS plan
LEFT JOIN committee_filer AS committee
       ON plan.calaccess_table = 'lccm_cd' AND committee.filer_id = committee_filer_id(plan.party_id_as_printed)
LEFT JOIN lobbying_filer AS filer
       ON plan.calaccess_table = 'lpay_cd' AND filer.filer_id = lobbying_filer_id(plan.party_id_as_printed)
WHERE NOT plan.superseded AND plan.party_id_as_printed IS NOT NULL;

-- the officials an activity expense names: a person only where the name and an office held that day agree
CREATE OR REPLACE TEMP MACRO beneficiary_name(name) AS (
    trim(regexp_replace(regexp_replace(upper(name),
        '^((SEN|SENATOR|ASSEMBLY ?MEMBER|ASSEMBLYMAN|ASSEMBLYWOMAN|ASM|HON|HONORABLE|MR|MS|MRS|DR|SPEAKER|'
        || 'GOVERNOR|GOV|LT\.? GOVERNOR)\.?\s+)+', ''), '\s+', ' ', 'g'))
);

CREATE OR REPLACE TEMP TABLE lobbying_beneficiary AS
WITH named AS (
    SELECT id, bene_name, beneficiary_name(bene_name) AS name_key, date
    FROM lobbying_transaction_plan
    WHERE NOT superseded AND bene_name IS NOT NULL
),
office_holder AS (
    SELECT DISTINCT person.id AS person_id, upper(person.name) AS name_key, membership.start_date,
           membership.end_date
    FROM ocd.person AS person
    JOIN ocd.membership AS membership ON membership.person_id = person.id
    WHERE membership.post_id IS NOT NULL
),
candidate AS (
    SELECT named.id, holder.person_id
    FROM named
    JOIN office_holder AS holder
      ON holder.name_key = named.name_key AND named.date IS NOT NULL
     AND coalesce(holder.start_date, '0000') <= strftime(named.date, '%Y-%m-%d')
     AND strftime(named.date, '%Y-%m-%d') <= coalesce(holder.end_date, '9999') || '-12-31'
)
SELECT named.id, named.bene_name,
       CASE WHEN count(DISTINCT candidate.person_id) = 1 THEN min(candidate.person_id) END AS person_id,
       count(DISTINCT candidate.person_id) AS candidates
FROM named
LEFT JOIN candidate USING (id)
GROUP BY named.id, named.bene_name;

INSERT INTO ocd.transaction (
    id, filing_action_id, identifier, classification, amount_value, amount_currency, amount_is_in_kind,
    sender_entity_type, sender_name, sender_person_id, sender_organization_id, sender_committee_id,
    recipient_entity_type, recipient_name, recipient_person_id, recipient_organization_id, recipient_committee_id,
    date, description, note, extras
)
SELECT
    plan.id,
    plan.filing_action_id,
    plan.tran_id,
    plan.classification,
    plan.amount,
    'USD',
    false,
    CASE WHEN plan.direction = 'in' THEN plan.party_type ELSE plan.filer_type END,
    CASE WHEN plan.direction = 'in' THEN plan.party_name END,
    CASE WHEN plan.direction = 'out' AND plan.filer_type = 'person' THEN plan.filer_ocd_id END,
    CASE WHEN plan.direction = 'in' THEN link.organization_id
         WHEN plan.filer_type = 'organization' THEN plan.filer_ocd_id END,
    CASE WHEN plan.direction = 'in' THEN link.committee_id END,
    CASE WHEN plan.direction = 'out' THEN plan.party_type ELSE plan.filer_type END,
    CASE WHEN plan.direction = 'out' THEN coalesce(plan.party_name, plan.party_id_as_printed,
                                                   '(not named on the line)') END,
    CASE WHEN plan.direction = 'in' AND plan.filer_type = 'person' THEN plan.filer_ocd_id END,
    CASE WHEN plan.direction = 'out' THEN link.organization_id
         WHEN plan.filer_type = 'organization' THEN plan.filer_ocd_id END,
    CASE WHEN plan.direction = 'out' THEN link.committee_id END,
    plan.date,
    plan.description,
    CASE WHEN plan.memo THEN 'memo line: for information, not counted in totals'
         WHEN plan.amount_from = 'bene_amt' THEN 'a beneficiary''s share of an activity expense (the line gives no total)'
    END,
    json_object(
        'domain', 'lobbying',
        'calaccess_table', plan.calaccess_table, 'filing_id', plan.filing_id, 'amend_id', plan.amend_id,
        'line_item', plan.line_item, 'tran_id', plan.tran_id, 'schedule', plan.schedule,
        'occurrence', plan.occurrence, 'memo', plan.memo, 'is_current', plan.is_current,
        'versions', plan.versions, 'entity_cd', plan.entity_cd, 'amount_from', plan.amount_from,
        'party_id_as_printed', plan.party_id_as_printed, 'memo_refno', plan.memo_refno,
        'bakref_tid', plan.bakref_tid, 'detail', plan.detail,
        'beneficiary', CASE WHEN plan.bene_name IS NOT NULL OR plan.bene_amt IS NOT NULL THEN
            json_object('name', plan.bene_name, 'position', plan.bene_posit, 'amount', plan.bene_amt,
                        'person_id', beneficiary.person_id,
                        'linked', CASE WHEN beneficiary.person_id IS NOT NULL
                                       THEN 'same name, and an office held on the day' END) END)
FROM lobbying_transaction_plan AS plan
LEFT JOIN lobbying_party_link AS link USING (id)
LEFT JOIN lobbying_beneficiary AS beneficiary USING (id)
WHERE NOT plan.superseded
ORDER BY plan.id;

-- what the accounting counts, per table, in one pass
CREATE OR REPLACE TEMP TABLE lobbying_transaction_tally AS
SELECT
    line.calaccess_table,
    count(*) AS lines,
    count(*) FILTER (WHERE line.set_aside IS NULL) AS identified,
    count(*) FILTER (WHERE line.set_aside = 'no amount') AS no_amount,
    count(*) FILTER (WHERE line.set_aside = 'not a lobbying filing') AS not_lobbying,
    count(*) FILTER (WHERE line.set_aside = 'amendment unreadable') AS unreadable,
    count(*) FILTER (WHERE line.set_aside = 'version without an action') AS no_action
FROM lobbying_line AS line
GROUP BY line.calaccess_table;
