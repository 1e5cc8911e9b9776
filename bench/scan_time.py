"""Run time of the scan on one kabupaten (issue #21 target: 100,000 households in under 60 s on
the 2-core machine): households made by ``bench.targeting_data`` in Lampung Barat, scanned with
the default parameters of the pocket analysis, without the database.

    .venv/bin/python -m bench.scan_time                    # 100,000 households
    .venv/bin/python -m bench.scan_time --households 85000
"""
import argparse
import os
import time

from bench.targeting import KABUPATEN_BOUNDARIES, SEED
from bench.targeting_data import generate, read_villages
from spatial.analysis.pockets import DEFAULTS, scan_kabupaten


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=100_000)
    args = parser.parse_args(argv)
    data = generate(read_villages(KABUPATEN_BOUNDARIES), args.households, SEED)
    started, cpu = time.perf_counter(), time.process_time()
    result = scan_kabupaten(data["xy"], data["poor"], DEFAULTS)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{args.households:,} rumah tangga: pindai {wall:.1f} s (CPU {cpu:.1f} s), {len(result.clusters)} kantong, "
          f"{result.pairs:,} pasangan pusat-lokasi, LLR kritis {result.critical_llr or 0:.1f}, "
          f"load average {os.getloadavg()[0]:.1f} (target < 60 s)")


if __name__ == "__main__":
    main()
