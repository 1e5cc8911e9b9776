"""Import household and facility files (CSV or XLSX in the documented format) into PostGIS.

The file is sniffed and its header mapped (spatial.importer.source / columns), its rows
COPYed into a staging table, then checked, located and upserted with set-based SQL
(queries ``importer/*_check``, ``importer/locate``, ``importer/*_merge``) in ONE transaction: an import lands
whole or not at all. Rejected rows and warnings go to ``impor_tolak`` with their original cells.
"""
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from psycopg import sql as psql
from psycopg.types.json import Jsonb

from spatial.db import connect
from spatial.errors import N_, thousands
from spatial.importer.columns import FACILITIES, HOUSEHOLDS, ImportFileError, Schema, read_mapping_file
from spatial.importer.source import Source, inspect, stage
from spatial.importer.values import (FACILITY_VALUES, HOUSEHOLD_VALUES, ValueReport, match_values, register_lists,
                                     value_matcher)
from spatial.sqlfiles import composed, fetch_result, fetch_value, run

__all__ = ["ImportFileError", "ImportResult", "import_households", "import_facilities", "overall_percent",
           "survey_values"]

# Progress phases in order, with the share of the progress bar each one takes.
# A full re-import that would mark more than this share of a kabupaten's households inactive
# needs the number confirmed (a one-row file with "tandai nonaktif" ticked must not empty a district).
DEACTIVATE_SHARE = 0.10
PHASES = {"membaca": 0.55, "memeriksa": 0.2, "menempatkan": 0.1, "menyimpan": 0.15}


def overall_percent(phase: str, done, total) -> float:
    """Progress of the whole import, in percent, from the progress (done of total) of one phase."""
    order = list(PHASES)
    start = sum(PHASES[name] for name in order[:order.index(phase)])
    fraction = min(done / total, 1.0) if total else 0.5
    return round(100 * (start + PHASES[phase] * fraction), 1)


@dataclass
class ImportResult:
    """What one import did (or, for a dry run, would do)."""
    import_id: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int = 0
    warned: int = 0
    deactivated: int = 0
    rows: int = 0
    reasons: dict = field(default_factory=dict)
    dry_run: bool = False
    seconds: float = 0.0
    notes: list = field(default_factory=list)
    phases: dict = field(default_factory=dict)  # seconds per step (see _Clock)
    values: dict = field(default_factory=dict)  # other spellings of code-list cells (ValueReport.columns)

    @property
    def changes(self) -> int:
        """Rows added, changed or marked inactive."""
        return self.inserted + self.updated + self.deactivated

    def counts(self) -> dict:
        """The counts stored in ``impor.jumlah``."""
        return {"baris": self.rows, "ditambah": self.inserted, "diubah": self.updated, "tetap": self.unchanged,
                "ditolak": self.rejected, "peringatan": self.warned, "dinonaktifkan": self.deactivated,
                "per_alasan": self.reasons, "detik": round(self.seconds, 2), "catatan": self.notes,
                "detik_per_tahap": self.phases, "nilai": self.values}

    def summary(self) -> str:
        """One line for the command line."""
        head = f"uji coba impor #{self.import_id} (tidak disimpan)" if self.dry_run else f"impor #{self.import_id}"
        text = (f"{head}: {self.rows} baris; {self.inserted} baru, {self.updated} diubah, {self.unchanged} tetap, "
                f"{self.rejected} ditolak, {self.warned} dengan peringatan")
        if self.deactivated:
            text += f", {self.deactivated} ditandai tidak aktif"
        return text


def _staging_names(source: Source, schema: Schema) -> tuple[list, list]:
    """Staging column per header cell (canonical name, or kolom_N for ignored cells), and the
    canonical columns missing from the file (added as empty columns)."""
    names = [c if c else f"kolom_{i + 1}" for i, c in enumerate(source.columns)]
    missing = [c for c in schema.columns if c not in source.columns]
    return names, missing


def _create_staging(conn, names: list, missing: list) -> None:
    columns = psql.SQL(", ").join(psql.SQL("{} text").format(psql.Identifier(n)) for n in names + missing)
    # unlogged, not temp: parallel workers read it (see importer/stage.sql; dropped by importer/end.sql)
    conn.execute(psql.SQL("CREATE UNLOGGED TABLE imp_mentah (urutan integer GENERATED ALWAYS AS IDENTITY, {})")
                 .format(columns))
    conn.execute(psql.SQL("CREATE TEMP VIEW imp_sel AS SELECT urutan, ARRAY[{}]::text[] AS sel FROM imp_mentah")
                 .format(psql.SQL(", ").join(psql.Identifier(n) for n in names)))


