-- Rows of the batch per way of matching (a name + village match held for review apart).
SELECT p.cara_cocok || CASE WHEN p.cara_cocok = 'nama_desa' AND p.rt_id IS NULL THEN '_ditahan' ELSE '' END, count(*)
  FROM penerima_bantuan p JOIN cocok_sasaran c ON c.id = p.id
 GROUP BY 1;
