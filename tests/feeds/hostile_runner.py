"""Runs one refresh per request in a forked child and reports its real cost.

Started once per test module as ``python -m tests.feeds.hostile_runner``. It
imports the pipeline, then for every JSON line on stdin forks a child that
opens a fresh Store, adds one feed and calls ``refresh(store, force=True)``.
The parent measures the child from fork to exit: wall time, and peak resident
memory from the kernel (``os.wait4`` rusage, so the child cannot misreport
it). Forking from this process is safe because it never starts a thread or
an event loop itself; the pytest process (which runs the HTTP server thread)
never forks.

Request:  {"url": ..., "data_dir": ..., "ballast_mb": 0}
Response: {"wall": s, "peak_mb": MB, "exit": code, "result": {...} | null}
``ballast_mb`` makes the child hold that much memory: it exists only so a test
can show the memory check fails when a case really is too big.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from cockpit.feeds.refresh import refresh
from cockpit.models import Feed
from cockpit.store import Store

HANG_SECONDS = 60  # a child still running after this is killed (and the test fails)


def _child(request: dict[str, Any], out: Path) -> int:
    signal.alarm(HANG_SECONDS)
    ballast = b"\x01" * (int(request.get("ballast_mb", 0)) << 20)  # written, so resident
    store = Store.open(Path(request["data_dir"]))
    try:
        store.feeds.save(Feed(id="hostile", url=request["url"]))
        start = time.perf_counter()
        reports = refresh(store, force=True)
        elapsed = time.perf_counter() - start
    finally:
        store.close()
    result = {
        "refresh_seconds": elapsed,
        "reports": [
            {"name": r.name, "kind": r.kind, "message": r.message, "new_count": r.new_count}
            for r in reports
        ],
        "ballast": len(ballast),
    }
    out.write_text(json.dumps(result))
    return 0


def _run(request: dict[str, Any]) -> dict[str, Any]:
    out = Path(request["data_dir"]).with_suffix(".result.json")
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child: never returns into the loop below
        code = 1
        try:
            code = _child(request, out)
        except BaseException:
            out.write_text(json.dumps({"crash": traceback.format_exc()}))
        finally:
            sys.stdout.flush()
            os._exit(code)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    result = json.loads(out.read_text()) if out.exists() else None
    return {
        "wall": wall,
        "peak_mb": usage.ru_maxrss / 1024,  # Linux reports KiB
        "exit": os.waitstatus_to_exitcode(status),
        "result": result,
        "runner_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(_run(json.loads(line))), flush=True)


if __name__ == "__main__":
    main()
