-- Macros that read the export's text as the registry's types, used by every typed INSERT into raw.* (load.py).
-- From: one text value of a raw file, as DuckDB's CSV reader gives it (all columns VARCHAR).
-- Rule: padding spaces are trimmed and an empty value is NULL (the export writes "no value" as an empty field).
-- A value that is not empty and does not read as its type becomes NULL in raw.*; raw_readable() says so, and the
-- loader keeps each such value's text in meta.raw_cast_failure, so nothing is lost in silence.
-- Integers must be whole numbers as written; amounts are exact DECIMAL(16,2); dates and timestamps are written
-- `M/D/YYYY h:mm:ss AM` (dates at 12:00:00 AM); flags are Y/N and X (a ticked box), also T/F, 1/0, YES/NO,
-- TRUE/FALSE in any case.
-- Most values carry no padding: the LIKE tests cost far less than trimming every value.
CREATE OR REPLACE TEMP MACRO raw_text(value) AS
    CASE WHEN value LIKE ' %' OR value LIKE '% ' THEN NULLIF(trim(value, ' '), '') ELSE NULLIF(value, '') END;

-- Integers are digits with an optional sign, as written: DuckDB's own cast would also take 1.5 (as 2), 1e3,
-- 0x10 and 1_000. Amounts are plain decimals with at most two places: a third would be rounded away.
-- (clean.py's value_is_readable applies the same two patterns.)
CREATE OR REPLACE TEMP MACRO written_as_integer(value) AS regexp_full_match(value, '[+-]?[0-9]+');

CREATE OR REPLACE TEMP MACRO written_as_amount(value) AS
    regexp_full_match(value, '[+-]?([0-9]+(\.[0-9]{0,2})?|\.[0-9]{1,2})');

CREATE OR REPLACE TEMP MACRO raw_integer(value) AS
    TRY_CAST(CASE WHEN written_as_integer(raw_text(value)) THEN raw_text(value) END AS INTEGER);

CREATE OR REPLACE TEMP MACRO raw_bigint(value) AS
    TRY_CAST(CASE WHEN written_as_integer(raw_text(value)) THEN raw_text(value) END AS BIGINT);

CREATE OR REPLACE TEMP MACRO raw_decimal(value) AS
    TRY_CAST(CASE WHEN written_as_amount(raw_text(value)) THEN raw_text(value) END AS DECIMAL(16, 2));

-- raw_date_formats() is the list calaccess.raw.tables.DATE_FORMATS, written as a macro by the loader first.
CREATE OR REPLACE TEMP MACRO raw_timestamp(value) AS try_strptime(raw_text(value), raw_date_formats());

CREATE OR REPLACE TEMP MACRO raw_date(value) AS CAST(raw_timestamp(value) AS DATE);

CREATE OR REPLACE TEMP MACRO raw_boolean(value) AS
    CASE upper(raw_text(value))
        WHEN 'Y' THEN true WHEN 'X' THEN true WHEN 'T' THEN true WHEN '1' THEN true
        WHEN 'YES' THEN true WHEN 'TRUE' THEN true
        WHEN 'N' THEN false WHEN 'F' THEN false WHEN '0' THEN false
        WHEN 'NO' THEN false WHEN 'FALSE' THEN false
    END;

CREATE OR REPLACE TEMP MACRO raw_readable(value, typed) AS raw_text(value) IS NULL OR typed IS NOT NULL;

-- The fast path's versions, for values as DuckDB's reader gives them (an empty field is already NULL): no trim,
-- the commonest spellings only. A value they do not read (padded, lowercase, a leading zero, or really unreadable)
-- is not lost: its row is left out of the fast path and typed by the full macros above. An integer is taken here
-- only when it is written exactly as DuckDB writes it back, which is cheaper than matching a pattern.
CREATE OR REPLACE TEMP MACRO fast_integer(value) AS TRY_CAST(value AS INTEGER);
CREATE OR REPLACE TEMP MACRO fast_bigint(value) AS TRY_CAST(value AS BIGINT);
CREATE OR REPLACE TEMP MACRO fast_decimal(value) AS TRY_CAST(value AS DECIMAL(16, 2));
CREATE OR REPLACE TEMP MACRO fast_boolean(value) AS
    CASE value WHEN 'Y' THEN true WHEN 'X' THEN true WHEN 'N' THEN false END;
CREATE OR REPLACE TEMP MACRO fast_integer_readable(value, typed) AS
    value IS NULL OR coalesce(CAST(typed AS VARCHAR) = value, false);
CREATE OR REPLACE TEMP MACRO fast_decimal_readable(value, typed) AS
    value IS NULL OR (typed IS NOT NULL AND written_as_amount(value));
CREATE OR REPLACE TEMP MACRO fast_boolean_readable(value, typed) AS value IS NULL OR typed IS NOT NULL;
