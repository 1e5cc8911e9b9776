"""Selection actions: add households (click, drawn area, proposal), remove, workflow transitions.

Additions lock the programme row, re-check eligibility in SQL, keep within the budget and the
quotas, and insert with ``ON CONFLICT DO NOTHING``: the unique index ``seleksi_satu_aktif``
decides races between programmes and users, and the households skipped are reported with
the programme that holds them.
"""
import datetime
from collections.abc import Callable

import psycopg

from spatial.codes import within
from spatial.errors import N_, Forbidden, NotFound, SelectionError
from spatial.selection import candidates, optimiser, rules
from spatial.selection.programs import require
from spatial.sqlfiles import fetch_all, fetch_one


def _locked_program(conn, program_id: int) -> dict:
    """The programme, its row locked until the end of the transaction (additions and removals of
    concurrent requests queue here); NotFound / SelectionError when it is missing or closed."""
    locked = fetch_all(conn, "selection/program_lock", {"id": program_id})
    if not locked:
        raise NotFound(N_("Program tidak ditemukan."))
    if locked[0]["status"] != "aktif":
        raise SelectionError(N_("Program sudah ditutup: tidak dapat menambah atau menghapus rumah tangga."))
    return require(conn, program_id)


def refuse_outside_scope(conn, pairs: list, wilayah: str | None) -> None:
    """Forbidden, listing them, when households ``pairs`` lie outside the user's region ``wilayah``."""
    if wilayah is None:
        return
    outside = fetch_all(conn, "selection/outside_scope", {
        "kode_prov": [p[0] for p in pairs], "ids": [int(p[1]) for p in pairs], "wilayah": wilayah})
    if outside:
        raise Forbidden(N_("Rumah tangga di luar wilayah kerja Anda (%(wilayah)s): %(daftar)s."),
                        wilayah=wilayah, daftar=", ".join(r["id_keluarga"] for r in outside))


def _refusal(row_or_pair, code: str, program: dict, detail: str | None = None) -> dict:
    """A household that was not added: ids, family id and head's name when known, the reason code,
    its detail (a region's name, the programme holding it) and the reason in words."""
    row = row_or_pair if isinstance(row_or_pair, dict) else {}
    kode_prov, rt_id = (row["kode_prov"], row["id"]) if row else row_or_pair
    text = rules.reason_text(code, program["tahun_tanpa_bantuan"])
    return {"kode_prov": kode_prov, "id": int(rt_id), "id_keluarga": row.get("id_keluarga"),
            "nama_kepala": row.get("nama_kepala"), "alasan": code, "semua_alasan": [code], "rincian": detail,
            "keterangan": f"{text}: {detail}" if detail else text}


def _ineligible(row: dict, program: dict) -> dict:
    """Refusal of an ineligible household with every reason (and the programme holding it)."""
    texts = [rules.reason_text(c, program["tahun_tanpa_bantuan"]) for c in row["alasan"]]
    if row["program_lain"]:
        texts = [t + f" ({row['program_lain']})" if c == "program_lain" else t for c, t in zip(row["alasan"], texts)]
    return {**_refusal(row, row["alasan"][0], program, row["program_lain"]), "semua_alasan": list(row["alasan"]),
            "keterangan": "; ".join(texts)}


