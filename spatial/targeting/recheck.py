"""The list to re-check per village: the households most likely wrongly in or out of a programme,
each with the proposed change for the national registry (tambah / hapus / perbarui), the reason
and the evidence (query targeting/recheck_village); the worksheet a village operator works through
(XLSX: NIK, name, address, proposal, reason, evidence, and the columns to fill in with drop-down
lists), and the filled worksheet read back with the outcome of each line.

Worksheet lines are stored in ``cek_ulang`` when the worksheet is made, so every line keeps its
number (column ``No. cek``) and an outcome reported earlier stays with it.
"""
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from spatial.errors import N_, ImportFileError, Message, NotFound, Number, Text
from spatial.importer.columns import Schema
from spatial.importer.source import inspect, iter_rows
from spatial.scope import require
from spatial.spreadsheet import safe_cell
from spatial.sqlfiles import fetch_all, fetch_rows, run
from spatial.targeting.accuracy import REASONS, program_of
from spatial.targeting.programs import sql_rules

PROPOSALS = {"tambah": N_("tambah"), "hapus": N_("hapus"), "perbarui": N_("perbarui")}
OUTCOMES = {"diusulkan_ke_siks": N_("sudah diusulkan/diubah di SIKS-NG"),
            "tidak_perlu": N_("diperiksa, tidak perlu diubah"),
            "tidak_ditemukan": N_("keluarga tidak ditemukan di lapangan")}
REASON_WORDS = {"salah_keluar": N_("layak tetapi tidak menerima"),
                "tidak_dinilai": N_("menerima, data penentu kelayakan kosong"), **REASONS}
COLUMNS = ("no_cek", "program", "periode", "nik", "nama", "alamat", "usulan", "alasan", "bukti", "hasil", "catatan",
           "diperiksa_oleh", "tanggal_periksa")
HEADERS = ("No. cek", "Program", "Periode", "NIK", "Nama kepala keluarga", "Alamat", "Usulan perubahan", "Alasan",
           "Bukti", "Hasil pemeriksaan", "Catatan", "Diperiksa oleh", "Tanggal periksa")
# The filled worksheet read back: the importer's sniffing and header matching (headers as written above).
WORKSHEET = Schema("lembar_cek_ulang", COLUMNS, ("no_cek", "hasil"),
                   {c: (re.sub(r"[^0-9a-z]+", "_", h.lower()).strip("_"),) for c, h in zip(COLUMNS, HEADERS)})


def items(conn, kode_desa: str, code: str, periode: str) -> list[dict]:
    """The lines to re-check of one village, programme and period, most likely first (personal data:
    callers audit the view), each with its stored number, any outcome reported and its evidence
    (``bukti``: a list of messages, see :func:`evidence`)."""
    rule = sql_rules([program_of(code).kode])[0]
    rows = fetch_all(conn, "targeting/recheck_village", {
        "program": code, "periode": periode, "kode_desa": kode_desa, "desil_maks": rule["desil_maks"],
        "komponen": rule["komponen"], "status_rumah": rule["status_rumah"], "nilai": rule["nilai"]})
    for row in rows:
        row["bukti"] = evidence(row, rule["desil_maks"])
    stored = {row[0]: row[1:] for row in fetch_rows(conn, "targeting/recheck_save", {
        "program": code, "periode": periode, "kode_desa": kode_desa, "kunci": [r["kunci"] for r in rows],
        "usulan": [r["usulan"] for r in rows], "alasan": [r["alasan"] for r in rows],
        "bukti": [evidence_text(r["bukti"]) for r in rows]})} if rows else {}
    for row in rows:
        number, outcome, note, checker, checked = stored[row["kunci"]]
        row.update(no_cek=number, program=code, periode=periode, hasil=outcome, catatan=note, diperiksa_oleh=checker,
                   tanggal_periksa=checked)
    return rows


WATER = {False: N_("air minum tidak layak"), True: N_("air minum layak")}
SANITATION = {False: N_("sanitasi tidak layak"), True: N_("sanitasi layak")}
REVIEW = {"perlu": N_("perlu ditinjau"), "diterima": N_("diterima peninjau"), "ditolak": N_("ditolak peninjau")}
EMPTY = Text(N_("kosong"))


