INSERT INTO analisis_lisa (run_id, kode_desa, rumah_tangga, rasio, moran_i, p_value, kuadran, kelas)
VALUES (%(run_id)s, %(kode_desa)s, %(rumah_tangga)s, %(rasio)s, %(moran_i)s, %(p_value)s, %(kuadran)s, %(kelas)s)
