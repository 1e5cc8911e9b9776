-- Upsert the accepted village counts into gizi_agregat_desa by village and month. Returns
-- (ditambah, diubah, tetap).
WITH siap AS (
    SELECT kode_desa_deklarasi AS kode_desa, periode, diukur, stunting, sangat_pendek, wasting, balita
      FROM imp_cek WHERE cardinality(alasan) = 0
), changed AS (
    UPDATE gizi_agregat_desa g
       SET diukur = s.diukur, stunting = s.stunting, sangat_pendek = s.sangat_pendek, wasting = s.wasting,
           balita = s.balita, impor_id = (SELECT id FROM impor_aktif), diperbarui_pada = now()
      FROM siap s
     WHERE g.kode_desa = s.kode_desa AND g.periode = s.periode
       AND (g.diukur, g.stunting, g.sangat_pendek, g.wasting, g.balita)
           IS DISTINCT FROM (s.diukur, s.stunting, s.sangat_pendek, s.wasting, s.balita)
    RETURNING 1
), added AS (
    INSERT INTO gizi_agregat_desa (kode_desa, periode, diukur, stunting, sangat_pendek, wasting, balita, impor_id)
    SELECT s.kode_desa, s.periode, s.diukur, s.stunting, s.sangat_pendek, s.wasting, s.balita, (SELECT id FROM impor_aktif)
      FROM siap s
     WHERE NOT EXISTS (SELECT 1 FROM gizi_agregat_desa g WHERE g.kode_desa = s.kode_desa AND g.periode = s.periode)
    RETURNING 1
)
SELECT (SELECT count(*) FROM added), (SELECT count(*) FROM changed),
       (SELECT count(*) FROM siap) - (SELECT count(*) FROM added) - (SELECT count(*) FROM changed);