def _insert(conn, program: dict, rows: list[dict], oleh: str, cara: str) -> tuple[list, list]:
    """Insert rows as 'usulan'; returns (added pairs, refusals of the ones another selection holds)."""
    if not rows:
        return [], []
    inserted = fetch_all(conn, "selection/add", {
        "program_id": program["id"], "cara": cara, "oleh": oleh, "kode_prov": [r["kode_prov"] for r in rows],
        "ids": [r["id"] for r in rows], "skor": [r["skor"] for r in rows]})
    added = {(r["kode_prov"], r["rumah_tangga_id"]) for r in inserted}
    missing = [r for r in rows if (r["kode_prov"], r["id"]) not in added]
    refused = []
    if missing:
        holders = {(h["kode_prov"], h["rumah_tangga_id"]): h for h in fetch_all(conn, "selection/holder", {
            "kode_prov": [m["kode_prov"] for m in missing], "ids": [m["id"] for m in missing]})}
        for row in missing:
            holder = holders.get((row["kode_prov"], row["id"]))
            if holder and holder["program_id"] == program["id"]:
                refused.append(_refusal(row, "sudah_terpilih", program, f"oleh {holder['dibuat_oleh']}"))
            else:
                detail = f"{holder['program']}, oleh {holder['dibuat_oleh']}" if holder else None
                refused.append(_refusal(row, "program_lain", program, detail))
    return sorted(added), refused


def add_households(conn, program_id: int, pairs: list, oleh: str, cara: str = "manual",
                   wilayah: str | None = None) -> dict:
    """Add households ``[(kode_prov, id), ...]`` to a programme as proposals.

    Returns {"ditambah": [...pairs], "ditolak": [{kode_prov, id, alasan, keterangan}], "program": totals}.
    Ineligible households, those outside ``wilayah`` (the user's region scope, reported as not
    found), and those beyond the budget or a quota (lowest scores first), are refused."""
    refuse_outside_scope(conn, pairs, wilayah)
    return _add(conn, _locked_program(conn, program_id), pairs, oleh, cara, wilayah)


def _add(conn, program: dict, pairs: list, oleh: str, cara: str, wilayah: str | None) -> dict:
    """``add_households`` on the locked ``program``."""
    rows = candidates.households(conn, program, households_of=pairs, only_candidates=False, wilayah=wilayah)
    found = {(r["kode_prov"], r["id"]) for r in rows}
    refused = [_refusal((p[0], int(p[1])), "tidak_ditemukan", program) for p in pairs if (p[0], int(p[1])) not in found]
    eligible = []
    for row in rows:
        if row["terpilih"]:
            refused.append(_refusal(row, "sudah_terpilih", program))
        elif not row["memenuhi_syarat"]:
            refused.append(_ineligible(row, program))
        else:
            eligible.append(row)
    fit = optimiser.greedy(eligible, program["sisa_unit"], optimiser.room_of(program))
    names = candidates.region_names(conn, [region for _row, _code, region in fit.left_out if region])
    refused += [_refusal(row, code, program, names.get(region, region)) for row, code, region in fit.left_out]
    added, taken = _insert(conn, program, fit.chosen, oleh, cara)
    return {"ditambah": [list(p) for p in added], "ditolak": refused + taken,
            "program": totals(require(conn, program["id"]))}


def add_filtered(conn, program_id: int, filters: dict, oleh: str, wilayah: str | None = None) -> dict:
    """Add every eligible household the candidate filters ``filters`` show ("all filtered"), best
    scores first while budget and quotas allow; the others are refused with their reason."""
    program = _locked_program(conn, program_id)
    rows = candidates.households(conn, program, filters=filters, only_candidates=True, wilayah=wilayah)
    return _add(conn, program, [(r["kode_prov"], r["id"]) for r in rows if r["memenuhi_syarat"]], oleh, "manual",
                wilayah)


