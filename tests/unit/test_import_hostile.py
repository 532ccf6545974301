"""`cockpit import` of a hostile file: bad records named and left out, the store stays usable."""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.cli import main
from cockpit.feeds.rules import compile_rules
from cockpit.jobindex import JobIndex
from cockpit.models import Feed, Job, Triage
from cockpit.store import Store

T0 = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
LATER = "2026-12-01T09:00:00+00:00"


def run(*args: str) -> int:
    return main(list(args))


def seed(folder: Path) -> None:
    with Store.open(folder) as s:
        s.feeds.save(Feed(id="f1", url="https://weworkremotely.com/a.rss", name="WWR"))
        s.jobs.upsert_many([Job(id="j1", title="Mix a podcast", fetched=T0, feed_ids=["f1"])])
        s.triage.save(Triage(job_id="j1", state="shortlist", updated=T0))


def hostile() -> dict[str, Any]:
    """The records issue #15 stored or crashed on, between good ones."""
    return {
        "cockpit_export": 1,
        "jobs": [
            {"id": "n1", "title": 12345},  # 1: coerced
            {"id": "n2", "title": ["a", "list"]},  # 2
            {"id": "n3", "title": "ok", "description": {"html": "x"}},  # 3
            {"id": "n4", "title": "Skills", "skills": [1, 2, None]},  # 4: coerced
            {"id": "n5", "title": "Budget", "budget": "lots"},  # 5
            {"id": "n6", "title": "Old", "posted": "0001-01-01T00:00:00+14:00"},  # 6
            {"id": "n7", "title": "T" * 20_000_000},  # 7: cut to 500
            {"id": "j1", "title": {"newer": "but bad"}, "fetched": LATER},  # 8: stored one stays
            {"id": "n9", "title": "Fine", "feed_ids": "f1"},  # 9
            {"title": "no id"},  # 10
            {"id": "n11", "title": "Good one", "skills": ["audio"], "fetched": LATER},  # 11
        ],
        "triage": [
            {"job_id": "n11", "state": "shortlist"},
            {"job_id": "n1", "state": "bogus"},
            {"job_id": "n4", "tags": "urgent"},
        ],
        "ledger": [
            {"id": "l1", "kind": "grant", "amount": "lots", "at": LATER},
            {"id": "l2", "kind": "grant", "amount": 10, "at": LATER},
        ],
        "profile": {"name": "Mallory", "skills": "everything"},
    }


def write(tmp_path: Path, data: Any, name: str = "hostile.json") -> Path:
    path = tmp_path / name
    path.write_bytes(orjson.dumps(data))
    return path


def snapshot(folder: Path) -> dict[str, Any]:
    with Store.open(folder) as s:
        return {
            "jobs": sorted(s.jobs.all_dicts(), key=lambda d: d["id"]),
            "triage": [t.to_dict() for t in s.triage.all()],
            "ledger": [e.to_dict() for e in s.ledger.all()],
            "profile": s.profile.get().to_dict(),
        }


