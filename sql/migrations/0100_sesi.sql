-- Server-side sessions (issue #16). The signed cookie carries only a random token; the session
-- exists while its row does. Sign-out deletes every row of the user; a new password or a
-- deactivation deletes them too (trigger below), whoever makes the change (web, command line,
-- SQL); a session ends at berakhir_pada, fixed at sign-in (absolute lifetime, never extended).
CREATE TABLE sesi (
    id            bigserial PRIMARY KEY,
    token_hash    bytea NOT NULL UNIQUE,      -- sha256 of the token in the cookie
    pengguna_id   bigint NOT NULL REFERENCES pengguna (id) ON DELETE CASCADE,
    dibuat_pada   timestamptz NOT NULL DEFAULT now(),
    berakhir_pada timestamptz NOT NULL,
    alamat_ip     text
);
CREATE INDEX sesi_pengguna_idx ON sesi (pengguna_id);

CREATE FUNCTION sesi_akhiri_pengguna() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM sesi WHERE pengguna_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER pengguna_akhiri_sesi AFTER UPDATE OF password_hash, aktif ON pengguna
    FOR EACH ROW WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash OR (OLD.aktif AND NOT NEW.aktif))
    EXECUTE FUNCTION sesi_akhiri_pengguna();

-- Sign-in failures are counted per account and address (a stranger's failures never lock the
-- account for its owner elsewhere).
CREATE INDEX login_gagal_user_ip_idx ON login_gagal (lower(username), alamat_ip, waktu DESC);
