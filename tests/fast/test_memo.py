"""The in-process answer cache (spatial.memo): one computation per key however many requests
arrive together, least recently used entries out."""
import threading
import time

from spatial.memo import Memo


def test_concurrent_misses_compute_once():
    memo, calls = Memo(4), []

    def build():
        calls.append(1)
        time.sleep(0.1)
        return 42

    threads = [threading.Thread(target=memo.get, args=("peta", build)) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and memo.get("peta", build) == 42


def test_least_recently_used_goes_first():
    memo = Memo(2)
    memo.get("a", lambda: 1)
    memo.get("b", lambda: 2)
    memo.get("a", lambda: 0)  # used again: stays
    memo.get("c", lambda: 3)
    assert memo.get("a", lambda: -1) == 1 and memo.get("b", lambda: -2) == -2
