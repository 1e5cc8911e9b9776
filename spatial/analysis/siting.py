"""Infrastructure siting: where k new water points or communal sanitation units cover the most
unserved households (maximal covering location problem, PuLP + HiGHS), with a greedy baseline and
the marginal gain of every chosen site."""
from collections import defaultdict

import numpy as np
import pulp
from scipy.spatial import cKDTree

from spatial import sqlfiles
from spatial.analysis.common import no_progress
from spatial.analysis.regions import Kabupaten
from spatial.errors import N_, InvalidInput


JENIS = "lokasi"
DEFAULTS = {
    "k": 10,                  # number of new sites per service and kabupaten
    "k_provinsi": 0,          # > 0: this many sites per service in all, split between kabupaten by need
    "layanan": "keduanya",    # air | sanitasi | keduanya
    "sel_m": 250.0,           # candidate grid: centre of every cell of this size holding demand
    "maks_kandidat": 1500,    # keep the candidates covering the most demand
    "bobot_miskin": 1.0,      # weight of a poor (desil 1-2) unserved household; 1 = all equal
    "run_celah": 0,           # gaps run to use (0 = latest)
    "batas_waktu_s": 120.0,   # solver time limit
}


def coverage_groups(cover: list[set[int]], weight: np.ndarray) -> tuple[list[frozenset], list[float]]:
    """Merge demand points with identical sets of covering candidates (same constraint), summing
    their weights; points no candidate covers are dropped. Shrinks the model a lot."""
    groups: defaultdict[frozenset, float] = defaultdict(float)
    for sites, w in zip(cover, weight):
        if sites:
            groups[frozenset(sites)] += float(w)
    keys = sorted(groups, key=lambda s: (min(s), len(s), sorted(s)))
    return keys, [groups[k] for k in keys]


def solve_mclp(groups: list[frozenset], weights: list[float], n_sites: int, k: int,
               time_limit: float = 120.0) -> list[int]:
    """Maximal covering: choose ``k`` of ``n_sites`` candidates maximising the covered weight.
    ``groups[g]`` is the set of candidates covering demand group ``g`` of weight ``weights[g]``."""
    k = min(k, n_sites)
    if k <= 0 or not groups:
        return []
    model = pulp.LpProblem("mclp", pulp.LpMaximize)
    x = [model.add_variable(f"x{j}", cat="Binary") for j in range(n_sites)]
    y = [model.add_variable(f"y{g}", 0, 1) for g in range(len(groups))]
    model += pulp.lpSum(w * y[g] for g, w in enumerate(weights))
    model += pulp.lpSum(x) == k
    for g, sites in enumerate(groups):
        model += y[g] <= pulp.lpSum(x[j] for j in sites)
    model.solve(pulp.HiGHS(msg=False, timeLimit=time_limit))
    return sorted(j for j in range(n_sites) if (x[j].value() or 0) > 0.5)


def covered_weight(groups, weights, chosen) -> float:
    """Weight of the demand covered by the candidate set ``chosen``."""
    chosen = set(chosen)
    return sum(w for sites, w in zip(groups, weights) if sites & chosen)


def greedy(groups, weights, n_sites: int, k: int) -> list[int]:
    """Greedy baseline: repeatedly add the candidate with the largest marginal gain."""
    return order_by_gain(groups, weights, range(n_sites), k)


def order_by_gain(groups, weights, candidates, k: int | None = None) -> list[int]:
    """Candidates in greedy order (largest marginal gain first, ties by lower index)."""
    by_site: defaultdict[int, list[int]] = defaultdict(list)
    for g, sites in enumerate(groups):
        for j in sites:
            by_site[j].append(g)
    remaining, covered = set(candidates), set()
    order: list[int] = []
    while remaining and (k is None or len(order) < k):
        best = max(sorted(remaining), key=lambda j: sum(weights[g] for g in by_site[j] if g not in covered))
        order.append(best)
        remaining.discard(best)
        covered.update(by_site[best])
    return order


def candidates_and_cover(demand: list[dict], centres: list[dict], radius: float, params: dict):
    """Candidate sites (grid cell centres of the demand plus unserved-cluster centres, in the metres
    of the kabupaten's UTM zone) and, per demand point, the set of candidates within ``radius``."""
    if not demand:
        return [], []
    cell = params["sel_m"]
    xy = np.array([(d["x"], d["y"]) for d in demand])
    grid = np.unique(np.floor(xy / cell), axis=0) * cell + cell / 2
    extra = np.array([(c["x"], c["y"]) for c in centres]).reshape(-1, 2)
    points = np.vstack([grid, extra])
    counts = [len(m) for m in cKDTree(xy).query_ball_point(points, radius)]
    sites = sorted(({"x": float(p[0]), "y": float(p[1]), "n": c} for p, c in zip(points, counts)),
                   key=lambda s: (-s["n"], s["x"], s["y"]))
    sites = [s for s in sites[: params["maks_kandidat"]] if s["n"] > 0]
    cover: list[set[int]] = [set() for _ in demand]
    if sites:
        tree = cKDTree(np.array([(s["x"], s["y"]) for s in sites]))
        cover = [set(near) for near in tree.query_ball_point(xy, radius)]
    return sites, cover


