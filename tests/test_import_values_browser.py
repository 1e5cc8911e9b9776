"""Issue #17 in a real browser: an upload with values no entry matches leads the user to the
value-mapping step, and the import runs with the chosen entries."""
import threading

import psycopg
import pytest

from conftest import browser_login, make_app
from import_helpers import csv_text, household, villages
from spatial.users import create_demo_users


@pytest.fixture(scope="module")
def mapping_server(module_scratch_db):
    from werkzeug.serving import make_server

    create_demo_users(module_scratch_db)
    server = make_server("127.0.0.1", 0, make_app(module_scratch_db), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", module_scratch_db
    server.shutdown()


def test_browser_walks_through_the_value_mapping(browser, mapping_server, tmp_path):
    base, url = mapping_server
    rows = [household(500 + i, villages(url)["a"], jenis_lantai="lantai papan cor" if i else "Keramik")
            for i in range(3)]
    path = tmp_path / "kecamatan lain.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    context = browser.new_context(base_url=base)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    browser_login(tab, "perkim")
    tab.goto("/impor/")
    tab.fill("#sumber", "Puskesmas Uji")
    tab.set_input_files("#berkas", str(path))
    tab.click("#import-form button[type=submit]")
    tab.wait_for_url("**/nilai", timeout=60000)
    assert "lantai papan cor" in tab.inner_text(".values-table") and "2" in tab.inner_text(".values-table")
    tab.select_option("select[name='nilai-jenis_lantai-0']", "kayu/papan")
    tab.click("#values-form button[type=submit]")
    tab.wait_for_selector("#job-summary:not(.d-none)", timeout=60000)
    assert tab.inner_text("#n-ditambah") == "3" and tab.inner_text("#n-ditolak") == "0"
    with psycopg.connect(url) as conn:
        floors = conn.execute("SELECT jenis_lantai, count(*) FROM rumah_tangga WHERE id_keluarga LIKE 'KK005%%' "
                              "GROUP BY 1 ORDER BY 1").fetchall()
    assert floors == [("kayu/papan", 2), ("keramik", 1)] and not errors
    context.close()
