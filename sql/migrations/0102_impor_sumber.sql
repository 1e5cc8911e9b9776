-- Value mappings saved per import source (issue #17): what a user mapped the unknown code-list
-- values of one office's files to; the web import offers it again for the next file of that source.
CREATE TABLE impor_sumber (
    jenis          text NOT NULL CHECK (jenis IN ('rumah_tangga', 'fasilitas')),
    nama           text NOT NULL CHECK (length(btrim(nama)) BETWEEN 1 AND 200),
    pemetaan_nilai jsonb NOT NULL DEFAULT '{}'::jsonb,   -- {column: {cell as written: entry, or "" = kosong}}
    diubah_oleh    text NOT NULL,
    diubah_pada    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (jenis, nama)
);
