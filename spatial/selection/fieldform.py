"""The field verification form (issue #19): an XLSX a field worker prints or fills on a laptop or
phone, one row per house, and reads back after the visit.

Each row holds what is recorded (family id, head's name, address, village, point, roof/wall/floor
material, floor area, members, score and its reasons in words) and empty columns to fill: Layak
(ya/tidak, a drop-down list), Alasan, Catatan, Tanggal kunjungan, Petugas, and corrections of the
house data (material lists from the code lists; other spellings are read back by
``spatial.vocabulary``). The sheet prints landscape, fit to one page wide, with the header row
repeated on every page. A hidden sheet names the programme the form belongs to.

:func:`read` finds the columns by their header (moved, deleted or renamed-in-case columns still
read) and returns the filled cells of every row as the worker wrote them; ``fieldwork`` checks them.
"""
import datetime
import io
from dataclasses import dataclass, field

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from spatial import codelists, formatting
from spatial.analysis import score_reasons
from spatial.errors import N_, UploadError
from spatial.spreadsheet import safe_cell
from spatial.vocabulary import normalise

KIND = "formulir_verifikasi_lapangan"
VERSION = 1
SHEET = "Formulir Lapangan"
META_SHEET = "sasaran"
LISTS_SHEET = "daftar"
HEADER_ROW = 6
MAX_ROWS = 20_000
YES_NO = ("ya", "tidak")
STATUS_WORDS = {"usulan": "Usulan", "terverifikasi": "Terverifikasi", "ditetapkan": "Ditetapkan",
                "selesai": "Selesai", "ditolak": "Ditolak"}


@dataclass(frozen=True)
class Column:
    """One column of the form: row key, header, width; ``isi``: filled in the field."""
    key: str
    header: str
    width: float
    isi: bool = False


COLUMNS = (
    Column("no", "No", 5), Column("seleksi_id", "ID Seleksi", 9), Column("id_keluarga", "ID Keluarga", 18),
    Column("nama_kepala", "Nama Kepala Keluarga", 22), Column("alamat", "Alamat", 24),
    Column("desa", "Desa/Kelurahan", 24), Column("lat", "Lintang", 11), Column("lon", "Bujur", 11),
    Column("jenis_atap", "Atap", 14), Column("jenis_dinding", "Dinding", 14), Column("jenis_lantai", "Lantai", 14),
    Column("luas_lantai_m2", "Luas lantai (m²)", 9), Column("jumlah_anggota", "Anggota", 8),
    Column("skor", "Skor", 7), Column("rincian", "Rincian skor", 42), Column("status", "Status", 12),
    Column("layak", "Layak (ya/tidak)", 9, True), Column("alasan", "Alasan (bila tidak layak)", 22, True),
    Column("catatan", "Catatan", 22, True), Column("tanggal", "Tanggal kunjungan", 12, True),
    Column("petugas", "Petugas", 16, True), Column("koreksi_jenis_atap", "Koreksi atap", 14, True),
    Column("koreksi_jenis_dinding", "Koreksi dinding", 14, True),
    Column("koreksi_jenis_lantai", "Koreksi lantai", 14, True),
    Column("koreksi_luas_lantai_m2", "Koreksi luas lantai (m²)", 10, True),
    Column("koreksi_lat", "Koreksi lintang", 11, True), Column("koreksi_lon", "Koreksi bujur", 11, True),
)
FILLED = tuple(c.key for c in COLUMNS if c.isi)
MATERIAL_LISTS = {"koreksi_jenis_atap": codelists.JENIS_ATAP, "koreksi_jenis_dinding": codelists.JENIS_DINDING,
                  "koreksi_jenis_lantai": codelists.JENIS_LANTAI}
FILL = PatternFill("solid", fgColor="FFF2CC")
THIN = Side(style="thin", color="999999")


def _position(key: str) -> int:
    return next(i for i, c in enumerate(COLUMNS, start=1) if c.key == key)


def _letter(key: str) -> str:
    return get_column_letter(_position(key))


