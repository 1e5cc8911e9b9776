"""A run that breaks is recorded 'gagal' with a reason a person can read: a refusal of the error
model by its message alone, anything unexpected by its class and message, with the traceback in
the server log (real PostGIS, the test sample; the runs are removed afterwards)."""
import logging

import psycopg

from spatial.analysis.runner import plan_runs, run_task
from spatial.errors import N_, InvalidInput


class _Broken:
    """An analysis whose computation raises ``error`` (the shape of spatial.analysis.Analysis)."""
    defaults: dict = {}
    needs = ()
    tables = ()

    def __init__(self, error: Exception):
        self.error = error

    def prepare(self, params: dict) -> dict:
        return params

    def group_parameters(self, params: dict, kabupaten: list) -> None:
        return None

    def run(self, conn, run_id, params, kab, progress):
        raise self.error


def test_a_failed_run_says_why_and_an_unexpected_one_leaves_its_traceback(db_url, caplog):
    analyses = {"uji_tolak": _Broken(InvalidInput(N_("layanan %(nama)s tidak dikenal"), nama="sumur")),
                "uji_patah": _Broken(ZeroDivisionError("division by zero"))}
    plan = plan_runs(analyses, tuple(analyses), url=db_url, oleh="uji")
    try:
        with caplog.at_level(logging.ERROR, logger="spatial.analysis.runner"):
            results = {t.jenis: run_task(analyses[t.jenis], t, db_url) for t in plan.tasks}
        with psycopg.connect(db_url) as conn:
            stored = dict(conn.execute("SELECT jenis, ringkasan->>'galat' FROM analisis_run WHERE id = ANY(%s)",
                                       (plan.run_ids,)).fetchall())
    finally:
        with psycopg.connect(db_url) as conn:
            conn.execute("DELETE FROM analisis_run WHERE id = ANY(%s)", (plan.run_ids,))
    assert {r.status for r in results.values()} == {"gagal"}
    assert stored == {"uji_tolak": "layanan sumur tidak dikenal", "uji_patah": "ZeroDivisionError: division by zero"}
    logged = [r for r in caplog.records if r.exc_info]
    assert [r.exc_info[0] for r in logged] == [ZeroDivisionError]  # the refusal is no server error: not logged