def evidence(row: dict, desil_maks: int) -> list[Message]:
    """Why a line is on the list, part by part (a row of targeting/recheck_village): the desil and
    the programme's limit, the RTLH score, water and sanitation, the distance to the nearest poverty
    pocket, what the family is missing or shares, what a match by name rests on."""
    parts = []
    if row["terdaftar"]:
        parts.append(Message(N_("desil %(desil)s (batas program %(batas)s)"),
                             desil=EMPTY if row["desil"] is None else row["desil"], batas=desil_maks))
    if row["skor_rtlh"] is not None:
        parts.append(Message(N_("skor RTLH %(skor)s, RTLH") if row["rtlh"] else N_("skor RTLH %(skor)s"),
                             skor=Number(row["skor_rtlh"], 0)))
    if row["terdaftar"]:
        parts += [Message(words[found]) for words, found in ((WATER, row["air_layak"]), (SANITATION, row["sanitasi_layak"]))
                  if found is not None]
    if row["jarak_kantong_m"] == 0:
        parts.append(Message(N_("di dalam kantong kemiskinan #%(kantong)s"), kantong=row["kantong_id"]))
    elif row["jarak_kantong_m"] is not None:
        parts.append(Message(N_("%(meter)s m dari kantong kemiskinan #%(kantong)s"),
                             meter=Number(row["jarak_kantong_m"], 0), kantong=row["kantong_id"]))
    if row["alasan"] == "tidak_terdaftar":
        parts.append(Message(N_("tidak ditemukan di registri (NIK %(nik)s)"), nik=row["nik_daftar"] or EMPTY))
    elif row["alasan"] == "nik_ganda_desa":
        parts.append(Message(N_("NIK sama juga menerima di desa %(desa)s"), desa=row["desa_registri"]))
    elif row["alasan"] == "tidak_aktif":
        parts.append(Message(N_("rumah tangga tidak aktif di registri")))
    if row["cara_cocok"] == "nama_desa":
        parts.append(Message(N_("dicocokkan lewat nama (skor %(skor)s, %(tinjau)s)"), skor=Number(row["skor_cocok"], 0),
                             tinjau=Text(REVIEW[row["tinjau"] or "perlu"])))
    return parts


def evidence_text(parts: list[Message], gettext=lambda text: text, locale: str = "id") -> str:
    """The evidence in one line (parts joined by "; "), in Bahasa Indonesia unless told otherwise."""
    return "; ".join(part.translated(gettext, locale) for part in parts)


