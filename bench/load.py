"""Load test (issue #8): 50 concurrent users for 60 s on the map page, household vector tiles and
the selection API, against Sasaran under gunicorn on loopback. Prints requests, errors (target 0),
throughput and p50/p95/max latency per kind of request.

    DATABASE_URL=postgresql://.../d_h8 .venv/bin/python -m bench.load [--users 50] [--seconds 60]
        [--workers 3] [--base http://127.0.0.1:5008]

Without ``--base`` it starts its own gunicorn (``--workers`` processes x 4 threads, as in
production). Each virtual user signs in (perkim demo account, sample mode) and then loops:
20 % Peta Utama (HTML page), 60 % vector tiles from the fixed benchmark tile list, 20 % selection
candidates of one programme (``/api/seleksi/<id>/kandidat``, a random desil filter). A bounded
thread pool (one thread per user, requests.Session each) is the client; nothing leaves loopback.
"""
import argparse
import os
import random
import threading
import time
from collections import defaultdict
from urllib.parse import urlsplit

from bench.common import PYTHON, Server, log
from bench.tiles_list import fixed_tiles
from bench.web import SECRET, bench_programme, find_route, session
from spatial.settings import database_url
from spatial.sample import SAMPLE_BOUNDARIES

MIX = (("peta", 0.2), ("tile", 0.6), ("seleksi", 0.2))


class _Target:
    def __init__(self, base: str):
        self.base = base


def _user(base, tiles, selection_url, until, results, lock, seed):
    rng = random.Random(seed)
    try:
        web = session(_Target(base), "perkim")
    except Exception as exc:  # a failed sign-in is an error of this user, not a crash of the run
        with lock:
            results["login"].append((None, repr(exc)))
        return
    while time.monotonic() < until:
        kind = rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
        if kind == "seleksi" and not selection_url:
            kind = "tile"
        if kind == "peta":
            url = base + "/"
        elif kind == "tile":
            z, x, y, _ = rng.choice(tiles)
            url = f"{base}/tiles/rumah-tangga/{z}/{x}/{y}.pbf"
        else:
            url = f"{selection_url}?desil={rng.randint(1, 4)}"
        started = time.perf_counter()
        try:
            answer = web.get(url, timeout=60)
            _ = answer.content
            outcome = answer.status_code
        except Exception as exc:
            outcome = repr(exc)[:80]
        elapsed = (time.perf_counter() - started) * 1000
        with lock:
            results[kind].append((elapsed, outcome))


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * (len(ordered) - 1) + 0.5))] if ordered else float("nan")


def report(results: dict, seconds: float) -> int:
    """Print the table; returns the number of errors."""
    errors_total = 0
    print(f"{'jenis':<9} {'permintaan':>10} {'galat':>6} {'per detik':>10} {'p50 ms':>8} {'p95 ms':>8} {'maks ms':>8}")
    everything = []
    for kind, rows in sorted(results.items()):
        times = [t for t, outcome in rows if t is not None]
        errors = [outcome for _, outcome in rows if outcome != 200]
        errors_total += len(errors)
        everything += times
        print(f"{kind:<9} {len(rows):>10} {len(errors):>6} {len(rows) / seconds:>10.1f} "
              f"{_percentile(times, 0.5):>8.0f} {_percentile(times, 0.95):>8.0f} {max(times or [0]):>8.0f}")
        if errors:
            print(f"          galat: {_count(errors)}")
    total = sum(len(r) for r in results.values())
    print(f"{'semua':<9} {total:>10} {errors_total:>6} {total / seconds:>10.1f} {_percentile(everything, 0.5):>8.0f} "
          f"{_percentile(everything, 0.95):>8.0f} {max(everything or [0]):>8.0f}")
    return errors_total


def _count(values) -> dict:
    counts = defaultdict(int)
    for value in values:
        counts[str(value)] += 1
    return dict(counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--base", default=None, help="an already running Sasaran (loopback only)")
    args = parser.parse_args()
    url = database_url()
    server = None
    if args.base:
        if urlsplit(args.base).hostname not in ("127.0.0.1", "localhost", "::1"):
            parser.error("--base must be a loopback address")
        base = args.base.rstrip("/")
    else:
        server = Server([PYTHON, "-m", "gunicorn", "--workers", str(args.workers), "--threads", "4", "--timeout", "120",
                         "--bind", "127.0.0.1:{port}", "webgis:create_app()"],
                        {"DATABASE_URL": url, "SASARAN_BASEMAP_URL": "none", "SASARAN_SECRET_KEY": SECRET,
                         "SASARAN_SAMPLE_MODE": "1"}, probe_path="/login")
        base = server.base
    try:
        tiles = fixed_tiles(SAMPLE_BOUNDARIES)
        selection_url = None
        rule = find_route(("/kandidat",))
        if rule and "<int:program_id>" in rule:
            selection_url = base + rule.replace("<int:program_id>", str(bench_programme(url)))
        load1, load5, _ = os.getloadavg()
        log(f"{args.users} pengguna x {args.seconds:.0f} s terhadap {base} (seleksi: {selection_url or 'tidak ada'}); "
            f"beban mesin sebelum mulai {load1:.1f} / {load5:.1f} (1 / 5 menit)")
        results, lock = defaultdict(list), threading.Lock()
        until = time.monotonic() + args.seconds
        started = time.monotonic()
        users = [threading.Thread(target=_user, args=(base, tiles, selection_url, until, results, lock, n), daemon=True)
                 for n in range(args.users)]
        for user in users:
            user.start()
        for user in users:
            user.join(args.seconds + 120)
        errors = report(results, time.monotonic() - started)
        load1, load5, _ = os.getloadavg()
        log(f"selesai: {errors} galat; beban mesin {load1:.1f} / {load5:.1f} (1 / 5 menit) pada {os.cpu_count()} inti")
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
