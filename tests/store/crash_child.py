"""Child for the crash tests: writes in a loop and reports each durable write.

Prints ``ready`` once open, then one line per write after the store call
returned (``F <id>`` feed, ``L <id>`` ledger entry, ``J <id>`` job batch).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import TextIO

from cockpit.models import Feed, Job, LedgerEntry, Triage, utcnow
from cockpit.store import Store


def main() -> None:
    write_forever(Path(sys.argv[1]), int(sys.argv[2]), sys.stdout)


def write_forever(folder: Path, seed: int, out: TextIO) -> None:
    rng = random.Random(seed)
    store = Store.open(folder)
    out.write("ready\n")
    out.flush()
    n = 0
    while True:
        n += 1
        tag = f"{seed}-{n}"
        roll = rng.random()
        if roll < 0.4:
            store.feeds.save(Feed(id=f"f{tag}", url=f"https://example.com/{tag}"))
            out.write(f"F f{tag}\n")
        elif roll < 0.7:
            store.ledger.append(LedgerEntry(id=f"l{tag}", kind="grant", amount=1, at=utcnow()))
            out.write(f"L l{tag}\n")
        elif roll < 0.85:
            store.triage.save(Triage(job_id=f"t{tag}", state="shortlist"))
            out.write(f"T t{tag}\n")
        else:
            jobs = [Job(id=f"j{tag}-{k}", title="x" * 200, feed_ids=["f"]) for k in range(50)]
            store.jobs.upsert_many(jobs)
            out.write(f"J j{tag}-49\n")
        out.flush()


if __name__ == "__main__":
    main()
