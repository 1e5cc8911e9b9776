-- The kabupaten an analysis request covers: wilayah NULL = every kabupaten, a province code = each
-- of its kabupaten, a kabupaten code = that one. Listed are the kabupaten with active households,
-- and those that have analysis runs (so that their results empty once their households are gone).
-- srid: the UTM zone (EPSG) of most of the kabupaten's villages; all metric work on a kabupaten
-- happens in that one zone.
WITH rt AS (
    SELECT kode_kab, count(*)::int AS n FROM rumah_tangga WHERE aktif AND dalam_wilayah(kode_kab, %(wilayah)s)
    GROUP BY kode_kab
)
SELECT k.kode_kab, k.nama, z.srid, COALESCE(rt.n, 0) AS rumah_tangga
FROM kabupaten k
CROSS JOIN LATERAL (SELECT mode() WITHIN GROUP (ORDER BY d.utm_srid) AS srid FROM desa d
                    WHERE d.kode_kab = k.kode_kab) z
LEFT JOIN rt USING (kode_kab)
WHERE dalam_wilayah(k.kode_kab, %(wilayah)s) AND z.srid IS NOT NULL
  AND (rt.n > 0 OR EXISTS (SELECT 1 FROM analisis_run r WHERE r.kode_wilayah = k.kode_kab))
ORDER BY rumah_tangga DESC, k.kode_kab
