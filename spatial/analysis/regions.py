"""The kabupaten an analysis covers. Every run is one kabupaten: decisions, budgets and offices are
kabupaten bodies, so pockets, hot spots, gaps, rankings and sites are computed within one. A request
names a kabupaten (``18.04``), a province (``18``: each of its kabupaten) or nothing (every
kabupaten with households)."""
import re
from dataclasses import dataclass

from spatial import sqlfiles
from spatial.codes import within
from spatial.errors import N_, Forbidden, InvalidInput

KODE_KAB = re.compile(r"^\d{2}\.\d{2}$")
KODE_PROV = re.compile(r"^\d{2}$")


@dataclass(frozen=True)
class Kabupaten:
    """One kabupaten as an analysis sees it: code, name, the UTM zone (EPSG) all its metric work
    happens in, and its active households (the largest are scheduled first)."""
    kode_kab: str
    nama: str
    srid: int
    rumah_tangga: int

    def params(self) -> dict:
        """The bound parameters every per-kabupaten query takes."""
        return {"kode_kab": self.kode_kab, "srid": self.srid}


def check_region(kode_wilayah: str | None) -> str | None:
    """The request's region as given (None or '' = everything); InvalidInput unless it is a province
    or kabupaten code (an analysis never covers part of a kabupaten)."""
    code = (kode_wilayah or "").strip() or None
    if code is not None and not (KODE_KAB.match(code) or KODE_PROV.match(code)):
        raise InvalidInput(N_("Analisis dijalankan per kabupaten: wilayah harus kode kabupaten (18.04) atau "
                              "provinsi (18), bukan %(kode)s."), kode=code)
    return code


def kabupaten_of(conn, kode_wilayah: str | None = None) -> list[Kabupaten]:
    """The kabupaten of the region that hold active households (or earlier runs), largest first;
    InvalidInput when there is none."""
    code = check_region(kode_wilayah)
    found = [Kabupaten(**row) for row in sqlfiles.fetch_all(conn, "analysis/kabupaten", {"wilayah": code})]
    if not found:
        raise InvalidInput(N_("Tidak ada rumah tangga di wilayah %(kode)s: muat data rumah tangga dulu."),
                           kode=code or "-")
    return found


def region_choices(conn, wilayah: str | None) -> list[tuple[str, str]]:
    """(code, name) of the regions a user of ``wilayah`` may run analyses for: every province with
    more than one kabupaten with data (meaning each of them), then every kabupaten; [] when the
    user's region is smaller than a kabupaten or holds no data."""
    if wilayah and not (KODE_KAB.match(wilayah) or KODE_PROV.match(wilayah)):
        return []
    try:
        kabupaten = sorted(kabupaten_of(conn, wilayah), key=lambda k: k.kode_kab)
    except ValueError:
        return []
    per_province: dict[str, list[Kabupaten]] = {}
    for kab in kabupaten:
        per_province.setdefault(kab.kode_kab[:2], []).append(kab)
    several = [code for code, kabs in per_province.items() if len(kabs) > 1]
    provinces = [(row["kode_prov"], row["nama"]) for row in sqlfiles.fetch_all(conn, "analysis/provinces", {"kode": several})]
    return provinces + [(k.kode_kab, k.nama) for k in kabupaten]


def requested_region(asked: str | None, scope: str | None) -> str | None:
    """The region a user of region ``scope`` asks an analysis for: ``asked``, else the user's own;
    Forbidden when it is not inside the user's region, or when that region is smaller than a
    kabupaten (an analysis always covers whole kabupaten)."""
    region = str(asked or "").strip() or scope
    if scope and (not (KODE_KAB.match(scope) or KODE_PROV.match(scope)) or not within(region, scope)):
        raise Forbidden(N_("Analisis dijalankan per kabupaten; akun Anda hanya dapat menjalankannya untuk "
                           "%(wilayah)s."), wilayah=scope)
    return region
