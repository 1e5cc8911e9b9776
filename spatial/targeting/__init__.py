"""Tepat sasaran (issue #24): recipient lists of social programmes matched to the household
registry, targeting accuracy per programme and region, the list to re-check per village.

- ``programs``: the programmes and their rules (``programs.toml``, the one place they live);
- ``names`` / ``matching``: name normalisation and the family id -> NIK -> name + village match;
- ``recipients``: the recipient-list import (a kind of the shared importer pipeline);
- ``accuracy``: exclusion/inclusion error, coverage and leakage per village, kecamatan, kabupaten;
- ``recheck``: the list to re-check per village, its worksheet and the outcomes read back;
- ``hotspots``: significant clusters of exclusion (the pockets' scan statistic).
"""
