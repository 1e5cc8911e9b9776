-- DBSCAN clusters of the points in _titik (metres of the kabupaten's UTM zone) and one polygon per
-- cluster that holds households of the kabupaten itself (sendiri): the concave hull of those
-- members buffered by buffer_m metres (geom, for the map) and the hull itself with 1 m of
-- tolerance (hull: whose households are the cluster's). Context members (other kabupaten) count
-- for the density and in anggota_kab_lain, but never shape the polygon. Points are visited in
-- registry-id order and clusters numbered by size, so the same households give the same clusters
-- in any database.
DROP TABLE IF EXISTS _klaster;
CREATE TEMP TABLE _klaster ON COMMIT DROP AS
WITH c AS (
    SELECT kode_prov, id_keluarga, kode_desa, sendiri, g,
           ST_ClusterDBSCAN(g, eps := %(eps_m)s::float8, minpoints := %(min_titik)s::int)
               OVER (ORDER BY id_keluarga, kode_prov) AS cid
    FROM _titik
), g AS (
    SELECT cid, count(*) FILTER (WHERE sendiri) AS n, count(*) FILTER (WHERE NOT sendiri) AS lain,
           min(id_keluarga || '/' || kode_prov) FILTER (WHERE sendiri) AS first_member,
           array_agg(DISTINCT kode_desa ORDER BY kode_desa) FILTER (WHERE sendiri AND kode_desa IS NOT NULL) AS desa,
           ST_ConcaveHull(ST_Collect(g) FILTER (WHERE sendiri), 0.3) AS hull
    FROM c WHERE cid IS NOT NULL
    GROUP BY cid
    HAVING count(*) FILTER (WHERE sendiri) > 0
)
SELECT row_number() OVER (ORDER BY n DESC, first_member)::int AS klaster_id, n::int AS n,
       lain::int AS anggota_kab_lain, COALESCE(desa, '{}') AS desa,
       ST_Area(ST_Buffer(hull, %(buffer_m)s::float8)) AS luas_m2,
       ST_Multi(ST_Transform(ST_Buffer(hull, %(buffer_m)s::float8), 4326))::geometry(MultiPolygon, 4326) AS geom,
       ST_Transform(ST_Buffer(hull, 1.0), 4326) AS hull
FROM g;
CREATE INDEX ON _klaster USING gist (hull);