def test_hostile_import_names_each_bad_record_and_imports_the_rest(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    path = write(tmp_path, hostile())
    capsys.readouterr()
    assert run("import", str(path)) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert "jobs: 4 new" in out
    lines = err.splitlines()
    assert lines[0] == "cockpit: 11 records cannot be imported and were left out:"
    for expected in (
        "  jobs #2: title is a list, not text",
        "  jobs #3: description is an object, not text",
        "  jobs #5: budget is text, not an object",
        "  jobs #6: posted is outside the years 1990 to 2100: '0001-01-01T00:00:00+14:00'",
        "  jobs #8: title is an object, not text",
        "  jobs #9: feed_ids is text, not a list",
        "  jobs #10: it has no id",
        "  triage #2: state is 'bogus', not one of: new, shortlist, applied, dismissed",
        "  triage #3: tags is text, not a list",
        "  ledger #1: amount is text, not a number",
        "  profile: skills is text, not a list",
    ):
        assert expected in lines, (expected, err)
    with Store.open(data_dir) as s:
        assert sorted(d["id"] for d in s.jobs.all_dicts()) == ["j1", "n1", "n11", "n4", "n7"]
        assert s.jobs.get("n1").title == "12345"  # type: ignore[union-attr]
        assert s.jobs.get("n4").skills == ["1", "2"]  # type: ignore[union-attr]
        assert len(s.jobs.get("n7").title) == 500  # type: ignore[union-attr]
        assert s.jobs.get("j1").title == "Mix a podcast"  # type: ignore[union-attr]
        assert s.triage.get("n11").state == "shortlist"  # type: ignore[union-attr]
        assert s.triage.get("n1") is None and s.triage.get("n4") is None
        assert [e.id for e in s.ledger.all()] == ["l2"]
        assert s.profile.get().name == ""  # the refused profile is not taken


def test_after_a_hostile_import_jobs_report_and_the_inbox_work(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    assert run("import", str(write(tmp_path, hostile()))) == 1
    capsys.readouterr()
    assert run("jobs", "--view", "all") == 0
    out = capsys.readouterr().out
    assert "12345" in out and "Good one" in out
    assert run("jobs", "--view", "all", "--json") == 0
    assert len(capsys.readouterr().out.splitlines()) == 5
    assert run("report") == 0
    with Store.open(data_dir) as s:  # what the app's inbox builds from
        index = JobIndex(
            s.jobs.all_dicts(),
            s.triage.all_by_job(),
            s.feeds.all(),
            compile_rules(s.rules.all(), s.profile.get().skills, T0),
        )
    assert len(index) == 5
    for view in ("new", "shortlist", "all"):
        index.set_view(view)
        for row in index.visible:
            index.display(row)


def test_importing_the_hostile_file_twice_changes_nothing_more(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    path = write(tmp_path, hostile())
    assert run("import", str(path)) == 1
    before = snapshot(data_dir)
    assert run("import", str(path)) == 1
    assert snapshot(data_dir) == before


def test_dry_run_reports_the_refused_and_writes_nothing(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    before = snapshot(data_dir)
    capsys.readouterr()
    assert run("import", str(write(tmp_path, hostile())), "--dry-run") == 1
    out, err = capsys.readouterr()
    assert "nothing written" in out and "jobs #2: title is a list" in err
    assert snapshot(data_dir) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "it was not written by `cockpit export`"),
        ({"cockpit_export": 2}, "it was not written by `cockpit export`"),
        ({"cockpit_export": 1, "jobs": {"id": "x"}}, "'jobs' is not a list"),
        ({"cockpit_export": 1, "jobs": "x"}, "'jobs' is not a list"),
        ({"cockpit_export": 1, "jobs": [{"id": "ok"}, 3]}, "jobs #2 is not an object"),
        ({"cockpit_export": 1, "jobs": [], "ledger": [None]}, "ledger #1 is not an object"),
        ({"cockpit_export": 1, "jobs": [{"id": "ok"}], "profile": "me"}, "'profile' is not an"),
    ],
)
def test_a_file_that_is_not_an_export_is_one_line_exit_2_and_writes_nothing(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    data: Any,
    message: str,
) -> None:
    seed(data_dir)
    before = snapshot(data_dir)
    capsys.readouterr()
    assert run("import", str(write(tmp_path, data))) == 2
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("cockpit: ") and message in lines[0], err
    assert snapshot(data_dir) == before


def test_a_flood_of_bad_records_is_summed_up(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {"cockpit_export": 1, "jobs": [{"id": f"x{n}", "title": [n]} for n in range(5000)]}
    assert run("import", str(write(tmp_path, data))) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "cockpit: 5000 records cannot be imported and were left out:"
    assert err[-1] == "  … and 4980 more" and len(err) == 22
    with Store.open(data_dir) as s:
        assert s.jobs.count() == 0


def test_a_clean_export_still_imports_with_exit_0(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(tmp_path / "other")
    out = tmp_path / "x.json"
    assert run("--data-dir", str(tmp_path / "other"), "export", str(out)) == 0
    assert run("import", str(out)) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "job",
    [
        {"id": "p1", "title": "Skills", "skills": [1, 2, None]},
        {"id": "p1", "title": "Described", "description": {"html": "<b>x</b>"}},
        {"id": "p1", "title": "Tagged", "feed_ids": [None, 7]},
        {"id": "p1", "title": "Paid", "budget": {"kind": "fixed", "currency": "USD", "min": "1_0"}},
        {"id": "p1", "title": "Client", "signals": {"client": {"rating": "five"}}},
    ],
)
def test_a_record_that_used_to_poison_the_store_is_coerced_or_refused(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], job: dict[str, Any]
) -> None:
    """Each of these was stored as it was (exit 0); then `cockpit jobs` crashed."""
    path = write(tmp_path, {"cockpit_export": 1, "jobs": [job]})
    assert run("import", str(path)) in (0, 1)
    capsys.readouterr()
    assert run("jobs", "--view", "all", "--json") == 0
    with Store.open(data_dir) as s:
        for doc in s.jobs.all_dicts():
            stored = Job.from_dict(doc)
            assert isinstance(stored.description, str)
            assert all(isinstance(x, str) for x in [*stored.skills, *stored.feed_ids])
            if stored.budget is not None:
                assert isinstance(stored.budget.min, float | int | None)
            if stored.signals is not None:
                assert isinstance(stored.signals.client.rating, float | int | None)


def test_a_store_poisoned_by_an_older_version_does_not_stop_import_or_refresh(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed(data_dir)
    with Store.open(data_dir) as s:
        doc_id = s.jobs._index()["j1"]

        def poison(doc: MutableMapping[str, Any]) -> None:
            doc.update({"feed_ids": "f1", "budget": "lots", "title": ["x"]})

        s.jobs.table.update(poison, doc_ids=[doc_id])  # stored unchecked, as before the gate
        s.jobs.upsert_many([Job(id="j1", title="again", feed_ids=["f2"])])  # a feed brings it
    job = {"id": "j1", "title": "Mix a podcast", "fetched": LATER}
    assert run("import", str(write(tmp_path, {"cockpit_export": 1, "jobs": [job]}))) == 0
    with Store.open(data_dir) as s:
        assert s.jobs.get("j1").title == "Mix a podcast"  # type: ignore[union-attr]