def write_worksheet(rows: list[dict], village: dict, target, gettext=lambda text: text, locale: str = "id") -> None:
    """The worksheet of one village as XLSX: a header block, one line per item, drop-down lists for
    the outcome, a date check for the date, printed landscape one page wide with the header row on
    every page. Every text cell goes through safe_cell."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "Cek ulang"
    sheet.append([safe_cell(gettext("Lembar cek ulang penerima bantuan"))])
    sheet.append([safe_cell(f"{village['nama']} ({village['kode_desa']})"),
                  safe_cell(gettext("dibuat %(tanggal)s") % {"tanggal": datetime.date.today().isoformat()})])
    sheet.append([safe_cell(gettext("Isi kolom Hasil pemeriksaan (pilih dari daftar), Catatan, Diperiksa oleh dan "
                                    "Tanggal periksa, lalu unggah kembali lembar ini di halaman Tepat Sasaran."))])
    sheet.append(list(HEADERS))  # Indonesian in every language: read_outcomes matches these headers
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row["no_cek"], row["program"], safe_cell(row["periode"]), safe_cell(row["nik"]),
                      safe_cell(row["nama"]), safe_cell(row["alamat"]), gettext(PROPOSALS[row["usulan"]]),
                      safe_cell(gettext(REASON_WORDS.get(row["alasan"], row["alasan"]))),
                      safe_cell(evidence_text(row["bukti"], gettext, locale)),
                      row["hasil"], safe_cell(row["catatan"]), safe_cell(row["diperiksa_oleh"]), row["tanggal_periksa"]])
    last = max(sheet.max_row, header_row + 1)
    outcome = DataValidation(type="list", formula1='"' + ",".join(OUTCOMES) + '"', allow_blank=True)
    outcome.add(f"J{header_row + 1}:J{last}")
    date = DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)", allow_blank=True)
    date.add(f"M{header_row + 1}:M{last}")
    sheet.add_data_validation(outcome)
    sheet.add_data_validation(date)
    for column, width in zip("ABCDEFGHIJKLM", (8, 8, 9, 19, 26, 28, 10, 28, 60, 20, 24, 16, 13)):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=header_row + 1):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        line[3].number_format = "@"
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(target)


@dataclass
class Outcomes:
    """What reading a filled worksheet did: lines recorded, lines left blank, and the lines that
    could not be used with their row number and why."""
    recorded: int = 0
    blank: int = 0
    problems: list = field(default_factory=list)


def _outcome(cell) -> str | None:
    text = re.sub(r"[^0-9a-z]+", "_", str(cell or "").strip().lower()).strip("_")
    if not text:
        return None
    for code, words in OUTCOMES.items():
        if text in (code, re.sub(r"[^0-9a-z]+", "_", words).strip("_")):
            return code
    return ""


def _date(cell) -> datetime.date | None:
    text = str(cell or "").strip()[:10]
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def read_outcomes(conn, path: Path, user: str, wilayah: str | None, name: str | None = None) -> Outcomes:
    """Record the outcomes of a filled worksheet (CSV or XLSX, as made by write_worksheet) in one
    transaction. A line whose number is unknown, outside the user's region, or whose outcome is not
    one of OUTCOMES is listed with its row and reason and changes nothing; ImportFileError when the
    file cannot be read at all."""
    source = inspect(path, WORKSHEET, name=name)
    position = {column: source.columns.index(column) for column in COLUMNS if column in source.columns}
    lines = []
    for number, cells in enumerate(iter_rows(source), start=source.header_rows + 1):
        cells = list(cells) + [None] * len(source.columns)
        value = {column: cells[i] for column, i in position.items()}
        if not str(value.get("no_cek") or "").strip():
            continue
        lines.append((number, value))
    known = {row[0]: row for row in fetch_rows(conn, "targeting/recheck_items", {
        "id": [int(v["no_cek"]) for _, v in lines if str(v["no_cek"]).strip().isdigit()]})}
    result = Outcomes()
    for number, value in lines:
        raw = str(value["no_cek"]).strip()
        item = known.get(int(raw)) if raw.isdigit() else None
        outcome = _outcome(value.get("hasil"))
        if item is None:
            result.problems.append((number, f"No. cek {raw!r} tidak dikenal"))
        elif outcome is None:
            result.blank += 1
        elif outcome == "":
            result.problems.append((number, f"hasil {value.get('hasil')!r} bukan salah satu dari: {', '.join(OUTCOMES)}"))
        else:
            require(wilayah, item[1], f"desa {item[1]}")
            run(conn, "targeting/recheck_outcome", {
                "id": item[0], "hasil": outcome, "catatan": (str(value.get("catatan") or "").strip() or None),
                "diperiksa_oleh": (str(value.get("diperiksa_oleh") or "").strip() or None),
                "diperiksa_pada": _date(value.get("tanggal_periksa")), "oleh": user})
            result.recorded += 1
    if not lines:
        raise ImportFileError(N_("Lembar tidak berisi baris dengan No. cek."))
    return result


def village(conn, kode_desa: str, wilayah: str | None) -> dict:
    """Code and name of a village of the user's region; NotFound otherwise (also outside the region)."""
    found = fetch_all(conn, "targeting/village", {"kode_desa": kode_desa, "wilayah": wilayah})
    if not found:
        raise NotFound(N_("Desa %(kode)s tidak ada di wilayah Anda."), kode=kode_desa)
    return found[0]
