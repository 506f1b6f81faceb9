-- meta.snapshot: one row per good download of the nightly export, kept on disk as
-- <data-dir>/raw/<release>/dbwebexport.zip beside its manifest.json, with the same facts as that manifest.
-- Built by calaccess.raw.source.download from the HEAD and GET responses and the verified file.
-- Rule: a release is identified by its Last-Modified, ETag and Content-Length; a release already held is not
-- downloaded again, and downloading it again on purpose (--force) replaces its row. The manifests on disk are
-- the truth: a row is (re)written whenever its snapshot is found or made.
CREATE TABLE IF NOT EXISTS meta.snapshot (
    release        VARCHAR PRIMARY KEY,   -- folder name under <data-dir>/raw, the release time in UTC
    released_at    TIMESTAMPTZ NOT NULL,  -- Last-Modified (the download time when the server gave none)
    url            VARCHAR NOT NULL,
    path           VARCHAR NOT NULL,      -- the zip file
    last_modified  VARCHAR,               -- the identifying headers as the server sent them
    etag           VARCHAR,
    content_length BIGINT,
    bytes          BIGINT NOT NULL,       -- bytes received and kept
    sha256         VARCHAR NOT NULL,
    tsv_members    INTEGER NOT NULL,      -- the tables (.TSV members) the zip holds
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ NOT NULL,
    headers        VARCHAR NOT NULL       -- the HEAD response's headers, as JSON
);
