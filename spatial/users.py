"""User accounts: creation with a modern password hash (scrypt) and the demo accounts of sample mode."""
from werkzeug.security import generate_password_hash

from spatial.db import connect
from spatial.sqlfiles import sql

ROLES = ("admin", "perkim", "perencana", "viewer")
# Demo accounts created only in sample mode; the login page lists them.
DEMO_USERS = {role: f"demo-{role}" for role in ROLES}


def save_user(username: str, password: str, role: str, name: str | None = None,
              kode_wilayah: str | None = None, url: str | None = None) -> int:
    """Create (or reset) a user; returns its id."""
    if role not in ROLES:
        raise ValueError(f"peran tidak dikenal: {role} (pilihan: {', '.join(ROLES)})")
    if len(password) < 8:
        raise ValueError("kata sandi minimal 8 karakter")
    with connect(url) as conn:
        return conn.execute(sql("queries/user_upsert.sql"), {
            "username": username, "nama": name or username, "peran": role, "kode_wilayah": kode_wilayah,
            "password_hash": generate_password_hash(password, method="scrypt")}).fetchone()[0]


def create_demo_users(url: str | None = None) -> dict:
    """The sample-mode accounts: user name = role, password = ``demo-<role>``."""
    for role, password in DEMO_USERS.items():
        save_user(role, password, role, name=f"Demo {role}", url=url)
    return DEMO_USERS
