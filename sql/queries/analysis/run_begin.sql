-- A queued run starts: clock time, not the transaction's start.
UPDATE analisis_run SET status = 'berjalan', mulai = clock_timestamp() WHERE id = %(id)s
