"""A small bounded in-process cache (least recently used out) for answers that are expensive to
build and change only with the data: callers put the data version in the key, so an entry is
never served after the data it came from has changed."""
import threading
from collections import OrderedDict


class Memo:
    """At most ``size`` entries; thread-safe; ``get(key, compute)`` computes outside the lock."""

    def __init__(self, size: int = 64):
        self.size, self.lock = size, threading.Lock()
        self.entries: OrderedDict = OrderedDict()

    def get(self, key, compute):
        """The value cached for ``key``, else ``compute()`` stored under it."""
        with self.lock:
            if key in self.entries:
                self.entries.move_to_end(key)
                return self.entries[key]
        value = compute()
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self.lock:
            self.entries.clear()
