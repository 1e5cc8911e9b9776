-- The accepted measurements, for their z-scores (spatial.growth.imports).
SELECT urutan, jenis_kelamin, tanggal_lahir, tanggal_ukur, berat_kg, tinggi_cm, cara_ukur
  FROM anak_cek
