"""Import registry files (CSV or XLSX in a documented format) into PostGIS: one pipeline for every kind.

The file is sniffed and its header mapped (spatial.importer.source / columns), its rows
COPYed into a staging table, then checked, located and upserted with set-based SQL
(queries ``importer/*_check``, ``importer/locate``, ``importer/*_merge``) in ONE transaction: an import lands
whole or not at all. Rejected rows and warnings go to ``impor_tolak`` with their original cells.
"""
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from psycopg import sql as psql
from psycopg.types.json import Jsonb

from spatial.db import connect
from spatial.errors import N_, Number
from spatial.importer.columns import FACILITIES, HOUSEHOLDS, ImportFileError, Schema, read_mapping_file
from spatial.importer.source import Source, inspect, stage
from spatial.importer.values import (FACILITY_VALUES, HOUSEHOLD_VALUES, ValueColumns, ValueReport, match_values,
                                     register_lists, value_matcher)
from spatial.sqlfiles import composed, fetch_result, fetch_value, run

__all__ = ["FACILITY_KIND", "HOUSEHOLD_KIND", "ImportFileError", "ImportResult", "Kind", "import_households",
           "import_facilities", "overall_percent", "run_import", "survey_values"]

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
    details: dict = field(default_factory=dict)  # what a kind's own steps report (a recipient list: rows per match)

    @property
    def changes(self) -> int:
        """Rows added, changed or marked inactive."""
        return self.inserted + self.updated + self.deactivated

    def counts(self) -> dict:
        """The counts stored in ``impor.jumlah``."""
        return {"baris": self.rows, "ditambah": self.inserted, "diubah": self.updated, "tetap": self.unchanged,
                "ditolak": self.rejected, "peringatan": self.warned, "dinonaktifkan": self.deactivated,
                "per_alasan": self.reasons, "detik": round(self.seconds, 2), "catatan": self.notes,
                "detik_per_tahap": self.phases, "nilai": self.values, "rincian": self.details}

    def summary(self) -> str:
        """One line for the command line."""
        head = f"uji coba impor #{self.import_id} (tidak disimpan)" if self.dry_run else f"impor #{self.import_id}"
        text = (f"{head}: {self.rows} baris; {self.inserted} baru, {self.updated} diubah, {self.unchanged} tetap, "
                f"{self.rejected} ditolak, {self.warned} dengan peringatan")
        if self.deactivated:
            text += f", {self.deactivated} ditandai tidak aktif"
        for name, counts in self.details.items():
            text += f"; {name}: " + ", ".join(f"{key} {value}" for key, value in sorted(counts.items()))
        return text


def _staging_names(source: Source, schema: Schema) -> tuple[list, list]:
    """Staging column per header cell (canonical name, or kolom_N for ignored cells), and the
    canonical columns missing from the file (added as empty columns)."""
    names = [c if c else f"kolom_{i + 1}" for i, c in enumerate(source.columns)]
    missing = [c for c in schema.columns if c not in source.columns]
    return names, missing


def _create_staging(conn, names: list, missing: list, schema: Schema) -> None:
    """The staging table imp_mentah (a text column per header cell), the view imp_sel (a row's cells
    as an array, for the rejects report) and the view imp_baris that the kind's check reads: the
    canonical columns, a number column (``schema.numbers``) read by ``sasaran_angka`` and an amount
    (``schema.amounts``) by ``sasaran_rupiah``, each with its trimmed text beside it as
    ``<column>_teks`` (blank: NULL) for the row's messages."""
    columns = psql.SQL(", ").join(psql.SQL("{} text").format(psql.Identifier(n)) for n in names + missing)
    # unlogged, not temp: parallel workers read it (see importer/stage.sql; dropped by importer/end.sql)
    conn.execute(psql.SQL("CREATE UNLOGGED TABLE imp_mentah (urutan integer GENERATED ALWAYS AS IDENTITY, {})")
                 .format(columns))
    conn.execute(psql.SQL("CREATE TEMP VIEW imp_sel AS SELECT urutan, ARRAY[{}]::text[] AS sel FROM imp_mentah")
                 .format(psql.SQL(", ").join(psql.Identifier(n) for n in names)))
    readers = {**dict.fromkeys(schema.numbers, "sasaran_angka"), **dict.fromkeys(schema.amounts, "sasaran_rupiah")}
    cells = [psql.SQL("{read}({c}) AS {c}, nullif(btrim({c}), '') AS {teks}").format(
                 read=psql.Identifier(readers[c]), c=psql.Identifier(c), teks=psql.Identifier(f"{c}_teks"))
             if c in readers else psql.Identifier(c) for c in schema.columns]
    conn.execute(psql.SQL("CREATE TEMP VIEW imp_baris AS SELECT urutan, {} FROM imp_mentah")
                 .format(psql.SQL(", ").join(cells)))


