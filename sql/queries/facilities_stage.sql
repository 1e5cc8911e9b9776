-- Raw facility rows as text (urutan = 1-based data row number).
CREATE TEMP TABLE fas_mentah (
    urutan integer, id_fasilitas text, jenis text, nama text, kode_desa text,
    latitude text, longitude text, kondisi text, kapasitas_kk text
) ON COMMIT DROP;
