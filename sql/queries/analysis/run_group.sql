SELECT nextval('analisis_kelompok_seq')