class _Clock:
    """Seconds spent in each named step of an import (``with clock("periksa"): ...``)."""

    def __init__(self):
        self.seconds = {}
        self.details: dict = {}  # counts a kind's own steps report (ImportResult.details)

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
    given: dict = field(default_factory=dict)  # values of columns the file may lack (a recipient list's programme)

    def parameters(self) -> dict | None:
        """The parameters of a kind's check query when the kind takes values for the whole file
        (the region scope and those values), else None."""
        return {"wilayah": self.wilayah, **self.given} if self.given else None


@dataclass(frozen=True)
class RegionCheck:
    """How an import by a region-scoped user finds rows it may not write (importer/scope): the
    stored records (``table``) with the row's ``id`` (``same``: an SQL condition narrowing the
    match, e.g. to the same kabupaten) must lie in the user's region too."""
    table: str
    id: str
    same: str = ""

    def apply(self, conn, wilayah: str | None) -> None:
        """Reject (di_luar_wilayah) the rows a user scoped to ``wilayah`` may not write: a village
        outside the region, or an id stored in another region. Nothing for unscoped users."""
        if wilayah:
            conn.execute(composed("importer/scope", id=psql.Identifier(self.id), tabel=psql.Identifier(self.table),
                                  sama=psql.SQL(self.same)), {"wilayah": wilayah})


HOUSEHOLD_REGION = RegionCheck("rumah_tangga", "id_keluarga", "AND r.kode_kab_registri = left(c.kode_desa_deklarasi, 5)")
FACILITY_REGION = RegionCheck("fasilitas", "id_fasilitas")


def _deactivate(conn, wilayah: str | None, confirmed: int | None) -> int:
    """Mark inactive the households of the file's kabupaten (and of ``wilayah``) it no longer
    lists. When that is more than ``DEACTIVATE_SHARE`` of a kabupaten's active households, the
    import stops (and rolls back) unless ``confirmed`` equals the number to deactivate."""
    run(conn, "importer/households_deactivate_plan", {"wilayah": wilayah})
    shares = run(conn, "importer/households_deactivate_share").fetchall()
    total = sum(row[1] for row in shares)
    large = [ImportFileError(N_("%(kab)s: %(jumlah)s dari %(aktif)s (%(persen)s%%)"), kab=kab, jumlah=Number(n, 0),
                             aktif=Number(active, 0), persen=f"{100 * n / active:.0f}")
             for kab, n, active in shares if n > DEACTIVATE_SHARE * active]
    if large and confirmed != total:
        raise ImportFileError(
            N_("Tandai nonaktif akan menonaktifkan %(jumlah)s rumah tangga, lebih dari %(batas)s kabupaten "
               "(%(rincian)s). Tidak ada yang diubah. Jika memang benar, ulangi impor dengan konfirmasi jumlah %(total)s."),
            jumlah=Number(total, 0), batas=f"{DEACTIVATE_SHARE:.0%}", rincian=large, total=total)
    return fetch_value(conn, "importer/households_deactivate")


