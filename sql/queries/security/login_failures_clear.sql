-- A successful sign-in forgets the failures of this account from this address (older than the
-- window: of every account, so the table stays small).
DELETE FROM login_gagal
WHERE (lower(username) = lower(%(username)s) AND alamat_ip = %(ip)s)
   OR waktu < now() - make_interval(secs => %(window_s)s)
