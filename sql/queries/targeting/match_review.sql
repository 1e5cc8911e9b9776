-- A reviewer's decision on a name + village match: diterima links the candidate, ditolak unlinks.
UPDATE penerima_bantuan
   SET tinjau = %(tinjau)s, tinjau_oleh = %(oleh)s, tinjau_pada = now(),
       rt_prov = CASE WHEN %(tinjau)s = 'diterima' THEN calon_prov END,
       rt_id = CASE WHEN %(tinjau)s = 'diterima' THEN calon_id END
 WHERE id = %(id)s AND cara_cocok = 'nama_desa';
