"""`cockpit paste [FILE|-] [--url U] [--json]` on a copied Upwork page; `cockpit jobs --json`."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import orjson
import pytest

from cockpit.cli import main
from cockpit.models import Job
from cockpit.store import Store

JOB_URL = "https://www.upwork.com/jobs/~01a1b2c3d4e5f6a7b8c9"
TITLE = "Senior Django developer for a booking API"
# A whole Upwork job page as a browser's "select all, copy" gives it: the nav
# chrome first, labels and values on one line or on two, value before label.
PAGE = f"""Find work
My jobs
Messages
{TITLE}
Posted 3 hours ago
Worldwide
We run a small chain of guest houses in Bali and need a senior Django developer to build
a booking API for our new mobile app.

You will design the models, write the REST endpoints and the tests, and deploy to our VPS.
Experience with Stripe and PostgreSQL is a big plus.
$1,500.00
Fixed-price
Intermediate
Experience Level
Project Type: One-time project
Skills and Expertise
Django, Python, PostgreSQL, REST API
Activity on this job
Proposals: 20 to 50
Last viewed by client: 1 hour ago
Interviewing: 2
Invites sent: 5
Unanswered invites: 3
Send a proposal for: 12 Connects
Available Connects: 80
About the client
Payment method verified
Rating is 4.9 out of 5.
4.9 of 27 reviews
Indonesia
Denpasar 9:42 PM
31 jobs posted
74% hire rate, 2 open jobs
$18K total spent
25 hires, 3 active
Member since Jun 4, 2018
Job link
{JOB_URL}
"""
VERDICT_WORDS = ("Bid", "Maybe", "Skip")


def run(*args: str) -> int:
    return main(list(args))


def page_file(tmp_path: Path, text: str = PAGE, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def use_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """`xclip -o | cockpit paste -`: read_input reads sys.stdin.buffer."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), "utf-8"))


def stored_jobs(data_dir: Path) -> list[Job]:
    with Store.open(data_dir) as s:
        return s.jobs.all()


def row(out: str, label: str) -> str:
    """The value printed after ``label`` in an aligned "  Label   value" row."""
    for line in out.splitlines():
        if line.startswith("  ") and line.strip().startswith(label + "  "):
            return line.strip()[len(label) :].strip()
    raise AssertionError(f"no row {label!r} in:\n{out}")


def check_grouped_output(out: str) -> None:
    lines = out.splitlines()
    assert lines[0] == f"Saved a new job: {TITLE}"
    # Three groups, in order, each a heading of its own.
    assert [line for line in lines if line in ("Job", "Activity", "Client")] == [
        "Job",
        "Activity",
        "Client",
    ]
    assert lines.index("Job") < lines.index("Activity") < lines.index("Client")
    assert row(out, "Site") == "Upwork"
    assert row(out, "Budget") == "$1,500 fixed"
    assert row(out, "Skills") == "Django, Python, PostgreSQL, REST API"
    assert row(out, "Experience") == "Intermediate"
    assert row(out, "Connects to bid") == "12"
    assert row(out, "Available Connects") == "80"
    assert row(out, "Proposals") == "20 to 50"
    assert row(out, "Interviewing") == "2"
    assert row(out, "Payment") == "verified"
    assert row(out, "Rating") == "4.9 of 5"
    assert row(out, "Reviews") == "27"
    assert row(out, "Country") == "Denpasar, Indonesia"
    assert row(out, "Jobs posted") == "31"
    assert row(out, "Hire rate") == "74%"
    assert row(out, "Total spent") == "$18,000"
    assert row(out, "Hires") == "25, 3 active"
    # Rows of the Client group come after its heading, not under Job.
    assert lines.index("Client") < next(i for i, x in enumerate(lines) if "Total spent" in x)
    # Everything an Upwork page shows was found: no "Not found" line.
    assert "Not found on the page" not in out
    verdicts = [line for line in lines if line.startswith("Verdict: ")]
    assert len(verdicts) == 1 and verdicts[0].removeprefix("Verdict: ") in VERDICT_WORDS
    reasons = lines[lines.index(verdicts[0]) + 1 :]
    assert reasons and all(r.startswith("  - ") for r in reasons)
    assert any("12 Connects" in r for r in reasons), reasons


