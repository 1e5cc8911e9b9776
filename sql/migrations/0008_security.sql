-- Security: failed sign-in attempts (lockout and per-address rate limit), audit look-ups by user.
CREATE TABLE login_gagal (
    id          bigserial PRIMARY KEY,
    waktu       timestamptz NOT NULL DEFAULT now(),
    username    text NOT NULL,
    alamat_ip   text NOT NULL
);
CREATE INDEX login_gagal_user_idx ON login_gagal (lower(username), waktu DESC);
CREATE INDEX login_gagal_ip_idx ON login_gagal (alamat_ip, waktu DESC);
CREATE INDEX audit_log_pengguna_idx ON audit_log (pengguna, waktu DESC);
