SELECT kode_prov, nama FROM provinsi WHERE kode_prov = ANY(%(kode)s) ORDER BY kode_prov
