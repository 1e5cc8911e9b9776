-- Rows that would move a stored household to another kabupaten (imp_ada.pindah) -> imp_pindah,
-- marked by importer/moves_mark.sql.
CREATE TEMP TABLE imp_pindah ON COMMIT DROP AS
SELECT urutan, kab_lama, kab_baru FROM imp_ada WHERE pindah;
