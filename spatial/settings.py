"""The settings of Sasaran: one typed object, the only reader of the environment.

Every setting is one field of ``Settings`` with its environment variable, its default and its
check. ``load()`` reads them all and refuses bad values at once, naming each variable and what is
wrong with it (the app factory and the command line call it at start-up); ``current()`` is the
object for the environment as it is now (read again only when a variable changed).

    DATABASE_URL=postgresql://... SASARAN_SESSION_HOURS=8 flask --app webgis run
"""
import os
import secrets
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgresql://sasaran@127.0.0.1:54329/sasaran"
LOCALES = ("id", "en")


class SettingsError(ValueError):
    """One or more environment variables hold a value Sasaran cannot use."""

    def __init__(self, problems: list[str]):
        super().__init__("Pengaturan tidak valid:\n" + "\n".join(f"  - {p}" for p in problems))
        self.problems = problems


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "ya", "yes", "on"):
        return True
    if value in ("0", "false", "tidak", "no", "off"):
        return False
    raise ValueError("harus 1 atau 0")


def _number(cast: Callable[[str], Any], minimum: float, maximum: float | None = None) -> Callable[[str], Any]:
    def parse(text: str) -> Any:
        try:
            value = cast(text.strip())
        except ValueError:
            raise ValueError(f"harus berupa angka{' bulat' if cast is int else ''}") from None
        if value < minimum or (maximum is not None and value > maximum):
            raise ValueError(f"harus antara {minimum} dan {maximum}" if maximum is not None
                             else f"paling kecil {minimum}")
        return value
    return parse


def _database_url(text: str) -> str:
    if not text.startswith(("postgresql://", "postgres://")):
        raise ValueError("harus URL PostgreSQL (postgresql://pengguna@host:port/basis_data)")
    return text


def _locale(text: str) -> str:
    if text not in LOCALES:
        raise ValueError(f"pilihan: {', '.join(LOCALES)}")
    return text


def _timezone(text: str) -> str:
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValueError("zona waktu tidak dikenal (contoh: Asia/Jakarta)") from None
    return text


def _text(text: str) -> str:
    return text


def _directory(text: str) -> Path:
    return Path(text).expanduser().resolve()


def _basemap_file(text: str) -> Path:
    from spatial.basemap import open_basemap  # BasemapError is a ValueError naming what is wrong

    path = Path(text).expanduser().resolve()
    open_basemap(path)
    return path


