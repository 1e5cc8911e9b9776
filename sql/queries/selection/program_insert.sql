INSERT INTO program (nama, tahun, sumber, biaya_satuan, anggaran, aturan, tahun_tanpa_bantuan, batas_wilayah, dibuat_oleh,
                     kode_wilayah)
VALUES (%(nama)s, %(tahun)s, %(sumber)s, %(biaya_satuan)s, %(anggaran)s, %(aturan)s, %(tahun_tanpa_bantuan)s,
        %(batas_wilayah)s, %(oleh)s, %(kode_wilayah)s)
RETURNING id
