"""Jobs in the database: a run started through one gunicorn worker shows its progress through
another (separate processes, no shared memory), and an orphaned job can be found."""
import os
import re
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import psycopg
import requests

from conftest import wait_for
from spatial import jobs
from spatial.importer.registry import import_households
from spatial.users import create_demo_users

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(base: str) -> bool:
    try:
        return requests.get(base + "/healthz", timeout=2).status_code == 200
    except requests.RequestException:  # not listening yet, or still starting
        return False


@contextmanager
def _gunicorn(url: str):
    """``./sasaran serve``'s gunicorn (its config file) with one worker, on a free loopback port."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "SASARAN_HOST": "127.0.0.1", "SASARAN_PORT": str(port),
           "SASARAN_WORKERS": "1", "SASARAN_THREADS": "2", "SASARAN_SECRET_KEY": "kunci-uji-dua-pekerja",
           "SASARAN_BASEMAP_URL": "none", "SASARAN_SAMPLE_MODE": "1"}
    server = subprocess.Popen([str(GUNICORN), "--config", "gunicorn.conf.py"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: _healthy(base), what="gunicorn to answer")
        yield base
    finally:
        server.terminate()
        server.wait(30)


def _signed_in(base: str, role: str) -> requests.Session:
    web = requests.Session()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', web.get(base + "/login").text).group(1)
    answer = web.post(base + "/login", data={"username": role, "password": f"demo-{role}", "csrf_token": token},
                      allow_redirects=False)
    assert answer.status_code == 302
    page = web.get(base + "/analisis/kantong").text  # the signed-in session's own token
    web.headers["X-CSRFToken"] = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return web


def _waiting_on(url: str, table: str) -> bool:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) > 0 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                            "WHERE c.relname = %s AND NOT l.granted", (table,)).fetchone()[0]


def test_analysis_progress_polled_through_another_worker(module_scratch_db, sample_dir, tmp_path):
    url = module_scratch_db
    create_demo_users(url)
    households = tmp_path / "rt.csv"  # analyses run per kabupaten with households
    households.write_text("".join((sample_dir / "households.csv").open(encoding="utf-8").readlines()[:300]),
                          encoding="utf-8")
    import_households(households, url=url)
    with _gunicorn(url) as first, _gunicorn(url) as second:
        starter = _signed_in(first, "perencana")
        poller = _signed_in(second, "perencana")
        holder = psycopg.connect(url)
        try:
            holder.execute("LOCK TABLE analisis_kantong IN ACCESS EXCLUSIVE MODE")  # the run stops at its insert
            started = starter.post(first + "/api/analisis/kantong/jalankan", json={})
            assert started.status_code == 202, started.text
            run_id = started.json()["run_id"]
            wait_for(lambda: _waiting_on(url, "analisis_kantong"), what="the run to wait for its insert")
            seen = poller.get(f"{second}/api/analisis/runs/{run_id}").json()
            # the other process reports the step the run reached before its insert, as the job row says
            with psycopg.connect(url) as conn:
                step = conn.execute("SELECT fase, persen FROM tugas WHERE run_id = %s", (run_id,)).fetchone()
            assert seen["status"] == "berjalan" and step[1] > 0
            assert seen["progres"] == {"langkah": step[0], "persen": step[1]}
            listed = {r["id"]: r for r in poller.get(second + "/api/analisis/runs?jenis=kantong").json()["runs"]}
            assert listed[run_id]["progres"] == seen["progres"]
        finally:
            holder.rollback()
            holder.close()
        done = wait_for(lambda: (r := poller.get(f"{second}/api/analisis/runs/{run_id}").json())["status"] != "berjalan"
                         and r, what="the run to end")
        assert done["status"] == "selesai" and done["progres"] is None


def test_orphaned_job_is_found_by_its_old_heartbeat(module_scratch_db):
    with psycopg.connect(module_scratch_db) as conn:
        job_id = jobs.create(conn, "impor", "uji", {"nama_file": "a.csv"}, berkas="/tmp/a.csv")
        alive = jobs.create(conn, "impor", "uji", {"nama_file": "b.csv"})
        conn.execute("UPDATE tugas SET detak_pada = now() - interval '10 minutes' WHERE id = %s", (job_id,))
        orphans = jobs.stale(conn)
    assert [(o["id"], o["berkas"], o["pid"]) for o in orphans if o["id"] in (job_id, alive)] == [
        (job_id, "/tmp/a.csv", os.getpid())]
    jobs.save(module_scratch_db, alive, {"nama_file": "b.csv", "status": "selesai", "persen": 100, "hasil": {"baris": 3}})
    with psycopg.connect(module_scratch_db) as conn:
        finished = jobs.get(conn, alive)
    assert jobs.state(finished) == {"nama_file": "b.csv", "hasil": {"baris": 3}, "status": "selesai", "fase": None,
                                    "persen": 100, "galat": None}
    assert finished["selesai_pada"] is not None
