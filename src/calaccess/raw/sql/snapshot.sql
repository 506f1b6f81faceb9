-- meta.snapshot: one row per good download of the nightly export, kept on disk as
-- <data-dir>/raw/<release>/dbwebexport.zip beside its manifest.json, with the same facts as that manifest.
-- Built by calaccess.raw.source.download from the HEAD and GET responses and the verified file.
-- Rule: a release is identified by its Last-Modified, ETag and Content-Length; a release already held is
-- not downloaded again, and downloading it again on purpose (--force) replaces its row. The manifests on
-- disk are the truth: a row is (re)written whenever its snapshot is found or made.
-- Written by scripts/update_docs.py from the table's declaration in calaccess.meta (SNAPSHOT, whose columns
-- say what each holds): edit that, not this file.
CREATE TABLE IF NOT EXISTS meta."snapshot" (
    "release" VARCHAR NOT NULL,
    released_at TIMESTAMPTZ NOT NULL,
    url VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    last_modified VARCHAR,
    etag VARCHAR,
    content_length BIGINT,
    bytes BIGINT NOT NULL,
    sha256 VARCHAR NOT NULL,
    tsv_members INTEGER NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    headers VARCHAR NOT NULL,
    PRIMARY KEY ("release")
);
