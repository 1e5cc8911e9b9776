"""Issue #8: every route is classified (public / signed-in / roles) and refuses anonymous and
under-privileged users; every GET parameter survives SQL-injection payloads (no 5xx, no delay,
data unchanged). Routes added later are covered automatically: the tests walk ``app.url_map``."""
import inspect
import re
import time
from urllib.parse import quote

import psycopg
from werkzeug.routing import FloatConverter, IntegerConverter, PathConverter, UnicodeConverter, UUIDConverter

from conftest import login, make_app
from spatial.users import ROLES
from webgis.access import classification, unclassified

SKIP_METHODS = {"HEAD", "OPTIONS"}
DUMMY = {IntegerConverter: 1, FloatConverter: 1.0, UUIDConverter: "00000000-0000-0000-0000-000000000000"}
PAYLOADS = ("' OR '1'='1", "1; DROP TABLE desa; --", "18.04.04.2002' UNION SELECT nik_kepala, nama_kepala FROM rumah_tangga --",
            "1' AND pg_sleep(3) IS NULL --", "\\'; DELETE FROM pengguna; --")
# Names many endpoints read through helpers (filters): sent to every GET route as well.
COMMON_PARAMS = {"kode_desa", "kode_kec", "kode_kab", "desil", "q", "tahun", "jenis", "status", "bbox", "limit",
                 "offset", "format", "f", "indikator", "id", "program_id", "kawasan_id"}
PARAM = re.compile(r"request\.(?:args|values|form)\.get(?:list)?\(\s*[\"'](\w+)[\"']|request\.args\[[\"'](\w+)[\"']\]")


def _url(rule, values=None):
    parts = {}
    for name, converter in rule._converters.items():
        parts[name] = (values or {}).get(name) or DUMMY.get(type(converter), "x")
    return rule.build(parts, append_unknown=False)[1]


def _refused(response) -> bool:
    if response.status_code in (401, 403):
        return True
    return response.status_code in (302, 303) and "/login" in response.headers.get("Location", "")


def test_every_route_is_classified(app):
    assert unclassified(app) == [], "classify these endpoints: webgis.access.PUBLIC, role_required or authenticated"


def test_non_public_routes_refuse_anonymous_and_lower_roles(app):
    failures, checked = [], 0
    clients = {role: login(app.test_client(), role) for role in ROLES if role != "admin"}
    for rule in app.url_map.iter_rules():
        kind = classification(app, rule.endpoint)
        if kind == "public" or kind is None:
            continue
        url = _url(rule)
        for method in sorted(rule.methods - SKIP_METHODS):
            checked += 1
            anonymous = app.test_client().open(url, method=method)
            if not _refused(anonymous):
                failures.append(f"anonymous {method} {rule.rule} -> {anonymous.status_code}")
            for role, client in clients.items():
                if role in kind:
                    continue
                answer = client.open(url, method=method)
                if answer.status_code not in (401, 403):
                    failures.append(f"{role} {method} {rule.rule} -> {answer.status_code}")
    assert checked > 0
    assert failures == []


def _fingerprint(url):
    with psycopg.connect(url) as conn:
        return conn.execute("""SELECT (SELECT count(*) FROM rumah_tangga), (SELECT count(*) FROM desa),
                                      (SELECT count(*) FROM pengguna), (SELECT count(*) FROM fasilitas),
                                      (SELECT md5(string_agg(kode_desa || nama, ',' ORDER BY kode_desa)) FROM desa),
                                      (SELECT md5(string_agg(username || peran, ',' ORDER BY username)) FROM pengguna)
                            """).fetchone()


def _get_parameters(app, rule) -> tuple[set[str], set[str]]:
    """Request parameters read by the route's view, and those read elsewhere in its module (helpers)."""
    view = inspect.unwrap(app.view_functions[rule.endpoint])
    try:
        own = {a or b for a, b in PARAM.findall(inspect.getsource(view))}
        module = {a or b for a, b in PARAM.findall(inspect.getsource(inspect.getmodule(view)))}
    except (OSError, TypeError):
        return set(), set(COMMON_PARAMS)
    return own, (module | COMMON_PARAMS) - own


