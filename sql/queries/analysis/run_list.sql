SELECT id, jenis, parameter, status, ringkasan, oleh,
       to_char(mulai AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS mulai,
       to_char(selesai AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS selesai
FROM analisis_run WHERE jenis = ANY(%(jenis)s) ORDER BY id DESC LIMIT %(limit)s
