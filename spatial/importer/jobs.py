"""Clean-up of background import jobs (rows of ``tugas``, spatial.jobs) and their uploads.

The upload holds personal data (NIK, names, points), so it is deleted when the job ends or fails
(``webgis.imports``), and at start-up ``sweep_orphans`` marks every running import whose process is
gone (``kill -9``, a crash, a restart: on this host its pid is dead; elsewhere its heartbeat
stopped) as failed, expires jobs left at the value-mapping step for more than ``WAITING_HOURS``,
and deletes every upload of the import folder that no live job owns."""
import os
import socket
import time
from pathlib import Path

from spatial import jobs
from spatial.db import connect
from spatial.sqlfiles import fetch_all

ORPHAN_MESSAGE = "Impor terhenti karena server berhenti atau dimulai ulang; tidak ada data yang diubah. Unggah lagi."
EXPIRED_MESSAGE = "Pemetaan nilai tidak diselesaikan dalam 24 jam; berkas dihapus. Unggah lagi."
WAITING_HOURS = 24


def _alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, TypeError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def _lost(job: dict, now: float) -> str | None:
    """Why a live-looking import job is over (its message), or None while it lives."""
    if job["status"] == "pemetaan":
        waited = now - job["detak_pada"].timestamp()
        return EXPIRED_MESSAGE if waited > WAITING_HOURS * 3600 else None
    if job["host"] == socket.gethostname():
        return None if _alive(job["pid"]) else ORPHAN_MESSAGE
    return ORPHAN_MESSAGE if now - job["detak_pada"].timestamp() > jobs.STALE_AFTER_S else None


def sweep_orphans(url: str | None, folder: Path, grace_s: float = 60.0) -> list[int]:
    """Mark the import jobs of dead processes (and expired mapping steps) failed and delete every
    upload no live job owns (uploads younger than ``grace_s`` are left to the request saving them).
    Returns the ids of the jobs marked failed."""
    now = time.time()
    with connect(url) as conn:
        live = fetch_all(conn, "jobs/live_imports")
    orphaned, kept = [], set()
    for job in live:
        message = _lost(job, now)
        if message is None:
            kept.add(job["berkas"])
            continue
        jobs.save(url, job["id"], {**jobs.state(job), "status": "gagal", "galat": message})
        orphaned.append(job["id"])
    if folder.is_dir():
        for path in folder.iterdir():
            if path.is_file() and str(path) not in kept and now - path.stat().st_mtime > grace_s:
                path.unlink(missing_ok=True)
        for job in live:
            if job["id"] in orphaned and job["berkas"]:
                Path(job["berkas"]).unlink(missing_ok=True)
    return orphaned
