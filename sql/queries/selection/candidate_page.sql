-- One page of the candidate table (issue #19): the candidates of a programme (eligible or selected)
-- ranked by score (peringkat), sorted by the column the user chose ({urutan}: an expression of the
-- allow-list in spatial.selection.candidates.SORTS), with the village's name and the count of all
-- rows the filters keep. `c` comes from selection/eligibility, composed in.
{eligibility}
, urut AS (
    SELECT c.*, row_number() OVER (ORDER BY c.skor DESC, c.desil NULLS LAST, c.kode_prov, c.id) AS peringkat
    FROM c
    WHERE c.terpilih OR cardinality(c.alasan) = 0
)
SELECT u.kode_prov, u.id, u.id_keluarga, u.nama_kepala, u.kode_desa, d.nama AS nama_desa, u.kode_kec, u.desil,
       u.skor, u.komponen, u.lon, u.lat, u.alasan, u.memenuhi_syarat, u.terpilih, u.seleksi_id, u.status_seleksi,
       u.dalam_kawasan, u.program_lain, u.peringkat, count(*) OVER () AS total
FROM urut u LEFT JOIN desa d ON d.kode_desa = u.kode_desa
ORDER BY {urutan}, u.peringkat
LIMIT %(batas)s OFFSET %(lewati)s
