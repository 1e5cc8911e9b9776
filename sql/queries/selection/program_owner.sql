SELECT kode_wilayah FROM program WHERE id = %(id)s FOR UPDATE
