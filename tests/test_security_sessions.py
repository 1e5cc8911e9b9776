"""Issue #16, findings 5, 6, 10 and 14: sessions that end, no open redirect, a back-off per account
and address instead of a lock anyone can trigger, a password policy from a maintained list, no
server banner or versions for strangers, Secure cookies behind an HTTPS proxy, the Origin check.
Each test first replays the reported attack, then checks it no longer succeeds."""
from urllib.parse import quote

import psycopg
import pytest
import requests
from click.testing import CliRunner

from conftest import make_app
from spatial.cli import cli
from spatial.users import create_account, password_problems, save_user

STRONG = "Kopi-Liwa-7-Gunung"
COOKIE = "sasaran_sesi"


@pytest.fixture(scope="module")
def accounts(module_scratch_db):
    """An app (production mode) on a fresh database with one real account per role."""
    for role in ("admin", "perkim", "viewer"):
        save_user(f"s_{role}", STRONG, role, name=f"Sesi {role}", url=module_scratch_db)
    app = make_app(module_scratch_db, WTF_CSRF_ENABLED=False, SAMPLE_MODE=False)
    yield app, module_scratch_db
    app.extensions["db_pool"].close()


def _login(client, username, password=STRONG, ip="10.0.0.1", query=""):
    return client.post("/login" + query, data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def _sql(url, statement, params=()):
    with psycopg.connect(url, autocommit=True) as conn:
        cursor = conn.execute(statement, params)
        return cursor.fetchone() if cursor.description else None


def _stolen_cookie(app, username):
    """A signed-in client and a copy of its session cookie (what an attacker would replay)."""
    client = app.test_client()
    assert _login(client, username).status_code == 302
    assert client.get("/ekspor").status_code == 200
    return client, client.get_cookie(COOKIE).value


def _replay(app, cookie):
    thief = app.test_client()
    thief.set_cookie(COOKIE, cookie)
    return thief.get("/ekspor", environ_base={"REMOTE_ADDR": "203.0.113.9"}, headers={"User-Agent": "curl/8"})


def test_cookie_replayed_after_logout_is_refused(accounts):
    app, url = accounts
    client, cookie = _stolen_cookie(app, "s_perkim")
    _other_device, other_cookie = _stolen_cookie(app, "s_perkim")
    assert _replay(app, cookie).status_code == 200  # the attack works while the session lives
    client.post("/logout")
    for replayed in (cookie, other_cookie):  # sign-out ends every session of the user
        answer = _replay(app, replayed)
        assert answer.status_code == 302 and "/login" in answer.headers["Location"]
    assert _sql(url, "SELECT count(*) FROM sesi s JOIN pengguna p ON p.id = s.pengguna_id "
                     "WHERE p.username = 's_perkim'")[0] == 0


def test_password_reset_and_deactivation_end_every_session(accounts):
    app, url = accounts
    _client, cookie = _stolen_cookie(app, "s_viewer")
    create_account("s_viewer", "Gunung-Pesagi-2026-x", "viewer", url=url, reset=True)
    assert _replay(app, cookie).status_code == 302
    _client, cookie = _stolen_cookie(app, "s_admin")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("UPDATE pengguna SET aktif = false WHERE username = 's_admin'")
        assert _replay(app, cookie).status_code == 302
        conn.execute("UPDATE pengguna SET aktif = true WHERE username = 's_admin'")
    assert _replay(app, cookie).status_code == 302  # reactivation does not revive old sessions


def test_session_lifetime_counts_from_sign_in(accounts):
    app, url = accounts
    client, _cookie = _stolen_cookie(app, "s_perkim")
    ends = _sql(url, "SELECT max(s.berakhir_pada - s.dibuat_pada) FROM sesi s JOIN pengguna p ON p.id = s.pengguna_id "
                     "WHERE p.username = 's_perkim'")[0]
    assert ends.total_seconds() == app.permanent_session_lifetime.total_seconds()
    for _ in range(3):  # activity does not extend it
        assert client.get("/ekspor").status_code == 200
    assert _sql(url, "SELECT max(s.berakhir_pada - s.dibuat_pada) FROM sesi s JOIN pengguna p ON p.id = s.pengguna_id "
                     "WHERE p.username = 's_perkim'")[0] == ends
    _sql(url, "UPDATE sesi SET dibuat_pada = dibuat_pada - interval '9 hours', "
              "berakhir_pada = berakhir_pada - interval '9 hours'")
    assert client.get("/ekspor").status_code == 302


@pytest.mark.parametrize("target", ["/%09/evil.example/phish", "//evil.example", "/\\evil.example", "/%5Cevil.example",
                                    "https://evil.example/", "/%0a/evil.example", "%2F%2Fevil.example",
                                    "/%2F/evil.example", "/ /evil.example", "javascript:alert(1)", "/%7F/evil.example"])
def test_next_never_leaves_the_site(accounts, target):
    app, _url = accounts
    answer = _login(app.test_client(), "s_perkim", query="?next=" + target)
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location == "/", location  # the dashboard instead of the other site


def test_next_keeps_paths_of_this_site(accounts):
    app, _url = accounts
    answer = _login(app.test_client(), "s_perkim", query="?next=" + quote("/seleksi/?tahun=2027", safe=""))
    assert answer.headers["Location"] == "/seleksi/?tahun=2027"


def test_strangers_cannot_lock_an_account(accounts):
    app, url = accounts
    for _ in range(5):
        assert _login(app.test_client(), "s_admin", "salah-sandi", ip="198.51.100.66").status_code == 401
    assert _login(app.test_client(), "s_admin", ip="198.51.100.66").status_code == 429  # the attacker waits
    assert _login(app.test_client(), "s_admin", ip="10.0.0.5").status_code == 302  # the owner signs in
    # the back-off is short and grows: after a minute one more try, then two minutes
    _sql(url, "UPDATE login_gagal SET waktu = waktu - interval '61 seconds' WHERE alamat_ip = '198.51.100.66'")
    assert _login(app.test_client(), "s_admin", "salah-sandi", ip="198.51.100.66").status_code == 401
    _sql(url, "UPDATE login_gagal SET waktu = waktu - interval '61 seconds' WHERE alamat_ip = '198.51.100.66'")
    assert _login(app.test_client(), "s_admin", ip="198.51.100.66").status_code == 429
    _sql(url, "UPDATE login_gagal SET waktu = waktu - interval '60 seconds' WHERE alamat_ip = '198.51.100.66'")
    assert _login(app.test_client(), "s_admin", ip="198.51.100.66").status_code == 302


@pytest.mark.parametrize("password", ["Aaaaaaaaaaaa1", "Password123!", "Qwertyuiop12", "Sesi-Budiman-2026",
                                      "budiman12345678", "Passw0rd!2026"])
def test_password_policy_refuses_common_and_own_name(password):
    assert password_problems(password, "budiman", "Sesi Budiman")


def test_password_policy_accepts_a_passphrase():
    assert password_problems("Kopi-Liwa-7-Gunung", "budiman", "Sesi Budiman") == []


def test_create_user_does_not_silently_reset(accounts, monkeypatch):
    _app, url = accounts
    monkeypatch.setenv("DATABASE_URL", url)
    runner = CliRunner()
    before = _sql(url, "SELECT password_hash FROM pengguna WHERE username = 's_perkim'")[0]
    again = runner.invoke(cli, ["create-user", "s_perkim", "--role", "admin", "--password-stdin"],
                          input="Gunung-Seminung-41\n")
    assert again.exit_code != 0 and "sudah ada" in again.output
    assert _sql(url, "SELECT password_hash, peran FROM pengguna WHERE username = 's_perkim'") == (before, "perkim")
    reset = runner.invoke(cli, ["create-user", "s_perkim", "--role", "perkim", "--reset", "--password-stdin"],
                          input="Gunung-Seminung-41\n")
    assert reset.exit_code == 0, reset.output
    assert _sql(url, "SELECT password_hash FROM pengguna WHERE username = 's_perkim'")[0] != before
    save_user("s_perkim", STRONG, "perkim", url=url)


def test_no_banner_or_versions_for_strangers(live_server):
    answer = requests.get(live_server + "/healthz", timeout=10)
    assert answer.headers["Server"] == "Sasaran"
    assert "Werkzeug" not in str(answer.headers) and "Python" not in str(answer.headers)
    body = answer.json()
    assert body["status"] == "ok" and "postgres" not in body and "postgis" not in body


def test_admin_sees_database_versions(accounts):
    app, _url = accounts
    admin = app.test_client()
    _login(admin, "s_admin", ip="10.0.0.7")
    body = admin.get("/healthz").get_json()
    assert body["postgis"].startswith("3.") and body["postgres"].startswith("PostgreSQL 15")


def test_secure_cookie_when_https_arrives_through_the_proxy(accounts):
    _app, url = accounts
    proxied = make_app(url, WTF_CSRF_ENABLED=False, SAMPLE_MODE=False, PROXY_HOPS=1)
    try:
        over_https = proxied.test_client().post("/login", data={"username": "s_perkim", "password": STRONG},
                                                headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.10"})
        assert over_https.status_code == 302
        assert "Secure" in over_https.headers["Set-Cookie"]
        assert over_https.headers["Strict-Transport-Security"].startswith("max-age=")
        plain = proxied.test_client().post("/login", data={"username": "s_perkim", "password": STRONG},
                                           headers={"X-Forwarded-For": "192.0.2.10"})
        assert "Secure" not in plain.headers["Set-Cookie"]
    finally:
        proxied.extensions["db_pool"].close()


def test_state_changing_requests_from_another_origin_are_refused(accounts):
    app, _url = accounts
    client = app.test_client()
    _login(client, "s_admin", ip="10.0.0.9")
    forged = client.post("/api/kawasan", json={"nama": "x"}, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403
    forged = client.post("/api/kawasan", json={"nama": "x"}, headers={"Referer": "https://evil.example/page"})
    assert forged.status_code == 403
    same = client.post("/api/kawasan", json={"nama": "x"}, headers={"Origin": "http://localhost"})
    assert same.status_code == 400  # reaches the view (which refuses the incomplete area)


def test_refused_account_says_why_in_the_users_language(accounts):
    """The account form's refusals go through the one error model: the form page again with the
    reasons flashed, in English when the admin reads English."""
    app, url = accounts
    client = app.test_client()
    assert _login(client, "s_admin").status_code == 302
    client.get("/bahasa/en")
    weak = client.post("/admin/pengguna", data={"username": "budiman", "password": "budiman1", "peran": "viewer"})
    taken = client.post("/admin/pengguna", data={"username": "s_perkim", "password": "Gunung-Seminung-41",
                                                 "peran": "viewer"})
    assert (weak.status_code, taken.status_code) == (302, 302)
    assert weak.headers["Location"].endswith("/admin/pengguna")
    with client.session_transaction() as session:
        flashed = [text for _kind, text in session["_flashes"] if _kind == "danger"]
    assert flashed[0].startswith("Account not saved: password refused: at least 12 characters; too easy to guess")
    assert "must not contain the user name" in flashed[0]
    assert flashed[1].startswith("Account not saved: account s_perkim already exists")
    assert _sql(url, "SELECT count(*) FROM pengguna WHERE username = 'budiman'") == (0,)


def _answers_setting_the_cookie(app, cookie, ip):
    """The GET routes without path arguments whose answer to a request from ``ip`` carrying
    ``cookie`` sends a session cookie back (only /bahasa/<code>, /login and /logout change the session by design)."""
    paths = sorted({rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static"})
    late = app.test_client()
    setting = []
    for path in paths:
        late.set_cookie(COOKIE, cookie)
        if COOKIE in late.get(path, environ_base={"REMOTE_ADDR": ip}).headers.get("Set-Cookie", ""):
            setting.append(path)
    return setting


def test_a_request_begun_before_sign_in_does_not_sign_the_user_out(accounts):
    """Reported on a slow link: a dashboard request sent before sign-in (or before a language
    switch) answered after it, and the old cookie it carried back replaced the new one, so the user
    was signed out at once. A response sends the cookie only when its request changed the session."""
    app, _url = accounts
    browser = app.test_client()
    browser.get("/bahasa/en")
    browser.get("/login")
    anonymous = browser.get_cookie(COOKIE).value
    assert _login(browser, "s_perkim", ip="10.0.0.11").status_code == 302
    assert _answers_setting_the_cookie(app, anonymous, "10.0.0.11") == []
    browser.get("/", environ_base={"REMOTE_ADDR": "10.0.0.11"})  # where sign-in leads: the form token is made
    signed_in = browser.get_cookie(COOKIE).value
    assert _answers_setting_the_cookie(app, signed_in, "10.0.0.11") == []
    assert browser.get("/bahasa/id").status_code == 302
    assert browser.get_cookie(COOKIE).value != signed_in  # a real change still sends the cookie
    assert browser.get("/ekspor").status_code == 200
