-- One village for the Profil Desa page: names, codes, area, simplified geometry, its extent, data date.
SELECT d.kode_desa, d.nama, d.jenis, d.kode_kec, k.nama AS nama_kec, d.kode_kab, kb.nama AS nama_kab,
       d.luas_m2 / 1e6 AS luas_km2,
       ST_AsGeoJSON(ST_SimplifyPreserveTopology(d.geom, 0.00005), 6) AS geojson,
       ST_XMin(d.geom) AS xmin, ST_YMin(d.geom) AS ymin, ST_XMax(d.geom) AS xmax, ST_YMax(d.geom) AS ymax,
       (SELECT max(diubah_pada) FROM rumah_tangga WHERE kode_prov = d.kode_prov AND kode_desa = d.kode_desa) AS data_per
FROM desa d
JOIN kecamatan k USING (kode_kec)
JOIN kabupaten kb ON kb.kode_kab = d.kode_kab
WHERE d.kode_desa = %(kode_desa)s;
