"""Upload hygiene shared by every upload path (imports #3, areas #7): size limit, real type from
the bytes (never the extension), safe extraction of zipped shapefiles (no path traversal, no
links, no zip bomb) and bounded GeoJSON (size, nesting depth, feature count).

Every check raises ``UploadError`` with a message in Bahasa Indonesia that the page can show.
"""
import json
import os
import re
import stat
import zipfile
from itertools import accumulate
from pathlib import Path, PurePosixPath

from spatial.errors import N_, Number, Text, UploadError

MB = 1 << 20
MAX_UPLOAD_BYTES = 200 * MB
MAX_ZIP_MEMBERS = 200
MAX_ZIP_UNCOMPRESSED = 1024 * MB
MAX_ZIP_RATIO = 100            # uncompressed/compressed per member; real shapefiles stay far below
MAX_GEOJSON_BYTES = 50 * MB
MAX_GEOJSON_DEPTH = 20         # FeatureCollection > features > Feature > geometry > MultiPolygon rings = 8
MAX_GEOJSON_FEATURES = 200_000
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx", ".xml", ".qmd"}
SNIFF_BYTES = 8192
# XLSX workbooks are ZIPs of XML: checked before any XML parser sees them (a 400 KB file can hold a
# 400 MB cell). Excel itself allows at most 32,767 characters in a cell.
MAX_XLSX_UNCOMPRESSED = 2048 * MB
MAX_XLSX_RATIO = 200           # real sheets compress 5-20x; a bomb of one repeated cell 1000x and more
MAX_XLSX_CELL_CHARS = 32_767
MAX_XLSX_CELLS = 60_000_000    # 2 million rows of 30 columns
_XLSX_PARTS = re.compile(r"^xl/(worksheets/[^/]+|sharedStrings)\.xml$")
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")

# Magic numbers -> kind. ZIP-based formats (xlsx, zipped shapefile) are told apart by their members.
MAGIC = ((b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"), (b"SQLite format 3\x00", "gpkg"),
         (b"\x00\x00\x27\x0a", "shp"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"), (b"%PDF", "pdf"),
         (b"\x89PNG", "png"), (b"\xff\xd8\xff", "jpeg"), (b"\x1f\x8b", "gzip"), (b"MZ", "exe"),
         (b"\x7fELF", "exe"), (b"Rar!", "rar"), (b"7z\xbc\xaf", "7z"))
KIND_NAMES = {"zip": Text(N_("arsip ZIP")), "xlsx": Text("Excel (XLSX)"), "shapefile_zip": Text(N_("Shapefile ber-ZIP")),
              "gpkg": Text("GeoPackage"), "shp": Text("Shapefile"), "xls": Text("Excel 97-2003 (XLS)"),
              "pdf": Text(N_("dokumen PDF")), "png": Text(N_("gambar PNG")), "jpeg": Text(N_("gambar JPEG")),
              "gzip": Text(N_("arsip gzip")), "exe": Text(N_("program")), "rar": Text(N_("arsip RAR")),
              "7z": Text(N_("arsip 7z")), "geojson": Text("GeoJSON"), "json": Text("JSON"), "csv": Text(N_("teks CSV")),
              "text": Text(N_("teks")), "binary": Text(N_("data biner"))}



def check_xlsx(path: str | Path, max_total: int = MAX_XLSX_UNCOMPRESSED, max_ratio: float = MAX_XLSX_RATIO,
               max_cell_chars: int = MAX_XLSX_CELL_CHARS, max_cells: int = MAX_XLSX_CELLS) -> None:
    """Refuse an XLSX decompression bomb before parsing it: the sizes its ZIP declares (total,
    ratio per member), then a streamed pass over the sheets and shared strings (read in 1 MB pieces,
    never held whole) counting cells and measuring the longest text between two tags."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        declared = sum(info.file_size for info in members)
        if declared > max_total:
            raise UploadError(N_("Buku kerja XLSX terlalu besar setelah diekstrak: %(ukuran)s MB (batas %(batas)s MB)."),
                              ukuran=f"{declared / MB:.0f}", batas=f"{max_total / MB:.0f}")
        for info in members:
            if info.file_size > max(info.compress_size, 1024) * max_ratio:
                raise UploadError(N_("Buku kerja XLSX ditolak: bagian %(berkas)s dimampatkan secara tidak wajar "
                                     "(kemungkinan bom ZIP)."), berkas=repr(info.filename))
        cells = 0
        for info in members:
            if not _XLSX_PARTS.match(info.filename):
                continue
            run, read = 0, 0
            with archive.open(info) as part:
                while piece := part.read(MB):
                    read += len(piece)
                    if read > max_total:
                        raise UploadError(N_("Buku kerja XLSX terlalu besar setelah diekstrak."))
                    cells += piece.count(b"<c ") + piece.count(b"<c>")
                    run = _longest_text(piece, run, max_cell_chars)
            if cells > max_cells:
                raise UploadError(N_("Buku kerja XLSX berisi lebih dari %(batas)s sel."), batas=Number(max_cells, 0))


def _longest_text(piece: bytes, run: int, limit: int) -> int:
    """Length of the text still open at the end of ``piece`` (``run``: open at its start); raises
    when a text between two tags is longer than ``limit`` characters (UTF-8: up to 4 bytes each)."""
    most = 4 * limit
    tags = [i for i in (piece.find(b"<"), piece.find(b">")) if i >= 0]
    if not tags:
        run += len(piece)
    elif run + min(tags) > most or re.search(rb"[^<>]{%d}" % (most + 1), piece):
        run = most + 1
    else:
        run = len(piece) - max(piece.rfind(b"<"), piece.rfind(b">")) - 1
    if run > most:
        raise UploadError(N_("Buku kerja XLSX ditolak: sebuah sel berisi lebih dari %(batas)s karakter (batas Excel)."),
                          batas=Number(limit, 0))
    return run


def check_size(size: int, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse files larger than ``limit`` bytes."""
    if size > limit:
        raise UploadError(N_("Berkas terlalu besar: %(ukuran)s MB (batas %(batas)s MB)."), ukuran=f"{size / MB:.1f}",
                          batas=f"{limit / MB:.0f}")


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n.lower() for n in archive.namelist()]
    except zipfile.BadZipFile as exc:
        raise UploadError(N_("Arsip ZIP rusak atau tidak lengkap.")) from exc
    if "[content_types].xml" in names and any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.endswith(".shp") for n in names):
        return "shapefile_zip"
    return "zip"


