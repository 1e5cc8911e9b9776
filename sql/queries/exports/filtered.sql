-- Wrapper of every export layer: the source placeholder is one of sql/queries/export_<layer>.sql,
-- chosen from a fixed list in spatial/areas/layers.py; columns and tail are fixed SQL fragments.
-- A source yields fid, kode_desa (NULL when the feature has no single village), waktu, geom, props.
-- Filters: village or kecamatan (by code when the feature has one, else spatially), bbox,
-- datetime interval on waktu, property equality (jsonb of key -> text value), a GeoJSON polygon,
-- and the user's region scope (wilayah, see webgis/scope.py; a feature without a village counts
-- when it shares interior with the region, not when it only touches its border).
WITH wilayah AS (
    SELECT ST_Union(geom) AS geom FROM desa
    WHERE kode_desa = %(kode_desa)s OR kode_kec = %(kode_kec)s
), src AS (
{source}
)
SELECT {columns}
FROM src, wilayah w
WHERE (%(kode_desa)s::text IS NULL AND %(kode_kec)s::text IS NULL
       OR CASE WHEN src.kode_desa IS NOT NULL
               THEN src.kode_desa = %(kode_desa)s OR src.kode_desa LIKE %(kode_kec)s || '.%%'
               ELSE ST_Intersects(src.geom, w.geom) END)
  AND (%(xmin)s::float8 IS NULL
       OR ST_Intersects(src.geom, ST_MakeEnvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)))
  AND (%(t0)s::timestamptz IS NULL OR src.waktu >= %(t0)s)
  AND (%(t1)s::timestamptz IS NULL OR src.waktu <= %(t1)s)
  AND (%(props)s::jsonb IS NULL OR NOT EXISTS (
        SELECT 1 FROM jsonb_each_text(%(props)s::jsonb) f WHERE src.props ->> f.key IS DISTINCT FROM f.value))
  AND (%(wilayah)s::text IS NULL
       OR CASE WHEN src.kode_desa IS NOT NULL THEN dalam_wilayah(src.kode_desa, %(wilayah)s)
               ELSE geom_dalam_wilayah(src.geom, %(wilayah)s) END)
  AND (%(geom)s::text IS NULL OR ST_Intersects(src.geom, ST_SetSRID(ST_GeomFromGeoJSON(%(geom)s::text), 4326)))
{tail}
