-- Failed sign-ins within the window: for this user name, and from this address.
SELECT
    (SELECT count(*) FROM login_gagal
      WHERE lower(username) = lower(%(username)s) AND waktu > now() - make_interval(secs => %(window_s)s)) AS per_user,
    (SELECT count(*) FROM login_gagal
      WHERE alamat_ip = %(ip)s AND waktu > now() - make_interval(secs => %(window_s)s)) AS per_ip,
    (SELECT max(waktu) FROM login_gagal
      WHERE (lower(username) = lower(%(username)s) OR alamat_ip = %(ip)s)
        AND waktu > now() - make_interval(secs => %(window_s)s)) AS terakhir,
    now() AS sekarang
