-- The state of a job (status, phase, percent and error also as columns); also its heartbeat.
UPDATE tugas SET status = %(status)s, fase = %(fase)s, persen = %(persen)s, galat = %(galat)s,
       keterangan = %(keterangan)s, detak_pada = now(),
       selesai_pada = CASE WHEN %(status)s IN ('selesai', 'gagal') THEN now() END
WHERE id = %(id)s