def _prepare_households(conn, clock: _Clock, options: ImportOptions) -> None:
    """Households between the value step and the report: NIKs held by others, location, the
    stored households of the file, moves between kabupaten."""
    with clock("nik_terdaftar"):
        run(conn, "importer/households_nik_known")
    with clock("tempat"):
        run(conn, "importer/locate")
    HOUSEHOLD_REGION.apply(conn, options.wilayah)
    with clock("siap"):
        run(conn, "importer/households_ready")
        run(conn, "importer/households_known")
        run(conn, "importer/households_moves")
        run(conn, "importer/moves_mark", {"izinkan": options.allow_moves})


def _merge_household_rows(conn, clock: _Clock, options: ImportOptions, checked: "Checked") -> tuple:
    added, changed = _merge_households(conn, clock, checked.province)
    with clock("nonaktif"):
        deactivated = _deactivate(conn, options.wilayah, options.confirm_deactivate) if options.mark_inactive else 0
    return added, changed, checked.rows - checked.rejected - added - changed, deactivated


def _prepare_facilities(conn, clock: _Clock, options: ImportOptions) -> None:
    """Facilities between the value step and the report: location and moves between kabupaten."""
    with clock("tempat"):
        run(conn, "importer/locate")
    FACILITY_REGION.apply(conn, options.wilayah)
    with clock("siap"):
        run(conn, "importer/facilities_moves")
        run(conn, "importer/moves_mark", {"izinkan": options.allow_moves})


def _merge_facility_rows(conn, clock: _Clock, options: ImportOptions, checked: "Checked") -> tuple:
    run(conn, "importer/facilities_ready")
    return (*fetch_result(conn, "importer/facilities_merge"), 0)


def _analyse_after(url: str | None, user: str) -> None:
    from spatial.analysis import run_after_import  # heavy (PySAL, solver): only when needed
    run_after_import(url, oleh=user)


@dataclass(frozen=True)
class Checked:
    """What the rejects step counted (importer/rejects, in its column order): rejected and warned
    rows, reasons, rows, and the province every accepted row declares when there is just one."""
    rejected: int
    warned: int
    reasons: dict
    rows: int
    province: str | None


@dataclass(frozen=True)
class Kind:
    """One kind of registry file and the steps of the shared pipeline that are its own.

    ``check``: the query typing the staged rows into ``imp_cek`` (reasons, warnings, explanations).
    ``prepare(conn, clock, options)``: the steps between the value step and the rejects report
    (location, stored records, moves, computed columns); it must leave an ``imp_tempat`` (located
    rows' reasons) for the report. ``merge(conn, clock, options, checked)``: the upsert, returning
    (added, changed, unchanged, deactivated); a dry run rolls it back. ``after(url, user)``: run
    once a committed import changed rows (analyses); a failure there is noted, the import stands."""
    schema: Schema
    values: ValueColumns
    check: str
    prepare: Callable
    merge: Callable
    after: Callable | None = None


HOUSEHOLD_KIND = Kind(HOUSEHOLDS, HOUSEHOLD_VALUES, "importer/households_check", _prepare_households,
                      _merge_household_rows, _analyse_after)
FACILITY_KIND = Kind(FACILITIES, FACILITY_VALUES, "importer/facilities_check", _prepare_facilities,
                     _merge_facility_rows, _analyse_after)


def run_import(path, kind: Kind, user: str, url: str | None, progress, options: ImportOptions) -> ImportResult:
    """Import one file of ``kind`` through the shared pipeline: sniff and map the header, stage the
    rows, check them (``kind.check``), match code-list values, the kind's own steps, the rejects
    report, the upsert, the history; all in one transaction (a dry run rolls the upsert back).
    Then ``kind.after`` when rows changed."""
    result = _run_import(path, kind, user, url, progress, options)
    if kind.after and not result.dry_run and result.changes:
        try:
            kind.after(url, user)
        except Exception as exc:  # noqa: BLE001 - reported to the user, the import stands
            result.notes.append(f"analisis ulang gagal: {exc}")
    return result


