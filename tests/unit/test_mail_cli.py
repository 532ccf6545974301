"""`cockpit mail import PATH [--json]` end to end on a temp data folder."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from cockpit.cli import main
from cockpit.store import Store

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
PODCAST_ID = "~01a2b3c4d5e6f7a8b9c0"
# The same job's full page, as `cockpit paste` gets it later (no --url: the id is on the page).
PAGE = f"""Podcast audio editor for a weekly show
Posted 20 minutes ago
We publish a weekly interview podcast (60 minutes) and need an editor.
$25.00-$40.00
Hourly
Intermediate
Experience Level
Skills and Expertise
Audio Editing, Podcast Editing
Activity on this job
Proposals: 5 to 10
Send a proposal for: 8 Connects
About the client
Payment method verified
United States
12 jobs posted
Job link
https://www.upwork.com/jobs/{PODCAST_ID}
"""


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), "--lang", "en", *args])


def titles(data: Path) -> list[str]:
    with Store.open(data) as store:
        return sorted(job.title for job in store.jobs.all())


def test_import_maildir_stores_jobs_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "mail", "import", str(FIXTURES / "maildir")) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "read 2 messages: 2 jobs (2 new), 0 skipped"
    assert titles(tmp_path) == [
        "Logo designer for a café in Lyon",
        "Subtitle editor for Indonesian videos",
    ]
    # Read again: the same two jobs, none new.
    assert run(tmp_path, "mail", "import", str(FIXTURES / "maildir")) == 0
    assert capsys.readouterr().out.splitlines()[0] == "read 2 messages: 2 jobs (0 new), 0 skipped"
    assert len(titles(tmp_path)) == 2


def test_skipped_message_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "mail", "import", str(FIXTURES / "broken.eml")) == 0
    out = capsys.readouterr().out
    assert out.startswith("read 1 message: 0 jobs (0 new), 1 skipped (broken.eml: ")


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "mail", "import", str(FIXTURES / "alerts.mbox"), "--json") == 0
    record = orjson.loads(capsys.readouterr().out)
    assert record["read"] == 2 and record["new"] == 2 and record["skipped"] == []
    assert [j["new"] for j in record["jobs"]] == [True, True]
    assert record["jobs"][0]["link"] == f"https://www.upwork.com/jobs/{PODCAST_ID}"


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "mail", "import", str(tmp_path / "nope.mbox")) == 2
    assert "does not exist" in capsys.readouterr().err


def test_a_later_paste_of_the_page_enriches_the_same_job(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert run(data, "mail", "import", str(FIXTURES / "upwork_plain.eml"), "--json") == 0
    mailed = orjson.loads(capsys.readouterr().out)["jobs"][0]
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert run(data, "paste", str(page), "--json") == 0
    pasted = orjson.loads(capsys.readouterr().out)
    assert pasted["new"] is False
    assert pasted["job"]["id"] == mailed["id"]
    with Store.open(data) as store:
        (job,) = store.jobs.all()
    assert job.signals is not None
    assert job.signals.connects == 8  # from the page
    assert job.signals.client.rating == 4.8  # from the alert, kept
