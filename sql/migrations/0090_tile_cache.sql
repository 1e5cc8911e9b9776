-- Cache of the aggregate household tiles (grid layer "agregat"): at low zooms one tile aggregates
-- up to a whole province's households (a million rows, seconds), yet its content depends only on
-- the data. Entries carry the data version they were computed at; every statement that changes
-- rumah_tangga (import, edit, deactivation) bumps the version and empties the cache, so a tile is
-- never served from data older than the last committed change. UNLOGGED: a crash just empties it.
CREATE UNLOGGED TABLE tile_cache (
    lapisan     text NOT NULL,          -- layer variant, e.g. 'agregat_1' (min households per cell)
    z           smallint NOT NULL,
    x           integer NOT NULL,
    y           integer NOT NULL,
    versi       bigint NOT NULL,        -- tile_cache_versi.versi when the tile was computed
    body        bytea NOT NULL,
    dibuat_pada timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (lapisan, z, x, y)
);

CREATE TABLE tile_cache_versi (
    satu    boolean PRIMARY KEY DEFAULT true CHECK (satu),
    versi   bigint NOT NULL
);
INSERT INTO tile_cache_versi (versi) VALUES (1);

CREATE FUNCTION tile_cache_batal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE tile_cache_versi SET versi = versi + 1;
    DELETE FROM tile_cache;
    RETURN NULL;
END $$;

CREATE TRIGGER rumah_tangga_tile_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON rumah_tangga
    FOR EACH STATEMENT EXECUTE FUNCTION tile_cache_batal();
