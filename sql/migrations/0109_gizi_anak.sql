-- Child growth from the posyandu (issue #23): measurements with their WHO z-scores and Permenkes
-- 2/2020 classes, village counts from offices that share only counts, the village figures per
-- month that the pages read, and the role kesehatan that may see a child's record.

ALTER TABLE pengguna DROP CONSTRAINT pengguna_peran_check;
ALTER TABLE pengguna ADD CONSTRAINT pengguna_peran_check
    CHECK (peran IN ('admin', 'perkim', 'perencana', 'viewer', 'kesehatan'));
ALTER TABLE impor DROP CONSTRAINT impor_jenis_check;
ALTER TABLE impor ADD CONSTRAINT impor_jenis_check
    CHECK (jenis IN ('rumah_tangga', 'fasilitas', 'batas_desa', 'pengukuran_anak', 'gizi_desa'));
ALTER TABLE impor_sumber DROP CONSTRAINT impor_sumber_jenis_check;
ALTER TABLE impor_sumber ADD CONSTRAINT impor_sumber_jenis_check
    CHECK (jenis IN ('rumah_tangga', 'fasilitas', 'pengukuran_anak', 'gizi_desa'));

-- One row per weighing/measuring of a child (e-PPGBM-like). The key is the child's id (e-PPGBM id
-- or NIK) and the measurement date, per kabupaten of the village (ids are unique per kabupaten,
-- as for households). z-scores and classes are computed at import (spatial.growth.who/classes):
-- NULL where not computable; a flagged z-score has no class and counts in no prevalence.
CREATE TABLE pengukuran_anak (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id_anak             text NOT NULL,
    nik_anak            text,
    nama_anak           text,
    jenis_kelamin       text NOT NULL CHECK (jenis_kelamin IN ('L', 'P')),
    tanggal_lahir       date NOT NULL,
    tanggal_ukur        date NOT NULL CHECK (tanggal_ukur >= tanggal_lahir),
    berat_kg            numeric(5, 2),
    tinggi_cm           numeric(5, 1),
    cara_ukur           text CHECK (cara_ukur IN ('terlentang', 'berdiri')),
    kode_desa           text NOT NULL REFERENCES desa (kode_desa),
    kode_kab_registri   text GENERATED ALWAYS AS (left(kode_desa, 5)) STORED,
    posyandu            text,
    nik_ortu            text,
    no_kk               text,
    umur_hari           integer NOT NULL,
    tinggi_koreksi      numeric(5, 2),
    z_tbu               numeric(5, 2),
    z_bbu               numeric(5, 2),
    z_bbtb              numeric(5, 2),
    flag_tbu            boolean NOT NULL DEFAULT false,
    flag_bbu            boolean NOT NULL DEFAULT false,
    flag_bbtb           boolean NOT NULL DEFAULT false,
    posisi_tidak_wajar  boolean NOT NULL DEFAULT false,
    kelas_tbu           text,
    kelas_bbu           text,
    kelas_bbtb          text,
    impor_id            bigint REFERENCES impor (id),
    diperbarui_pada     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id_anak, kode_kab_registri, tanggal_ukur)
);
CREATE INDEX pengukuran_anak_desa_idx ON pengukuran_anak (kode_desa, tanggal_ukur);
CREATE INDEX pengukuran_anak_kk_idx ON pengukuran_anak (no_kk) WHERE no_kk IS NOT NULL;
CREATE INDEX pengukuran_anak_nik_ortu_idx ON pengukuran_anak (nik_ortu) WHERE nik_ortu IS NOT NULL;
CREATE INDEX rumah_tangga_nik_kepala_idx ON rumah_tangga (nik_kepala) WHERE nik_kepala IS NOT NULL;

-- Village counts per month, for offices that share only counts (no child records).
CREATE TABLE gizi_agregat_desa (
    kode_desa       text NOT NULL REFERENCES desa (kode_desa),
    periode         date NOT NULL CHECK (periode = date_trunc('month', periode)::date),
    diukur          integer NOT NULL CHECK (diukur >= 0),
    stunting        integer NOT NULL CHECK (stunting >= 0 AND stunting <= diukur),
    sangat_pendek   integer CHECK (sangat_pendek >= 0 AND sangat_pendek <= stunting),
    wasting         integer CHECK (wasting >= 0 AND wasting <= diukur),
    balita          integer CHECK (balita >= 0),
    impor_id        bigint REFERENCES impor (id),
    diperbarui_pada timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kode_desa, periode)
);

-- The village figures per month (rebuilt by the import that changes their sources, in its
-- transaction: spatial.growth.indicators.refresh). sumber 'pengukuran' (child records: each
-- child once, its last measurement of the month) wins over 'agregat' for the same month.
CREATE TABLE gizi_desa_periode (
    kode_desa       text NOT NULL REFERENCES desa (kode_desa),
    periode         date NOT NULL,
    sumber          text NOT NULL CHECK (sumber IN ('pengukuran', 'agregat')),
    diukur          integer NOT NULL,      -- children with a plausible length/height-for-age
    stunting        integer NOT NULL,
    sangat_pendek   integer,
    dinilai_bbtb    integer,               -- children with a plausible weight-for-length/height
    wasting         integer,
    ditandai        integer,               -- measurements with a flagged (implausible) z-score
    balita_posyandu integer,               -- children under five on the posyandu's books (12 months)
    terakhir_ukur   date NOT NULL,
    PRIMARY KEY (kode_desa, periode)
);

-- The gap ranking weighs the unserved keluarga berisiko stunting of each village (parameter
-- bobot_krs of the gaps analysis); their counts as published under the anonymity rule (NULL:
-- suppressed, and then not weighted).
ALTER TABLE analisis_celah_desa ADD COLUMN krs_tak_terlayani_air integer,
                                ADD COLUMN krs_tak_terlayani_sanitasi integer;
