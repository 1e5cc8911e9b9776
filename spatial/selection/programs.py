"""Programmes: create, edit, quotas, close/re-open, and totals against the budget."""
import datetime
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import psycopg
from psycopg.types.json import Jsonb

from spatial import scope
from spatial.errors import N_, InvalidInput, NotFound, SelectionError
from spatial.selection import rules
from spatial.sqlfiles import fetch_all


def _validate(data: dict) -> dict:
    if not str(data.get("nama", "")).strip():
        raise SelectionError(N_("Nama program wajib diisi."))
    if data.get("sumber") not in rules.SOURCES:
        raise SelectionError(N_("Sumber dana harus salah satu dari %(pilihan)s."), pilihan=", ".join(rules.SOURCES))
    if data.get("batas_wilayah", "semua") not in rules.AREA_LIMITS:
        raise SelectionError(N_("Batas wilayah tidak dikenal."))
    try:
        cost, budget = Decimal(data["biaya_satuan"]), Decimal(data["anggaran"])
    except InvalidOperation:
        raise InvalidInput(N_("Biaya satuan dan anggaran harus berupa angka.")) from None
    if cost <= 0 or budget < 0:
        raise SelectionError(N_("Biaya satuan harus lebih dari 0 dan anggaran tidak boleh negatif."))
    return {"nama": str(data["nama"]).strip(), "tahun": int(data["tahun"]), "sumber": data["sumber"],
            "biaya_satuan": Decimal(data["biaya_satuan"]), "anggaran": Decimal(data["anggaran"]),
            "aturan": Jsonb(rules.resolve(data.get("aturan"))),
            "tahun_tanpa_bantuan": int(data.get("tahun_tanpa_bantuan", 10)),
            "batas_wilayah": data.get("batas_wilayah", "semua")}


def create_program(conn, data: dict, oleh: str, wilayah: str | None = None) -> int:
    """Insert a programme from ``data`` (nama, tahun, sumber, biaya_satuan, anggaran, aturan,
    tahun_tanpa_bantuan, batas_wilayah, optional kode_wilayah and kuota {kode: n}); returns its id.
    Its owner region is ``data["kode_wilayah"]`` or else the creator's region ``wilayah``."""
    owner = (data.get("kode_wilayah") or "").strip() or wilayah
    scope.require(wilayah, owner, "Wilayah program")
    program_id = fetch_all(conn, "selection/program_insert",
                           {**_validate(data), "oleh": oleh, "kode_wilayah": owner})[0]["id"]
    if data.get("kuota"):
        set_quotas(conn, program_id, data["kuota"])
    return program_id


def require_owner(conn, program_id: int, wilayah: str | None) -> None:
    """``OutsideScope`` unless the programme's owner region lies in ``wilayah`` (a programme of the
    whole deployment only for unscoped users); locks the programme row until the transaction ends."""
    found = fetch_all(conn, "selection/program_owner", {"id": program_id})
    if found:
        scope.require(wilayah, found[0]["kode_wilayah"], f"Program #{program_id}")


def update_program(conn, program_id: int, data: dict, wilayah: str | None = None) -> None:
    """Change a programme's fields (and its quotas when ``kuota`` is given), if ``wilayah`` covers
    its owner region."""
    require_owner(conn, program_id, wilayah)
    fetch_all(conn, "selection/program_update", {**_validate(data), "id": program_id})
    if "kuota" in data:
        set_quotas(conn, program_id, data["kuota"] or {})


def set_quotas(conn, program_id: int, quotas: dict) -> None:
    """Replace the quotas ({kode_desa, kode_kec or kode_kab: units}); unknown codes are refused."""
    codes = [str(c).strip() for c in quotas]
    fetch_all(conn, "selection/quota_clear", {"id": program_id})
    kept = {r["kode_wilayah"] for r in fetch_all(conn, "selection/quota_replace", {
        "id": program_id, "kode": codes, "kuota": [int(v) for v in quotas.values()]})}
    unknown = [c for c in codes if c not in kept]
    if unknown:
        raise SelectionError(N_("Kode wilayah kuota tidak dikenal: %(kode)s"), kode=", ".join(unknown))