def area_preview(conn, program_id: int, geometry: dict, wilayah: str | None = None) -> dict:
    """What adding every eligible household inside ``geometry`` (GeoJSON; within ``wilayah`` when
    the user is scoped) would do: count, cost, how many fit the budget, households matched by
    village (no GPS), ineligible ones by reason code. Counted in SQL (``candidates.area_groups``)."""
    program = require(conn, program_id)
    groups = candidates.area_groups(conn, program, geometry, wilayah)
    # How many fit: the greedy walk takes a household while the units and its village/kecamatan/
    # kabupaten quotas have room. Those limits are nested (a laminar matroid), so the count does not
    # depend on the order of the walk: the eligible households' villages, unranked, give the same count.
    eligible = [{"kode_desa": desa} for g in groups for desa in g["desa"]]
    fit = optimiser.greedy(eligible, program["sisa_unit"], optimiser.room_of(program))
    reasons: dict[str, int] = {}
    for group in groups:
        for code in group["alasan"]:
            reasons[code] = reasons.get(code, 0) + group["n"] - group["terpilih"]
    return {
        "memenuhi_syarat": len(eligible), "biaya": len(eligible) * program["biaya_satuan"],
        "muat": len(fit.chosen), "biaya_muat": len(fit.chosen) * program["biaya_satuan"],
        "tanpa_gps_desa": sum(g["tanpa_gps"] for g in groups),
        "sudah_terpilih": sum(g["terpilih"] for g in groups),
        "tidak_memenuhi": dict(sorted((code, n) for code, n in reasons.items() if n)),
        "tahun_tanpa_bantuan": program["tahun_tanpa_bantuan"],
        "program": totals(program),
    }


def add_area(conn, program_id: int, geometry: dict, oleh: str, wilayah: str | None = None) -> dict:
    """Add every eligible household inside ``geometry`` (households without GPS when their whole
    village lies inside; within ``wilayah`` when scoped), best scores first while budget and quotas allow."""
    program = _locked_program(conn, program_id)
    rows = candidates.households(conn, program, area=geometry, only_candidates=True, wilayah=wilayah)
    pairs = [(r["kode_prov"], r["id"]) for r in rows if r["memenuhi_syarat"]]
    result = _add(conn, program, pairs, oleh, "area", wilayah)
    result["tanpa_gps_desa"] = sum(1 for r in rows if r["memenuhi_syarat"] and r["lon"] is None)
    return result


def propose(conn, program_id: int, wilayah: str | None = None) -> tuple[dict, optimiser.Proposal]:
    """The optimiser's proposal for the remaining budget (not saved), from the households of
    ``wilayah`` only when the user is scoped."""
    program = require(conn, program_id)
    return program, _proposal(conn, program, wilayah)


def _proposal(conn, program: dict, wilayah: str | None) -> optimiser.Proposal:
    rows = [r for r in candidates.households(conn, program, wilayah=wilayah) if r["memenuhi_syarat"]]
    return optimiser.propose(rows, program["sisa_unit"], optimiser.room_of(program))


def apply_proposal(conn, program_id: int, oleh: str, wilayah: str | None = None) -> dict:
    """Compute the proposal and add its households (method and left-out summary returned)."""
    program = _locked_program(conn, program_id)
    proposal = _proposal(conn, program, wilayah)
    added, taken = _insert(conn, program, proposal.chosen, oleh, "otomatis")
    return {"metode": proposal.method, "ditambah": [list(p) for p in added], "ditolak": taken,
            "tidak_dipilih": left_out_summary(program, proposal), "program": totals(require(conn, program["id"]))}


def left_out_summary(program: dict, proposal: optimiser.Proposal) -> dict:
    """Counts of eligible households the proposal leaves out, by reason code (``kuota_penuh:<region>``
    for a full quota; ``rules.reason_text`` gives the words)."""
    summary: dict[str, int] = {}
    for _row, code, region in proposal.left_out:
        key = f"{code}:{region}" if region else code
        summary[key] = summary.get(key, 0) + 1
    return summary


def remove_households(conn, program_id: int, pairs: list, oleh: str, alasan: str | None = None,
                      wilayah: str | None = None) -> dict:
    """Remove proposals (status 'usulan' only) from a programme; Forbidden for households outside
    ``wilayah``; returns the programme's totals."""
    refuse_outside_scope(conn, pairs, wilayah)
    _locked_program(conn, program_id)
    for pair in pairs:
        _remove(conn, program_id, pair, oleh, alasan)
    return totals(require(conn, program_id))


