INSERT INTO analisis_hotspot (run_id, sel_id, i, j, rumah_tangga, miskin, rasio, gi_z, p_value, kelas, geom)
SELECT %(run_id)s, %(sel_id)s, %(i)s, %(j)s, %(rumah_tangga)s, %(miskin)s, %(rasio)s, %(gi_z)s, %(p_value)s, %(kelas)s,
       ST_Transform(ST_MakeEnvelope(%(i)s * %(sel_m)s, %(j)s * %(sel_m)s, (%(i)s + 1) * %(sel_m)s,
                                    (%(j)s + 1) * %(sel_m)s, %(srid)s), 4326)
