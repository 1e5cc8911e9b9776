-- Lokus proposal for a year and kind: the villages of each kabupaten ranked within it by desil-1
-- households, villages that are stunting lokus of that year first; with what is already fixed for
-- that year and kind, in the village and in its kabupaten (lokus are decided per kabupaten).
WITH rt AS (
    SELECT kode_desa, count(*) FILTER (WHERE desil = 1) AS desil1, count(*) FILTER (WHERE desil <= 2) AS desil12,
           count(*) AS rumah_tangga
    FROM rumah_tangga
    WHERE aktif AND kode_desa IS NOT NULL
    GROUP BY kode_desa
)
SELECT d.kode_kab, kb.nama AS nama_kab, d.kode_desa, d.nama, k.nama AS kecamatan,
       COALESCE(rt.rumah_tangga, 0) AS rumah_tangga, COALESCE(rt.desil1, 0) AS desil1,
       COALESCE(rt.desil12, 0) AS desil12, COALESCE(i.risiko_stunting, 0) AS risiko_stunting,
       EXISTS (SELECT 1 FROM lokus_desa s WHERE s.tahun = %(tahun)s AND s.jenis = 'stunting'
                                            AND s.kode_desa = d.kode_desa) AS lokus_stunting,
       l.kode_desa IS NOT NULL AS ditetapkan, l.alasan, l.ditetapkan_oleh, l.ditetapkan_pada,
       bool_or(l.kode_desa IS NOT NULL) OVER (PARTITION BY d.kode_kab) AS kabupaten_ditetapkan,
       row_number() OVER (PARTITION BY d.kode_kab ORDER BY
           EXISTS (SELECT 1 FROM lokus_desa s WHERE s.tahun = %(tahun)s AND s.jenis = 'stunting'
                                                AND s.kode_desa = d.kode_desa) DESC,
           COALESCE(rt.desil1, 0) DESC, COALESCE(i.risiko_stunting, 0) DESC, d.kode_desa) AS peringkat
FROM desa d
JOIN kecamatan k USING (kode_kec)
JOIN kabupaten kb ON kb.kode_kab = d.kode_kab
LEFT JOIN rt USING (kode_desa)
LEFT JOIN indikator_desa i USING (kode_desa)
LEFT JOIN lokus_desa l ON l.tahun = %(tahun)s AND l.jenis = %(jenis)s AND l.kode_desa = d.kode_desa
WHERE dalam_wilayah(d.kode_desa, %(wilayah)s)
ORDER BY d.kode_kab, peringkat