def _setting(env: str, default: Any, parse: Callable[[str], Any] = _text, doc: str = "") -> Any:
    return field(default=default, metadata={"env": env, "parse": parse, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every setting, typed, with its environment variable (``Settings.describe()`` lists them)."""
    database_url: str = _setting("DATABASE_URL", DEFAULT_DATABASE_URL, _database_url,
                                 "PostgreSQL/PostGIS connection URL")
    secret_key: str | None = _setting("SASARAN_SECRET_KEY", None, _text,
                                      "key signing the session cookie; unset: a random key per start")
    basemap_file: Path | None = _setting("SASARAN_BASEMAP", None, _basemap_file,
                                         "local PMTiles/MBTiles basemap served by the app (first in the basemap order)")
    basemap_url: str = _setting("SASARAN_BASEMAP_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png", _text,
                                "basemap tile URL template; 'none' = no basemap")
    basemap_attribution: str = _setting("SASARAN_BASEMAP_ATTRIBUTION", "&copy; OpenStreetMap contributors", _text,
                                        "attribution shown with the basemap")
    locale: str = _setting("SASARAN_LOCALE", "id", _locale, "default language (id, en)")
    timezone: str = _setting("SASARAN_TIMEZONE", "Asia/Jakarta", _timezone, "time zone of dates shown")
    sample_mode: bool = _setting("SASARAN_SAMPLE_MODE", True, _flag,
                                 "1: demo accounts and the synthetic sample may be loaded")
    secure_cookies: bool = _setting("SASARAN_SECURE_COOKIES", False, _flag, "1: cookies only over HTTPS")
    session_hours: int = _setting("SASARAN_SESSION_HOURS", 8, _number(int, 1, 24 * 30),
                                  "hours a sign-in lasts")
    max_upload_mb: int = _setting("SASARAN_MAX_UPLOAD_MB", 200, _number(int, 1), "largest upload, MB")
    db_pool_max: int = _setting("SASARAN_DB_POOL_MAX", 10, _number(int, 1),
                                "database connections per web worker")
    db_pool_timeout: float = _setting("SASARAN_DB_POOL_TIMEOUT", 1.5, _number(float, 0.1),
                                      "seconds a request waits for a connection (then 503)")
    tile_cache_max: int = _setting("SASARAN_TILE_CACHE_MAX", 10_000, _number(int, 0),
                                   "aggregate household tiles kept in the database cache (oldest evicted)")
    proxy_hops: int = _setting("SASARAN_PROXY_HOPS", 0, _number(int, 0, 5),
                               "reverse proxies in front of the app (X-Forwarded-* trusted)")
    sample_households: int = _setting("SASARAN_SAMPLE_HOUSEHOLDS", 85000, _number(int, 100),
                                      "households of the bundled synthetic sample")
    sample_seed: int = _setting("SASARAN_SAMPLE_SEED", 42, _number(int, 0), "seed of the synthetic sample")
    biaya_rtlh: float | None = _setting("SASARAN_BIAYA_RTLH", None, _number(float, 0),
                                        "cost of one RTLH repair, Rp (unset: rtlh_config.toml)")
    host: str = _setting("SASARAN_HOST", "127.0.0.1", _text, "address the web server listens on")
    port: int = _setting("SASARAN_PORT", 5000, _number(int, 1, 65535), "port the web server listens on")
    web_workers: int = _setting("SASARAN_WORKERS", 0, _number(int, 0, 64),
                                "web worker processes (0: one per CPU core, at least two)")
    web_threads: int = _setting("SASARAN_THREADS", 4, _number(int, 1, 64), "threads of each web worker")
    var_dir: Path = _setting("SASARAN_VAR_DIR", ROOT / "var", _directory,
                             "folder of uploads, import work files and photos")
    analysis_workers: int | None = _setting("SASARAN_ANALISIS_PARALEL", None, _number(int, 1, 64),
                                            "analysis runs at the same time (unset: the CPU cores)")

    @property
    def import_dir(self) -> Path:
        """Uploaded registry files while their import runs."""
        return self.var_dir / "impor"

    @property
    def report_dir(self) -> Path:
        """Reports of imports run from the command line (never beside the imported file)."""
        return self.var_dir / "laporan"

    @property
    def upload_dir(self) -> Path:
        """Uploaded files kept (verification photos under ``seleksi/<programme>``)."""
        return self.var_dir / "unggahan"

    @property
    def session_key(self) -> str:
        """The configured secret key, or a random one for this process."""
        return self.secret_key or _random_key()

    @classmethod
    def describe(cls) -> list[tuple[str, str, str]]:
        """(variable, default, meaning) of every setting, for docs and ``--help``."""
        return [(f.metadata["env"], "" if f.default is None else str(f.default), f.metadata["doc"])
                for f in fields(cls)]


@lru_cache(maxsize=1)
def _random_key() -> str:
    return secrets.token_hex(32)


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """The settings of ``environ`` (default: the process environment); SettingsError naming every
    bad variable. Unset or empty variables keep their default."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    problems = []
    for spec in fields(Settings):
        name = spec.metadata["env"]
        raw = env.get(name)
        if raw is None or raw.strip() == "":
            continue
        try:
            values[spec.name] = spec.metadata["parse"](raw)
        except ValueError as exc:
            problems.append(f"{name}={raw!r}: {exc}")
    if problems:
        raise SettingsError(problems)
    return Settings(**values)


_NAMES = tuple(spec.metadata["env"] for spec in fields(Settings))


@lru_cache(maxsize=4)
def _cached(snapshot: tuple) -> Settings:
    return load(dict(zip(_NAMES, snapshot)))


def current() -> Settings:
    """The settings of the environment as it is now (parsed again only after a variable changed)."""
    return _cached(tuple(os.environ.get(name) for name in _NAMES))


def database_url() -> str:
    """The PostgreSQL/PostGIS connection URL (``DATABASE_URL``)."""
    return current().database_url
