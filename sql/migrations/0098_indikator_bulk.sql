-- The event trigger of 0095 (recount after any ATTACH/DETACH of a household partition) needed a
-- superuser and ran on every ALTER TABLE; the importer's bulk path now counts the villages of the
-- partition it re-attaches (sasaran_partisi_pasang), which works for any database role.
DROP EVENT TRIGGER IF EXISTS rumah_tangga_indikator_partisi;
DROP FUNCTION IF EXISTS indikator_desa_partisi();
