"""Partition pruning: a kabupaten-scoped household query (kode_prov derived from kode_kab) reads one
partition of rumah_tangga, with literal values, bound parameters and a prepared (generic) plan."""
import json

import pytest

from spatial.codes import parents

SCOPED = ("SELECT kode_desa, count(*) FROM rumah_tangga "
          "WHERE kode_prov = %(kode_prov)s AND kode_kab = %(kode_wilayah)s AND aktif GROUP BY kode_desa")
UNSCOPED = "SELECT kode_desa, count(*) FROM rumah_tangga WHERE kode_kab = %(kode_wilayah)s AND aktif GROUP BY kode_desa"


def region_scope(kode_wilayah: str) -> dict:
    """Bind parameters of a region filter: the code and the province that prunes the partitions."""
    return {"kode_prov": parents(kode_wilayah)["kode_prov"], "kode_wilayah": kode_wilayah}


def _relations(plan: dict, executed_only: bool):
    if "Relation Name" in plan and (not executed_only or plan.get("Actual Loops", 1) > 0):
        yield plan["Relation Name"]
    for child in plan.get("Plans", []):
        yield from _relations(child, executed_only)


def partitions_touched(conn, query: str, params: dict, analyse: bool = False) -> set:
    """Household partitions a query reads, from its EXPLAIN (with ANALYZE: only those executed)."""
    options = "ANALYZE, FORMAT JSON" if analyse else "FORMAT JSON"
    raw = conn.execute(f"EXPLAIN ({options}) {query}", params).fetchone()[0]
    plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
    return {name for name in _relations(plan, analyse) if name.startswith("rumah_tangga")}


@pytest.fixture
def three_partitions(db):
    """The test database plus an extra province partition (rolled back with the test's transaction)."""
    db.execute("SELECT sasaran_pastikan_partisi('31')")
    names = {row[0] for row in db.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'rumah_tangga'::regclass")}
    assert names == {"rumah_tangga_p18", "rumah_tangga_p31", "rumah_tangga_lain"}
    return db


def test_parent_codes_of_every_level():
    assert parents("18.04") == {"kode_prov": "18", "kode_kab": "18.04", "kode_kec": None}
    assert parents("18.04.04.2002") == {"kode_prov": "18", "kode_kab": "18.04", "kode_kec": "18.04.04"}
    assert parents("18") == {"kode_prov": "18", "kode_kab": None, "kode_kec": None}


def test_kabupaten_query_with_derived_province_reads_one_partition(three_partitions):
    db = three_partitions
    params = region_scope("18.04")
    assert partitions_touched(db, SCOPED, params) == {"rumah_tangga_p18"}
    counts = dict(db.execute(SCOPED, params).fetchall())
    assert sum(counts.values()) == db.execute("SELECT count(*) FROM rumah_tangga WHERE aktif").fetchone()[0] > 0


def test_kabupaten_code_alone_reads_every_partition(three_partitions):
    """Why the app adds kode_prov: without it the planner cannot prune."""
    touched = partitions_touched(three_partitions, UNSCOPED, region_scope("18.04"))
    assert touched == {"rumah_tangga_p18", "rumah_tangga_p31", "rumah_tangga_lain"}


def test_prepared_generic_plan_prunes_at_execution(three_partitions):
    db = three_partitions
    db.execute("SET LOCAL plan_cache_mode = force_generic_plan")
    executed = partitions_touched(db, SCOPED, region_scope("18.04"), analyse=True)
    assert executed == {"rumah_tangga_p18"}
