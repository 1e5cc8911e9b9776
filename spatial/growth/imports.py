"""Import child growth files through the shared registry pipeline (spatial.importer.registry).

Two kinds of file: **child measurements** (``pengukuran_anak``, one row per weighing/measuring,
e-PPGBM-like: child id/NIK, name, sex, birth and measurement dates, weight, length/height,
position, village, posyandu, parent's NIK or KK number) and **village counts** (``gizi_desa``:
measured, stunted, severely stunted per village and month, for offices that share only counts).
Both get what households get: sniffed type, column and value mapping, row-level rejects with
their reasons, one transaction, upsert, history. Measurements get their WHO z-scores, flags and
Permenkes classes here (spatial.growth.who / classes); the village figures per month
(``gizi_desa_periode``) are rebuilt inside the same transaction; then the analyses that read
them (RTLH scores, gaps) run again.
"""
from dataclasses import replace

from psycopg import sql as psql

from spatial.growth.classes import classify
from spatial.growth.who import Measurement, zscores
from spatial.importer.columns import CHILDREN, VILLAGE_GROWTH
from spatial.importer.registry import ImportOptions, ImportResult, Kind, RegionCheck, run_import
from spatial.importer.values import ValueColumns
from spatial.sqlfiles import run

SEX = {"laki-laki": "L", "perempuan": "P"}
BATCH = 20000
# A scoped user's rows outside the region are rejected (di_luar_wilayah); a child's id is its
# kabupaten's, a village's counts are the village's.
MEASUREMENT_REGION = RegionCheck("pengukuran_anak", "id_anak", "AND r.kode_kab_registri = left(c.kode_desa_deklarasi, 5)")
COUNTS_REGION = RegionCheck("gizi_agregat_desa", "periode", "AND r.kode_desa = c.kode_desa_deklarasi")
Z_COLUMNS = ("urutan", "tinggi_koreksi", "z_tbu", "z_bbu", "z_bbtb", "flag_tbu", "flag_bbu", "flag_bbtb",
             "posisi_tidak_wajar", "kelas_tbu", "kelas_bbu", "kelas_bbtb")


def _zscore_rows(rows):
    """``(urutan, sex, born, measured, kg, cm, position)`` -> the rows of ``imp_z``."""
    for urutan, sex, born, measured, kg, cm, position in rows:
        z = zscores(Measurement(SEX[sex], born, measured, float(kg) if kg is not None else None,
                                float(cm) if cm is not None else None, position))
        yield (urutan, z.tinggi_koreksi, z.z_tbu, z.z_bbu, z.z_bbtb, z.flag_tbu, z.flag_bbu, z.flag_bbtb,
               z.posisi_tidak_wajar, classify("tbu", z.z_tbu, z.flag_tbu), classify("bbu", z.z_bbu, z.flag_bbu),
               classify("bbtb", z.z_bbtb, z.flag_bbtb))


def _prepare_measurements(conn, clock, options: ImportOptions) -> None:
    """z-scores of every accepted row (Python, the WHO procedure) into ``imp_z``, then the
    warnings for implausible ones; measurements are placed in their declared village."""
    run(conn, "growth/measurements_stage")
    MEASUREMENT_REGION.apply(conn, options.wilayah)
    copy_rows = psql.SQL("COPY imp_z ({}) FROM STDIN").format(psql.SQL(", ").join(map(psql.Identifier, Z_COLUMNS)))
    with clock("z_skor"):
        with conn.cursor(name="imp_z_baca") as read:
            run(read, "growth/measurements_accepted")
            while batch := read.fetchmany(BATCH):  # a COPY cannot run while the cursor is read
                with conn.cursor().copy(copy_rows) as copy:
                    for row in _zscore_rows(batch):
                        copy.write_row(row)
        run(conn, "growth/measurements_flags")


def _merged_by(query: str):
    """A merge step of the pipeline: ``query`` stores the checked rows (added, changed, unchanged),
    then the village figures are refreshed."""
    def merge(conn, clock, options: ImportOptions, checked) -> tuple:
        with clock("gabung"):
            added, changed, unchanged = run(conn, query).fetchone() or (0, 0, 0)
        with clock("indikator"):
            run(conn, "growth/villages_refresh")
        return added, changed, unchanged, 0
    return merge


_merge_measurements = _merged_by("growth/measurements_merge")
_merge_village_counts = _merged_by("growth/counts_merge")


def _prepare_village_counts(conn, clock, options: ImportOptions) -> None:
    run(conn, "growth/no_location")
    COUNTS_REGION.apply(conn, options.wilayah)


def _analyse_after(url: str | None, user: str) -> None:
    """Re-run the analyses that read child growth (RTLH score, gaps: keluarga berisiko stunting)."""
    from spatial.analysis import run_all  # heavy: only when needed
    run_all(("skor", "celah"), url=url, oleh=user)


MEASUREMENTS = Kind(CHILDREN, ValueColumns("pengukuran_anak", required=("jenis_kelamin",)),
                    "growth/measurements_check", _prepare_measurements, _merge_measurements, _analyse_after)
VILLAGE_COUNTS = Kind(VILLAGE_GROWTH, ValueColumns("gizi_desa"), "growth/counts_check", _prepare_village_counts,
                      _merge_village_counts, _analyse_after)


def import_measurements(path, user: str = "sistem", url: str | None = None, *, dry_run: bool = False, mapping=None,
                        values=None, name: str | None = None, progress=None, analyse: bool = False,
                        wilayah: str | None = None) -> ImportResult:
    """Import a child measurement file (see the module doc and docs/stunting.md); the options are
    those of spatial.importer.registry.import_households. ``analyse``: re-run the RTLH scores and
    gaps afterwards when rows changed. ``wilayah``: the importing user's region scope (rows outside
    it, or naming a child stored in another region, are rejected ``di_luar_wilayah``)."""
    options = ImportOptions(dry_run, False, mapping, values, False, name, wilayah=wilayah)
    return run_import(path, MEASUREMENTS if analyse else replace(MEASUREMENTS, after=None), user, url, progress, options)


def import_village_counts(path, user: str = "sistem", url: str | None = None, *, dry_run: bool = False,
                          mapping=None, values=None, name: str | None = None, progress=None,
                          analyse: bool = False, wilayah: str | None = None) -> ImportResult:
    """Import a file of village counts (kode_desa, periode, diukur, stunting, ...); see
    import_measurements."""
    options = ImportOptions(dry_run, False, mapping, values, False, name, wilayah=wilayah)
    return run_import(path, VILLAGE_COUNTS if analyse else replace(VILLAGE_COUNTS, after=None), user, url, progress, options)
