-- Failed sign-ins within the window: for this account from this address, and from this address
-- for any account, each with the time of the latest one.
SELECT
    count(*) FILTER (WHERE lower(username) = lower(%(username)s)) AS per_user_ip,
    max(waktu) FILTER (WHERE lower(username) = lower(%(username)s)) AS last_user_ip,
    count(*) AS per_ip,
    max(waktu) AS last_ip,
    now() AS sekarang
FROM login_gagal
WHERE alamat_ip = %(ip)s AND waktu > now() - make_interval(secs => %(window_s)s)
