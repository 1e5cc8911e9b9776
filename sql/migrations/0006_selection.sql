-- Beneficiary selection for house repairs (issue #6): programmes, their quotas, the selected
-- households with their workflow, and the history of every status change.
--
-- Double aid is a database rule: a household is in at most one live selection (status other than
-- 'ditolak') of all ACTIVE programmes (unique index seleksi_satu_aktif). Each selection carries
-- program_aktif, a copy of its programme's status kept by trigger, so that the rule is a plain
-- partial unique index. Closing a programme (aktif -> ditutup) is refused while it has households
-- in 'ditetapkan' (decided but not yet repaired); its open proposals ('usulan', 'terverifikasi')
-- are rejected with reason 'program ditutup'; its finished repairs ('selesai') leave the index and
-- are then blocked by the "aided in the last N years" eligibility rule instead. Re-opening a
-- programme puts its selections back into the index, so it fails if another active programme
-- has taken one of its households meanwhile.

CREATE TABLE program (
    id                  bigserial PRIMARY KEY,
    nama                text NOT NULL CHECK (length(trim(nama)) > 0),
    tahun               smallint NOT NULL CHECK (tahun BETWEEN 2000 AND 2100),
    sumber              text NOT NULL CHECK (sumber IN ('APBN', 'APBD', 'DAK', 'CSR')),
    biaya_satuan        numeric(14, 0) NOT NULL CHECK (biaya_satuan > 0),
    anggaran            numeric(16, 0) NOT NULL CHECK (anggaran >= 0),
    -- eligibility rule set: wajib_rtlh (bool), status_rumah (text[]), desil_maksimum (int),
    -- skor_minimum (number); missing keys take the defaults of spatial/selection/rules.py
    aturan              jsonb NOT NULL DEFAULT '{}'::jsonb,
    tahun_tanpa_bantuan smallint NOT NULL DEFAULT 10 CHECK (tahun_tanpa_bantuan >= 0),
    batas_wilayah       text NOT NULL DEFAULT 'semua'
                          CHECK (batas_wilayah IN ('semua', 'kawasan_prioritas', 'lokus')),
    status              text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'ditutup')),
    dibuat_oleh         text NOT NULL,
    dibuat_pada         timestamptz NOT NULL DEFAULT now(),
    diubah_pada         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (nama, tahun)
);

-- Optional quotas: at most `kuota` units in a village (kode_desa) or kecamatan (kode_kec).
CREATE TABLE program_kuota (
    program_id      bigint NOT NULL REFERENCES program ON DELETE CASCADE,
    kode_wilayah    text NOT NULL CHECK (kode_wilayah ~ '^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$'),
    kuota           integer NOT NULL CHECK (kuota >= 0),
    PRIMARY KEY (program_id, kode_wilayah)
);

CREATE TABLE seleksi (
    id                  bigserial PRIMARY KEY,
    program_id          bigint NOT NULL REFERENCES program,
    kode_prov           text NOT NULL,
    rumah_tangga_id     bigint NOT NULL,
    status              text NOT NULL DEFAULT 'usulan'
                          CHECK (status IN ('usulan', 'terverifikasi', 'ditetapkan', 'selesai', 'ditolak')),
    program_aktif       boolean NOT NULL DEFAULT true,   -- copy of program.status = 'aktif' (trigger)
    skor                numeric(6, 2),                   -- priority score when selected
    cara                text NOT NULL DEFAULT 'manual' CHECK (cara IN ('manual', 'area', 'otomatis')),
    verifikator         text,
    tanggal_verifikasi  date,
    foto                text,                            -- path of the verification photo
    alasan              text,                            -- reason of the last change (required for ditolak)
    dibuat_oleh         text NOT NULL,
    dibuat_pada         timestamptz NOT NULL DEFAULT now(),
    diubah_oleh         text NOT NULL,
    diubah_pada         timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (kode_prov, rumah_tangga_id) REFERENCES rumah_tangga (kode_prov, id),
    UNIQUE (program_id, kode_prov, rumah_tangga_id),
    CHECK (status <> 'ditolak' OR COALESCE(length(trim(alasan)), 0) > 0),
    CHECK (status IN ('usulan', 'ditolak') OR (verifikator IS NOT NULL AND tanggal_verifikasi IS NOT NULL))
);
CREATE UNIQUE INDEX seleksi_satu_aktif ON seleksi (kode_prov, rumah_tangga_id)
    WHERE status <> 'ditolak' AND program_aktif;
CREATE INDEX seleksi_program_idx ON seleksi (program_id, status);