def _remove(conn, program_id: int, pair, oleh: str, alasan: str | None = None) -> None:
    """Remove one proposal of the locked programme."""
    fetch_all(conn, "selection/actor", {"oleh": oleh, "alasan": alasan or "dihapus dari usulan"})
    try:
        with conn.transaction():
            removed = fetch_all(conn, "selection/remove", {"program_id": program_id, "kode_prov": pair[0],
                                                           "id": int(pair[1])})
    except psycopg.errors.CheckViolation as exc:
        raise SelectionError(N_("Hanya usulan yang dapat dihapus; gunakan 'Tolak' dengan alasan.")) from exc
    if not removed:
        raise SelectionError(N_("Rumah tangga ini tidak ada dalam program."))


def selection(conn, program_id: int, seleksi_id: int, wilayah: str | None) -> dict:
    """One selection of the programme; NotFound when there is none, Forbidden outside ``wilayah``."""
    row = fetch_one(conn, "selection/one", {"id": seleksi_id, "program_id": program_id})
    if row is None:
        raise NotFound(N_("Seleksi tidak ditemukan."))
    if not within(row["kode_desa"], wilayah):
        raise Forbidden(N_("Rumah tangga di luar wilayah kerja Anda (%(wilayah)s): %(daftar)s."),
                        wilayah=wilayah, daftar=row["id_keluarga"])
    return row


def transition(conn, program_id: int, seleksi_id: int, ke: str, oleh: str, alasan: str | None = None,
               verifikator: str | None = None, tanggal: datetime.date | None = None,
               foto: Callable[[], str | None] | None = None, wilayah: str | None = None) -> dict:
    """Move one selection along the workflow (usulan -> terverifikasi -> ditetapkan -> selesai, or
    ditolak with a reason), for a user of region ``wilayah``. Checked here and again by the trigger
    in SQL; ``foto`` stores the verification photo once the step is allowed and returns its name."""
    current = selection(conn, program_id, seleksi_id, wilayah)["status"]
    if ke not in rules.TRANSITIONS.get(current, ()):
        raise SelectionError(N_("Perubahan status %(dari)s → %(ke)s tidak diizinkan."), dari=current, ke=ke)
    if ke == "ditolak" and not (alasan or "").strip():
        raise SelectionError(N_("Alasan penolakan wajib diisi."))
    if ke == "terverifikasi" and not ((verifikator or "").strip() and tanggal):
        raise SelectionError(N_("Verifikasi lapangan memerlukan nama verifikator dan tanggal."))
    photo = foto() if foto is not None else None
    try:
        with conn.transaction():
            fetch_all(conn, "selection/transition", {
                "id": seleksi_id, "program_id": program_id, "ke": ke, "alasan": (alasan or "").strip() or None,
                "oleh": oleh, "verifikator": (verifikator or "").strip() or None, "tanggal_verifikasi": tanggal,
                "foto": photo})
    except psycopg.errors.CheckViolation as exc:
        raise rules.trigger_refusal(exc.diag.message_primary or str(exc)) from exc
    return {"id": seleksi_id, "dari": current, "ke": ke}


def totals(program: dict) -> dict:
    """Units, cost, budget and what is left, as JSON-friendly numbers."""
    return {"id": program["id"], "unit": program["unit"], "biaya": float(program["biaya"]),
            "anggaran": float(program["anggaran"]), "sisa": float(program["sisa"]),
            "sisa_unit": program["sisa_unit"], "biaya_satuan": float(program["biaya_satuan"]),
            "tahun_tanpa_bantuan": program["tahun_tanpa_bantuan"],
            "per_status": program["per_status"]}


def history(conn, program_id: int, wilayah: str | None, limit: int = 50) -> list[dict]:
    """The latest workflow changes of the programme's households in ``wilayah``."""
    return fetch_all(conn, "selection/history", {"program_id": program_id, "seleksi_id": None, "limit": limit,
                                                 "wilayah": wilayah})
