"""Results of the field visits back into Sasaran (issue #19): a filled field form
(``fieldform.read``) becomes a plan that the user previews, then applies in one transaction.

Per row: Layak ``ya`` verifies the house (``terverifikasi``, with Petugas and Tanggal kunjungan),
``tidak`` rejects it (``ditolak``, with the Alasan), empty leaves its status alone; the Koreksi
columns correct the recorded roof/wall/floor material, floor area and point. A row the plan cannot
apply (unknown selection, an id that does not match, a status that cannot move, a missing reason,
verifier or date, an unreadable Layak or date) is listed with its line and why, and changes nothing;
a correction that cannot be read (an unknown material, an area or point out of range or outside
the household's village) is left out with a warning, and the rest of the row applies.

Applying runs every row through ``actions.transition`` and ``households.corrections.correct`` in a
savepoint of one transaction: a row whose household changed since the preview is reported, the
others are written, and the upload keeps what happened. Messages are stored as msgids with their
values (``{"pesan", "nilai"}``) and shown in the reader's language."""
import datetime
import hashlib
import re

from psycopg.types.json import Jsonb

from spatial.codes import parents, within
from spatial.errors import N_, Conflict, NotFound, SasaranError
from spatial.households import corrections
from spatial.selection import actions, fieldform, programs, rules
from spatial.sqlfiles import fetch_all, fetch_one, run
from spatial.vocabulary import Matcher, code_list, vocabularies

MATERIALS = {"koreksi_jenis_atap": "jenis_atap", "koreksi_jenis_dinding": "jenis_dinding",
             "koreksi_jenis_lantai": "jenis_lantai"}
COLUMN_WORDS = {"jenis_atap": N_("atap"), "jenis_dinding": N_("dinding"), "jenis_lantai": N_("lantai"),
                "luas_lantai_m2": N_("luas lantai"), "lokasi": N_("titik koordinat")}
# Layak as field workers write it: the yes/no list of the code lists plus the words of the form.
LAYAK = Matcher({"layak": code_list("ya_tidak", "layak")},
                {"layak": {"layak": "ya", "tidak layak": "tidak", "tl": "tidak", "l": "ya"}})
HOUSE = Matcher(vocabularies("rumah_tangga"))
DATE_TEXT = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})\s*$")
TO_VISIT = ("usulan", "terverifikasi")   # the statuses a field form lists by default
STATUSES = tuple(rules.TRANSITIONS)      # every status (a form of checked households)


def _message(pesan: str, **nilai) -> dict:
    return {"pesan": pesan, "nilai": nilai}


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _date(value, today: datetime.date) -> tuple[datetime.date | None, dict | None]:
    """A visit date from a date cell or text ``dd/mm/yyyy`` (also ``-`` or ``.``) or ISO."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        text = str(value).strip()
        found = DATE_TEXT.match(text)
        try:
            value = (datetime.date(int(found.group(3)), int(found.group(2)), int(found.group(1))) if found
                     else datetime.date.fromisoformat(text))
        except ValueError:
            return None, _message(N_("Tanggal kunjungan tidak terbaca: %(nilai)s (tulis hari/bulan/tahun)."), nilai=text)
    if value > today or value.year < 2000:
        return None, _message(N_("Tanggal kunjungan %(nilai)s tidak mungkin."), nilai=value.isoformat())
    return value, None


def _layak(value) -> tuple[str | None, dict | None]:
    text = _text(value)
    if text is None:
        return None, None
    match = LAYAK.match("layak", text)
    if match.kode is None:
        return None, _message(N_("Layak harus ya atau tidak, tertulis: %(nilai)s"), nilai=text)
    return match.kode, None


def form_rows(conn, program_id: int, wilayah: str | None = None, kode_desa: str | None = None,
              seleksi_ids: list[int] | None = None, statuses: tuple = TO_VISIT) -> list[dict]:
    """Households of the programme for the field form (``selection/field_rows``): those still to
    visit by default, of one village or the given selections, in the user's region."""
    return fetch_all(conn, "selection/field_rows", {
        "program_id": program_id, "status": list(statuses), "kode_desa": kode_desa, "seleksi_ids": seleksi_ids,
        "wilayah": wilayah})


def _selections(conn, program: dict, wilayah: str | None) -> tuple[dict, dict]:
    """The programme's selections in the user's region by id and by family id."""
    rows = form_rows(conn, program["id"], wilayah, statuses=STATUSES)
    by_family: dict = {}
    for row in rows:
        by_family.setdefault(str(row["id_keluarga"]), []).append(row)
    return {row["seleksi_id"]: row for row in rows}, by_family


