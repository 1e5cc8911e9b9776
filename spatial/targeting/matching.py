"""Match recipient rows to the household registry: family id, then NIK, then name + village.

1. **Family id** (``id_keluarga``) in the kabupaten of the declared village (ids are unique per
   kabupaten, as for households). A NIK that differs from the registry's is noted (``nik_berbeda``).
2. **NIK** of the head, anywhere (a NIK is national); an active household before an inactive one.
3. **Name + village** for the rows still unlinked that have a name: the households of the declared
   village (assigned or declared there) are compared by their normalised names
   (``spatial.targeting.names``) with rapidfuzz's ``token_sort_ratio`` (0-100). Every such match
   is flagged ``cara_cocok = 'nama_desa'`` with its candidate, score and ``tinjau = 'perlu'``.
   It is *linked* (counted as that household) only when the score reaches ``ambang_tautan``, the
   best candidate leads the second by ``selisih_min``, the NIKs do not contradict each other (one of
   them empty) and the household is not already linked to another row of the same programme and
   period; otherwise it is only proposed for review (not linked): a fuzzy match never merges two
   different NIKs without a person deciding (``review``).

Thresholds: ``[pencocokan]`` of ``programs.toml``. Rows a reviewer decided on keep the decision.
Why rapidfuzz and not a record-linkage framework (splink, recordlinkage): docs/tepat-sasaran.md.
"""
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from spatial.errors import N_, NotFound
from spatial.scope import require
from spatial.sqlfiles import fetch_all, fetch_rows, fetch_value, run
from spatial.targeting.names import normalise_name
from spatial.targeting.programs import MatchRule, match_rule


def match_pending(conn, rule: MatchRule | None = None) -> dict:
    """Match the recipient rows listed in temp table ``cocok_sasaran(id)`` (reviewed rows are left
    as they are); returns the counts per way of matching."""
    rule = rule or match_rule()
    run(conn, "targeting/match_reset")
    run(conn, "targeting/match_family_id")
    run(conn, "targeting/match_nik")
    _match_names(conn, rule)
    return dict(fetch_rows(conn, "targeting/match_counts"))


def _match_names(conn, rule: MatchRule) -> None:
    """The name + village step (see the module doc) for the rows still unlinked."""
    rows = fetch_rows(conn, "targeting/match_name_rows")
    if not rows:
        return
    villages = sorted({row[1] for row in rows})
    households: dict[str, list] = defaultdict(list)
    for kode_desa, deklarasi, prov, rid, name, nik in fetch_rows(conn, "targeting/match_name_households",
                                                                 {"desa": villages}):
        entry = (prov, rid, normalise_name(name), nik)
        households[kode_desa].append(entry)
        if deklarasi != kode_desa and deklarasi in villages:
            households[deklarasi].append(entry)
    taken = {(program, periode, prov, rid) for program, periode, prov, rid in
             fetch_rows(conn, "targeting/match_name_taken")}
    by_village: dict[str, list] = defaultdict(list)
    for row in rows:
        by_village[row[1]].append(row)
    results = []
    for village, wanted in by_village.items():
        results += _village_matches(wanted, households.get(village, []), taken, rule)
    with conn.cursor().copy("COPY cocok_nama (id, calon_prov, calon_id, skor, tautkan, catatan) FROM STDIN") as copy:
        for result in results:
            copy.write_row(result)
    run(conn, "targeting/match_name_apply")


def _village_matches(wanted: list, candidates: list, taken: set, rule: MatchRule) -> list:
    """(id, calon_prov, calon_id, skor, tautkan, catatan) for the rows of one village that have a
    candidate at or above ``ambang_tinjau``."""
    if not candidates:
        return []
    names = [c[2] for c in candidates]
    queries = [normalise_name(row[2]) for row in wanted]
    scores = process.cdist(queries, names, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=1)
    out = []
    for (pid, _village, _name, nik, program, periode), row in zip(wanted, scores):
        order = np.argsort(row)[::-1][:2]
        best = int(row[order[0]])
        if best < rule.ambang_tinjau:
            continue
        second = int(row[order[1]]) if len(order) > 1 else 0
        prov, rid, _norm, rt_nik = candidates[order[0]]
        notes = []
        if nik and rt_nik and nik != rt_nik:
            notes.append("nik_berbeda")
        if best - second < rule.selisih_min:
            notes.append("calon_tidak_unggul")
        if best < rule.ambang_tautan:
            notes.append("skor_di_bawah_ambang_tautan")
        if (program, periode, prov, rid) in taken:
            notes.append("rumah_tangga_sudah_tertaut")
        out.append((pid, prov, rid, best, not notes, ",".join(notes) or None))
    return out


def review(conn, penerima_id: int, decision: str, user: str, wilayah: str | None = None) -> None:
    """A reviewer's decision on a name + village match: ``diterima`` links the recipient to the
    candidate household (even when the NIKs differ: a person decided), ``ditolak`` leaves it
    unlinked. Recorded with who and when; a later re-match keeps it. NotFound for no such match,
    OutsideScope for one outside the reviewer's region ``wilayah``."""
    found = fetch_value(conn, "targeting/match_village", {"id": penerima_id})
    if found is None:
        raise NotFound(N_("Pencocokan #%(id)s tidak ada."), id=penerima_id)
    require(wilayah, found, f"desa {found}")
    run(conn, "targeting/match_review", {"id": penerima_id, "tinjau": decision, "oleh": user})


def pending(conn, wilayah: str | None) -> list[dict]:
    """The name + village matches waiting for review in the region (personal data: callers audit)."""
    return fetch_all(conn, "targeting/match_pending_list", {"wilayah": wilayah})