-- Every change of a selection (also additions and removals); no foreign key, so that the history
-- of a removed proposal stays.
CREATE TABLE seleksi_riwayat (
    id              bigserial PRIMARY KEY,
    seleksi_id      bigint NOT NULL,
    program_id      bigint NOT NULL,
    kode_prov       text NOT NULL,
    rumah_tangga_id bigint NOT NULL,
    dari            text,               -- NULL: added
    ke              text NOT NULL,      -- 'dihapus': removed
    alasan          text,
    oleh            text NOT NULL,
    waktu           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX seleksi_riwayat_seleksi_idx ON seleksi_riwayat (seleksi_id, id);
CREATE INDEX seleksi_riwayat_program_idx ON seleksi_riwayat (program_id, id);

-- Allowed transitions of the workflow.
CREATE TABLE seleksi_transisi (
    dari    text NOT NULL,
    ke      text NOT NULL,
    PRIMARY KEY (dari, ke)
);
INSERT INTO seleksi_transisi (dari, ke) VALUES
    ('usulan', 'terverifikasi'), ('usulan', 'ditolak'),
    ('terverifikasi', 'ditetapkan'), ('terverifikasi', 'ditolak'),
    ('ditetapkan', 'selesai'), ('ditetapkan', 'ditolak');

CREATE FUNCTION seleksi_sebelum_ubah() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    prog_status text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT status INTO prog_status FROM program WHERE id = NEW.program_id;
        IF prog_status IS DISTINCT FROM 'aktif' THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', MESSAGE = 'program ' || NEW.program_id || ' sudah ditutup';
        END IF;
        IF NEW.status <> 'usulan' THEN
            RAISE EXCEPTION 'seleksi baru harus berstatus usulan' USING ERRCODE = 'check_violation';
        END IF;
        NEW.program_aktif := true;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'usulan' THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'hanya usulan yang dapat dihapus (status ' || OLD.status || ')';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.program_id <> OLD.program_id OR NEW.kode_prov <> OLD.kode_prov
       OR NEW.rumah_tangga_id <> OLD.rumah_tangga_id THEN
        RAISE EXCEPTION 'program dan rumah tangga sebuah seleksi tidak dapat diubah' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.status <> OLD.status THEN
        IF NOT OLD.program_aktif THEN
            RAISE EXCEPTION 'program sudah ditutup' USING ERRCODE = 'check_violation';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM seleksi_transisi WHERE dari = OLD.status AND ke = NEW.status) THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'perubahan status ' || OLD.status || ' -> ' || NEW.status || ' tidak diizinkan';
        END IF;
        NEW.diubah_pada := now();
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION seleksi_catat_riwayat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
        RETURN NULL;
    END IF;
    -- OLD is NULL on INSERT and NEW on DELETE; id, programme and household never change (above)
    INSERT INTO seleksi_riwayat (seleksi_id, program_id, kode_prov, rumah_tangga_id, dari, ke, alasan, oleh)
    VALUES (coalesce(NEW.id, OLD.id), coalesce(NEW.program_id, OLD.program_id), coalesce(NEW.kode_prov, OLD.kode_prov),
            coalesce(NEW.rumah_tangga_id, OLD.rumah_tangga_id), OLD.status, coalesce(NEW.status, 'dihapus'),
            CASE WHEN TG_OP = 'DELETE' THEN current_setting('sasaran.alasan', true) ELSE NEW.alasan END,
            CASE TG_OP WHEN 'INSERT' THEN NEW.dibuat_oleh WHEN 'UPDATE' THEN NEW.diubah_oleh
                       ELSE coalesce(nullif(current_setting('sasaran.pengguna', true), ''), OLD.diubah_oleh) END);
    RETURN NULL;
END $$;

-- The triggers of seleksi: the rules before a change, its history after it.
CREATE TRIGGER seleksi_sebelum_ubah BEFORE INSERT OR UPDATE OR DELETE ON seleksi
    FOR EACH ROW EXECUTE FUNCTION seleksi_sebelum_ubah();
CREATE TRIGGER seleksi_catat_riwayat AFTER INSERT OR UPDATE OR DELETE ON seleksi
    FOR EACH ROW EXECUTE FUNCTION seleksi_catat_riwayat();

-- Programme status: closing rejects open proposals and is refused while households are
-- 'ditetapkan'; the status is copied into seleksi.program_aktif (re-opening re-checks the index).
CREATE FUNCTION program_status_berubah() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF NEW.status = 'ditutup' THEN
        IF EXISTS (SELECT 1 FROM seleksi WHERE program_id = NEW.id AND status = 'ditetapkan') THEN
            RAISE EXCEPTION 'program masih memiliki rumah tangga berstatus ditetapkan; selesaikan atau tolak dahulu'
                USING ERRCODE = 'check_violation';
        END IF;
        UPDATE seleksi SET status = 'ditolak', alasan = 'program ditutup',
                           diubah_oleh = COALESCE(NULLIF(current_setting('sasaran.pengguna', true), ''), 'sistem')
        WHERE program_id = NEW.id AND status IN ('usulan', 'terverifikasi');
    END IF;
    UPDATE seleksi SET program_aktif = (NEW.status = 'aktif') WHERE program_id = NEW.id;
    NEW.diubah_pada := now();
    RETURN NEW;
END $$;

CREATE TRIGGER program_status_berubah BEFORE UPDATE OF status ON program
    FOR EACH ROW EXECUTE FUNCTION program_status_berubah();
