-- Rows a result table holds for one run ({table}: a result table named by the analysis's code).
SELECT count(*) FROM {table} WHERE run_id = %(run_id)s
