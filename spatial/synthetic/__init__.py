"""The synthetic household registry used as the bundled sample, by the tests and the benchmarks:
deterministic households and facilities on real village boundaries, with planted poverty pockets
and service gaps (``ground_truth.json``) and a dirty copy for the importer (``dirty_truth.json``).

Not production code: nothing outside the sample, tests and benchmarks imports it.
"""
from spatial.synthetic.generate import generate

__all__ = ["generate"]
