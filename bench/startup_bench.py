"""Startup and peak memory with 50k jobs, each in a fresh process, as ratios.

    python -m bench.startup_bench [--folder /tmp/cockpit-bench-50k]

Baselines, measured in the same run:
- memory: a process that only runs ``orjson.loads`` over the same store files;
- time to first frame: a bare Textual app (Header, ContentSwitcher, Footer) started the same
  way (headless, ``run_test``).
Cockpit is measured to its first frame, and to "settled" (store open, every pane's loading
worker done). Peak RSS is ``ru_maxrss`` of each child.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from bench.gen_store import generate

ROOT = Path(__file__).resolve().parents[1]

ORJSON_ONLY = """
import json, resource, sys, time, orjson
from pathlib import Path
start = time.perf_counter()
folder = Path(sys.argv[1])
kept = [orjson.loads(p.read_bytes())
        for p in [folder / "precious.json", *sorted((folder / "jobs").glob("*.json"))]]
print(json.dumps({"seconds": time.perf_counter() - start,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

APP_RUN = """
import asyncio, json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
which, folder = sys.argv[1], Path(sys.argv[2])
if which == "bare":
    from textual.app import App
    from textual.widgets import ContentSwitcher, Footer, Header, Static
    class Bare(App):
        def compose(self):
            yield Header()
            with ContentSwitcher(initial="a"):
                yield Static("inbox", id="a")
            yield Footer()
    app = Bare()
else:
    from cockpit.paths import resolve
    from cockpit.store import StoreLock
    from cockpit.ui.app import CockpitApp
    paths = resolve(folder)
    app = CockpitApp(paths, StoreLock(paths.data).acquire(), first_run=False)
first_frame = None
def painted():
    global first_frame
    if first_frame is None:
        first_frame = time.perf_counter() - start
async def main():
    async with app.run_test(size=(160, 48)) as pilot:
        app.call_after_refresh(painted)
        while first_frame is None:
            await asyncio.sleep(0.001)
        if which != "bare":
            while app.store is None:
                await asyncio.sleep(0.01)
            while any(not w.is_finished for w in app.workers):
                await asyncio.sleep(0.01)
            await pilot.pause()
        settled = time.perf_counter() - start
    return settled
settled = asyncio.run(main())
print(json.dumps({"first_frame": first_frame, "settled": settled,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def child(code: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/cockpit-bench-50k"))
    parser.add_argument("--jobs", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not (args.folder / "jobs").is_dir():
        print(f"generating {args.jobs} jobs in {args.folder} ...", flush=True)
        generate(args.folder, args.jobs)
    loads = [child(ORJSON_ONLY, str(args.folder)) for _ in range(args.runs)]
    bare = [child(APP_RUN, "bare", str(args.folder)) for _ in range(args.runs)]
    ours = [child(APP_RUN, "cockpit", str(args.folder)) for _ in range(args.runs)]

    def best(rows: list[dict[str, float]], key: str) -> float:
        return min(r[key] for r in rows)

    base_rss, our_rss = best(loads, "rss_mb"), best(ours, "rss_mb")
    print(
        f"peak RSS: orjson.loads alone {base_rss:.0f} MB, Cockpit settled {our_rss:.0f} MB, "
        f"ratio {our_rss / base_rss:.2f}x"
    )
    bare_ff, our_ff = best(bare, "first_frame"), best(ours, "first_frame")
    print(
        f"first frame (process start): bare Textual {bare_ff * 1000:.0f} ms, "
        f"Cockpit {our_ff * 1000:.0f} ms, ratio {our_ff / bare_ff:.2f}x"
    )
    print(
        f"Cockpit settled (store open, panes loaded): {best(ours, 'settled'):.2f} s; "
        f"orjson.loads alone {best(loads, 'seconds'):.2f} s"
    )


if __name__ == "__main__":
    main()