def _row_values(number: int, row: dict) -> list:
    reasons = score_reasons.breakdown(row.get("komponen"), row, row.get("luas_minimum"))
    rincian = score_reasons.describe(reasons, number=lambda v: formatting.number(v, "id"))
    missing = score_reasons.missing_words(row.get("data_tidak_lengkap"))
    if missing:
        rincian += ("; " if rincian else "") + "data tidak lengkap: " + ", ".join(missing)
    recorded = {
        "no": number, "seleksi_id": row["seleksi_id"], "id_keluarga": row["id_keluarga"],
        "nama_kepala": row.get("nama_kepala"), "alamat": row.get("alamat"),
        "desa": f"{row.get('nama_desa') or ''} ({row['kode_desa']})",
        "lat": None if row.get("lat") is None else round(float(row["lat"]), 6),
        "lon": None if row.get("lon") is None else round(float(row["lon"]), 6),
        "jenis_atap": row.get("jenis_atap"), "jenis_dinding": row.get("jenis_dinding"),
        "jenis_lantai": row.get("jenis_lantai"),
        "luas_lantai_m2": None if row.get("luas_lantai_m2") is None else float(row["luas_lantai_m2"]),
        "jumlah_anggota": row.get("jumlah_anggota"),
        "skor": None if row.get("skor") is None else float(row["skor"]), "rincian": rincian,
        "status": STATUS_WORDS.get(row["status"], row["status"]),
    }
    return [safe_cell(recorded.get(c.key)) for c in COLUMNS]


def _validations(sheet, lists, last_row: int) -> None:
    """Drop-down list of Layak (only ya/tidak), material lists (other words allowed after a
    warning: they are matched when read back), dates, areas and coordinates in range."""
    first = HEADER_ROW + 1
    bottom = max(last_row, first)

    def cells(key):
        return f"{_letter(key)}{first}:{_letter(key)}{bottom}"

    layak = DataValidation(type="list", formula1='"ya,tidak"', allow_blank=True, showErrorMessage=True,
                           errorTitle="Layak", error="Isi ya atau tidak.", promptTitle="Layak",
                           prompt="ya = layak dibantu, tidak = tidak layak (isi Alasan)")
    layak.add(cells("layak"))
    sheet.add_data_validation(layak)
    for column, (key, entries) in enumerate(MATERIAL_LISTS.items(), start=1):
        for row, entry in enumerate(entries, start=1):
            lists.cell(row, column, entry)
        letter = get_column_letter(column)
        material = DataValidation(type="list", formula1=f"{LISTS_SHEET}!${letter}$1:${letter}${len(entries)}",
                                  allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                  error="Nilai di luar daftar: tetap dibaca bila dikenali.")
        material.add(cells(key))
        sheet.add_data_validation(material)
    date = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                          allow_blank=True, showErrorMessage=True, error="Isi tanggal kunjungan (hari/bulan/tahun).")
    date.add(cells("tanggal"))
    sheet.add_data_validation(date)
    for key, low, high in (("koreksi_luas_lantai_m2", 1, 99999), ("koreksi_lat", -11.5, 6.5),
                           ("koreksi_lon", 94.5, 141.5)):
        number = DataValidation(type="decimal", operator="between", formula1=str(low), formula2=str(high),
                                allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                error=f"Angka antara {low} dan {high}.")
        number.add(cells(key))
        sheet.add_data_validation(number)