def _find(row: fieldform.FormRow, by_id: dict, by_family: dict) -> tuple[dict | None, dict | None]:
    key = _text(row.seleksi_id)
    family = _text(row.id_keluarga)
    if key is not None:
        try:
            found = by_id.get(int(float(key)))
        except ValueError:
            return None, _message(N_("ID Seleksi %(nilai)s bukan angka."), nilai=key)
        if found is None:
            return None, _message(N_("ID Seleksi %(nilai)s tidak ada dalam program ini atau di luar wilayah Anda."),
                                  nilai=key)
        if family is not None and family != str(found["id_keluarga"]):
            return None, _message(N_("ID Keluarga %(tertulis)s tidak cocok dengan ID Seleksi %(seleksi)s (tercatat "
                                     "%(tercatat)s)."), tertulis=family, seleksi=key, tercatat=found["id_keluarga"])
        return found, None
    matches = by_family.get(family or "", [])
    if len(matches) == 1:
        return matches[0], None
    if len(matches) > 1:
        return None, _message(N_("ID Keluarga %(nilai)s ada di lebih dari satu kabupaten: isi ID Seleksi."),
                              nilai=family)
    return None, _message(N_("Rumah tangga %(nilai)s tidak ada dalam program ini atau di luar wilayah Anda."),
                          nilai=family or "–")


def _step(status: str, layak: str | None) -> tuple[str | None, dict | None]:
    """The workflow step Layak asks for from ``status`` (None: nothing to change)."""
    if layak is None:
        return None, None
    target = "terverifikasi" if layak == "ya" else "ditolak"
    if status == target or (target == "terverifikasi" and status in ("ditetapkan", "selesai")):
        return None, None
    if target not in rules.TRANSITIONS.get(status, ()):
        return None, _message(N_("Status %(dari)s tidak dapat diubah menjadi %(ke)s."), dari=status, ke=target)
    return target, None


def _numbers(conn, filled: list[tuple[dict, fieldform.FormRow]]) -> dict:
    """Areas and points of the corrections, read in SQL with the importer's rules."""
    rows = [(found, row) for found, row in filled
            if any(_text(row.isian.get(k)) for k in ("koreksi_luas_lantai_m2", "koreksi_lat", "koreksi_lon"))]
    if not rows:
        return {}
    answer = fetch_all(conn, "selection/field_values", {
        "seleksi_ids": [found["seleksi_id"] for found, _row in rows],
        "luas": [_text(row.isian.get("koreksi_luas_lantai_m2")) for _found, row in rows],
        "lat": [_text(row.isian.get("koreksi_lat")) for _found, row in rows],
        "lon": [_text(row.isian.get("koreksi_lon")) for _found, row in rows]})
    return {r["seleksi_id"]: r for r in answer}


def _corrections(found: dict, row: fieldform.FormRow, numbers: dict) -> tuple[dict, list]:
    """``{kolom: new value}`` of the row's Koreksi cells that can be read, and warnings for the rest."""
    changes: dict = {}
    warnings = []
    for key, kolom in MATERIALS.items():
        text = _text(row.isian.get(key))
        if text is None:
            continue
        entry = HOUSE.match(kolom, text).kode
        if entry is None:
            suggestion = HOUSE.suggest(kolom, text)
            warnings.append(_message(N_("Koreksi %(kolom)s %(nilai)s tidak dikenal%(saran)s; nilai tercatat tetap."),
                                     kolom=COLUMN_WORDS[kolom], nilai=text,
                                     saran=f" (maksud Anda: {suggestion}?)" if suggestion else ""))
        elif entry != found[kolom]:
            changes[kolom] = entry
    read = numbers.get(found["seleksi_id"])
    area = _text(row.isian.get("koreksi_luas_lantai_m2"))
    if area is not None and read is not None:
        if read["luas_wajar"]:
            changes[corrections.AREA] = round(float(read["luas"]), 2)
        else:
            warnings.append(_message(N_("Koreksi luas lantai %(nilai)s bukan luas yang wajar (m², koma desimal "
                                        "boleh: 36,5); nilai tercatat tetap."), nilai=area))
    lat, lon = _text(row.isian.get("koreksi_lat")), _text(row.isian.get("koreksi_lon"))
    if (lat is None) != (lon is None):
        warnings.append(_message(N_("Koreksi titik memerlukan lintang dan bujur; titik tercatat tetap.")))
    elif lat is not None and read is not None:
        if read["lat"] is None or read["lon"] is None or not read["di_indonesia"]:
            warnings.append(_message(N_("Koreksi titik %(lat)s, %(lon)s tidak terbaca atau di luar Indonesia; titik "
                                        "tercatat tetap."), lat=lat, lon=lon))
        elif not read["di_desa"]:
            warnings.append(_message(N_("Koreksi titik %(lat)s, %(lon)s berada %(jarak)s m di luar desa %(desa)s; "
                                        "titik tercatat tetap (pindah desa lewat impor data)."),
                                     lat=lat, lon=lon, jarak=int(read["jarak_desa_m"] or 0),
                                     desa=f"{found['nama_desa']} ({found['kode_desa']})"))
        else:
            changes[corrections.POINT] = (round(float(read["lat"]), 7), round(float(read["lon"]), 7))
    return changes, warnings


