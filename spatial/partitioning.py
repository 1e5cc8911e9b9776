"""Partition-aware region scoping for the household table.

``rumah_tangga`` is LIST-partitioned by ``kode_prov``. A query scoped to a kabupaten, kecamatan or
village must also carry the province code (derived from the region code) so PostgreSQL prunes to
one partition; on Citus the same rule keeps a query on one shard (see docs/scaling.md).
"""
import json


def region_scope(kode_wilayah: str | None) -> dict:
    """Bind parameters of a region filter: the code itself plus its province and kabupaten.

    ``18.04.04`` -> {"kode_prov": "18", "kode_kab": "18.04", "kode_wilayah": "18.04.04"}; None =
    everywhere. ``kode_prov`` prunes the partitions here; ``kode_kab`` routes to one shard on Citus.
    """
    if not kode_wilayah:
        return {"kode_prov": None, "kode_kab": None, "kode_wilayah": None}
    return {"kode_prov": kode_wilayah[:2], "kode_kab": kode_wilayah[:5] if len(kode_wilayah) >= 5 else None,
            "kode_wilayah": kode_wilayah}


def _relations(plan: dict, executed_only: bool):
    node_ran = not executed_only or plan.get("Actual Loops", 1) > 0
    if "Relation Name" in plan and node_ran:
        yield plan["Relation Name"]
    for child in plan.get("Plans", []):
        yield from _relations(child, executed_only)


def partitions_touched(conn, query: str, params: dict | None = None, analyse: bool = False) -> set:
    """Household partitions a query reads, from its EXPLAIN (with ANALYZE: only those executed)."""
    options = "ANALYZE, FORMAT JSON" if analyse else "FORMAT JSON"
    raw = conn.execute(f"EXPLAIN ({options}) {query}", params or {}).fetchone()[0]
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    return {name for name in _relations(plan, analyse) if name.startswith("rumah_tangga")}