def site_service(conn, run_id: int, gaps_run: int, layanan: str, radius: float, k: int, params: dict,
                 kab: Kabupaten, progress=no_progress) -> dict:
    """Choose and store ``k`` sites for one service; returns its summary (with the greedy baseline)."""
    query = {**kab.params(), "run_id": gaps_run, "layanan": layanan}
    demand = sqlfiles.fetch_all(conn, "analysis/siting_demand", query)
    centres = sqlfiles.fetch_all(conn, "analysis/siting_cluster_centres", query)
    progress(f"kandidat ({layanan})", 0.2)
    sites, cover = candidates_and_cover(demand, centres, radius, params)
    weight = np.array([params["bobot_miskin"] if d["miskin"] else 1.0 for d in demand])
    groups, weights = coverage_groups(cover, weight)
    progress(f"MCLP ({layanan})", 0.4)
    chosen = solve_mclp(groups, weights, len(sites), k, params["batas_waktu_s"])
    baseline = greedy(groups, weights, len(sites), k)
    order = order_by_gain(groups, weights, chosen)
    rank, gain, total = {}, {}, 0.0
    for n, j in enumerate(order, start=1):
        now = covered_weight(groups, weights, order[:n])
        rank[j], gain[j], total = n, now - total, now
    rows = []
    for j, s in enumerate(sites):
        rows.append({"run_id": run_id, "layanan": layanan, "kandidat_id": j + 1, "terpilih": j in rank,
                     "urutan": rank.get(j), "cakupan": s["n"], "tambahan": round(gain[j]) if j in gain else None,
                     "kumulatif": round(covered_weight(groups, weights, order[: rank[j]])) if j in rank else None,
                     "x": s["x"], "y": s["y"], "srid": kab.srid})
    with conn.cursor() as cur:
        cur.executemany(sqlfiles.query("analysis/siting_insert"), rows)
    return {"k": k, "permintaan": round(float(weight.sum())), "kandidat": len(sites), "radius_m": radius,
            "cakupan": round(covered_weight(groups, weights, chosen)),
            "cakupan_greedy": round(covered_weight(groups, weights, baseline))}


def split_by_need(total: int, need: dict[str, float]) -> dict[str, int]:
    """``total`` sites shared between kabupaten in proportion to their need (largest remainder:
    every kabupaten gets the floor of its exact share, the sites left over go to the largest
    remainders, ties to the lower code); the shares always add up to ``total`` when any need > 0."""
    whole = sum(need.values())
    if total <= 0 or whole <= 0:
        return {code: 0 for code in need}
    exact = {code: total * value / whole for code, value in need.items()}
    shares = {code: int(value) for code, value in exact.items()}
    left = total - sum(shares.values())
    for code in sorted(exact, key=lambda c: (-(exact[c] - shares[c]), c))[:left]:
        shares[code] += 1
    return shares


def services(params: dict) -> tuple[str, ...]:
    """The services a siting run places sites for."""
    return ("air", "sanitasi") if params["layanan"] == "keduanya" else (params["layanan"],)


def sites_per_service(conn, params: dict, kab: Kabupaten) -> dict[str, int]:
    """How many sites kabupaten ``kab`` gets per service: ``k`` each, or, with a province total
    ``k_provinsi``, its share of that total by need (weighted unserved households of the latest
    gaps run of every kabupaten of the request, ``kabupaten_kelompok``)."""
    if not params["k_provinsi"]:
        return {layanan: params["k"] for layanan in services(params)}
    group = params.get("kabupaten_kelompok") or [kab.kode_kab]
    need = sqlfiles.fetch_all(conn, "analysis/siting_need", {"kode_kab": group, "bobot_miskin": params["bobot_miskin"]})
    return {layanan: split_by_need(params["k_provinsi"], {code: next(
        (float(n[layanan]) for n in need if n["kode_kab"] == code), 0.0) for code in group})[kab.kode_kab]
        for layanan in services(params)}


def checked_parameters(params: dict) -> dict:
    """The parameters as given, or InvalidInput before any run is recorded (e.g. an unknown service)."""
    if params["layanan"] not in ("air", "sanitasi", "keduanya"):
        raise InvalidInput(N_("Parameter layanan harus air, sanitasi atau keduanya."))
    if params["k"] < 1:
        raise InvalidInput(N_("Parameter k harus paling sedikit 1."))
    if params["k_provinsi"] < 0:
        raise InvalidInput(N_("Parameter k_provinsi tidak boleh negatif."))
    return params


def group_parameters(params: dict, kabupaten: list) -> dict | None:
    """With a province total (``k_provinsi``), every siting run of the request needs the gaps runs
    of all its kabupaten: the codes they share the total with are stored with each run."""
    if not params["k_provinsi"]:
        return None
    return {"kabupaten_kelompok": sorted(k.kode_kab for k in kabupaten)}


def run(conn, run_id: int, params: dict, kab: Kabupaten, progress=no_progress) -> dict:
    """Write candidate and chosen sites of kabupaten ``kab`` for ``run_id`` to analisis_lokasi;
    returns the summary. Demand and candidates are the kabupaten's own."""
    found = sqlfiles.fetch_all(conn, "analysis/gaps_latest_params", {"run_id": params["run_celah"], **kab.params()})
    if not found:
        raise InvalidInput(N_("Belum ada hasil analisis celah layanan untuk %(kab)s; jalankan analisis celah dulu."),
                           kab=kab.kode_kab)
    gaps_run, gaps_params = found[0]["id"], found[0]["parameter"]
    summary = {"run_celah": gaps_run}
    for layanan, k in sites_per_service(conn, params, kab).items():
        radius = float(gaps_params[f"radius_{layanan}_m"])
        summary[layanan] = site_service(conn, run_id, gaps_run, layanan, radius, k, params, kab, progress)
    return summary
