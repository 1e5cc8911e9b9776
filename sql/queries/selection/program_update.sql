UPDATE program SET nama = %(nama)s, tahun = %(tahun)s, sumber = %(sumber)s, biaya_satuan = %(biaya_satuan)s,
       anggaran = %(anggaran)s, aturan = %(aturan)s, tahun_tanpa_bantuan = %(tahun_tanpa_bantuan)s,
       batas_wilayah = %(batas_wilayah)s, diubah_pada = now()
WHERE id = %(id)s
