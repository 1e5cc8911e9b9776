-- The declared village of a name + village match (for the region check of a review).
SELECT kode_desa_deklarasi FROM penerima_bantuan WHERE id = %(id)s AND cara_cocok = 'nama_desa';