def _text_kind(head: bytes) -> str:
    if b"\x00" in head:
        return "binary"
    text = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if text.startswith("{") or text.startswith("["):
        return "geojson" if '"type"' in text and ("Feature" in text or "coordinates" in text) else "json"
    first_line = text.split("\n", 1)[0]
    return "csv" if any(d in first_line for d in (",", ";", "\t")) else "text"


def sniff(path: str | Path) -> str:
    """The real kind of a file from its bytes: ``csv``, ``xlsx``, ``geojson``, ``json``, ``gpkg``,
    ``shapefile_zip``, ``zip``, ``shp``, or a refused kind (``pdf``, ``exe``, ...)."""
    path = Path(path)
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return _zip_kind(path) if kind == "zip" else kind
    return _text_kind(head)


def require_kind(path: str | Path, allowed: tuple[str, ...], limit: int = MAX_UPLOAD_BYTES) -> str:
    """Size and real type check in one call; returns the sniffed kind or raises ``UploadError``."""
    path = Path(path)
    check_size(path.stat().st_size, limit)
    kind = sniff(path)
    if kind not in allowed:
        raise UploadError(N_("Isi berkas adalah %(jenis)s, bukan %(diminta)s (jenis dibaca dari isinya, bukan dari "
                             "nama berkas)."), jenis=KIND_NAMES.get(kind, kind),
                          diminta=[KIND_NAMES.get(k, Text(k)) for k in allowed])
    return kind


def _safe_member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename.replace("\\", "/")
    pure = PurePosixPath(name)
    if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in pure.parts:
        raise UploadError(N_("Arsip ditolak: jalur berkas tidak aman (%(berkas)s)."), berkas=repr(info.filename))
    if stat.S_ISLNK(info.external_attr >> 16):
        raise UploadError(N_("Arsip ditolak: berisi tautan simbolik (%(berkas)s)."), berkas=repr(info.filename))
    return str(pure)


