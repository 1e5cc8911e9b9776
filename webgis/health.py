"""``/healthz`` for operators and load balancers: app, database and PostGIS version (JSON, public).

200 with ``{"status": "ok", ...}`` when the database answers, 503 with ``"status": "error"``
when it does not. No personal data, no credentials, no host names in the answer; the PostgreSQL
and PostGIS versions only for a signed-in admin (they tell an attacker which flaws to try).
"""
import time

import psycopg
from flask import Blueprint, jsonify
from flask_login import current_user
from psycopg_pool import PoolTimeout

from spatial.db import database_versions
from webgis.database import call

blueprint = Blueprint("health", __name__)
STARTED = time.time()


@blueprint.route("/healthz")
def healthz():
    """Status of the app and its database."""
    body = {"app": "ok", "uptime_s": round(time.time() - STARTED)}
    began = time.perf_counter()
    try:
        row = call(database_versions)
    except (psycopg.Error, PoolTimeout) as exc:
        body.update(status="error", database="unavailable", error=type(exc).__name__)
        return jsonify(body), 503
    body.update(status="ok", database="ok", database_ms=round((time.perf_counter() - began) * 1000, 1))
    if current_user.is_authenticated and current_user.has_role("admin"):
        body.update(postgres=row["postgres"].split(" on ")[0], postgis=row["postgis"])
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response
