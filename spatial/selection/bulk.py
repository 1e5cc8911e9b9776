"""Many households of a programme in one step: checked boxes, everything a filter shows, or the
households inside a drawn area, moved along the workflow (or removed from the proposals) with one
reason or note.

Every household still goes through ``actions.transition`` (or ``actions.remove_households``) in a
savepoint of its own, so each change is checked and recorded in ``seleksi_riwayat`` exactly as a
single step would be; a household that cannot move does not stop the others and is reported with
its family id, the head's name and why. What every household needs (a reason for ``ditolak``, the
verifier and date for ``terverifikasi``) is checked once, before anything changes."""
import datetime

from spatial.errors import N_, InvalidInput, NotFound, SasaranError
from spatial.selection import actions, candidates, programs, rules
from spatial.selection.export import rows_for_export

REMOVE = "dihapus"          # the step that takes proposals out of the programme
MAX_HOUSEHOLDS = 10_000     # one request; a kabupaten's programme is far smaller
STEPS = tuple(sorted({step for targets in rules.TRANSITIONS.values() for step in targets})) + (REMOVE,)


def check_step(ke: str, alasan: str | None, verifikator: str | None, tanggal: datetime.date | None) -> None:
    """InvalidInput when the step itself is incomplete, whatever the households (checked once)."""
    if ke not in STEPS:
        raise InvalidInput(N_("Langkah tidak dikenal: %(langkah)s"), langkah=ke)
    if ke == "ditolak" and not (alasan or "").strip():
        raise InvalidInput(N_("Alasan penolakan wajib diisi."))
    if ke == "terverifikasi" and not ((verifikator or "").strip() and tanggal):
        raise InvalidInput(N_("Verifikasi lapangan memerlukan nama verifikator dan tanggal."))


def step(conn, program_id: int, seleksi_ids: list[int], ke: str, oleh: str, *, alasan: str | None = None,
         verifikator: str | None = None, tanggal: datetime.date | None = None,
         wilayah: str | None = None) -> dict:
    """Move the selections ``seleksi_ids`` of a programme to ``ke`` (a workflow status, or
    ``dihapus`` for proposals), each through the same checks as a single step.

    Returns ``{"ke", "diubah": [household], "gagal": [household + "kesalahan": SasaranError],
    "program": totals}``; a household is ``{"seleksi_id", "id_keluarga", "nama_kepala",
    "kode_desa", "nama_desa"}`` (only the id for one that is not in the programme or outside the
    user's region ``wilayah``)."""
    check_step(ke, alasan, verifikator, tanggal)
    ids = list(dict.fromkeys(int(i) for i in seleksi_ids))
    if not ids:
        raise InvalidInput(N_("Pilih paling sedikit satu rumah tangga."))
    if len(ids) > MAX_HOUSEHOLDS:
        raise InvalidInput(N_("Paling banyak %(n)s rumah tangga dalam satu langkah."), n=MAX_HOUSEHOLDS)
    program = programs.require(conn, program_id)
    known = {r["seleksi_id"]: r for r in rows_for_export(conn, program, full_nik=False, seleksi_ids=ids,
                                                         wilayah=wilayah)}
    changed, failed = [], []
    for seleksi_id in ids:
        row = known.get(seleksi_id)
        household = _household(seleksi_id, row)
        try:
            if row is None:
                raise NotFound(N_("Tidak ada dalam program ini atau di luar wilayah Anda."))
            with conn.transaction():
                if ke == REMOVE:
                    actions.remove_households(conn, program_id, [(row["kode_prov"], row["id"])], oleh, alasan,
                                              wilayah=wilayah)
                else:
                    actions.transition(conn, program_id, seleksi_id, ke, oleh, alasan=alasan,
                                       verifikator=verifikator, tanggal=tanggal, wilayah=wilayah)
        except SasaranError as error:
            failed.append({**household, "kesalahan": error})
        else:
            changed.append(household)
    return {"ke": ke, "diubah": changed, "gagal": failed, "program": actions.totals(programs.require(conn, program_id))}


def _household(seleksi_id: int, row: dict | None) -> dict:
    if row is None:
        return {"seleksi_id": seleksi_id, "id_keluarga": None, "nama_kepala": None, "kode_desa": None,
                "nama_desa": None}
    return {"seleksi_id": seleksi_id, "id_keluarga": row["id_keluarga"], "nama_kepala": row["nama_kepala"],
            "kode_desa": row["kode_desa"], "nama_desa": row["nama_desa"]}


def matching(conn, program_id: int, kode_desa: str | None = None, status: str | None = None,
             wilayah: str | None = None) -> list[int]:
    """The selections a filter of the recipient list shows ("all filtered"): village, status, the
    user's region."""
    program = programs.require(conn, program_id)
    return [r["seleksi_id"] for r in rows_for_export(conn, program, full_nik=False, kode_desa=kode_desa,
                                                     status=status, wilayah=wilayah)]


def of_households(conn, program_id: int, pairs: list, wilayah: str | None = None) -> list[int]:
    """The selections of this programme held by households ``[(kode_prov, id)]`` (candidate table,
    drawn area); households not selected in it are left out."""
    wanted = {(str(p[0]), int(p[1])) for p in pairs}
    program = programs.require(conn, program_id)
    return [r["seleksi_id"] for r in rows_for_export(conn, program, full_nik=False, wilayah=wilayah)
            if (r["kode_prov"], r["id"]) in wanted]


def of_candidates(conn, program_id: int, filters: dict, wilayah: str | None = None) -> list[int]:
    """The selections of this programme among the candidates the candidate filters keep ("all
    filtered" in the candidate table)."""
    program = programs.require(conn, program_id)
    rows = candidates.households(conn, program, filters=filters, only_candidates=True, wilayah=wilayah)
    return [r["seleksi_id"] for r in rows if r["terpilih"]]