def _household(found: dict | None, row: fieldform.FormRow) -> dict:
    if found is None:
        return {"baris": row.baris, "seleksi_id": None, "id_keluarga": _text(row.id_keluarga), "nama_kepala": None,
                "kode_desa": None, "nama_desa": None}
    return {"baris": row.baris, "seleksi_id": found["seleksi_id"], "id_keluarga": found["id_keluarga"],
            "nama_kepala": found["nama_kepala"], "kode_desa": found["kode_desa"], "nama_desa": found["nama_desa"]}


def plan(conn, program: dict, form: fieldform.FilledForm, wilayah: str | None = None,
         today: datetime.date | None = None) -> dict:
    """What applying the filled ``form`` would do (see the module docstring): ``terapkan`` (rows
    with their step and corrections), ``tidak_diterapkan`` (line, household, reasons),
    ``belum_diisi`` (rows left empty), ``tanpa_perubahan`` (filled rows that change nothing)."""
    if form.program_id is not None and form.program_id != program["id"]:
        raise Conflict(N_("Formulir ini milik program lain (#%(lain)s), bukan %(program)s."),
                       lain=form.program_id, program=program["nama"])
    today = today or datetime.date.today()
    by_id, by_family = _selections(conn, program, wilayah)
    seen: dict = {}
    located: list[tuple[dict, fieldform.FormRow]] = []
    refused, empty = [], 0
    for row in form.rows:
        if not row.filled():
            empty += 1
            continue
        found, problem = _find(row, by_id, by_family)
        if found is not None and found["seleksi_id"] in seen:
            problem = _message(N_("Baris ganda: rumah ini sudah ada di baris %(baris)s."),
                               baris=seen[found["seleksi_id"]])
        if problem or found is None:
            refused.append({**_household(None, row), "alasan": [problem]})
            continue
        seen[found["seleksi_id"]] = row.baris
        located.append((found, row))
    numbers = _numbers(conn, located)
    apply, warned, unchanged = [], [], 0
    for found, row in located:
        entry = _row_plan(found, row, numbers, today)
        if entry.get("alasan"):
            refused.append(entry)
            continue
        if entry["peringatan"]:
            warned.append({**_identity(entry), "alasan": entry["peringatan"]})
        if entry["ke"] is None and not entry["koreksi"]:
            unchanged += 1
        else:
            apply.append(entry)
    return {"program_id": program["id"], "terapkan": apply, "tidak_diterapkan": sorted(refused, key=lambda r: r["baris"]),
            "peringatan": warned, "belum_diisi": empty, "tanpa_perubahan": unchanged, "baris": len(form.rows)}


def _row_plan(found: dict, row: fieldform.FormRow, numbers: dict, today: datetime.date) -> dict:
    problems = []
    layak, problem = _layak(row.isian.get("layak"))
    problems += [problem] if problem else []
    visit, problem = _date(row.isian.get("tanggal"), today)
    problems += [problem] if problem else []
    ke, problem = _step(found["status"], layak)
    problems += [problem] if problem else []
    petugas, alasan, catatan = (_text(row.isian.get(k)) for k in ("petugas", "alasan", "catatan"))
    if ke == "ditolak" and not alasan:
        problems.append(_message(N_("Tidak layak tanpa Alasan: isi kolom Alasan.")))
    if ke == "terverifikasi" and not (petugas and visit):
        problems.append(_message(N_("Layak memerlukan Petugas dan Tanggal kunjungan.")))
    changes, warnings = _corrections(found, row, numbers)
    recorded = {k: corrections.as_text(k, found[k]) for k in corrections.MATERIALS + (corrections.AREA,)}
    recorded[corrections.POINT] = corrections.as_text(corrections.POINT, (found["lat"], found["lon"]))
    entry = {**_household(found, row), "kode_prov": found["kode_prov"], "rumah_tangga_id": found["id"],
             "dari": found["status"], "ke": ke, "petugas": petugas, "tanggal": visit.isoformat() if visit else None,
             "alasan_tolak": alasan, "catatan": catatan, "peringatan": warnings,
             "koreksi": [{"kolom": k, "lama": recorded[k], "baru": corrections.as_text(k, v),
                          "nilai": list(v) if isinstance(v, tuple) else v} for k, v in changes.items()],
             "tercatat": recorded}
    if problems:
        entry["alasan"] = problems
    return entry


