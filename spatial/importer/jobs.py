"""Background import jobs of the web app: a small JSON state file per job in the import folder
(``<job>.json``), the uploaded file beside it (``<job>-<name>``) only while the job runs or waits
at the value-mapping step.

The upload holds personal data (NIK, names, points), so it is deleted when the job ends or fails
(``webgis.imports``), and at start-up ``sweep_orphans`` marks every running job whose process is
gone (``kill -9``, a crash, a restart) as failed, expires jobs left at the value-mapping step for
more than ``WAITING_HOURS``, and deletes every upload no live job owns. The same rules move to the
jobs table when jobs live in the database: a job row with its worker's id and its age."""
import json
import os
import time
from pathlib import Path

ORPHAN_MESSAGE = "Impor terhenti karena server berhenti atau dimulai ulang; tidak ada data yang diubah. Unggah lagi."
EXPIRED_MESSAGE = "Pemetaan nilai tidak diselesaikan dalam 24 jam; berkas dihapus. Unggah lagi."
WAITING_HOURS = 24


def write_job(path: Path, state: dict) -> None:
    """Replace the job file atomically (a poll never reads half a file)."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, default=str), encoding="utf-8")
    os.replace(temporary, path)


def _alive(pid) -> bool:
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, TypeError, ValueError):
        return False
    except PermissionError:
        return True
    return True


def sweep_orphans(folder: Path, grace_s: float = 60.0) -> list[str]:
    """Mark the running jobs of dead processes failed and delete every upload no running job owns
    (uploads younger than ``grace_s`` are left to the request saving them). Returns the ids of the
    jobs marked failed."""
    if not folder.is_dir():
        return []
    running, orphaned = set(), []
    now = time.time()
    for path in folder.glob("*.json"):
        try:
            state = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        waiting = state.get("status") == "pemetaan"
        if state.get("status") != "berjalan" and not waiting:
            continue
        if (_alive(state.get("pid")) and not waiting) or (waiting and now - path.stat().st_mtime < WAITING_HOURS * 3600):
            running.add(path.stem)
        else:
            state.update(status="gagal", galat=EXPIRED_MESSAGE if waiting else ORPHAN_MESSAGE)
            write_job(path, state)
            orphaned.append(path.stem)
    for path in folder.iterdir():
        if path.suffix in (".json", ".tmp") or path.name.split("-", 1)[0] in running:
            continue
        if path.is_file() and now - path.stat().st_mtime > grace_s or path.name.split("-", 1)[0] in orphaned:
            path.unlink(missing_ok=True)
    return orphaned
