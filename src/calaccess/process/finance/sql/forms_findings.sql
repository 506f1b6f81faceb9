-- Reports what the forms step set aside or could not place, as findings.
-- From: form_set_aside (forms.py: the rows of each source table no forms table takes, by FORM_TYPE and
-- reason) and forms.f460_summary_lines_all_versions.
-- Rules:
--   * one finding per source table and FORM_TYPE set aside, with its reason and row count;
--   * a summary line filed twice in one version is a finding: forms.f460_summary shows the larger amount,
--     forms.f460_summary_lines keeps both.

INSERT INTO process_finding
SELECT 'form rows set aside',
       calaccess_table || ' FORM_TYPE ' || coalesce(form_type, 'blank'),
       reason || ' (' || CAST(sum(row_count) AS VARCHAR) || ' rows)'
FROM form_set_aside
GROUP BY calaccess_table, form_type, reason;

INSERT INTO process_finding
SELECT 'form summary line repeated',
       'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || CAST(amend_id AS VARCHAR),
       'Form 460 summary ' || schedule || ' line ' || coalesce(line, 'blank') || ' filed '
       || CAST(count(*) AS VARCHAR) || ' times'
FROM forms.f460_summary_lines_all_versions
GROUP BY filing_id, amend_id, schedule, line
HAVING count(*) > 1;
