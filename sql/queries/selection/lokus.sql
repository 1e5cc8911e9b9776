-- Lokus villages of the programme year (table lokus_desa of issue #7).
SELECT kode_desa FROM lokus_desa WHERE tahun = %(tahun)s