class _Clock:
    """Seconds spent in each named step of an import (``with clock("periksa"): ...``)."""

    def __init__(self):
        self.seconds = {}

    @contextmanager
    def __call__(self, step: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[step] = round(self.seconds.get(step, 0.0) + time.perf_counter() - started, 2)


class _Progress:
    """Turns (phase, done, total) into calls of the caller's callback; never fails the import."""

    def __init__(self, callback):
        self.callback = callback or (lambda phase, done, total: None)

    def __call__(self, phase, done=1, total=1):
        self.callback(phase, done, total)

    def reader(self):
        return lambda done, total: self.callback("membaca", done, total)


def _insert_households(conn, table: str, kode_prov: str | None, only_prov: bool) -> int:
    insert = composed("importer/households_insert", tabel=psql.Identifier(table))
    return conn.execute(insert, {"kode_prov": kode_prov, "hanya_prov": only_prov}).rowcount


def _merge_households(conn, clock: _Clock, province: str | None) -> tuple[int, int]:
    """Upsert the ready households (view rt_siap); returns (added, changed). A first load of one
    province (``province``: the only one the checked rows declare) goes into its detached empty
    partition, whose indexes are then built in one pass."""
    with clock("gabung"):
        changed = run(conn, "importer/households_update").rowcount
        bulk = run(conn, "importer/households_bulk_start", {"kode_prov": province}).fetchone()
        kode_prov = bulk[0] if bulk else None
        added = _insert_households(conn, "rumah_tangga", kode_prov, False)
        if kode_prov:
            # the partition name is built from a two-digit code checked by sasaran_partisi_lepas
            added += _insert_households(conn, f"rumah_tangga_p{kode_prov}", kode_prov, True)
    if kode_prov:
        with clock("indeks"):
            run(conn, "importer/households_bulk_finish", {"kode_prov": kode_prov})
    return added, changed


@dataclass
class ImportOptions:
    """How to import a file (see import_households for each option)."""
    dry_run: bool = False
    mark_inactive: bool = False
    mapping: object = None       # column mapping: dict or file
    values: object = None        # value mapping: dict or file
    allow_moves: bool = False    # --izinkan-pindah
    name: str | None = None      # the file name to record (uploads)
    survey: bool = False         # stop after the value step, keep nothing (survey_values)
    wilayah: str | None = None   # the importing user's region scope (None: unscoped)
    confirm_deactivate: int | None = None  # the number of households mark_inactive may deactivate


def _refuse_outside_region(conn, schema: Schema, wilayah: str) -> None:
    """Reject (di_luar_wilayah) the rows a user scoped to ``wilayah`` may not write: a village
    outside the region, or an id stored (in the same kabupaten, for households) in another region."""
    households = schema is HOUSEHOLDS
    same = "AND r.kode_kab_registri = left(c.kode_desa_deklarasi, 5)" if households else ""
    conn.execute(
        composed("importer/scope", id=psql.Identifier("id_keluarga" if households else "id_fasilitas"),
                 tabel=psql.Identifier("rumah_tangga" if households else "fasilitas"), sama=psql.SQL(same)),
        {"wilayah": wilayah})


def _deactivate(conn, wilayah: str | None, confirmed: int | None) -> int:
    """Mark inactive the households of the file's kabupaten (and of ``wilayah``) it no longer
    lists. When that is more than ``DEACTIVATE_SHARE`` of a kabupaten's active households, the
    import stops (and rolls back) unless ``confirmed`` equals the number to deactivate."""
    run(conn, "importer/households_deactivate_plan", {"wilayah": wilayah})
    shares = run(conn, "importer/households_deactivate_share").fetchall()
    total = sum(row[1] for row in shares)
    large = [ImportFileError(N_("%(kab)s: %(jumlah)s dari %(aktif)s (%(persen)s%%)"), kab=kab, jumlah=thousands(n),
                             aktif=thousands(active), persen=f"{100 * n / active:.0f}")
             for kab, n, active in shares if n > DEACTIVATE_SHARE * active]
    if large and confirmed != total:
        raise ImportFileError(
            N_("Tandai nonaktif akan menonaktifkan %(jumlah)s rumah tangga, lebih dari %(batas)s kabupaten "
               "(%(rincian)s). Tidak ada yang diubah. Jika memang benar, ulangi impor dengan konfirmasi jumlah %(total)s."),
            jumlah=thousands(total), batas=f"{DEACTIVATE_SHARE:.0%}", rincian=large, total=total)
    return fetch_value(conn, "importer/households_deactivate")


def _run_import(path, schema: Schema, user: str, url: str | None, progress, options: ImportOptions) -> ImportResult:
    started = time.perf_counter()
    report, clock = _Progress(progress), _Clock()
    mapping = options.mapping
    if mapping is not None and not isinstance(mapping, dict):
        mapping = read_mapping_file(mapping)
    households = schema is HOUSEHOLDS
    spec = HOUSEHOLD_VALUES if households else FACILITY_VALUES
    matcher = value_matcher(spec.kind, options.values)
    dry_run = options.dry_run
    with clock("sniff"):
        source = inspect(Path(path), schema, mapping, options.name)
    recorded = {"uji_coba": dry_run, "tandai_nonaktif": options.mark_inactive, "pemetaan": mapping or {},
                "pemetaan_nilai": matcher.mapping, "izinkan_pindah": options.allow_moves, "wilayah": options.wilayah,
                "pengodean": source.encoding, "pemisah": source.delimiter, "format": source.kind}
    with connect(url) as conn:
        conn.execute("SET LOCAL work_mem = '256MB'")
        conn.execute("SET LOCAL jit = off")  # compiling the wide check expressions costs more than it saves
        # a re-import's "not yet stored" anti-join (households_insert.sql): a merge join sorts the
        # million checked rows on disk (upsert 2.0-2.2 s at 1M rows, bench/); a hash join 0.9 s
        conn.execute("SET LOCAL enable_mergejoin = off")
        run(conn, "importer/stage")
        register_lists(conn, spec, matcher)
        import_id = fetch_value(conn, "importer/begin", {
            "jenis": schema.kind, "nama_file": source.name, "sha256": source.sha256, "oleh": user,
            "opsi": Jsonb(recorded), "ukuran_byte": source.size, "kolom_berkas": source.header,
            "baris_judul": source.header_rows})
        names, missing = _staging_names(source, schema)
        _create_staging(conn, names, missing)
        report("membaca", 0, source.size)
        with clock("baca_copy"):
            stage(conn, source, "imp_mentah", names, report.reader())
            conn.execute("ANALYZE imp_mentah (urutan)")  # the row count is what the plans need
        report("memeriksa", 0, 1)
        with clock("periksa"):
            run(conn, "importer/households_check" if households else "importer/facilities_check")
        with clock("nilai"):
            matched = match_values(conn, spec, matcher, clock)
        if options.survey:
            conn.rollback()  # a survey leaves nothing behind: no history row, no work table
            return ImportResult(0, 0, 0, 0, dry_run=True, notes=source.notes, phases=clock.seconds,
                                values=matched.columns)
        if households:
            with clock("nik_terdaftar"):
                run(conn, "importer/households_nik_known")
        report("menempatkan", 0, 1)
        with clock("tempat"):
            run(conn, "importer/locate")
        if options.wilayah:
            _refuse_outside_region(conn, schema, options.wilayah)
        with clock("siap"):
            if households:
                run(conn, "importer/households_ready")
                run(conn, "importer/households_known")
            run(conn, "importer/households_moves" if households else "importer/facilities_moves")
            run(conn, "importer/moves_mark", {"izinkan": options.allow_moves})
        with clock("tolak"):
            rejected, warned, reasons, rows, province = fetch_result(conn, "importer/rejects")
        report("menyimpan", 0, 1)
        with conn.transaction(force_rollback=dry_run):
            if households:
                added, changed = _merge_households(conn, clock, province)
                merged = added, changed, rows - rejected - added - changed
                with clock("nonaktif"):
                    deactivated = (_deactivate(conn, options.wilayah, options.confirm_deactivate)
                                   if options.mark_inactive else 0)
            else:
                run(conn, "importer/facilities_ready")
                merged, deactivated = fetch_result(conn, "importer/facilities_merge"), 0
        result = ImportResult(import_id, *merged, rejected=rejected, warned=warned, deactivated=deactivated,
                              rows=rows, reasons=reasons, dry_run=dry_run, notes=source.notes, phases=clock.seconds,
                              values=matched.columns)
        result.seconds = time.perf_counter() - started
        run(conn, "importer/end")
        run(conn, "importer/finish", {"status": "uji_coba" if dry_run else "selesai",
                                                        "jumlah": Jsonb(result.counts())})
        report("menyimpan", 1, 1)
        commit_started = time.perf_counter()
    clock.seconds["commit"] = round(time.perf_counter() - commit_started, 2)
    result.seconds = time.perf_counter() - started
    return result


def import_households(path, user: str = "sistem", url: str | None = None, *, dry_run: bool = False,
                      mark_inactive: bool = False, mapping=None, values=None, allow_moves: bool = False,
                      name: str | None = None, progress=None, analyse: bool = False, wilayah: str | None = None,
                      confirm_deactivate: int | None = None) -> ImportResult:
    """Import a household file (CSV or XLSX, documented format).

    ``dry_run``: check and count, change nothing but the import history. ``mark_inactive``: a full
    re-import; households of the file's kabupaten it no longer lists become inactive (never deleted).
    ``mapping``: dict or mapping file (JSON / two-column CSV) for unrecognised headers. ``values``:
    value mapping ``{column: {cell: entry or "kosong"}}`` or its file (JSON / CSV kolom,nilai,kode)
    for code-list cells the matcher does not recognise (spatial.importer.values). ``allow_moves``:
    a row that would move a stored household to another kabupaten updates it (warning
    pindah_wilayah) instead of being refused. ``name``: the file name to record (uploads).
    ``progress(phase, done, total)`` is called as the import advances.
    Raises ImportFileError (clear message, nothing written) when the file cannot be read at all, or
    when ``mark_inactive`` would deactivate more than ``DEACTIVATE_SHARE`` of a kabupaten and
    ``confirm_deactivate`` is not that number. ``wilayah``: the importing user's region scope (rows
    outside it are rejected ``di_luar_wilayah``; mark-inactive touches only that region).
    ``analyse``: re-run the spatial analyses afterwards when rows changed (the CLI and the web
    import pass True; see _after_import)."""
    options = ImportOptions(dry_run, mark_inactive, mapping, values, allow_moves, name, wilayah=wilayah,
                            confirm_deactivate=confirm_deactivate)
    result = _run_import(path, HOUSEHOLDS, user, url, progress, options)
    return _after_import(result, url, user, analyse)


def import_facilities(path, user: str = "sistem", url: str | None = None, *, dry_run: bool = False,
                      mapping=None, values=None, allow_moves: bool = False, name: str | None = None,
                      progress=None, analyse: bool = False, wilayah: str | None = None) -> ImportResult:
    """Import a facility file (CSV or XLSX, documented format); see import_households."""
    options = ImportOptions(dry_run, False, mapping, values, allow_moves, name, wilayah=wilayah)
    result = _run_import(path, FACILITIES, user, url, progress, options)
    return _after_import(result, url, user, analyse)


def survey_values(path, kind: str, url: str | None = None, *, mapping=None, values=None, name: str | None = None,
                  progress=None) -> ValueReport:
    """Read a file as an import would, up to the value step, and report its code-list values that
    are not written exactly as an entry (with counts, what they matched, suggestions for the
    unknown ones); nothing is stored. The web import lists the unknown ones for the user to map."""
    schema = HOUSEHOLDS if kind == HOUSEHOLDS.kind else FACILITIES
    result = _run_import(path, schema, "sistem", url, progress,
                         ImportOptions(mapping=mapping, values=values, name=name, survey=True))
    return ValueReport(result.values)


def _after_import(result: ImportResult, url: str | None, user: str, analyse: bool) -> ImportResult:
    """Re-run the spatial analyses (issue #4) after a committed import that changed rows; a failed
    analysis does not undo the import, it is noted (and recorded as a failed run)."""
    if analyse and not result.dry_run and (result.inserted or result.updated or result.deactivated):
        from spatial.analysis import run_after_import  # heavy (PySAL, solver): only when needed
        try:
            run_after_import(url, oleh=user)
        except Exception as exc:  # noqa: BLE001 - reported to the user, the import stands
            result.notes.append(f"analisis ulang gagal: {exc}")
    return result
