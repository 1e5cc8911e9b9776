"""Issue #8 reliability: PostgreSQL stops and starts while a client keeps requesting (a throwaway
cluster of this test, never the shared one), and a pg_dump/pg_restore round trip of the sample."""
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import psycopg
import pytest
from psycopg import sql as psql
import requests

from conftest import TEST_URL, _admin, _name, _with_name, make_app, recreate_database, wait_for
from spatial.boundaries import load_boundaries
from spatial.migrate import migrate
from spatial.sample import SAMPLE_BOUNDARIES

PGBIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(args, **kwargs):
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    return subprocess.run(prefix + [str(a) for a in args], check=True, capture_output=True, text=True, **kwargs)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def own_cluster():
    """A private PostgreSQL 15 + PostGIS cluster in a temporary folder, with the boundaries loaded."""
    folder = Path(tempfile.mkdtemp(prefix="sasaran-h8-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    port = _free_port()
    data = folder / "data"
    _as_postgres([PGBIN / "initdb", "-D", data, "-U", "sasaran", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
                  "--no-sync"])
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"

    def ctl(action):
        _as_postgres([PGBIN / "pg_ctl", "-D", data, "-l", folder / "server.log", "-w", "-t", "60", "-o", options,
                      *(["-m", "fast"] if action == "stop" else []), action])

    ctl("start")
    url = f"postgresql://sasaran@127.0.0.1:{port}/sasaran"
    with psycopg.connect(f"postgresql://sasaran@127.0.0.1:{port}/postgres", autocommit=True) as conn:
        conn.execute("CREATE DATABASE sasaran")
    migrate(url)
    load_boundaries(str(SAMPLE_BOUNDARIES), url=url, source=SAMPLE_BOUNDARIES.name)
    yield {"url": url, "ctl": ctl}
    try:
        ctl("stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_database_restart_recovers_by_itself(own_cluster):
    from werkzeug.serving import make_server

    app = make_app(own_cluster["url"], DB_POOL_MAX=4)  # default pool timeout: 503 within 2 s
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    log, stop = [], threading.Event()

    def client():
        session = requests.Session()
        while not stop.is_set():
            for path in ("/api/villages?tolerance=0.01", "/healthz", "/api/desa/cari?q=liwa"):
                began = time.monotonic()
                try:
                    response = session.get(base + path, timeout=20)
                    log.append((began, path, response.status_code, response.text[:400], time.monotonic()))
                except requests.RequestException as exc:
                    log.append((began, path, None, repr(exc), time.monotonic()))
            time.sleep(0.05)

    worker = threading.Thread(target=client, daemon=True)
    worker.start()
    wait_for(lambda: sum(entry[2] == 200 for entry in log) >= 3, what="answers before the outage")
    stopped_at = time.monotonic()
    own_cluster["ctl"]("stop")
    stop_done = time.monotonic()
    wait_for(lambda: sum(entry[0] >= stop_done for entry in log) >= 3, what="answers during the outage")
    page_while_down = requests.get(base + "/", timeout=20)
    started_at = time.monotonic()
    own_cluster["ctl"]("start")
    deadline = started_at + 30
    while time.monotonic() < deadline:
        recent = [entry for entry in log if entry[0] > started_at]
        if len(recent) >= 15 and all(entry[2] == 200 for entry in recent[-9:]):
            break
        time.sleep(0.2)
    stop.set()
    worker.join(30)
    server.shutdown()
    app.extensions["db_pool"].close()

    before = [e for e in log if e[4] < stopped_at]
    in_flight = [e for e in log if e[0] < stop_done and e[4] >= stopped_at]  # requests across the shutdown
    down = [e for e in log if stop_done <= e[0] and e[4] < started_at]
    after = [e for e in log if e[0] >= started_at]
    first_ok = next((e[0] for e in after if e[2] == 200), None)
    print(f"\nrestart: {len(before)} before (ok {sum(e[2] == 200 for e in before)}), {len(down)} while down "
          f"(503: {sum(e[2] == 503 for e in down)}), {len(in_flight)} in flight, {len(after)} after restart, recovered "
          f"{sum(e[2] == 200 for e in after)}; first success {first_ok - started_at if first_ok else None:.1f} s "
          "after start")
    assert before and all(e[2] == 200 for e in before)
    assert all(e[2] in (200, 503) for e in in_flight), [e[1:3] for e in in_flight]  # clean failure, no 500
    assert down and all(e[2] == 503 for e in down), [e[1:3] for e in down]
    assert max(e[4] - e[0] for e in down) < 2.0, "a database outage answers 503 within 2 s"
    assert not any("Traceback" in e[3] for e in log)
    assert all("Basis data sedang tidak dapat dihubungi" in e[3] for e in down if e[1] != "/healthz")
    assert page_while_down.status_code == 503 and "Layanan sementara tidak tersedia" in page_while_down.text
    assert first_ok is not None and first_ok - started_at < 15
    assert sum(e[2] == 200 for e in after) >= 9 and all(e[2] == 200 for e in after[-9:])


def test_backup_and_restore_give_identical_counts(db_url, tmp_path):
    dump = tmp_path / "sasaran.dump"
    subprocess.run([PGBIN / "pg_dump", "-Fc", "-Z", "1", "-f", dump, db_url], check=True)
    target = recreate_database(_with_name(TEST_URL, _name(TEST_URL) + "_restore"))
    try:
        subprocess.run([PGBIN / "pg_restore", "--no-owner", "--exit-on-error", "-j", "2", "-d", target, dump], check=True)
        counts = []
        for url in (db_url, target):
            with psycopg.connect(url) as conn:
                tables = [r[0] for r in conn.execute(
                    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1").fetchall()]
                counts.append({t: conn.execute(psql.SQL("SELECT count(*) FROM {}").format(psql.Identifier(t))).fetchone()[0]
                               for t in tables})
                counts[-1]["_households_checksum"] = conn.execute(
                    "SELECT md5(string_agg(id_keluarga || coalesce(nik_kepala, '') || coalesce(ST_AsText(geom), ''), "
                    "',' ORDER BY id_keluarga)) FROM rumah_tangga").fetchone()[0]
        assert counts[0]["rumah_tangga"] > 0 and counts[0]["desa"] == 136
        assert counts[1] == counts[0]
    finally:
        _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", _name(target))
