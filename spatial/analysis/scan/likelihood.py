"""Log-likelihood ratio of Kulldorff's Bernoulli model (Kulldorff 1997, section 3), and the
fewest poor households a window of each size needs to reach a given ratio."""
import numpy as np


def xlogx(top: int) -> np.ndarray:
    """Table of x * log(x) for x = 0..top (0 at 0)."""
    x = np.arange(top + 1, dtype=float)
    return x * np.log(np.where(x > 0, x, 1))


def llr_bernoulli(n, c, total_n: int, total_c: int, table: np.ndarray | None = None):
    """Log-likelihood ratio of windows with ``n`` households of which ``c`` poor, in a region of
    ``total_n`` households of which ``total_c`` poor; 0 where the inside share is not higher than
    the outside share (only high clusters are sought). ``table`` = ``xlogx(total_n)``, if at hand."""
    t = xlogx(total_n) if table is None else table
    n, c = np.asarray(n, dtype=np.int64), np.asarray(c, dtype=np.int64)
    value = (t[c] + t[n - c] + t[total_c - c] + t[total_n - n - total_c + c] - t[n] - t[total_n - n]
             - (t[total_c] + t[total_n - total_c] - t[total_n]))
    return np.where(c * total_n > total_c * n, np.maximum(value, 0.0), 0.0)


def min_poor_for(level: float, max_households: int, total_n: int, total_c: int) -> np.ndarray:
    """For every window size n = 0..max_households (the index), the fewest poor households that
    give a ratio of at least ``level``; n + 1 where no count does. For a fixed size the ratio grows
    with the poor count above the expected one, so a bisection per size finds it."""
    table = xlogx(total_n)
    n = np.arange(max_households + 1, dtype=np.int64)
    lo = total_c * n // total_n + 1  # smallest count above the expected
    hi = n + 1
    while np.any(lo < hi):
        mid = (lo + hi) // 2
        ok = (mid <= n) & (llr_bernoulli(n, np.minimum(mid, n), total_n, total_c, table) >= level)
        open_ = lo < hi
        hi = np.where(open_ & ok, mid, hi)
        lo = np.where(open_ & ~ok, mid + 1, lo)
    return lo
