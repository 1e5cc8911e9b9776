-- Work table of the z-scores computed in Python (spatial.growth.imports), and no located-row
-- exceptions (measurements lie in their declared village).
CREATE UNLOGGED TABLE imp_tempat (urutan integer, kode_desa text, alasan text[], peringatan text[], keterangan text[]);
CREATE UNLOGGED TABLE imp_z (
    urutan integer PRIMARY KEY, tinggi_koreksi numeric(5, 2), z_tbu numeric(5, 2), z_bbu numeric(5, 2),
    z_bbtb numeric(5, 2), flag_tbu boolean, flag_bbu boolean, flag_bbtb boolean, posisi_tidak_wajar boolean,
    kelas_tbu text, kelas_bbu text, kelas_bbtb text
);
-- The checked rows with their code-list entries: a cell written otherwise than as an entry has its
-- match in imp_nilai_baris (spatial/importer/values.py), as rt_siap reads it for households.
CREATE TEMP VIEW anak_cek AS
SELECT c.urutan, c.id_anak, c.nik_anak, c.nama_anak, coalesce(c.jenis_kelamin, v.jenis_kelamin) AS jenis_kelamin,
       c.tanggal_lahir, c.tanggal_ukur, c.umur_hari, c.berat_kg, c.tinggi_cm, coalesce(c.cara_ukur, v.cara_ukur) AS cara_ukur,
       c.kode_desa_deklarasi, c.posyandu, c.nik_ortu, c.no_kk
  FROM imp_cek c
  LEFT JOIN imp_nilai_baris v ON v.urutan = c.urutan
 WHERE cardinality(c.alasan) = 0;