def parse_quotas(text: str) -> dict:
    """Quotas typed one per line as ``18.04.04.2002 = 5`` (or ``18.04.04 5``) -> {kode: 5}."""
    quotas = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = line.replace("=", " ").replace(";", " ").split()
        if len(parts) != 2 or not parts[1].isdigit():
            raise SelectionError(N_("Baris kuota %(nomor)s tidak terbaca: %(baris)s (contoh: 18.04.04.2002 = 5)"),
                                 nomor=number, baris=repr(line))
        quotas[parts[0]] = int(parts[1])
    return quotas


def get_program(conn, program_id: int) -> dict | None:
    """A programme with its resolved rules, quotas and totals (unit, biaya, sisa, per_status)."""
    found = fetch_all(conn, "selection/program", {"id": program_id})
    if not found:
        return None
    program = found[0]
    program["aturan"] = rules.resolve(program["aturan"])
    program["kuota"] = fetch_all(conn, "selection/quota_list", {"id": program_id})
    program["sisa_unit"] = max(int(program["sisa"] // program["biaya_satuan"]), 0)
    return program


def require(conn, program_id: int) -> dict:
    """The programme (see ``get_program``); NotFound when there is none."""
    program = get_program(conn, program_id)
    if program is None:
        raise NotFound(N_("Program tidak ditemukan."))
    return program


def form_data(form: Mapping[str, str]) -> dict:
    """Programme fields of the create/edit form (rules and quotas included); InvalidInput naming the
    field when a number cannot be read. Amounts may be written the Indonesian way (1.500.000,50)."""
    def number(name: str, default: str) -> str:
        return (form.get(name) or "").replace(".", "").replace(",", ".").strip() or default

    def whole(name: str, default: int) -> int:
        try:
            return int(form.get(name) or default)
        except ValueError:
            raise InvalidInput(N_("%(kolom)s harus berupa bilangan bulat."), kolom=name) from None

    try:
        skor_minimum = float(form.get("skor_minimum") or 0)
    except ValueError:
        raise InvalidInput(N_("%(kolom)s harus berupa angka."), kolom="skor_minimum") from None
    return {
        "nama": form.get("nama", ""), "tahun": whole("tahun", datetime.date.today().year),
        "sumber": form.get("sumber"), "biaya_satuan": number("biaya_satuan", "0"), "anggaran": number("anggaran", "0"),
        "tahun_tanpa_bantuan": whole("tahun_tanpa_bantuan", 10),
        "batas_wilayah": form.get("batas_wilayah", "semua"),
        "aturan": {"wajib_rtlh": form.get("wajib_rtlh") == "1",
                   "status_rumah": [s.strip() for s in form.get("status_rumah", "").split(",") if s.strip()] or None,
                   "desil_maksimum": whole("desil_maksimum", rules.default_rules()["desil_maksimum"]),
                   "skor_minimum": skor_minimum},
        "kuota": parse_quotas(form.get("kuota", "")),
    }


def list_programs(conn) -> list[dict]:
    """All programmes with their live units and cost."""
    return fetch_all(conn, "selection/program_list", {})


def set_status(conn, program_id: int, status: str, oleh: str, wilayah: str | None = None) -> None:
    """Close (``ditutup``) or re-open (``aktif``) a programme, if ``wilayah`` covers its owner
    region; see the rules in 0006_selection.sql."""
    if status not in ("aktif", "ditutup"):
        raise SelectionError(N_("Status program tidak dikenal."))
    require_owner(conn, program_id, wilayah)
    fetch_all(conn, "selection/actor", {"oleh": oleh, "alasan": None})
    try:
        with conn.transaction():
            fetch_all(conn, "selection/program_status", {"id": program_id, "status": status})
    except psycopg.errors.UniqueViolation as exc:
        raise SelectionError(N_("Program tidak dapat dibuka kembali: sebagian rumah tangganya sudah terpilih di "
                                "program aktif lain.")) from exc
    except psycopg.errors.CheckViolation as exc:
        raise rules.trigger_refusal(exc.diag.message_primary or str(exc)) from exc
