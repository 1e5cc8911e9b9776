"""One household for its page (issue #19): the record, the reasons of its score rule by rule, the
programmes it was selected in with their photos, and its history (workflow steps and corrections
of its house data). Only inside the user's region; personal fields are the caller's to show."""
from spatial.analysis import score_reasons
from spatial.sqlfiles import fetch_all, fetch_one


def record(conn, kode_prov: str, rt_id: int, wilayah: str | None = None) -> dict | None:
    """The household (``households/detail``) with ``alasan_skor`` (the reasons of its score) and
    ``kurang`` (components an empty answer left unscored); None when it does not exist or lies
    outside ``wilayah``."""
    row = fetch_one(conn, "households/detail", {"kode_prov": kode_prov, "id": rt_id, "wilayah": wilayah})
    if row is None:
        return None
    row["alasan_skor"] = score_reasons.breakdown(row["komponen"], row, row["luas_minimum"])
    return row


def selections(conn, kode_prov: str, rt_id: int) -> list[dict]:
    """The programmes the household was selected in (status, verification, photo), newest first."""
    return fetch_all(conn, "households/selections", {"kode_prov": kode_prov, "id": rt_id})


def history(conn, kode_prov: str, rt_id: int) -> list[dict]:
    """Workflow steps and house-data corrections of the household, newest first."""
    return fetch_all(conn, "households/history", {"kode_prov": kode_prov, "id": rt_id})
