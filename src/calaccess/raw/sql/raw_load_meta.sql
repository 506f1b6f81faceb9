-- The load stage's own records in meta, beside the shared row accounting (meta.row_accounting).
-- From: calaccess.raw.load, one row per record repaired, per record set aside, per value that did not read as its
-- column's type. Rule: each load replaces them all, in the same transaction as the raw.* tables they describe, so
-- they always describe the tables as they are.
CREATE TABLE IF NOT EXISTS meta.raw_reject (
    table_name  VARCHAR NOT NULL,  -- raw.<table_name>
    source_file VARCHAR NOT NULL,  -- the member of the zip, as named there
    line        BIGINT NOT NULL,   -- source line where the record starts (the header is line 1)
    raw_text    VARCHAR NOT NULL,  -- the record's lines as read (bytes that are not UTF-8 escaped as \xNN)
    reason      VARCHAR NOT NULL,
    run_id      BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta.raw_repair (
    table_name  VARCHAR NOT NULL,
    source_file VARCHAR NOT NULL,
    line        BIGINT NOT NULL,   -- source line where the repaired record starts
    kinds       VARCHAR NOT NULL,  -- rejoined, extra_tab, nul_removed, mark_restored, ctrl_z_removed, bare_cr, decoded_cp1252
    detail      VARCHAR NOT NULL,
    run_id      BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta.raw_cast_failure (
    table_name  VARCHAR NOT NULL,
    column_name VARCHAR NOT NULL,  -- the column left NULL in raw.<table_name>
    raw_value   VARCHAR NOT NULL,  -- the text the export holds there
    record      VARCHAR NOT NULL,  -- which record: its natural key as column=value, else its whole text
    run_id      BIGINT NOT NULL
);
