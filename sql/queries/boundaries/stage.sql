-- Staging table for one boundary file (filled by COPY from spatial/boundaries.py).
CREATE TEMP TABLE batas_stage (
    urutan      integer,
    kode_desa   text,
    nama        text,
    jenis       text,
    nama_kec    text,
    nama_kab    text,
    nama_prov   text,
    geom_wkb    bytea,
    sumber      text
) ON COMMIT DROP;