def test_paste_file_prints_grouped_fields_and_a_verdict(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("paste", str(page_file(tmp_path))) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    check_grouped_output(captured.out)
    (job,) = stored_jobs(data_dir)
    assert job.title == TITLE and job.link == JOB_URL and job.source == "paste"
    assert job.signals is not None and job.signals.connects == 12
    assert "guest houses in Bali" in job.description
    assert "Payment method verified" not in job.description, "read lines leave the description"


def test_paste_stdin_reads_the_same_as_a_file(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_stdin(monkeypatch, PAGE.encode("utf-8"))
    assert run("paste", "-") == 0
    check_grouped_output(capsys.readouterr().out)
    assert [j.title for j in stored_jobs(data_dir)] == [TITLE]


def test_paste_without_a_file_argument_reads_stdin(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    use_stdin(monkeypatch, PAGE.encode("utf-8"))
    assert run("paste") == 0
    assert capsys.readouterr().out.startswith(f"Saved a new job: {TITLE}\n")


def test_paste_json_has_new_found_missing_signals_and_verdict(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("paste", "--json", str(page_file(tmp_path))) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1, "one JSON object on one line"
    record = orjson.loads(out)
    assert set(record) == {"new", "found", "missing", "job", "verdict"}
    assert record["new"] is True
    for key in ("title", "budget", "skills", "proposals", "connects", "payment", "spent"):
        assert key in record["found"]
    assert record["missing"] == []
    signals = record["job"]["signals"]
    assert signals["platform"] == "upwork"
    assert signals["platform_id"] == "~01a1b2c3d4e5f6a7b8c9"
    assert signals["connects"] == 12
    assert signals["client"]["payment_verified"] is True
    assert signals["client"]["spent"] == 18000.0
    (reading,) = signals["readings"]
    assert (reading["proposals"], reading["proposals_min"], reading["proposals_max"]) == (
        "20 to 50",
        20,
        50,
    )
    verdict = record["verdict"]
    assert verdict["kind"] in ("bid", "maybe", "skip")
    assert isinstance(verdict["reasons"], list) and verdict["reasons"]
    assert verdict["cost"]["connects"] == 12

    # A page missing most fields says which ones.
    bare = page_file(tmp_path, f"{TITLE}\nUpwork\nWe need a Django developer.\n", "bare.txt")
    assert run("paste", "--json", "--url", JOB_URL.replace("c9", "c0"), str(bare)) == 0
    record = orjson.loads(capsys.readouterr().out)
    assert record["new"] is True
    assert "connects" in record["missing"] and "budget" in record["missing"]
    assert "connects" not in record["found"]


def test_paste_again_updates_and_keeps_both_readings(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("paste", str(page_file(tmp_path))) == 0
    capsys.readouterr()
    later = PAGE.replace("Proposals: 20 to 50", "Proposals: 50+")
    assert run("paste", str(page_file(tmp_path, later, "later.txt"))) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Updated the job: {TITLE}\n")
    assert row(out, "Proposals") == "50+", "the newest reading is the one shown"
    readings_row = row(out, "Readings")
    assert readings_row.index("20 to 50") < readings_row.index("50+"), "oldest first"

    (job,) = stored_jobs(data_dir)
    assert job.signals is not None
    assert [r.proposals for r in job.signals.readings] == ["20 to 50", "50+"]
    assert (job.signals.readings[1].proposals_min, job.signals.readings[1].proposals_max) == (
        50,
        None,
    )

    # --json says it was not new.
    assert run("paste", "--json", str(page_file(tmp_path, later, "later.txt"))) == 0
    assert orjson.loads(capsys.readouterr().out)["new"] is False
    assert len(stored_jobs(data_dir)) == 1


# An unchanged page pasted again (a new time, the same activity) adds no reading.
def test_the_same_page_pasted_twice_adds_no_reading(data_dir: Path, tmp_path: Path) -> None:
    path = page_file(tmp_path)
    assert run("paste", str(path)) == 0
    assert run("paste", str(path)) == 0
    (job,) = stored_jobs(data_dir)
    assert job.signals is not None and len(job.signals.readings) == 1


@pytest.mark.parametrize("data", [b"", b"  \n\t\n  \n"], ids=["empty", "blank"])
def test_empty_input_exits_2_with_one_line(
    data: bytes,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(data)
    for args in (("paste", str(empty)), ("paste", "-"), ("paste", "--json", "-")):
        if args[-1] == "-":
            use_stdin(monkeypatch, data)
        assert run(*args) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1, captured.err
        assert captured.err.startswith("cockpit: nothing to read: the input is empty.")
    assert stored_jobs(data_dir) == []


def test_missing_file_and_folder_exit_2_with_one_line(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("paste", str(tmp_path / "nope.txt")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err
    assert run("paste", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is a folder, not a file" in err


def test_jobs_json_includes_signals_and_verdict(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("paste", str(page_file(tmp_path))) == 0
    capsys.readouterr()
    assert run("jobs", "--json") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = orjson.loads(lines[0])
    assert record["title"] == TITLE
    assert record["signals"]["connects"] == 12
    assert record["signals"]["readings"][0]["proposals"] == "20 to 50"
    assert record["verdict"]["kind"] in ("bid", "maybe", "skip")
    assert record["verdict"]["cost"]["connects"] == 12
    assert set(record["verdict"]) >= {"kind", "reasons", "warnings", "cost", "chance"}

    # The plain listing shows the same verdict as a word.
    assert run("jobs") == 0
    word = {"bid": "Bid", "maybe": "Maybe", "skip": "Skip"}[record["verdict"]["kind"]]
    (line,) = capsys.readouterr().out.splitlines()
    assert f" {word} " in line and TITLE in line
