INSERT INTO analisis_hotspot (run_id, sel_id, i, j, rumah_tangga, miskin, rasio, gi_z, p_value, kelas, geom)
SELECT %(run_id)s::bigint, %(sel_id)s::int, %(i)s::int, %(j)s::int, %(rumah_tangga)s::int, %(miskin)s::int,
       %(rasio)s::float8, %(gi_z)s::float8, %(p_value)s::float8, %(kelas)s::text,
       ST_Transform(ST_MakeEnvelope(%(i)s::int * %(sel_m)s::float8, %(j)s::int * %(sel_m)s::float8,
                                    (%(i)s::int + 1) * %(sel_m)s::float8, (%(j)s::int + 1) * %(sel_m)s::float8,
                                    %(srid)s::int), 4326)
