-- Progress of the jobs computing these analysis runs.
SELECT run_id, status, fase, persen FROM tugas WHERE run_id = ANY(%(run_ids)s)
