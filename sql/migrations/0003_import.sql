-- Import history and rejects: what was read, with which options, and every rejected or flagged
-- row with its original cells so that a rejects report can be downloaded later.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;  -- levenshtein(): nearest valid category value

ALTER TABLE impor
    ADD COLUMN opsi           jsonb NOT NULL DEFAULT '{}'::jsonb,  -- uji_coba, tandai_nonaktif, pemetaan
    ADD COLUMN ukuran_byte    bigint,
    ADD COLUMN kolom_berkas   text[],                              -- header cells as in the file
    ADD COLUMN baris_judul    integer NOT NULL DEFAULT 1;          -- spreadsheet row of data row n = n + baris_judul

CREATE INDEX impor_mulai_idx ON impor (mulai DESC);

CREATE TABLE impor_tolak (
    impor_id    bigint NOT NULL REFERENCES impor ON DELETE CASCADE,
    urutan      integer NOT NULL,          -- 1-based data row number
    ditolak     boolean NOT NULL,          -- false: kept with a warning (koordinat_tertukar, lokasi_meragukan)
    alasan      text[] NOT NULL,
    keterangan  text NOT NULL,
    sel         text[] NOT NULL,           -- original cells, in the order of impor.kolom_berkas
    PRIMARY KEY (impor_id, urutan)
);