def safe_extract_zip(path: str | Path, dest: str | Path, allowed_suffixes: set[str] | None = None,
                     max_members: int = MAX_ZIP_MEMBERS, max_total: int = MAX_ZIP_UNCOMPRESSED,
                     max_ratio: float = MAX_ZIP_RATIO) -> list[Path]:
    """Extract a ZIP into ``dest`` after checking every member: no absolute or ``..`` paths, no
    symlinks, at most ``max_members`` files and ``max_total`` bytes, no member compressed more than
    ``max_ratio`` times. Sizes are enforced while writing too (a lying header cannot exceed them).
    Members whose suffix is not in ``allowed_suffixes`` (default: shapefile parts) are skipped.
    Returns the extracted files."""
    allowed = SHAPEFILE_PARTS if allowed_suffixes is None else allowed_suffixes
    dest = Path(dest).resolve()
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise UploadError(N_("Arsip ZIP rusak atau tidak lengkap.")) from exc
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > max_members:
            raise UploadError(N_("Arsip berisi %(jumlah)s berkas (batas %(batas)s)."), jumlah=len(members), batas=max_members)
        declared = sum(info.file_size for info in members)
        if declared > max_total:
            raise UploadError(N_("Isi arsip terlalu besar setelah diekstrak: %(ukuran)s MB (batas %(batas)s MB)."),
                              ukuran=f"{declared / MB:.0f}", batas=f"{max_total / MB:.0f}")
        extracted, written = [], 0
        for info in members:
            name = _safe_member_name(info)
            if Path(name).suffix.lower() not in allowed:
                continue
            if info.file_size > max(info.compress_size, 1) * max_ratio:
                raise UploadError(N_("Arsip ditolak: %(berkas)s dimampatkan secara tidak wajar (kemungkinan bom ZIP)."),
                                  berkas=repr(info.filename))
            target = (dest / name).resolve()
            if dest not in target.parents:
                raise UploadError(N_("Arsip ditolak: jalur berkas tidak aman (%(berkas)s)."), berkas=repr(info.filename))
            target.parent.mkdir(parents=True, exist_ok=True)
            written = _copy_bounded(archive, info, target, written, max_total, max_ratio)
            extracted.append(target)
    return extracted


def _copy_bounded(archive, info, target: Path, written: int, max_total: int, max_ratio: float) -> int:
    member_limit = max(info.compress_size, 1) * max_ratio
    member_written = 0
    with archive.open(info) as source, target.open("wb") as out:
        while chunk := source.read(1 << 16):
            member_written += len(chunk)
            written += len(chunk)
            if written > max_total or member_written > member_limit:
                out.close()
                os.unlink(target)
                raise UploadError(N_("Arsip ditolak: %(berkas)s lebih besar dari yang dinyatakan (kemungkinan bom ZIP)."),
                                  berkas=repr(info.filename))
            out.write(chunk)
    return written


def shapefile_from_zip(path: str | Path, dest: str | Path) -> Path:
    """Safely extract a zipped shapefile and return its single ``.shp`` (with .shx and .dbf beside it)."""
    files = safe_extract_zip(path, dest)
    shps = [f for f in files if f.suffix.lower() == ".shp"]
    if len(shps) != 1:
        raise UploadError(N_("Arsip harus berisi tepat satu berkas .shp (ditemukan %(jumlah)s)."), jumlah=len(shps))
    shp = shps[0]
    missing = [s for s in (".shx", ".dbf") if not any(f.with_suffix("") == shp.with_suffix("") and
                                                      f.suffix.lower() == s for f in files)]
    if missing:
        raise UploadError(N_("Shapefile tidak lengkap: %(berkas)s tidak ada di arsip."), berkas=", ".join(missing))
    return shp


def json_depth(text: str) -> int:
    """Maximum nesting depth of ``{``/``[`` in JSON text (strings skipped), without parsing it."""
    brackets = "".join(_BRACKETS.findall(_STRINGS.sub("", text)))
    steps = (1 if char in "[{" else -1 for char in brackets)
    return max(accumulate(steps), default=0)


def load_geojson(data: bytes | str | Path, max_bytes: int = MAX_GEOJSON_BYTES, max_depth: int = MAX_GEOJSON_DEPTH,
                 max_features: int = MAX_GEOJSON_FEATURES) -> dict:
    """Parse a GeoJSON upload within limits: size, nesting depth (checked before parsing), feature
    count, and the basic shape (a Feature, FeatureCollection or geometry object)."""
    if isinstance(data, Path):
        check_size(data.stat().st_size, max_bytes)
        data = data.read_bytes()
    raw = data if isinstance(data, bytes) else data.encode("utf-8")
    check_size(len(raw), max_bytes)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadError(N_("GeoJSON harus berupa teks UTF-8.")) from exc
    depth = json_depth(text)
    if depth > max_depth:
        raise UploadError(N_("GeoJSON bersarang terlalu dalam (%(tingkat)s tingkat, batas %(batas)s)."), tingkat=depth,
                          batas=max_depth)
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise UploadError(N_("GeoJSON tidak valid: %(galat)s"), galat=str(exc)) from exc
    kind = document.get("type") if isinstance(document, dict) else None
    if kind not in ("FeatureCollection", "Feature", "Polygon", "MultiPolygon", "Point", "MultiPoint",
                    "LineString", "MultiLineString", "GeometryCollection"):
        raise UploadError(N_("Bukan GeoJSON: objek teratas harus FeatureCollection, Feature atau geometri."))
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise UploadError(N_("GeoJSON FeatureCollection tanpa daftar 'features'."))
        if len(features) > max_features:
            raise UploadError(N_("GeoJSON berisi %(jumlah)s fitur (batas %(batas)s)."), jumlah=len(features), batas=max_features)
    return document
