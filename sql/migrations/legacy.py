"""Databases migrated before the migrations became one chain (issue #15).

Until then eight revisions branched from ``0001_foundation`` and ``alembic_version`` held one row
per branch head. The same revisions now form one chain (``sql/migrations/versions``, in number
order). A database that recorded several heads is brought to the chain's bookkeeping here, before
Alembic reads it: the rows are replaced by the last revision of the longest run of the chain that
the database has applied. A database that applied a revision past that run (it skipped one the
chain puts earlier) cannot be upgraded safely and is refused with a message saying so.
"""
from sqlalchemy import text

# The graph as it was: revision -> its down revisions (only needed to know what a row implied).
OLD_PARENTS = {
    "0001_foundation": (),
    "0003_import": ("0001_foundation",),
    "0004_analysis": ("0001_foundation",),
    "0006_selection": ("0001_foundation",),
    "0007_areas": ("0001_foundation",),
    "0008_security": ("0001_foundation",),
    "0090_tile_cache": ("0001_foundation",),
    "0093_import_speed": ("0001_foundation",),
    "0094_selection_area": ("0004_analysis", "0006_selection"),
    "0095_indikator_desa_tabel": ("0004_analysis",),
    "0097_map_geometry": ("0001_foundation",),
    "0098_indikator_bulk": ("0095_indikator_desa_tabel",),
    "0099_rumah_tangga_unique_order": ("0098_indikator_bulk",),
    "0100_sesi": ("0099_rumah_tangga_unique_order", "0003_import", "0007_areas", "0008_security", "0090_tile_cache",
                  "0093_import_speed", "0094_selection_area", "0097_map_geometry"),  # merged every head
}


class LegacyVersionError(RuntimeError):
    """The recorded revisions do not fit the chain: migrate with the release that wrote them first."""


def applied_revisions(rows: list[str]) -> set[str]:
    """Every revision that the recorded heads imply (they and their ancestors in the old graph)."""
    applied, todo = set(), list(rows)
    while todo:
        revision = todo.pop()
        if revision not in applied:
            applied.add(revision)
            todo.extend(OLD_PARENTS.get(revision, ()))
    return applied


def chain_position(rows: list[str], chain: list[str]) -> str:
    """The one revision to record for a database whose ``alembic_version`` holds ``rows``."""
    applied = applied_revisions(rows)
    done = 0
    while done < len(chain) and chain[done] in applied:
        done += 1
    beyond = sorted(applied - set(chain[:done]))
    if beyond or done == 0:
        raise LegacyVersionError(
            f"alembic_version lists {', '.join(sorted(rows))}: revision {chain[done]} is missing before "
            f"{', '.join(beyond) or 'them'}. Upgrade this database with the release that created it, then again.")
    return chain[done - 1]


def collapse_heads(connection, chain: list[str]) -> None:
    """Replace several recorded heads by their position on ``chain`` (oldest revision first)."""
    if connection.execute(text("SELECT to_regclass('alembic_version')")).scalar() is None:
        return
    rows = list(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    if len(rows) <= 1:
        return
    head = chain_position(rows, chain)
    connection.execute(text("DELETE FROM alembic_version"))
    connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
