-- Display geometries stored once (generated columns follow every boundary load), so the map's
-- village and kecamatan layers are not simplified again on every request (~0.8 s at 2,640 villages).
-- Tolerance in degrees: 0.0004 (~44 m) villages, 0.0003 kecamatan outlines; topology preserved.
ALTER TABLE desa
    ADD COLUMN geom_peta geometry GENERATED ALWAYS AS (ST_SimplifyPreserveTopology(geom, 0.0004)) STORED;
ALTER TABLE kecamatan
    ADD COLUMN garis_peta geometry GENERATED ALWAYS AS (ST_Boundary(ST_SimplifyPreserveTopology(geom, 0.0003))) STORED;
