"""Shared pieces of the benchmark runner: result rows, timed subprocesses with peak memory,
servers started for a measurement, and the "not available yet" marker."""
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WORK = ROOT / "var" / "bench"
NOT_AVAILABLE = "belum tersedia"


@dataclass
class Row:
    """One line of the results table: what, Sasaran's figure, the peer's, their ratio, target, verdict."""
    area: str
    measure: str
    value: str
    peer: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


def verdict(ok: bool | None) -> str:
    """Table wording of a target check (None = no target)."""
    return "" if ok is None else ("tercapai" if ok else "TIDAK tercapai")


def unavailable(area: str, measure: str, why: str = "") -> Row:
    """Row for a capability that does not exist yet."""
    return Row(area, measure, NOT_AVAILABLE, verdict=why)


@dataclass
class Measured:
    """A finished command: wall seconds, peak resident memory (MB) and CPU seconds (user + system)
    of that process, and its stdout."""
    seconds: float
    peak_mb: float
    cpu_s: float
    stdout: str


def measure(argv: list, env: dict | None = None) -> Measured:
    """Run a command and measure it (``Measured``); RuntimeError with its stderr when it fails.

    The command is started by GNU time (``/usr/bin/time -f %M``) where it exists: a process forked
    from this one inherits this one's resident size in its peak (Linux counts the pages of the
    fork until exec), so the runner's own hundreds of MB would floor every peak measured directly.
    The CPU seconds are those of the command (GNU time waits for it, so they count in its usage)."""
    import shutil
    import tempfile
    timer = shutil.which("time", path="/usr/bin")
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        command = [timer, "-f", "%M", "-o", peak.name, *argv] if timer else argv
        proc = subprocess.Popen(command, stdout=out, stderr=err, env={**os.environ, **(env or {})}, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode:
            raise RuntimeError(f"{' '.join(map(str, argv[:4]))} gagal ({proc.returncode}): {err.read()[-2000:]}")
        peak_kb = int(peak.read().split()[-1]) if timer else usage.ru_maxrss
        return Measured(seconds, peak_kb / 1024, usage.ru_utime + usage.ru_stime, out.read())


def run_measured(argv: list, env: dict | None = None) -> tuple[float, float, str]:
    """Run a command; returns (seconds, peak resident memory of that process in MB, stdout text)."""
    done = measure(argv, env)
    return done.seconds, done.peak_mb, done.stdout


def server_cpu_seconds(url: str) -> float | None:
    """CPU seconds (user + system) the PostgreSQL cluster of ``url`` has used so far: its postmaster,
    the processes it runs and those it has reaped (ended backends and parallel workers), from
    /proc. The CPU a job costs is the difference around it, whatever else shares the machine (but
    other databases of the same cluster count too). None when the cluster's files are not on this
    machine or cannot be read."""
    import psycopg
    try:
        with psycopg.connect(url) as conn:
            data_dir = conn.execute("SHOW data_directory").fetchone()[0]
        postmaster = int(Path(data_dir, "postmaster.pid").read_text().split()[0])
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()  # fields[1] ppid, [11:15] utime stime cutime cstime
            except OSError:
                continue  # ended meanwhile: reaped into the postmaster's children time
            if int(stat.parent.name) == postmaster:
                ticks += sum(int(f) for f in fields[11:15])
            elif int(fields[1]) == postmaster:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, psycopg.Error):
        return None


def run_python(code: str, *args, env: dict | None = None) -> tuple[float, float, str]:
    """Run a snippet in a fresh interpreter of the project venv (its own peak memory)."""
    return run_measured([PYTHON, "-c", code, *map(str, args)], env=env)


def free_port() -> int:
    """A free loopback TCP port."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 120) -> None:
    """Wait until ``url`` answers (any HTTP status)."""
    import requests
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.5)
    raise RuntimeError(f"server tidak menjawab: {url}")


class Server:
    """A server process started for the benchmark (stopped by its own pid on exit)."""

    def __init__(self, argv: list, env: dict, probe_path: str = "/"):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        argv = [a.replace("{port}", str(self.port)) for a in argv]
        WORK.mkdir(parents=True, exist_ok=True)
        self.log = open(WORK / f"server_{self.port}.log", "w")
        self.proc = subprocess.Popen(argv, env={**os.environ, **env}, cwd=ROOT, stdout=self.log,
                                     stderr=subprocess.STDOUT)
        wait_http(self.base + probe_path)

    def reset_peak(self) -> None:
        """Reset the process's peak-RSS counter (Linux clear_refs 5) before a measurement."""
        for pid in self.pids():
            try:
                Path(f"/proc/{pid}/clear_refs").write_text("5")
            except OSError:
                pass

    def pids(self) -> list:
        """The server process and its worker children."""
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        extra = children.read_text().split() if children.exists() else []
        return [self.proc.pid] + [int(p) for p in extra]

    def _status_mb(self, field: str) -> float:
        values = []
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith(field + ":"):
                    values.append(int(line.split()[1]) / 1024)
        return max(values or [0.0])

    def peak_mb(self) -> float:
        """Highest peak RSS (VmHWM) among the server's processes since the last reset, MB."""
        return self._status_mb("VmHWM")

    def rss_mb(self) -> float:
        """Highest current RSS among the server's processes, MB."""
        return self._status_mb("VmRSS")

    def stop(self) -> None:
        """Terminate the server (our own process only)."""
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def log(message: str) -> None:
    """Progress line on stderr (the table goes to stdout)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
