"""Issue #8: sign-in lockout, demo passwords, create-admin, cookies, headers, /healthz, audit, scope."""
import psycopg
import pytest
from click.testing import CliRunner

from conftest import make_app
from spatial.cli import cli
from spatial.users import save_user

STRONG = "Kopi-Liwa-7-Gunung"


@pytest.fixture(scope="module")
def secured(module_scratch_db):
    """An app on a fresh database with one real account per role (+ a kecamatan-scoped perkim).
    Tests share it: each uses its own user names and client addresses."""
    for role in ("admin", "perkim", "perencana", "viewer"):
        save_user(f"u_{role}", STRONG, role, url=module_scratch_db)
    save_user("operator_kec", STRONG, "perkim", kode_wilayah="18.04.04", url=module_scratch_db)
    app = make_app(module_scratch_db, WTF_CSRF_ENABLED=False, SAMPLE_MODE=False)
    yield app, module_scratch_db
    app.extensions["db_pool"].close()


def _login(client, username, password=STRONG, ip="10.0.0.1"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def _count(url, query, params=()):
    with psycopg.connect(url) as conn:
        return conn.execute(query, params).fetchone()[0]


def test_lockout_after_repeated_failures(secured):
    app, url = secured
    client = app.test_client()
    for _ in range(5):
        assert _login(client, "u_perkim", "salah-salah").status_code == 401
    locked = _login(client, "u_perkim")  # right password, but locked
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan" in locked.get_data(as_text=True)
    assert "_user_id" not in client.get_cookie("sasaran_sesi").value if client.get_cookie("sasaran_sesi") else True
    assert _login(app.test_client(), "u_viewer", ip="10.0.0.2").status_code == 302  # other users unaffected
    with psycopg.connect(url, autocommit=True) as conn:  # the window passes
        conn.execute("UPDATE login_gagal SET waktu = waktu - interval '16 minutes' WHERE username = 'u_perkim'")
    assert _login(app.test_client(), "u_perkim").status_code == 302
    assert _count(url, "SELECT count(*) FROM login_gagal WHERE username = 'u_perkim'") == 0
    assert _count(url, "SELECT count(*) FROM audit_log WHERE aksi = 'login_gagal' AND pengguna = 'u_perkim'") == 5
    assert _count(url, "SELECT count(*) FROM audit_log WHERE aksi = 'login_ditolak_terkunci' AND pengguna = 'u_perkim'") == 1


def test_rate_limit_per_address(secured):
    app, _url = secured
    app.config["LOGIN_MAX_FAILURES_IP"] = 6
    try:
        client = app.test_client()
        for number in range(6):
            assert _login(client, f"tebak{number}", "x", ip="10.9.9.9").status_code == 401
        assert _login(client, "u_admin", ip="10.9.9.9").status_code == 429
        assert _login(client, "u_admin", ip="10.9.9.8").status_code == 302
    finally:
        del app.config["LOGIN_MAX_FAILURES_IP"]


def test_demo_password_refused_outside_sample_mode(secured):
    app, url = secured
    save_user("admin", "demo-admin", "admin", url=url)
    assert _login(app.test_client(), "admin", "demo-admin").status_code == 401
    page = app.test_client().get("/login").get_data(as_text=True)
    assert "demo-admin" not in page
    sample = make_app(url, WTF_CSRF_ENABLED=False, SAMPLE_MODE=True)
    assert _login(sample.test_client(), "admin", "demo-admin").status_code == 302
    assert "demo-admin" in sample.test_client().get("/login").get_data(as_text=True)
    sample.extensions["db_pool"].close()


def test_create_admin_cli(secured, monkeypatch):
    scratch_db = secured[1]
    monkeypatch.setenv("DATABASE_URL", scratch_db)
    runner = CliRunner()
    weak = runner.invoke(cli, ["create-admin", "kepala", "--password-stdin"], input="rahasia123\n")
    assert weak.exit_code != 0 and "kata sandi ditolak" in weak.output
    assert _count(scratch_db, "SELECT count(*) FROM pengguna WHERE username = 'kepala'") == 0
    prompted = runner.invoke(cli, ["create-admin", "kepala"], input=f"{STRONG}\n{STRONG}\n")
    assert prompted.exit_code == 0, prompted.output
    scoped = runner.invoke(cli, ["create-user", "opr", "--role", "viewer", "--region", "18.04.04",
                                 "--password-stdin"], input=STRONG + "\n")
    assert scoped.exit_code == 0, scoped.output
    with psycopg.connect(scratch_db) as conn:
        rows = dict(conn.execute("SELECT username, peran || ':' || coalesce(kode_wilayah, '') || ':' || "
                                 "left(password_hash, 7) FROM pengguna WHERE username IN ('kepala', 'opr')").fetchall())
    assert rows == {"kepala": "admin::scrypt:", "opr": "viewer:18.04.04:scrypt:"}
    bad_region = runner.invoke(cli, ["create-user", "opr2", "--role", "viewer", "--region", "Liwa'; --",
                                     "--password-stdin"], input=STRONG + "\n")
    assert bad_region.exit_code != 0 and "kode wilayah" in bad_region.output


def test_cookies_headers_and_session(secured):
    app, _url = secured
    client = app.test_client()
    response = _login(client, "u_viewer")
    cookie = response.headers.get("Set-Cookie")
    assert cookie.startswith("sasaran_sesi=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Expires=" in cookie  # permanent session with a lifetime (8 h), not forever
    page = client.get("/login")
    headers = page.headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Cache-Control"] == "no-store"
    secure = make_app(_url, SESSION_COOKIE_SECURE=True, WTF_CSRF_ENABLED=False, SAMPLE_MODE=False)
    cookie = _login(secure.test_client(), "u_viewer").headers.get("Set-Cookie")
    assert "Secure" in cookie
    secure.extensions["db_pool"].close()


def test_csrf_required_on_forms(secured):
    scratch_db = secured[1]
    save_user("u_csrf", STRONG, "viewer", url=scratch_db)
    app = make_app(scratch_db, SAMPLE_MODE=False)  # CSRF on, as in production
    client = app.test_client()
    assert client.post("/login", data={"username": "u_csrf", "password": STRONG}).status_code == 400
    app.extensions["db_pool"].close()


def test_healthz(secured):
    app, _url = secured
    response = app.test_client().get("/healthz")
    body = response.get_json()
    assert response.status_code == 200 and body["status"] == "ok" and body["database"] == "ok"


def test_audit_and_scope_helpers(secured):
    from webgis.audit import record
    from webgis.scope import in_scope, region_filter, shown_nik

    app, url = secured
    client = app.test_client()
    _login(client, "operator_kec")
    with app.test_request_context("/x", environ_base={"REMOTE_ADDR": "10.1.1.1"}):
        from flask_login import login_user
        from webgis.auth import User

        login_user(User({"id": _count(url, "SELECT id FROM pengguna WHERE username = 'operator_kec'"),
                         "username": "operator_kec", "nama": "Operator", "peran": "perkim", "kode_wilayah": "18.04.04"}))
        assert region_filter() == "18.04.04"
        assert in_scope("18.04.04.2002") and in_scope("18.04.04") and not in_scope("18.04.05.2001")
        assert not in_scope("18.04.040.2001")
        assert shown_nik("1804041234560001") == "1804041234560001"
        record("ekspor", "rumah_tangga", 42, {"format": "xlsx"})
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pengguna, aksi, objek, objek_id, detail->>'format', detail->>'ip' FROM audit_log "
                           "WHERE aksi = 'ekspor'").fetchone()
        assert row == ("operator_kec", "ekspor", "rumah_tangga", "42", "xlsx", "10.1.1.1")
        inside = conn.execute("SELECT count(*) FROM desa WHERE dalam_wilayah(kode_desa, '18.04.04')").fetchone()[0]
        everything = conn.execute("SELECT count(*) FROM desa WHERE dalam_wilayah(kode_desa, NULL)").fetchone()[0]
        direct = conn.execute("SELECT count(*) FROM desa WHERE kode_kec = '18.04.04'").fetchone()[0]
    assert 0 < inside == direct < everything == 136


def test_admin_pages_manage_users_and_show_audit(secured):
    app, url = secured
    admin = app.test_client()
    _login(admin, "u_admin")
    weak = admin.post("/admin/pengguna", data={"username": "opr_kec", "peran": "viewer", "password": "pendek"},
                      follow_redirects=True)
    assert "Akun tidak disimpan" in weak.get_data(as_text=True)
    saved = admin.post("/admin/pengguna", data={"username": "opr_kec", "nama": "Operator <b>Kec</b>", "peran": "viewer",
                                                 "kode_wilayah": "18.04.04", "password": STRONG}, follow_redirects=True)
    page = saved.get_data(as_text=True)
    assert "opr_kec" in page and "18.04.04" in page and "Operator &lt;b&gt;Kec&lt;/b&gt;" in page
    user_id = _count(url, "SELECT id FROM pengguna WHERE username = 'opr_kec'")
    admin.post(f"/admin/pengguna/{user_id}/aktif", data={"aktif": "0"})
    assert _login(app.test_client(), "opr_kec").status_code == 401  # deactivated accounts cannot sign in
    own_id = _count(url, "SELECT id FROM pengguna WHERE username = 'u_admin'")
    admin.post(f"/admin/pengguna/{own_id}/aktif", data={"aktif": "0"})
    assert _count(url, "SELECT aktif::int FROM pengguna WHERE username = 'u_admin'") == 1
    audit = admin.get("/admin/audit?aksi=nonaktifkan_pengguna").get_data(as_text=True)
    assert "nonaktifkan_pengguna" in audit and "opr_kec" in audit and "simpan_pengguna" not in audit
    viewer = app.test_client()
    _login(viewer, "u_viewer")
    assert viewer.get("/admin/audit").status_code == 403


def test_client_address_behind_proxy(secured):
    """With PROXY_HOPS the rate limit counts the real client (X-Forwarded-For), not the proxy."""
    _app, url = secured
    proxied = make_app(url, WTF_CSRF_ENABLED=False, SAMPLE_MODE=False, PROXY_HOPS=1)
    client = proxied.test_client()
    client.post("/login", data={"username": "u_proxy", "password": "x"}, headers={"X-Forwarded-For": "192.0.2.7"})
    proxied.extensions["db_pool"].close()
    assert _count(url, "SELECT alamat_ip FROM login_gagal WHERE username = 'u_proxy'") == "192.0.2.7"
