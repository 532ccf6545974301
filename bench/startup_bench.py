"""Startup and peak memory with 50k jobs, each in a fresh process, as ratios.

    python -m bench.startup_bench [--folder /tmp/cockpit-bench-50k]

Baselines, measured in the same run:
- memory: a process that only runs ``orjson.loads`` over the same store files;
- time to first frame: a bare Textual app (Header, ContentSwitcher, Footer) started the same
  way, twice: headless (``run_test``, to the first refresh after the pilot starts, which
  also counts what the app schedules right after its first frame), and in a
  terminal (tmux if installed, else a pseudo-terminal), to the moment its screen (the word
  "Inbox") shows there. The terminal figure is the one the target is checked on.
Cockpit is measured to its first frame, and to "settled" (store open, every pane's loading
worker done). Peak RSS is ``ru_maxrss`` of each child.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import pty
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
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


# The first frame as a user sees it: the program runs in a pseudo-terminal (160x48), and
# the time is taken when its output first holds the marker text of its screen.
PTY_RUN = """
import sys
which, folder = sys.argv[1], sys.argv[2]
if which == "bare":
    from textual.app import App
    from textual.widgets import ContentSwitcher, Footer, Header, Static
    class Bare(App):
        def compose(self):
            yield Header()
            with ContentSwitcher(initial="a"):
                yield Static("Inbox", id="a")
            yield Footer()
    Bare().run()
else:
    from cockpit.cli import main
    sys.exit(main(["--data-dir", folder, "--lang", "en"]))
"""


def terminal_first_frame(which: str, folder: Path, marker: str = "Inbox") -> float:
    """Seconds from starting the program in a 160x48 terminal to its screen showing.

    tmux is the terminal when it is installed (it answers the queries Textual sends at
    start, as a real terminal does); otherwise a bare pseudo-terminal, which answers
    nothing, so both programs then wait out Textual's query timeouts alike."""
    if shutil.which("tmux"):
        return _tmux_first_frame(which, folder, marker)
    return _pty_first_frame(which, folder, marker.encode())


def _wait_for_lock(folder: Path, seconds: float = 20.0) -> None:
    """The previous run may still be ending (a 50k store holds on to the GIL): a second
    Cockpit on the folder would only print "already open" and quit."""
    from cockpit.store import StoreLock, StoreLocked

    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        try:
            StoreLock(folder).acquire().release()
            return
        except StoreLocked:
            time.sleep(0.1)


def _tmux_first_frame(which: str, folder: Path, marker: str) -> float:
    _wait_for_lock(folder)
    tmux = ["tmux", "-L", f"startup-bench-{os.getpid()}"]
    command = shlex.join([sys.executable, "-c", PTY_RUN, which, str(folder)])
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new", "-d", "-s", "b", "-x", "160", "-y", "48", "-c", str(ROOT), command],
        check=True,
    )
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < 30:
            shown = subprocess.run(
                [*tmux, "capture-pane", "-p", "-t", "b"], capture_output=True, text=True
            ).stdout
            if marker in shown:
                elapsed = time.perf_counter() - start
                break
            time.sleep(0.003)
        else:
            print(f"{which}: no {marker!r} on screen after 30 s:\n{shown}", file=sys.stderr)
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True)
        time.sleep(0.5)  # let the app end and release the data folder's lock
    return elapsed


def _pty_first_frame(which: str, folder: Path, marker: bytes) -> float:
    _wait_for_lock(folder)
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 160x48, then the program
        os.environ.update({"COLUMNS": "160", "LINES": "48", "TERM": "xterm-256color"})
        os.chdir(ROOT)
        os.execv(sys.executable, [sys.executable, "-c", PTY_RUN, which, str(folder)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 48, 160, 0, 0))
    seen = b""
    elapsed = float("nan")
    try:
        while time.perf_counter() - start < 30:
            ready, _w, _x = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen = (seen + chunk)[-4096:]
            if marker in seen:
                elapsed = time.perf_counter() - start
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


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
    # Bytecode as a user's machine has it after the first start: without it every run
    # compiles cockpit's sources (an editable install never writes .pyc when
    # PYTHONDONTWRITEBYTECODE is set), while Textual's were compiled at install.
    compileall.compile_dir(str(ROOT / "cockpit"), quiet=1)
    loads: list[dict[str, float]] = []
    bare: list[dict[str, float]] = []
    ours: list[dict[str, float]] = []
    bare_pty: list[float] = []
    ours_pty: list[float] = []
    for _ in range(args.runs):  # interleaved: a busy spell hits each kind alike
        loads.append(child(ORJSON_ONLY, str(args.folder)))
        bare.append(child(APP_RUN, "bare", str(args.folder)))
        ours.append(child(APP_RUN, "cockpit", str(args.folder)))
        bare_pty.append(terminal_first_frame("bare", args.folder))
        ours_pty.append(terminal_first_frame("cockpit", args.folder))

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
    bare_t, our_t = min(bare_pty), min(ours_pty)
    print(
        f"first frame in a terminal (spawn to screen): bare Textual {bare_t * 1000:.0f} ms, "
        f"Cockpit {our_t * 1000:.0f} ms, ratio {our_t / bare_t:.2f}x  (target <= 1.5x)"
    )
    print(
        f"Cockpit settled (store open, panes loaded): {best(ours, 'settled'):.2f} s; "
        f"orjson.loads alone {best(loads, 'seconds'):.2f} s"
    )


if __name__ == "__main__":
    main()
