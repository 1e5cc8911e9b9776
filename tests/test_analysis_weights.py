"""Weights of Gi* and Local Moran: a grid in pieces and villages without neighbours, silently. The analyses run in
threads (issue #18), where ``warnings.catch_warnings`` is not safe; libpysal's own
``silence_warnings`` keeps its notices about disconnected groups off the user's console."""
import warnings

import numpy as np
import psycopg
from psycopg.rows import dict_row

from spatial.analysis.hotspots import gi_star, grid_weights, village_weights


def test_islands_are_linked_without_a_warning(db_url):
    with psycopg.connect(db_url, row_factory=dict_row) as conn:
        villages = conn.execute("""SELECT kode_desa, ST_X(ST_Transform(ST_PointOnSurface(geom), 32748)) AS x,
                                          ST_Y(ST_Transform(ST_PointOnSurface(geom), 32748)) AS y
                                   FROM desa WHERE kode_kab = '18.04' ORDER BY kode_desa LIMIT 40""").fetchall()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # 0 m among 40 villages of one kabupaten: several touch none of the others (islands)
            w = village_weights(conn, villages, 0.0, 32748)
    assert not w.islands and len(w.neighbors) == len(villages)
    assert any(len(n) == 1 for n in w.neighbors.values())
    assert not [str(c.message) for c in caught], [str(c.message)[:80] for c in caught]


def test_gi_star_on_a_grid_in_pieces_is_silent_and_counts_each_cell_itself():
    ij = np.array([(0, 0), (0, 1), (1, 0), (10, 10), (10, 11), (20, 20), (30, 30)])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        z, p = gi_star(np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]), ij)
    assert not [str(c.message) for c in caught]
    assert all(grid_weights(ij).neighbors[i][0] == i for i in range(len(ij)))
    assert np.isfinite(z).all() and ((0 <= p) & (p <= 1)).all()
