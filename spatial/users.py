"""User accounts: creation with a modern password hash (scrypt), the password policy for real
accounts, and the demo accounts of sample mode."""
import re

from werkzeug.security import generate_password_hash

from spatial.db import connect
from spatial.sqlfiles import sql

ROLES = ("admin", "perkim", "perencana", "viewer")
# Demo accounts created only in sample mode; the login page lists them.
DEMO_USERS = {role: f"demo-{role}" for role in ROLES}
MIN_PASSWORD_LENGTH = 12
# Passwords (and stems) that guessing tools try first; compared case-insensitively without digits/symbols.
COMMON_STEMS = {"password", "passw", "katasandi", "sandi", "rahasia", "admin", "administrator", "qwerty",
                "asdf", "letmein", "welcome", "selamat", "indonesia", "jakarta", "lampung", "sasaran",
                "bismillah", "sayang", "iloveyou", "abc", "abcdef", "demo", "test", "user", "root"}
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}){1,2}$")


def password_problems(password: str, username: str = "") -> list[str]:
    """Why ``password`` is too weak for a real account (empty list = acceptable).

    At least 12 characters, three of four character classes (lower, upper, digit, symbol), not a
    common word with digits around it, not the user name, not one repeated character.
    """
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"minimal {MIN_PASSWORD_LENGTH} karakter")
    classes = sum(bool(re.search(pattern, password)) for pattern in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    if classes < 3:
        problems.append("gunakan minimal tiga jenis: huruf kecil, huruf besar, angka, simbol")
    stem = re.sub(r"[^a-z]", "", password.lower())
    if stem in COMMON_STEMS or (username and username.lower() in password.lower()):
        problems.append("terlalu mudah ditebak (kata umum atau nama pengguna)")
    if password and len(set(password)) <= 2:
        problems.append("terlalu sedikit karakter berbeda")
    if password in DEMO_USERS.values():
        problems.append("kata sandi demo tidak boleh dipakai")
    return problems


def create_account(username: str, password: str, role: str, name: str | None = None,
                   kode_wilayah: str | None = None, url: str | None = None) -> int:
    """Create (or reset) a real account with a strong password; ValueError says what is wrong."""
    if not re.fullmatch(r"[A-Za-z0-9._-]{3,64}", username or ""):
        raise ValueError("nama pengguna: 3-64 karakter huruf, angka, titik, garis bawah atau tanda hubung")
    problems = password_problems(password, username)
    if problems:
        raise ValueError("kata sandi ditolak: " + "; ".join(problems))
    return save_user(username, password, role, name=name, kode_wilayah=kode_wilayah, url=url)


def save_user(username: str, password: str, role: str, name: str | None = None,
              kode_wilayah: str | None = None, url: str | None = None) -> int:
    """Create (or reset) a user; returns its id."""
    if role not in ROLES:
        raise ValueError(f"peran tidak dikenal: {role} (pilihan: {', '.join(ROLES)})")
    if len(password) < 8:
        raise ValueError("kata sandi minimal 8 karakter")
    if kode_wilayah is not None and not REGION_CODE.match(kode_wilayah):
        raise ValueError(f"kode wilayah harus kode kabupaten (18.04) atau kecamatan (18.04.04): {kode_wilayah}")
    with connect(url) as conn:
        return conn.execute(sql("queries/user_upsert.sql"), {
            "username": username, "nama": name or username, "peran": role, "kode_wilayah": kode_wilayah,
            "password_hash": generate_password_hash(password, method="scrypt")}).fetchone()[0]


def create_demo_users(url: str | None = None) -> dict:
    """The sample-mode accounts: user name = role, password = ``demo-<role>``."""
    for role, password in DEMO_USERS.items():
        save_user(role, password, role, name=f"Demo {role}", url=url)
    return DEMO_USERS
