"""Shared fixtures: a real PostGIS test database with the sample loaded, the app, a live server and
a headless Chromium (Debian's, driven by Playwright).

Databases (names derived from TEST_DATABASE_URL, default ``sasaran_test``):
- ``<name>_tpl``: migrated, Lampung Barat boundaries loaded, no households (template);
- ``<name>``: cloned from the template, plus the test sample (TEST_SAMPLE_HOUSEHOLDS, seed 42);
- ``scratch_db``: a fresh clone of the template for tests that must start empty or mutate a lot.
"""
import itertools
import json
import os
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql as psql

from spatial.boundaries import load_boundaries
from spatial.migrate import migrate
from spatial.sample import SAMPLE_BOUNDARIES, load_sample, sample_files

TEST_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://sasaran@127.0.0.1:54329/sasaran_test")
TEST_SAMPLE_HOUSEHOLDS = int(os.environ.get("TEST_SAMPLE_HOUSEHOLDS", "6000"))
SEED = 42
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
_scratch_numbers = itertools.count(1)


def _with_name(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def _name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _admin(sql_statement, *names):
    with psycopg.connect(_with_name(TEST_URL, "postgres"), autocommit=True) as conn:
        conn.execute(psql.SQL(sql_statement).format(*[psql.Identifier(n) for n in names]))


def wait_for(condition, seconds: float = 60.0, what: str = "the condition"):
    """Poll ``condition()`` until it returns something truthy (at most ``seconds``); return that.
    Tests wait on the state they need (a row, a lock, a server answering), never a fixed time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


def recreate_database(url: str, template: str | None = None) -> str:
    """Drop and create the database of ``url`` (optionally as a copy of ``template``)."""
    _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", _name(url))
    if template:
        _admin("CREATE DATABASE {} TEMPLATE {}", _name(url), template)
    else:
        _admin("CREATE DATABASE {}", _name(url))
    return url


@pytest.fixture(scope="session")
def template_db_url():
    """Migrated database with the real Lampung Barat boundaries and no households."""
    url = recreate_database(_with_name(TEST_URL, _name(TEST_URL) + "_tpl"))
    migrate(url)
    load_boundaries(str(SAMPLE_BOUNDARIES), url=url, source=SAMPLE_BOUNDARIES.name)
    return url


@pytest.fixture(scope="session")
def sample_dir():
    """Folder of the generated test sample (households.csv, facilities.csv, ground_truth.json, dirty files)."""
    return sample_files(TEST_SAMPLE_HOUSEHOLDS, SEED)


@pytest.fixture(scope="session")
def ground_truth(sample_dir):
    """The generator's planted pockets and service gaps for the test sample."""
    return json.loads((sample_dir / "ground_truth.json").read_text())


@pytest.fixture(scope="session")
def db_url(template_db_url, sample_dir):
    """The main test database: boundaries, the test sample, demo users. Treat as read-mostly."""
    url = recreate_database(TEST_URL, template=_name(template_db_url))
    load_sample(TEST_SAMPLE_HOUSEHOLDS, SEED, url=url, echo=lambda *_: None)
    os.environ["DATABASE_URL"] = url
    return url


@pytest.fixture
def db(db_url):
    """A psycopg connection to the main test database (rolled back after the test)."""
    with psycopg.connect(db_url) as conn:
        yield conn
        conn.rollback()


@pytest.fixture
def conn(db_url):
    """A psycopg connection to the main test database that the test commits itself (clean up after)."""
    with psycopg.connect(db_url) as connection:
        yield connection


def drop_database(url: str) -> None:
    """Drop the database of ``url`` (closing its connections)."""
    _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", _name(url))


def _scratch(template_db_url):
    url = _with_name(TEST_URL, f"{_name(TEST_URL)}_s{os.getpid()}_{next(_scratch_numbers)}")
    recreate_database(url, template=_name(template_db_url))
    yield url
    _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", _name(url))


@pytest.fixture
def scratch_db(template_db_url):
    """URL of a fresh database (boundaries only) for tests that mutate data; dropped afterwards."""
    yield from _scratch(template_db_url)


@pytest.fixture(scope="module")
def module_scratch_db(template_db_url):
    """Like ``scratch_db`` but shared by the tests of one module (each test uses its own rows)."""
    yield from _scratch(template_db_url)


def make_app(url: str, **overrides):
    """A Sasaran app bound to ``url`` with the basemap off (tests make no outside request)."""
    from webgis import create_app

    config = {"DATABASE_URL": url, "BASEMAP_URL": "none", "TESTING": True, "SECRET_KEY": "test-secret",
              "SAMPLE_MODE": True}
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def app(db_url):
    """The app on the main test database, CSRF off for API tests through the test client."""
    return make_app(db_url, WTF_CSRF_ENABLED=False)


@pytest.fixture
def client(app):
    """Flask test client (anonymous)."""
    return app.test_client()


def login(client, role: str):
    """Sign the test client in as the demo user of ``role`` (admin, perkim, perencana, viewer)."""
    response = client.post("/login", data={"username": role, "password": f"demo-{role}"})
    assert response.status_code == 302, response.data[:500]
    return client


@pytest.fixture(scope="session")
def live_server(db_url):
    """The app served over HTTP on a free loopback port (CSRF on, as in production)."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, make_app(db_url), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium via Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


def _recorded_tab(context, live_server: str):
    """A new page of ``context`` that records console errors and requests to other hosts
    (``tab.console_errors``, ``tab.external_requests``: lists the test can assert on)."""
    tab = context.new_page()
    tab.console_errors = []
    tab.external_requests = []
    tab.on("console", lambda msg: tab.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    tab.on("request", lambda req: tab.external_requests.append(req.url)
           if not req.url.startswith((live_server, "data:", "blob:", "about:")) else None)
    return tab


@pytest.fixture
def page(browser, live_server):
    """A fresh desktop browser page (1400x900) that records console errors and outside requests."""
    context = browser.new_context(base_url=live_server, viewport={"width": 1400, "height": 900})
    yield _recorded_tab(context, live_server)
    context.close()


@pytest.fixture
def phone(browser, live_server):
    """A browser page on a 390x844 touch screen (console errors and outside requests recorded)."""
    context = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844}, has_touch=True,
                                  accept_downloads=True)
    yield _recorded_tab(context, live_server)
    context.close()


def browser_login(tab, role: str):
    """Sign the browser page in as the demo user of ``role``."""
    tab.goto("/login")
    tab.fill("#username", role)
    tab.fill("#password", f"demo-{role}")
    tab.click("button[type=submit]")
    tab.wait_for_load_state("networkidle")
    return tab


@pytest.fixture(scope="session")
def two_kabupaten(template_db_url, tmp_path_factory):
    """Two generated kabupaten (tests/multi_kabupaten.py): one database with both, one with each
    alone, every analysis run in each with its default parameters."""
    from multi_kabupaten import KAB_A, KAB_B, build
    from spatial.analysis import run_all

    base = _name(TEST_URL)
    urls = {"both": recreate_database(_with_name(TEST_URL, f"{base}_kab2"), template=_name(template_db_url)),
            KAB_A: recreate_database(_with_name(TEST_URL, f"{base}_kab_a"), template=_name(template_db_url)),
            KAB_B: recreate_database(_with_name(TEST_URL, f"{base}_kab_b"))}
    built = build(tmp_path_factory.mktemp("kab2"), urls, households=4000, seed=11)
    for url in urls.values():
        run_all(url=url, oleh="uji")
    yield built
    for url in urls.values():
        _admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", _name(url))
