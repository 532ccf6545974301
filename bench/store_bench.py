"""Store numbers at 50k jobs, as ratios against baselines measured in the same run.

    python -m bench.store_bench [--folder /tmp/cockpit-50k] [--jobs 50000]

- open: Store.open + reading every job, against orjson.loads of the same files (target <= 1.5x)
- precious change: the UI-side call (submit to the writer) (target <= 2 ms), and the time until
  the change is on disk (target <= 1 s)
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from pathlib import Path

import orjson

from bench.gen_store import generate
from cockpit.models import Triage
from cockpit.store import Store


def best_of(n: int, fn: object) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/cockpit-bench-50k"))
    parser.add_argument("--jobs", type=int, default=50_000)
    args = parser.parse_args()
    if not (args.folder / "jobs").is_dir():
        print(f"generating {args.jobs} jobs in {args.folder} ...", flush=True)
        generate(args.folder, args.jobs)

    files = [args.folder / "precious.json", *sorted((args.folder / "jobs").glob("*.json"))]

    def baseline() -> None:
        for path in files:
            orjson.loads(path.read_bytes())

    def open_store() -> None:
        store = Store.open(args.folder)
        assert store.jobs.count() >= args.jobs
        store.close()

    # Interleaved, best of 7 each: the machine is shared, so noise hits both alike.
    base = opened = float("inf")
    for _ in range(7):
        base = min(base, best_of(1, baseline))
        opened = min(opened, best_of(1, open_store))
    print(
        f"open: orjson.loads {base * 1000:.0f} ms, Store.open {opened * 1000:.0f} ms, "
        f"ratio {opened / base:.2f}x (target <= 1.5x)"
    )

    store = Store.open(args.folder)
    store.start_writer()
    store.forbid_thread(threading.current_thread())
    calls, durable = [], []
    for n in range(50):
        start = time.perf_counter()
        future = store.submit(store.triage.save, Triage(job_id=f"bench{n:06d}", state="shortlist"))
        calls.append(time.perf_counter() - start)
        future.result()
        durable.append(time.perf_counter() - start)
        time.sleep(0.01)
    store.forbid_thread(None)
    store.close()
    p95 = statistics.quantiles(calls, n=20)[-1]
    print(f"precious change, UI-side call: p95 {p95 * 1000:.3f} ms (target <= 2 ms)")
    print(
        f"precious change, on disk after: max {max(durable) * 1000:.1f} ms, "
        f"median {statistics.median(durable) * 1000:.1f} ms (target <= 1000 ms)"
    )


if __name__ == "__main__":
    main()
