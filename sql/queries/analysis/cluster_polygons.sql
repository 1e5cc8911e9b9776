-- DBSCAN clusters of the points in _titik (metres, per UTM zone) and one polygon per cluster:
-- concave hull of the members buffered by buffer_m metres (geom, for the map) and the hull itself
-- with 1 m of tolerance (hull: whose households are the cluster's). Clusters are numbered by size.
DROP TABLE IF EXISTS _klaster;
CREATE TEMP TABLE _klaster ON COMMIT DROP AS
WITH c AS (
    SELECT srid, kode_prov, id, kode_desa, g,
           ST_ClusterDBSCAN(g, eps := %(eps_m)s::float8, minpoints := %(min_titik)s::int)
               OVER (PARTITION BY srid ORDER BY kode_prov, id) AS cid
    FROM _titik
), g AS (
    SELECT srid, cid, count(*) AS n, min(kode_prov || '/' || id) AS first_member,
           array_agg(DISTINCT kode_desa ORDER BY kode_desa) FILTER (WHERE kode_desa IS NOT NULL) AS desa,
           ST_ConcaveHull(ST_Collect(g), 0.3) AS hull
    FROM c WHERE cid IS NOT NULL
    GROUP BY srid, cid
)
SELECT row_number() OVER (ORDER BY n DESC, first_member)::int AS klaster_id, n::int AS n,
       COALESCE(desa, '{}') AS desa, ST_Area(ST_Buffer(hull, %(buffer_m)s::float8)) AS luas_m2,
       ST_Multi(ST_Transform(ST_Buffer(hull, %(buffer_m)s::float8), 4326))::geometry(MultiPolygon, 4326) AS geom,
       ST_Transform(ST_Buffer(hull, 1.0), 4326) AS hull
FROM g;
CREATE INDEX ON _klaster USING gist (hull);
