-- Priority areas (kawasan prioritas), lokus villages per year, and agency API tokens (#7).

-- Priority areas drawn or imported by planners. Soft delete: dihapus_pada is set, the row stays.
CREATE TABLE kawasan_prioritas (
    id          bigserial PRIMARY KEY,
    nama        text NOT NULL CHECK (btrim(nama) <> ''),
    jenis       text NOT NULL DEFAULT 'lainnya' CHECK (jenis IN
                    ('lokus_kemiskinan_ekstrem', 'lokus_stunting', 'zona_air', 'zona_sanitasi', 'lainnya')),
    tahun       integer CHECK (tahun BETWEEN 2000 AND 2100),
    catatan     text,
    geom        geometry(MultiPolygon, 4326) NOT NULL CHECK (ST_IsValid(geom) AND NOT ST_IsEmpty(geom)),
    diperbaiki  boolean NOT NULL DEFAULT false,   -- geometry was repaired with ST_MakeValid on save
    versi       integer NOT NULL DEFAULT 1,
    dibuat_oleh text NOT NULL,
    dibuat_pada timestamptz NOT NULL DEFAULT now(),
    diubah_oleh text,
    diubah_pada timestamptz,
    dihapus_oleh text,
    dihapus_pada timestamptz
);
CREATE INDEX kawasan_prioritas_geom_idx ON kawasan_prioritas USING gist (geom);
CREATE INDEX kawasan_prioritas_aktif_idx ON kawasan_prioritas (jenis, tahun) WHERE dihapus_pada IS NULL;

-- Every version of an area: one row per insert, update and soft delete (the row as it was after
-- the change), written by a trigger so no code path can skip it.
CREATE TABLE kawasan_prioritas_riwayat (
    id          bigserial PRIMARY KEY,
    kawasan_id  bigint NOT NULL REFERENCES kawasan_prioritas ON DELETE CASCADE,
    versi       integer NOT NULL,
    aksi        text NOT NULL CHECK (aksi IN ('buat', 'ubah', 'hapus', 'pulihkan')),
    nama        text NOT NULL,
    jenis       text NOT NULL,
    tahun       integer,
    catatan     text,
    geom        geometry(MultiPolygon, 4326) NOT NULL,
    oleh        text NOT NULL,
    waktu       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kawasan_id, versi)
);

CREATE FUNCTION kawasan_prioritas_catat() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    v_aksi text;
    v_oleh text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        v_aksi := 'buat';
        v_oleh := NEW.dibuat_oleh;
    ELSIF NEW.dihapus_pada IS NOT NULL AND OLD.dihapus_pada IS NULL THEN
        v_aksi := 'hapus';
        v_oleh := coalesce(NEW.dihapus_oleh, NEW.diubah_oleh, NEW.dibuat_oleh);
    ELSIF NEW.dihapus_pada IS NULL AND OLD.dihapus_pada IS NOT NULL THEN
        v_aksi := 'pulihkan';
        v_oleh := coalesce(NEW.diubah_oleh, NEW.dibuat_oleh);
    ELSE
        v_aksi := 'ubah';
        v_oleh := coalesce(NEW.diubah_oleh, NEW.dibuat_oleh);
    END IF;
    INSERT INTO kawasan_prioritas_riwayat (kawasan_id, versi, aksi, nama, jenis, tahun, catatan, geom, oleh)
    VALUES (NEW.id, NEW.versi, v_aksi, NEW.nama, NEW.jenis, NEW.tahun, NEW.catatan, NEW.geom, v_oleh);
    RETURN NEW;
END $$;

CREATE FUNCTION kawasan_prioritas_versi() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.versi := OLD.versi + 1;
    RETURN NEW;
END $$;

CREATE TRIGGER kawasan_prioritas_versi_trg BEFORE UPDATE ON kawasan_prioritas
    FOR EACH ROW EXECUTE FUNCTION kawasan_prioritas_versi();
CREATE TRIGGER kawasan_prioritas_riwayat_trg AFTER INSERT OR UPDATE ON kawasan_prioritas
    FOR EACH ROW EXECUTE FUNCTION kawasan_prioritas_catat();

-- Lokus villages fixed by the planners per year and kind (extreme poverty, stunting).
CREATE TABLE lokus_desa (
    tahun           integer NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
    jenis           text NOT NULL CHECK (jenis IN ('kemiskinan_ekstrem', 'stunting')),
    kode_desa       text NOT NULL REFERENCES desa,
    alasan          text,
    ditetapkan_oleh text NOT NULL,
    ditetapkan_pada timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tahun, jenis, kode_desa)
);
CREATE INDEX lokus_desa_desa_idx ON lokus_desa (kode_desa);

-- Read-only API tokens for agencies (OGC API Features, exports). Only the SHA-256 of the token
-- is stored; the token itself is shown once when it is created. koleksi = collections in scope.
CREATE TABLE token_instansi (
    id          bigserial PRIMARY KEY,
    instansi    text NOT NULL CHECK (btrim(instansi) <> ''),
    token_hash  text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    prefiks     text NOT NULL,                 -- first characters of the token, to recognise it
    koleksi     text[] NOT NULL DEFAULT '{}',
    dibuat_oleh text NOT NULL,
    dibuat      timestamptz NOT NULL DEFAULT now(),
    terakhir_dipakai timestamptz,
    dicabut_pada timestamptz
);