def store(conn, program: dict, name: str, data: bytes, the_plan: dict, oleh: str, wilayah: str | None) -> int:
    """Keep the upload and its plan until it is applied; returns its id."""
    return fetch_all(conn, "selection/field_upload_insert", {
        "program_id": program["id"], "nama_berkas": name, "sha256": hashlib.sha256(data).hexdigest(),
        "oleh": oleh, "wilayah": wilayah, "rencana": Jsonb(the_plan)})[0]["id"]


def upload(conn, program_id: int, upload_id: int, wilayah: str | None = None) -> dict:
    """One stored upload of the programme made by a user of the region ``wilayah``, locked until
    the transaction ends (NotFound otherwise)."""
    row = fetch_one(conn, "selection/field_upload", {"id": upload_id, "program_id": program_id})
    if row is None or not within(row["wilayah"], wilayah):
        raise NotFound(N_("Unggahan formulir lapangan tidak ditemukan."))
    return row


def uploads(conn, program_id: int, wilayah: str | None = None) -> list[dict]:
    """The programme's latest uploads (of users of ``wilayah``) with their counts."""
    return fetch_all(conn, "selection/field_uploads", {"program_id": program_id, "wilayah": wilayah})


def apply(conn, program_id: int, upload_id: int, oleh: str, wilayah: str | None = None) -> dict:
    """Apply a previewed upload in one transaction (see the module docstring); returns the result
    ``{"diterapkan": [...], "gagal": [...], "koreksi": n, "skor_kabupaten": [kode_kab, ...]}`` also kept
    with it (``skor_kabupaten``: where corrected materials or floor areas change RTLH scores)."""
    stored = upload(conn, program_id, upload_id, wilayah)
    if stored["diterapkan_pada"] is not None:
        raise Conflict(N_("Formulir ini sudah diterapkan oleh %(oleh)s."), oleh=stored["diterapkan_oleh"])
    programs.require(conn, program_id)
    done, failed, corrected = [], [], 0
    for entry in stored["rencana"]["terapkan"]:
        try:
            with conn.transaction():
                applied = _apply_row(conn, program_id, upload_id, entry, oleh, wilayah)
        except SasaranError as error:
            failed.append({**_identity(entry), "alasan": [_message(error.message, **error.params)]})
        else:
            done.append({**_identity(entry), "ke": entry["ke"], "koreksi": applied})
            corrected += len(applied)
    rescored = {str(parents(d["kode_desa"])["kode_kab"]) for d in done if any(c["kolom"] != corrections.POINT
                                                                          for c in d["koreksi"])}
    result = {"diterapkan": done, "gagal": failed, "koreksi": corrected, "skor_kabupaten": sorted(rescored)}
    run(conn, "selection/field_upload_done", {"id": upload_id, "oleh": oleh, "hasil": Jsonb(result)})
    return result


def _identity(entry: dict) -> dict:
    return {k: entry[k] for k in ("baris", "seleksi_id", "id_keluarga", "nama_kepala", "kode_desa", "nama_desa")}


def _apply_row(conn, program_id: int, upload_id: int, entry: dict, oleh: str, wilayah: str | None) -> list:
    actions.selection(conn, program_id, entry["seleksi_id"], wilayah)   # the applier's region too
    if entry["ke"] is not None:
        note = entry["alasan_tolak"] if entry["ke"] == "ditolak" else entry["catatan"]
        if entry["ke"] == "ditolak" and entry["catatan"]:
            note = f"{note}; {entry['catatan']}"
        actions.transition(conn, program_id, entry["seleksi_id"], entry["ke"], oleh, alasan=note,
                           verifikator=entry["petugas"],
                           tanggal=datetime.date.fromisoformat(entry["tanggal"]) if entry["tanggal"] else None,
                           wilayah=wilayah)
    if not entry["koreksi"]:
        return []
    changes = {c["kolom"]: tuple(c["nilai"]) if c["kolom"] == corrections.POINT else c["nilai"]
               for c in entry["koreksi"]}
    applied, stale = corrections.correct(conn, entry["kode_prov"], entry["rumah_tangga_id"], changes,
                                         entry["tercatat"], oleh, upload_id, entry["seleksi_id"])
    if stale:
        raise Conflict(N_("Data rumah (%(kolom)s) berubah sejak pratinjau; unggah ulang formulir untuk baris ini."),
                       kolom=", ".join(stale))
    return applied


def report_rows(result_or_plan: dict) -> list[dict]:
    """Rows not applied (of a plan or a result) in line order, for the report."""
    rows = result_or_plan.get("tidak_diterapkan", []) + result_or_plan.get("gagal", [])
    return sorted(rows, key=lambda r: r["baris"])