def _run_import(path, kind: Kind, user: str, url: str | None, progress, options: ImportOptions) -> ImportResult:
    started = time.perf_counter()
    report, clock = _Progress(progress), _Clock()
    schema, spec = kind.schema, kind.values
    mapping = options.mapping
    if mapping is not None and not isinstance(mapping, dict):
        mapping = read_mapping_file(mapping)
    matcher = value_matcher(spec.kind, options.values)
    dry_run = options.dry_run
    with clock("sniff"):
        source = inspect(Path(path), schema, mapping, options.name, {k for k, v in options.given.items() if v is not None})
    recorded = {"uji_coba": dry_run, "tandai_nonaktif": options.mark_inactive, "pemetaan": mapping or {},
                "pemetaan_nilai": matcher.mapping, "izinkan_pindah": options.allow_moves, "wilayah": options.wilayah,
                "pengodean": source.encoding, "pemisah": source.delimiter, "format": source.kind, **options.given}
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
        _create_staging(conn, names, missing, schema)
        report("membaca", 0, source.size)
        with clock("baca_copy"):
            stage(conn, source, "imp_mentah", names, report.reader())
            conn.execute("ANALYZE imp_mentah (urutan)")  # the row count is what the plans need
        report("memeriksa", 0, 1)
        with clock("periksa"):
            run(conn, kind.check, options.parameters())
        with clock("nilai"):
            matched = match_values(conn, spec, matcher, clock)
        if options.survey:
            conn.rollback()  # a survey leaves nothing behind: no history row, no work table
            return ImportResult(0, 0, 0, 0, dry_run=True, notes=source.notes, phases=clock.seconds,
                                values=matched.columns)
        report("menempatkan", 0, 1)
        kind.prepare(conn, clock, options)
        with clock("tolak"):
            checked = Checked(*fetch_result(conn, "importer/rejects"))
        report("menyimpan", 0, 1)
        with conn.transaction(force_rollback=dry_run):
            added, changed, unchanged, deactivated = kind.merge(conn, clock, options, checked)
        result = ImportResult(import_id, added, changed, unchanged, rejected=checked.rejected, warned=checked.warned,
                              deactivated=deactivated, rows=checked.rows, reasons=checked.reasons, dry_run=dry_run,
                              notes=source.notes, phases=clock.seconds, values=matched.columns,
                              details=clock.details)
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
    import pass True; Kind.after)."""
    options = ImportOptions(dry_run, mark_inactive, mapping, values, allow_moves, name, wilayah=wilayah,
                            confirm_deactivate=confirm_deactivate)
    return run_import(path, HOUSEHOLD_KIND if analyse else replace(HOUSEHOLD_KIND, after=None), user, url, progress,
                      options)


def import_facilities(path, user: str = "sistem", url: str | None = None, *, dry_run: bool = False,
                      mapping=None, values=None, allow_moves: bool = False, name: str | None = None,
                      progress=None, analyse: bool = False, wilayah: str | None = None) -> ImportResult:
    """Import a facility file (CSV or XLSX, documented format); see import_households."""
    options = ImportOptions(dry_run, False, mapping, values, allow_moves, name, wilayah=wilayah)
    return run_import(path, FACILITY_KIND if analyse else replace(FACILITY_KIND, after=None), user, url, progress,
                      options)


def survey_values(path, kind: Kind, url: str | None = None, *, mapping=None, values=None, name: str | None = None,
                  progress=None, given: dict | None = None) -> ValueReport:
    """Read a file as an import would, up to the value step, and report its code-list values that
    are not written exactly as an entry (with counts, what they matched, suggestions for the
    unknown ones); nothing is stored. The web import lists the unknown ones for the user to map."""
    result = _run_import(path, kind, "sistem", url, progress,
                         ImportOptions(mapping=mapping, values=values, name=name, survey=True, given=given or {}))
    return ValueReport(result.values)