def test_sql_injection_payloads_on_every_get_parameter(app, db_url):
    before = _fingerprint(db_url)
    admin = login(app.test_client(), "admin")
    failures, sent, slowest = [], 0, {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "assets.vendor", "auth.logout"):
            continue
        path_params = [n for n, c in rule._converters.items() if type(c) in (UnicodeConverter, PathConverter)]
        query_params, helper_params = _get_parameters(app, rule)
        for payload in PAYLOADS:
            targets = [(_url(rule, {p: quote(payload, safe="")}), p) for p in path_params]
            base = _url(rule)
            targets += [(f"{base}?{p}={quote(payload, safe='')}", p) for p in query_params]
            if helper_params:  # parameters a helper of the module may read: all at once
                targets.append((base + "?" + "&".join(f"{p}={quote(payload, safe='')}" for p in sorted(helper_params)),
                                "helpers"))
            for target, _param in targets:
                sent += 1
                began = time.perf_counter()
                response = admin.get(target)
                elapsed = time.perf_counter() - began
                slowest[rule.rule] = slowest.get(rule.rule, 0) + elapsed
                if response.status_code >= 500:
                    failures.append(f"{target} -> {response.status_code}")
                elif "pg_sleep" in payload and elapsed > 2.5:
                    failures.append(f"{target} slept {elapsed:.1f} s (payload reached SQL)")
                body = response.get_data()
                if b"syntax error" in body or b"psycopg" in body:
                    failures.append(f"{target}: database error leaked")
    print(f"\nSQL injection: {sent} requests; slowest routes:",
          sorted(slowest.items(), key=lambda item: -item[1])[:5])
    assert sent > 50
    assert failures == []
    assert _fingerprint(db_url) == before


def test_every_state_changing_route_requires_csrf_token(db_url):
    """With CSRF on (production), a signed-in admin's POST/PUT/PATCH/DELETE without a token is refused."""
    from conftest import make_app

    app = make_app(db_url)
    client = app.test_client()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', client.get("/login").get_data(as_text=True)).group(1)
    assert client.post("/login", data={"username": "admin", "password": "demo-admin", "csrf_token": token}).status_code == 302
    # Blueprints exempted on purpose (read-only APIs for agency tokens, no cookies): Flask-WTF keeps the objects.
    exempt = {getattr(bp, "name", bp) for bp in app.extensions["csrf"]._exempt_blueprints}
    failures, checked = [], 0
    for rule in app.url_map.iter_rules():
        if rule.endpoint.split(".")[0] in exempt:
            continue
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            checked += 1
            answer = client.open(_url(rule), method=method, json={})
            if answer.status_code != 400 or b"CSRF" not in answer.data:
                failures.append(f"{method} {rule.rule} -> {answer.status_code}")
    app.extensions["db_pool"].close()
    assert checked >= 3 and failures == []


# Issue #16, finding 12: malformed values (NUL bytes, NaN, infinities, huge integers, broken lists)
FUZZ = ("a\x00b", "abc", "nan", "-Infinity", "1e999", "99999999999999999999", "-99999999999999999999", "nan,nan,nan,nan",
        "1,2,3,inf", "-1", "[]")


def test_malformed_values_on_every_get_parameter_are_4xx(db_url):
    """Every GET route, every parameter it reads (one at a time), the parameters helpers of its
    module may read (all at once), every path segment: a malformed value gets 4xx or a normal page,
    never a 500. Public routes are also tried anonymously."""
    app = make_app(db_url, WTF_CSRF_ENABLED=False, PROPAGATE_EXCEPTIONS=False)  # 500s are collected
    admin = login(app.test_client(), "admin")
    anonymous = app.test_client()
    failures, sent = [], 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in ("static", "assets.vendor", "auth.logout"):
            continue
        path_params = [n for n, c in rule._converters.items() if type(c) in (UnicodeConverter, PathConverter)]
        query_params, helper_params = _get_parameters(app, rule)
        clients = (admin, anonymous) if classification(app, rule.endpoint) == "public" else (admin,)
        for value in FUZZ:
            encoded = quote(value, safe="")
            targets = [_url(rule, {p: encoded}) for p in path_params]
            base = _url(rule)
            targets += [f"{base}?{p}={encoded}" for p in sorted(query_params)]
            targets.append(base + "?" + "&".join(f"{p}={encoded}" for p in sorted(helper_params)))
            for target in targets:
                for client in clients:
                    sent += 1
                    response = client.get(target)
                    if response.status_code >= 500:
                        failures.append(f"{target} -> {response.status_code}")
    app.extensions["db_pool"].close()
    print(f"\nfuzz: {sent} GET requests\n" + "\n".join(sorted(set(failures))))
    assert sent > 1000
    assert failures == []