def write(program: dict, rows: list[dict], oleh: str, made: datetime.datetime | None = None,
          timezone: str = "Asia/Jakarta", wilayah: str | None = None) -> bytes:
    """The form of ``rows`` (``selection/field_rows``) of ``program`` as XLSX bytes."""
    made = made or datetime.datetime.now(datetime.UTC)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    title = f"FORMULIR VERIFIKASI LAPANGAN — {program['nama']} ({program['tahun']})".upper()
    sheet.append([safe_cell(title)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([safe_cell(f"Dicetak {formatting.moment(made, timezone)} oleh {oleh}"
                            + (f"; wilayah {wilayah}" if wilayah else "") + f"; {len(rows)} rumah"
                            )])
    sheet.append(["Isi kolom berwarna: Layak (ya/tidak), Alasan bila tidak layak, Catatan, Tanggal kunjungan, "
                  "Petugas; tulis data rumah yang berbeda di lapangan pada kolom Koreksi. Jangan ubah ID Seleksi."])
    sheet.append(["Unggah kembali berkas ini di Daftar penerima → Hasil verifikasi lapangan."])
    sheet.append([])
    sheet.append([c.header for c in COLUMNS])
    for column, cell in zip(COLUMNS, sheet[HEADER_ROW]):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=THIN)
        if column.isi:
            cell.fill = FILL
    for number, row in enumerate(rows, start=1):
        sheet.append(_row_values(number, row))
        line = sheet.max_row
        for column in COLUMNS:
            cell = sheet.cell(line, _position(column.key))
            cell.alignment = Alignment(wrap_text=column.key in ("rincian", "alamat", "nama_kepala", "desa"),
                                       vertical="top")
            cell.border = Border(bottom=THIN)
            if column.isi:
                cell.fill = FILL
        sheet.cell(line, _position("tanggal")).number_format = "DD/MM/YYYY"
    for column in COLUMNS:
        sheet.column_dimensions[_letter(column.key)].width = column.width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, _position("nama_kepala"))
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "Halaman &P dari &N"
    lists = book.create_sheet(LISTS_SHEET)
    _validations(sheet, lists, sheet.max_row)
    lists.sheet_state = "hidden"
    meta = book.create_sheet(META_SHEET)
    for key, value in (("jenis", KIND), ("versi", VERSION), ("program_id", program["id"]),
                       ("program", program["nama"]), ("dibuat_utc", made.isoformat(timespec="seconds")),
                       ("oleh", oleh)):
        meta.append([key, safe_cell(value)])
    meta.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass
class FormRow:
    """One filled row: its line in the sheet, its keys and the cells to check (as written)."""
    baris: int
    seleksi_id: object
    id_keluarga: object
    isian: dict = field(default_factory=dict)

    def filled(self) -> bool:
        """True when the worker wrote anything in the columns to fill."""
        return any(v not in (None, "") for v in self.isian.values())


@dataclass
class FilledForm:
    """What an uploaded form holds: the programme it names and its rows."""
    program_id: int | None
    rows: list[FormRow]


HEADERS = {normalise(c.header): c.key for c in COLUMNS}
# Shorter headers a worker may type (normalised): Layak, Tanggal, Koreksi luas ...
HEADERS.update({"layak": "layak", "alasan": "alasan", "tanggal": "tanggal", "tanggal verifikasi": "tanggal",
                "verifikator": "petugas", "koreksi luas": "koreksi_luas_lantai_m2",
                "koreksi luas lantai": "koreksi_luas_lantai_m2"})


def _header(sheet) -> tuple[int, dict]:
    for number, row in enumerate(sheet.iter_rows(min_row=1, max_row=30, values_only=True), start=1):
        keys = {HEADERS.get(normalise(cell)): index for index, cell in enumerate(row) if cell is not None}
        keys.pop(None, None)
        if "layak" in keys and ("seleksi_id" in keys or "id_keluarga" in keys):
            return number, keys
    raise UploadError(N_("Berkas ini bukan formulir verifikasi lapangan: tidak ada baris judul dengan kolom "
                         "Layak dan ID Seleksi atau ID Keluarga."))


def _program_named(book) -> int | None:
    if META_SHEET not in book.sheetnames:
        return None
    meta = {row[0]: row[1] for row in book[META_SHEET].iter_rows(max_col=2, values_only=True) if row and row[0]}
    try:
        return int(meta["program_id"]) if meta.get("jenis") == KIND else None
    except (KeyError, TypeError, ValueError):
        return None


def read(data: bytes) -> FilledForm:
    """The rows of a filled form (``UploadError`` when it is not one). Rows without any key and
    without anything filled (the signature lines, empty rows) are skipped."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise UploadError(N_("Berkas XLSX tidak dapat dibaca: %(galat)s"), galat=type(exc).__name__) from exc
    sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
    header, keys = _header(sheet)
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=header + 1, values_only=True), start=header + 1):
        def cell(key, cells=cells):
            index = keys.get(key)
            value = cells[index] if index is not None and index < len(cells) else None
            return value.strip() if isinstance(value, str) else value

        row = FormRow(number, cell("seleksi_id"), cell("id_keluarga"), {k: cell(k) for k in FILLED})
        if row.seleksi_id in (None, "") and row.id_keluarga in (None, "") and not row.filled():
            continue
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise UploadError(N_("Formulir terlalu panjang: lebih dari %(n)s baris."), n=MAX_ROWS)
    program_id = _program_named(book)
    book.close()
    return FilledForm(program_id, rows)
