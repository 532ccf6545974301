"""Time reading a 1 MB pasted job page.

    python bench/paste_bench.py [--size BYTES] [--runs R]

A realistic Upwork page whose description is padded to ``--size`` bytes, in
two shapes: paragraphs (a browser copy: one line per paragraph, bullets in
between) and hard-wrapped text (every line under 80 characters, the worst case:
every line is short enough to be tried as a field). Each is compared with a
baseline over the same text in the same process (``str.splitlines`` and
``str.lower`` on every line), and printed in absolute ms. Budget: 50 ms for
the paragraph shape, judged on CPU time (process_time) because wall time on a
shared machine mostly measures the neighbours.
"""

from __future__ import annotations

import argparse
import random
import sys
import textwrap
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cockpit.feeds.pagepaste import read_page

BUDGET_MS = 50.0
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)

HEAD = """Skip to main content
Find Work
Messages
Audio Cleanup and Mastering for a Weekly Podcast
Posted 3 hours ago
Worldwide
Summary
"""
TAIL = """$15.00
-
$30.00
Hourly
Intermediate
Experience Level
1 to 3 months
Duration
Ongoing project
Project Type
Skills and Expertise
Audio Editing
Audio Mastering
Noise Reduction
Activity on this job
Proposals: 20 to 50
Last viewed by client: 2 hours ago
Interviewing: 3
Invites sent: 5
Send a proposal for: 16 Connects
About the client
Payment method verified
Rating is 4.9 out of 5.
4.9 of 23 reviews
United States
Denver 8:15 AM
31 jobs posted
74% hire rate, 3 open jobs
$18K total spent
29 hires, 4 active
Member since Jun 4, 2018
"""
WORDS = (
    "we record two episodes every week and need the voices levelled the room noise "
    "removed and the music beds ducked under speech before publishing on monday "
    "files arrive as separate tracks from each host with a guest on zoom now and then "
    "please keep the natural sound and avoid heavy compression on the laughter"
).split()


def _sentence(rnd: random.Random) -> str:
    return " ".join(rnd.choices(WORDS, k=rnd.randint(8, 22))).capitalize() + "."


def padding(size: int, wrapped: bool, seed: int = 7) -> str:
    """About ``size`` bytes of description: paragraphs, bullets, a few "Note:" lines."""
    rnd = random.Random(seed)
    out: list[str] = []
    total = 0
    while total < size:
        roll = rnd.random()
        if roll < 0.2:
            block = "- " + _sentence(rnd)[:60]
        elif roll < 0.25:
            block = "Note: " + _sentence(rnd)
        else:
            block = " ".join(_sentence(rnd) for _ in range(rnd.randint(2, 6)))
            if wrapped:
                block = "\n".join(textwrap.wrap(block, 78))
            block += "\n"
        out.append(block)
        total += len(block) + 1
    return "\n".join(out)


def best_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        times.append((time.process_time() - start) * 1000)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--hostile", action="store_true", help="also time degenerate pastes")
    args = parser.parse_args()
    ok = True
    for shape, wrapped in (("paragraphs", False), ("wrapped", True)):
        text = HEAD + padding(args.size, wrapped) + "\n" + TAIL
        result = read_page(text, now=NOW)
        assert result.job.budget is not None and "member_since" in result.found, result.found

        def baseline(text: str = text) -> object:
            return [line.lower() for line in text.splitlines()]

        def reader(text: str = text) -> object:
            return read_page(text, now=NOW)

        base = best_ms(baseline, args.runs)
        took = best_ms(reader, args.runs)
        lines = text.count("\n") + 1
        verdict = "ok" if took <= BUDGET_MS or wrapped else "OVER BUDGET"
        ok = ok and verdict == "ok"
        print(
            f"{shape:>10}: {len(text) / 1e6:.2f} MB, {lines:,} lines: read_page {took:.1f} ms, "
            f"baseline {base:.1f} ms, ratio {took / max(base, 1e-6):.1f}x "
            f"[{verdict if not wrapped else 'no budget: worst case'}]"
        )
    if args.hostile:
        hostile(args.size, max(1, args.runs // 3))
    return 0 if ok else 1


def hostile(size: int, runs: int) -> None:
    """Degenerate pastes (no budget: they show the cost stays linear in lines)."""
    shapes = {
        "one long line": "x" * size,
        "blank lines": "\n" * size,
        "repeated label": "T\n" + "Proposals:\n" * (size // 11),
        "split amounts": "T\n" + "$15.00\n-\n" * (size // 9),
        "skills": "T\nSkills\n" + "".join(f"Skill{i}\n" for i in range(size // 10)),
        "countries": "T\n" + "United States\nJakarta 3:42 PM\n" * (size // 30),
    }
    for name, text in shapes.items():

        def baseline(text: str = text) -> object:
            return [line.lower() for line in text.splitlines()]

        def reader(text: str = text) -> object:
            return read_page(text, now=NOW)

        base, took = best_ms(baseline, runs), best_ms(reader, runs)
        lines = text.count("\n") + 1
        print(
            f"{name:>15}: {lines:>9,} lines: read_page {took:7.1f} ms, baseline {base:6.1f} ms, "
            f"ratio {took / max(base, 1e-6):.1f}x"
        )


if __name__ == "__main__":
    raise SystemExit(main())
