"""Exports of a programme's list: XLSX (header block, Indonesian columns, signature lines), CSV,
GeoJSON, and the rows of the printable field verification sheet. Text cells pass through
``spatial.spreadsheet.safe_cell``; the NIK is written in full or masked as the caller decides."""
import csv
import datetime
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from psycopg.rows import dict_row

from spatial.privacy import mask_nik
from spatial.spreadsheet import safe_cell
from spatial.sqlfiles import run

STATUS_LABELS = {"usulan": "Usulan", "terverifikasi": "Terverifikasi", "ditetapkan": "Ditetapkan",
                 "selesai": "Selesai", "ditolak": "Ditolak"}
# (header, row key) of the exported columns, in order.
COLUMNS = (
    ("ID Keluarga", "id_keluarga"), ("NIK Kepala Keluarga", "nik"), ("Nama Kepala Keluarga", "nama_kepala"),
    ("Alamat", "alamat"), ("Kode Desa", "kode_desa"), ("Desa/Kelurahan", "nama_desa"),
    ("Kecamatan", "nama_kec"), ("Desil", "desil"), ("Skor Prioritas", "skor"), ("Status", "status_label"),
    ("Verifikator", "verifikator"), ("Tanggal Verifikasi", "tanggal_verifikasi"), ("Biaya (Rp)", "biaya"),
    ("Lintang", "lat"), ("Bujur", "lon"), ("Keterangan", "alasan"),
)


def rows_for_export(conn, program: dict, full_nik: bool, kode_desa: str | None = None,
                    live_only: bool = False, wilayah: str | None = None, status: str | None = None,
                    seleksi_ids: list[int] | None = None) -> list[dict]:
    """The programme's households in print order with export fields (NIK full or masked); only
    those of region ``wilayah`` (the user's scope), of one ``status`` or the selections
    ``seleksi_ids`` when given."""
    with conn.cursor(row_factory=dict_row) as cur:
        run(cur, "selection/list", {"program_id": program["id"], "kode_desa": kode_desa, "hidup": live_only,
                                    "wilayah": wilayah, "status": status, "seleksi_ids": seleksi_ids})
        rows = cur.fetchall()
    for row in rows:
        row["nik"] = row["nik_kepala"] if full_nik else mask_nik(row["nik_kepala"])
        row["status_label"] = STATUS_LABELS[row["status"]]
        row["biaya"] = 0 if row["status"] == "ditolak" else program["biaya_satuan"]
        if row["lon"] is None:
            row["alasan"] = "; ".join(filter(None, [row["alasan"], "tanpa GPS: lokasi menurut desa"]))
    return rows


def _value(row, key):
    value = row[key]
    if hasattr(value, "is_integer") and not isinstance(value, float):   # Decimal
        return float(value)
    return safe_cell(value)


def header_block(program: dict, printed: datetime.date, wilayah: str | None = None) -> list[tuple[str, object]]:
    """The lines above the table: programme, year, source, date, units, cost, budget (of the whole
    programme), and the region when the list holds only one region's households."""
    lines = [
        ("Program", f"{program['nama']} ({program['tahun']})"), ("Sumber dana", program["sumber"]),
        ("Tanggal cetak", printed.strftime("%d-%m-%Y")), ("Jumlah unit", program["unit"]),
        ("Biaya satuan (Rp)", float(program["biaya_satuan"])), ("Total biaya (Rp)", float(program["biaya"])),
        ("Anggaran (Rp)", float(program["anggaran"])), ("Sisa anggaran (Rp)", float(program["sisa"])),
    ]
    if wilayah:
        lines.append(("Wilayah daftar", wilayah))
    return lines


def write_xlsx(program: dict, rows: list[dict], printed: datetime.date | None = None,
               wilayah: str | None = None) -> bytes:
    """The list as offices print and sign it: title, header block, table, signature lines
    (``wilayah``: the region the rows were limited to, shown in the header)."""
    printed = printed or datetime.date.today()
    book = Workbook()
    sheet = book.active
    sheet.title = "Daftar Penerima"
    sheet.append([safe_cell(f"DAFTAR CALON PENERIMA BANTUAN PERBAIKAN RUMAH — {program['nama']}".upper())])
    sheet["A1"].font = Font(bold=True, size=13)
    for label, value in header_block(program, printed, wilayah):
        sheet.append([label, safe_cell(value)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    sheet.append([])
    sheet.append(["No"] + [h for h, _k in COLUMNS])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=1):
        sheet.append([number] + [_value(row, key) for _h, key in COLUMNS])
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    for column, width in zip("ABCDEFGHIJKLMNOPQ", (5, 16, 20, 26, 30, 15, 20, 18, 7, 9, 14, 18, 12, 14, 11, 11, 30)):
        sheet.column_dimensions[column].width = width
    sheet.append([])
    sheet.append(["", "Mengetahui,", "", "", "", "", "", "Dibuat oleh,"])
    sheet.append(["", "Kepala Dinas Perkim", "", "", "", "", "", "Petugas Verifikasi"])
    sheet.append([])
    sheet.append([])
    sheet.append(["", "(.............................)", "", "", "", "", "", "(.............................)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_csv(rows: list[dict]) -> bytes:
    """The list as CSV (UTF-8 with BOM so Excel reads it, semicolon-free comma separated)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([h for h, _k in COLUMNS])
    for row in rows:
        writer.writerow([_value(row, key) for _h, key in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_geojson(program: dict, rows: list[dict]) -> bytes:
    """The list as GeoJSON points (households without GPS have a null geometry)."""
    features = []
    for row in rows:
        geometry = None if row["lon"] is None else {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
        props = {key: (float(row[key]) if key in ("skor", "biaya") and row[key] is not None else row[key])
                 for _h, key in COLUMNS if key not in ("lat", "lon")}
        props["tanggal_verifikasi"] = row["tanggal_verifikasi"].isoformat() if row["tanggal_verifikasi"] else None
        props["status"] = row["status"]
        features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return json.dumps({"type": "FeatureCollection", "name": program["nama"], "features": features},
                      ensure_ascii=False).encode("utf-8")
