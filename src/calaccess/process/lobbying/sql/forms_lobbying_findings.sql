-- Reports what the lobbying forms step set aside or could not place, as findings.
-- From: lobbying_form_set_aside (lobbying/forms.py: the rows of each source table no lobbying forms table
-- takes, by FORM_TYPE and reason) and the lobbying summary lines.
-- Rules:
--   * one finding per source table and FORM_TYPE set aside, with its reason and row count;
--   * a summary line filed twice in one version is a finding (both are kept).

INSERT INTO process_finding
SELECT 'form rows set aside',
       calaccess_table || ' FORM_TYPE ' || coalesce(form_type, 'blank'),
       reason || ' (' || CAST(sum(row_count) AS VARCHAR) || ' rows)'
FROM lobbying_form_set_aside
GROUP BY calaccess_table, form_type, reason;

INSERT INTO process_finding
SELECT 'form summary line repeated',
       'filing ' || CAST(filing_id AS VARCHAR) || ' amendment ' || CAST(amend_id AS VARCHAR),
       'lobbying summary ' || schedule || ' line ' || coalesce(line, 'blank') || ' filed '
       || CAST(count(*) AS VARCHAR) || ' times'
FROM (
    SELECT filing_id, amend_id, schedule, line FROM forms.f625_summary_lines_all_versions
    UNION ALL SELECT filing_id, amend_id, schedule, line FROM forms.f635_summary_lines_all_versions
    UNION ALL SELECT filing_id, amend_id, schedule, line FROM forms.f645_summary_lines_all_versions
    UNION ALL SELECT filing_id, amend_id, schedule, line FROM forms.s640_summary_lines_all_versions
)
GROUP BY filing_id, amend_id, schedule, line
HAVING count(*) > 1;
