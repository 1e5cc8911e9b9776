"""The migrations form one chain, and a database migrated by the code before the chain (several
branch heads recorded in alembic_version) upgrades to it."""
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

from conftest import drop_database, recreate_database
from spatial.db import sqlalchemy_url
from spatial.migrate import migrate
from sql.migrations.legacy import LegacyVersionError, chain_position

ROOT = Path(__file__).resolve().parent.parent
# alembic_version of a database migrated with the last release (before the chain).
LEGACY_HEADS = ["0003_import", "0007_areas", "0008_security", "0090_tile_cache", "0093_import_speed",
                "0094_selection_area", "0097_map_geometry", "0099_rumah_tangga_unique_order"]


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(Config(str(ROOT / "alembic.ini")))


def _chain() -> list[str]:
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


def test_revisions_form_one_chain_in_file_order():
    script = _script()
    assert len(script.get_heads()) == 1, f"several heads: {script.get_heads()} (new migrations go at the end)"
    revisions = list(script.walk_revisions())
    assert all(not isinstance(r.down_revision, tuple) for r in revisions), "a merge revision"
    files = sorted(p.stem for p in (ROOT / "sql/migrations/versions").glob("[0-9]*.py"))
    assert _chain() == files


def test_legacy_heads_map_to_the_chain_and_gaps_are_refused():
    chain = _chain()
    assert chain_position(LEGACY_HEADS, chain) == "0099_rumah_tangga_unique_order"
    assert chain_position(["0100_sesi", "0003_import"], chain) == "0100_sesi"
    # an old database that never got 0006_selection but has later branches cannot be placed
    with pytest.raises(LegacyVersionError, match="0006_selection"):
        chain_position(["0003_import", "0099_rumah_tangga_unique_order"], chain)


def test_database_of_the_last_release_before_the_chain_upgrades(template_db_url):
    """A database migrated by the code before the chain: schema up to 0099 with every old branch
    head recorded. migrate() places it on the chain and applies the later revisions."""
    url = recreate_database(template_db_url.rsplit("/", 1)[0] + "/sasaran_test_legacy")
    try:
        config = Config(str(ROOT / "alembic.ini"))
        config.set_main_option("sqlalchemy.url", sqlalchemy_url(url).replace("%", "%%"))
        command.upgrade(config, "0099_rumah_tangga_unique_order")
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("DELETE FROM alembic_version")
            conn.cursor().executemany("INSERT INTO alembic_version VALUES (%s)", [(h,) for h in LEGACY_HEADS])
        migrate(url)
        with psycopg.connect(url) as conn:
            assert [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")] == [_chain()[-1]]
            later = conn.execute("SELECT to_regclass('sesi') IS NOT NULL").fetchone()[0]
            assert later, "the revisions after the old heads were applied"
    finally:
        drop_database(url)
