-- Spatial analyses (issue #4): RTLH scores, village indicators and the result tables of each
-- analysis run (keyed by analisis_run.id). The functions sasaran_air_layak/sasaran_sanitasi_layak
-- are created by sql/functions/040_layak.sql, which this migration runs first.

-- Current RTLH (rumah tidak layak huni) score of each household, replaced by every scores run.
CREATE TABLE skor_rtlh (
    kode_prov               text NOT NULL,
    rumah_tangga_id         bigint NOT NULL,
    kode_desa               text,
    run_id                  bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    skor                    numeric(6, 2) NOT NULL,
    komponen                jsonb NOT NULL,          -- points of every component, for the UI
    rtlh                    boolean NOT NULL,        -- the house is unfit (score >= threshold)
    memenuhi_syarat         boolean NOT NULL,        -- eligible for aid (ownership, no recent aid)
    alasan_tidak_memenuhi   text[] NOT NULL DEFAULT '{}',
    biaya                   numeric(14, 0) NOT NULL DEFAULT 0, -- unit cost when rtlh and eligible
    PRIMARY KEY (kode_prov, rumah_tangga_id)
);
CREATE INDEX skor_rtlh_desa_idx ON skor_rtlh (kode_desa);

-- View indikator_desa (village indicators) lives with the tables and triggers that feed it since
-- migration 0095: sql/functions/050_indikator_desa.sql. Nothing between here and 0095 reads it.

-- 1. Poverty pockets (ST_ClusterDBSCAN in UTM metres), one polygon per pocket.
CREATE TABLE analisis_kantong (
    run_id          bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    kantong_id      integer NOT NULL,
    rumah_tangga    integer NOT NULL,      -- all active households inside the polygon
    rumah_tangga_miskin integer NOT NULL,  -- poor households in the cluster
    persen_miskin   numeric(5, 1),
    desa            text[] NOT NULL,       -- villages touched
    luas_m2         double precision,
    geom            geometry(MultiPolygon, 4326) NOT NULL,
    PRIMARY KEY (run_id, kantong_id)
);
CREATE INDEX analisis_kantong_geom_idx ON analisis_kantong USING gist (geom);

-- 1b. Getis-Ord Gi* on a square metre grid (cells in a UTM zone), classes after FDR.
CREATE TABLE analisis_hotspot (
    run_id          bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    sel_id          integer NOT NULL,
    i               integer NOT NULL,      -- column of the cell in the grid
    j               integer NOT NULL,      -- row of the cell in the grid
    rumah_tangga    integer NOT NULL,
    miskin          integer NOT NULL,
    rasio           double precision NOT NULL,
    gi_z            double precision,
    p_value         double precision,
    kelas           text NOT NULL CHECK (kelas IN ('panas', 'dingin', 'tidak_signifikan')),
    geom            geometry(Polygon, 4326) NOT NULL,
    PRIMARY KEY (run_id, sel_id)
);

-- 1c. Local Moran's I of the village poverty rate, classes after FDR.
CREATE TABLE analisis_lisa (
    run_id          bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    kode_desa       text NOT NULL,
    rumah_tangga    integer NOT NULL,
    rasio           double precision,
    moran_i         double precision,
    p_value         double precision,
    kuadran         text,                  -- HH, LH, LL, HL
    kelas           text NOT NULL CHECK (kelas IN ('panas', 'dingin', 'tidak_signifikan', 'pencilan')),
    PRIMARY KEY (run_id, kode_desa)
);

-- 2. Access per household: safe water / improved sanitation at home and distance in metres to
-- the nearest functioning public water point and MCK/IPAL komunal.
CREATE TABLE analisis_akses (
    run_id              bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    kode_prov           text NOT NULL,
    rumah_tangga_id     bigint NOT NULL,
    kode_desa           text,
    air_layak           boolean,
    sanitasi_layak      boolean,
    jarak_air_m         double precision,
    jarak_sanitasi_m    double precision,
    terlayani_air       boolean NOT NULL,
    terlayani_sanitasi  boolean NOT NULL,
    PRIMARY KEY (run_id, kode_prov, rumah_tangga_id)
);

-- 2b. Clusters of unserved households, per service ('air' | 'sanitasi').
CREATE TABLE analisis_celah_klaster (
    run_id          bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    layanan         text NOT NULL CHECK (layanan IN ('air', 'sanitasi')),
    klaster_id      integer NOT NULL,
    rumah_tangga    integer NOT NULL,
    desa            text[] NOT NULL,
    geom            geometry(MultiPolygon, 4326) NOT NULL,
    PRIMARY KEY (run_id, layanan, klaster_id)
);
CREATE INDEX analisis_celah_klaster_geom_idx ON analisis_celah_klaster USING gist (geom);

-- 2c. Villages ranked by gap.
CREATE TABLE analisis_celah_desa (
    run_id              bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    kode_desa           text NOT NULL,
    rumah_tangga        integer NOT NULL,
    tak_terlayani_air   integer NOT NULL,
    persen_air          numeric(5, 1),
    tak_terlayani_sanitasi integer NOT NULL,
    persen_sanitasi     numeric(5, 1),
    skor_celah          numeric(6, 1),     -- mean of the two unserved percentages
    peringkat           integer NOT NULL,
    PRIMARY KEY (run_id, kode_desa)
);

-- 4. Siting: candidate sites and the selected ones with their marginal gain.
CREATE TABLE analisis_lokasi (
    run_id          bigint NOT NULL REFERENCES analisis_run ON DELETE CASCADE,
    layanan         text NOT NULL CHECK (layanan IN ('air', 'sanitasi')),
    kandidat_id     integer NOT NULL,
    terpilih        boolean NOT NULL,
    urutan          integer,               -- order of selection (by marginal gain)
    cakupan         integer NOT NULL,      -- unserved households within the radius alone
    tambahan        integer,               -- marginal gain: newly covered given earlier sites
    kumulatif       integer,
    kode_desa       text,
    geom            geometry(Point, 4326) NOT NULL,
    PRIMARY KEY (run_id, layanan, kandidat_id)
);
