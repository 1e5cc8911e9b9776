-- Field verification round trip (issue #19). An upload of the filled field form is kept with its
-- plan (what it would change, which rows it cannot apply and why: the preview) until someone
-- applies it in one transaction; its result stays beside it. House data corrected in the field
-- (materials, floor area, coordinates) is written to rumah_tangga and every old value is kept in
-- rumah_tangga_koreksi (who, when, from which upload and selection).
CREATE TABLE verifikasi_unggahan (
    id              bigserial PRIMARY KEY,
    program_id      bigint NOT NULL REFERENCES program ON DELETE CASCADE,
    nama_berkas     text NOT NULL,
    sha256          text NOT NULL,
    oleh            text NOT NULL,
    wilayah         text,                       -- region scope of the uploader (NULL: unscoped)
    dibuat_pada     timestamptz NOT NULL DEFAULT now(),
    rencana         jsonb NOT NULL,             -- the preview: rows to apply, rows not applicable, warnings
    diterapkan_oleh text,
    diterapkan_pada timestamptz,
    hasil           jsonb                       -- what applying did, rows it could not apply
);
CREATE INDEX verifikasi_unggahan_program_idx ON verifikasi_unggahan (program_id, id);

CREATE TABLE rumah_tangga_koreksi (
    id              bigserial PRIMARY KEY,
    kode_prov       text NOT NULL,
    rumah_tangga_id bigint NOT NULL,
    kolom           text NOT NULL CHECK (kolom IN ('jenis_atap', 'jenis_dinding', 'jenis_lantai', 'luas_lantai_m2',
                                                   'lokasi')),
    nilai_lama      text,                       -- as stored before (lokasi: 'lat, lon' or NULL)
    nilai_baru      text NOT NULL,
    sumber          text NOT NULL DEFAULT 'verifikasi_lapangan',
    unggahan_id     bigint REFERENCES verifikasi_unggahan ON DELETE SET NULL,
    seleksi_id      bigint,
    oleh            text NOT NULL,
    waktu           timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (kode_prov, rumah_tangga_id) REFERENCES rumah_tangga (kode_prov, id)
);
CREATE INDEX rumah_tangga_koreksi_rt_idx ON rumah_tangga_koreksi (kode_prov, rumah_tangga_id, id);
