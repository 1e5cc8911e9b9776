-- Tepat sasaran (issue #24): the recipient lists of social programmes (PKH, BPNT, PBI-JK, BLT-DD,
-- earlier BSPS, a local programme), each row matched to the household registry, and the list of
-- households to re-check per village with the outcome the village operator reports back.
ALTER TABLE impor DROP CONSTRAINT impor_jenis_check;
ALTER TABLE impor ADD CONSTRAINT impor_jenis_check
    CHECK (jenis IN ('rumah_tangga', 'fasilitas', 'batas_desa', 'pengukuran_anak', 'gizi_desa', 'penerima_bantuan'));

-- One row per recipient family per programme and period. The key is the NIK of the head
-- ('nik:<NIK>') or, without one, the family id ('kk:<id>'), per programme, period and declared
-- village (the same NIK in two villages is kept twice: an error the figures show). The match (spatial/targeting/matching.py): cara_cocok says how; rt_* is
-- the linked household (NULL: not linked); a name + village match keeps its candidate in calon_*
-- and its score, is always flagged for review (tinjau), and is linked only when the NIKs do not
-- contradict each other (a reviewer may link it after all: tinjau 'diterima').
CREATE TABLE penerima_bantuan (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    program             text NOT NULL,
    periode             text NOT NULL,
    id_keluarga         text,
    nik_kepala          text,
    nama_kepala         text,
    kode_desa_deklarasi text NOT NULL REFERENCES desa (kode_desa),
    kode_kab_registri   text GENERATED ALWAYS AS (left(kode_desa_deklarasi, 5)) STORED,
    alamat              text,
    nilai               bigint CHECK (nilai >= 0),  -- rupiah in the period; NULL: the programme's nilai_per_periode
    kunci               text NOT NULL,
    hash_baris          text NOT NULL,
    cara_cocok          text NOT NULL DEFAULT 'tidak_ditemukan'
                        CHECK (cara_cocok IN ('id_keluarga', 'nik', 'nama_desa', 'tidak_ditemukan')),
    rt_prov             text,
    rt_id               bigint,
    calon_prov          text,
    calon_id            bigint,
    skor_cocok          real,
    tinjau              text CHECK (tinjau IN ('perlu', 'diterima', 'ditolak')),
    tinjau_oleh         text,
    tinjau_pada         timestamptz,
    catatan_cocok       text,
    impor_id            bigint REFERENCES impor,
    dibuat_pada         timestamptz NOT NULL DEFAULT now(),
    diubah_pada         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (program, periode, kode_desa_deklarasi, kunci),
    FOREIGN KEY (rt_prov, rt_id) REFERENCES rumah_tangga (kode_prov, id),
    FOREIGN KEY (calon_prov, calon_id) REFERENCES rumah_tangga (kode_prov, id)
);
CREATE INDEX penerima_bantuan_rt_idx ON penerima_bantuan (rt_prov, rt_id);
CREATE INDEX penerima_bantuan_desa_idx ON penerima_bantuan (kode_desa_deklarasi);
CREATE INDEX penerima_bantuan_nik_idx ON penerima_bantuan (nik_kepala);
CREATE INDEX penerima_bantuan_tinjau_idx ON penerima_bantuan (program, periode) WHERE tinjau = 'perlu';

-- The list to re-check: one row per proposed change (tambah / hapus / perbarui) of a household or
-- of a recipient row, created when a village's worksheet is made (so each line keeps its number),
-- with the outcome the village operator reports back (hasil, catatan, who, when).
CREATE TABLE cek_ulang (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    program         text NOT NULL,
    periode         text NOT NULL,
    kode_desa       text NOT NULL REFERENCES desa (kode_desa),
    kunci           text NOT NULL,     -- 'rt:<prov>:<id>' or 'penerima:<id>'
    usulan          text NOT NULL CHECK (usulan IN ('tambah', 'hapus', 'perbarui')),
    alasan          text NOT NULL,
    bukti           text NOT NULL,
    hasil           text CHECK (hasil IN ('diusulkan_ke_siks', 'tidak_perlu', 'tidak_ditemukan')),
    catatan         text,
    diperiksa_oleh  text,
    diperiksa_pada  date,
    dicatat_oleh    text,
    dicatat_pada    timestamptz,
    dibuat_pada     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (program, periode, kunci)
);
CREATE INDEX cek_ulang_desa_idx ON cek_ulang (kode_desa);

-- Hot spots of exclusion (spatial/targeting/hotspots.py): per programme, period and kabupaten,
-- circles of eligible households where the share left out is significantly higher than in the
-- rest of the kabupaten (the Bernoulli scan statistic of the poverty pockets), one row per cluster.
CREATE TABLE analisis_eksklusi (
    run_id          bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    klaster_id      integer NOT NULL,
    program         text NOT NULL,
    periode         text NOT NULL,
    kode_kab        text NOT NULL,
    sasaran         integer NOT NULL,      -- eligible households in the cluster
    salah_keluar    integer NOT NULL,      -- of them, not receiving
    risiko_relatif  double precision,
    llr             double precision NOT NULL,
    p_value         double precision NOT NULL,
    radius_m        double precision NOT NULL,
    desa            text[] NOT NULL,
    geom            geometry(MultiPolygon, 4326) NOT NULL,
    PRIMARY KEY (run_id, klaster_id)
);
CREATE INDEX analisis_eksklusi_geom_idx ON analisis_eksklusi USING gist (geom);

-- A recipient-list source keeps its value mapping (programme names as that office writes them).
ALTER TABLE impor_sumber DROP CONSTRAINT impor_sumber_jenis_check;
ALTER TABLE impor_sumber ADD CONSTRAINT impor_sumber_jenis_check
    CHECK (jenis IN ('rumah_tangga', 'fasilitas', 'pengukuran_anak', 'gizi_desa', 'penerima_bantuan'));
