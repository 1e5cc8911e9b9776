"""A small bounded in-process cache (least recently used out) for answers that are expensive to
build and change only with the data: callers put the data version in the key, so an entry is
never served after the data it came from has changed. Concurrent misses of one key compute it
once (the others wait for that answer): 50 users arriving together build a page once, not 50 times."""
import threading
from collections import OrderedDict


class Memo:
    """At most ``size`` entries; thread-safe; ``get(key, compute)`` computes outside the lock."""

    def __init__(self, size: int = 64):
        self.size, self.lock = size, threading.Lock()
        self.entries: OrderedDict = OrderedDict()
        self.building: dict[object, threading.Lock] = {}

    def get(self, key, compute):
        """The value cached for ``key``, else ``compute()`` stored under it (once per key at a time)."""
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
            owner = key not in self.building
            if owner:
                self.building[key] = threading.Lock()
                self.building[key].acquire()
            gate = self.building[key]
        if not owner:
            with gate:  # another thread is computing it: wait, then read its answer
                pass
            with self.lock:
                if key in self.entries:
                    return self.entries[key]
            return compute()  # its computation failed: try ourselves
        try:
            value = compute()
            with self.lock:
                self.entries[key] = value
                self.entries.move_to_end(key)
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
            return value
        finally:
            with self.lock:
                del self.building[key]
            gate.release()
