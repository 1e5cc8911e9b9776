"""User accounts: creation with a modern password hash (scrypt), the password policy for real
accounts, and the demo accounts of sample mode."""
import re

from werkzeug.security import generate_password_hash
from zxcvbn import zxcvbn

from spatial.db import connect
from spatial.errors import N_, Conflict, InvalidInput, SasaranError
from spatial.sqlfiles import fetch_all, fetch_one, fetch_value, run

ROLES = ("admin", "perkim", "perencana", "viewer", "kesehatan")
# Demo accounts created only in sample mode; the login page lists them.
DEMO_USERS = {role: f"demo-{role}" for role in ROLES}
MIN_PASSWORD_LENGTH = 12
MIN_PASSWORD_SCORE = 3  # zxcvbn: 0-4; 3 = "safely unguessable" (about 10^8 guesses and more)
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}){1,2}$")


def _own_words(username: str, name: str | None) -> list[str]:
    """The user name and the parts of the person's name, lower-case (at least 3 letters)."""
    words = {username.lower(), *re.split(r"[^a-z0-9]+", f"{username} {name or ''}".lower())}
    return sorted(w for w in words if len(w) >= 3)


def password_problems(password: str, username: str = "", name: str | None = None) -> list[InvalidInput]:
    """Why ``password`` is too weak for a real account, one error per reason (empty list = acceptable).

    At least 12 characters, and hard to guess as zxcvbn rates it (score 3 of 4: its lists of
    common passwords, names, words, keyboard patterns, repeats, dates, with the user's own name
    and user name as extra words), and not containing the user name or a part of the name."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(InvalidInput(N_("minimal %(n)s karakter"), n=MIN_PASSWORD_LENGTH))
    own = _own_words(username, name)
    rating = zxcvbn(password[:100], user_inputs=own)
    if rating["score"] < MIN_PASSWORD_SCORE:
        problems.append(InvalidInput(N_("terlalu mudah ditebak (kata sandi umum, pola atau pengulangan)")))
    flat = re.sub(r"[^a-z0-9]", "", password.lower())
    if any(word in flat for word in own if len(word) >= 4 or word == username.lower()):
        problems.append(InvalidInput(N_("tidak boleh memuat nama pengguna atau nama Anda")))
    if password in DEMO_USERS.values():
        problems.append(InvalidInput(N_("kata sandi demo tidak boleh dipakai")))
    return problems


def create_account(username: str, password: str, role: str, name: str | None = None,
                   kode_wilayah: str | None = None, url: str | None = None, reset: bool = False) -> int:
    """Create a real account with a strong password, or with ``reset`` set a new password, role and
    region for an existing one (which ends its sessions). A refusal ("Akun tidak disimpan: ...") is
    ``InvalidInput``, or ``Conflict`` for an account that exists without ``reset``."""
    refusal = _account_refusal(username, password, role, name, kode_wilayah, url, reset)
    if refusal is not None:
        raise type(refusal)(N_("Akun tidak disimpan: %(alasan)s"), alasan=refusal)
    return save_user(username, password, role, name=name, kode_wilayah=kode_wilayah, url=url)


def _account_refusal(username: str, password: str, role: str, name: str | None, kode_wilayah: str | None,
                     url: str | None, reset: bool) -> SasaranError | None:
    """Why the real account cannot be saved (None: it can)."""
    if not re.fullmatch(r"[A-Za-z0-9._-]{3,64}", username or ""):
        return InvalidInput(N_("nama pengguna: 3-64 karakter huruf, angka, titik, garis bawah atau tanda hubung"))
    problems = password_problems(password, username, name)
    if problems:
        return InvalidInput(N_("kata sandi ditolak: %(alasan)s"), alasan=problems)
    refusal = _user_refusal(password, role, kode_wilayah)
    if refusal is not None:
        return refusal
    with connect(url) as conn:
        exists = run(conn, "security/user_exists", {"username": username}).fetchone() is not None
    if exists and not reset:
        return Conflict(N_("akun %(username)s sudah ada; pilih atur ulang untuk mengganti kata sandinya"),
                        username=username)
    if reset and not exists:
        return InvalidInput(N_("akun %(username)s tidak ada"), username=username)
    return None


def _user_refusal(password: str, role: str, kode_wilayah: str | None) -> InvalidInput | None:
    """Why no account, real or demo, can have this role, password and region (None: it can)."""
    if role not in ROLES:
        return InvalidInput(N_("peran tidak dikenal: %(peran)s (pilihan: %(pilihan)s)"), peran=role, pilihan=", ".join(ROLES))
    if len(password) < 8:
        return InvalidInput(N_("kata sandi minimal 8 karakter"))
    if kode_wilayah is not None and not REGION_CODE.match(kode_wilayah):
        return InvalidInput(N_("kode wilayah harus kode kabupaten (18.04) atau kecamatan (18.04.04): %(kode)s"),
                            kode=kode_wilayah)
    return None


def save_user(username: str, password: str, role: str, name: str | None = None,
              kode_wilayah: str | None = None, url: str | None = None) -> int:
    """Create (or reset) a user; returns its id (``InvalidInput`` for a wrong role, password or region)."""
    refusal = _user_refusal(password, role, kode_wilayah)
    if refusal is not None:
        raise refusal
    with connect(url) as conn:
        return fetch_value(conn, "security/user_upsert", {
            "username": username, "nama": name or username, "peran": role, "kode_wilayah": kode_wilayah,
            "password_hash": generate_password_hash(password, method="scrypt")})


def create_demo_users(url: str | None = None) -> dict:
    """The sample-mode accounts: user name = role, password = ``demo-<role>``."""
    for role, password in DEMO_USERS.items():
        save_user(role, password, role, name=f"Demo {role}", url=url)
    return DEMO_USERS


def list_users(conn) -> list[dict]:
    """Every account with role, region scope, status and last sign-in."""
    return fetch_all(conn, "security/users_list")


def set_user_active(conn, user_id: int, active: bool) -> dict | None:
    """Deactivate or reactivate an account (its sessions end by trigger); the row, None if unknown."""
    return fetch_one(conn, "security/user_set_active", {"id": user_id, "aktif": active})


def user_by_username(conn, username: str) -> dict | None:
    """The account named ``username`` (with its password hash), None when there is none."""
    return fetch_one(conn, "security/user_by_username", {"username": username})
