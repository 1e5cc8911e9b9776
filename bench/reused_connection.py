"""Whether a page slows down once the app's pooled connection has served it a few times: every GET
route (path values taken from the database: a programme, a village and its kecamatan and
kabupaten), 12 requests in a row as admin under gunicorn, the median ms of the first 5 and of the
last 5. psycopg prepares a query from its sixth run on a connection and PostgreSQL may then switch
to a generic plan that cannot see the values; a route whose last runs are slower is flagged ``<<<``
(the drawn-area preview was, at 1,000,000 households: 220 -> 390 ms).

    DATABASE_URL=$(./sasaran db) .venv/bin/python -m bench.reused_connection
    .venv/bin/python -m bench.reused_connection --db postgresql://sasaran@127.0.0.1:54329/bench_h9
"""
import argparse
import os
import statistics
import time

import psycopg

from bench.web import session, start_sasaran
from spatial.settings import database_url

RUNS, COMPARED = 12, 5
SKIPPED = ("/static", "/vendor", "/logout")


def path_values(url: str) -> dict:
    """Values for the path parts of the routes: the newest programme and the first village."""
    with psycopg.connect(url) as conn:
        program_id = conn.execute("SELECT max(id) FROM program").fetchone()[0]
        desa = conn.execute("SELECT kode_desa FROM desa ORDER BY kode_desa LIMIT 1").fetchone()[0]
    return {"program_id": program_id, "kode_desa": desa, "kode": desa, "kode_kec": desa[:8], "kode_kab": desa[:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=os.environ.get("BENCH_DATABASE_URL") or database_url())
    args = parser.parse_args()
    from spatial.users import create_demo_users
    from webgis import create_app
    create_demo_users(args.db)
    values = path_values(args.db)
    rules = create_app({"DATABASE_URL": args.db, "TESTING": True}).url_map.iter_rules()
    server = start_sasaran(args.db)
    try:
        web = session(server, "admin")
        for rule in rules:
            if "GET" not in rule.methods or rule.rule.startswith(SKIPPED) or None in (
                    values.get(name) for name in rule.arguments):
                continue
            path = rule.build({name: values[name] for name in rule.arguments}, append_unknown=False)[1]
            times, status = [], 0
            for _ in range(RUNS):
                started = time.perf_counter()
                status = web.get(server.base + path, timeout=600).status_code
                times.append((time.perf_counter() - started) * 1000)
            first, last = statistics.median(times[:COMPARED]), statistics.median(times[-COMPARED:])
            flag = "  <<<" if last > 1.3 * first and last - first > 20 else ""
            print(f"{path:60s} {status}  pertama {first:6.0f} ms  terakhir {last:6.0f} ms{flag}", flush=True)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
