"""How the time of each feed-text recogniser grows with hostile input (issue #15, point 1).

    python bench/regex_growth.py [--sizes 50000,100000,200000,500000,1000000] [--runs 3]
                                 [--only SUBSTRING]

Runs every worst case of tests/feeds/test_linear_time.py (long runs of digits,
spaces, commas, "$", repeated "Budget:" fragments, "<a<a<a..." markup...) at
each size, and prints per size the time in ms and its ratio to a baseline
timed over the same text in the same process (``str.lower``, one linear pass),
then ``growth``: time at the largest size / time at the smallest. Linear code
grows like the size (x20 from 50 KB to 1 MB) and keeps a flat ratio; a
quadratic one grows x400 and its ratio climbs with the size. CPU time
(process_time), the best of ``--runs``: wall time on a shared machine mostly
measures the neighbours. A case over 5 s at 1 MB (the hostile corpus's limit)
is marked SLOW and the exit status is 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.feeds.test_linear_time import LIMIT, WORST

SIZES = (50_000, 100_000, 200_000, 500_000, 1_000_000)


def best(fn: Callable[[str], object], text: str, runs: int) -> float:
    """Best CPU seconds of ``runs`` calls."""
    times = []
    for _ in range(runs):
        started = time.process_time()
        fn(text)
        times.append(time.process_time() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="", help="only cases whose name holds this")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    cases = [case for case in WORST if args.only in case.name]
    head = "".join(f"{s // 1000:>7} KB  ratio" for s in sizes)
    print(f"{'case':<26}{head}   growth")
    slow = 0
    for case in cases:
        cells = []
        first = last = 0.0
        for size in sizes:
            text = case.text(size)
            base = max(best(str.lower, text, args.runs), 1e-6)
            spent = best(case.fn, text, args.runs)
            cells.append(f"{spent * 1000:>7.1f} ms {spent / base:>6.0f}")
            first = first or max(spent, 1e-6)
            last = spent
        mark = ""
        if sizes[-1] >= 1_000_000 and last > LIMIT:
            mark, slow = "  SLOW", slow + 1
        growth = last / first
        print(f"{case.name:<26}{''.join(cells)}   x{growth:<6.1f}{mark}", flush=True)
    span = sizes[-1] / sizes[0]
    print(f"(linear growth is x{span:.0f} over these sizes, quadratic x{span * span:.0f})")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
