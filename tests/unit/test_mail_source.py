"""cockpit.mail.source: a Maildir or an mbox re-read by every refresh, new messages only."""

from __future__ import annotations

import mailbox
import os
import shutil
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cockpit.mail import source
from cockpit.mail.read import Mail, Skipped
from cockpit.mail.source import (
    MAILDIR,
    MBOX,
    MailBatch,
    check_mail_source,
    is_mail_source,
    mail_fingerprint,
    read_new,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail" / "source"
NOW = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)
UPWORK_ID = "<alert-src-0001@upwork.com>"
OTHER_ID = "<pc-9001@projects.co.id>"


def eml(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def alert(n: int) -> bytes:
    """The Upwork alert with its own Message-ID and job id: the n-th alert of a box."""
    data = eml("upwork_alert.eml")
    data = data.replace(b"alert-src-0001", f"alert-src-{n:04d}".encode())
    return data.replace(b"~01f0e1d2c3b4a5968778", f"~01f0e1d2c3b4a59{n:05d}".encode())


def make_maildir(root: Path) -> Path:
    box = root / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (box / sub).mkdir(parents=True)
    return box


def deliver(box: Path, name: str, data: bytes, sub: str = "new") -> Path:
    path = box / sub / name
    path.write_bytes(data)
    return path


def make_mbox(path: Path, *messages: bytes) -> Path:
    box = mailbox.mbox(path)
    try:
        box.lock()
        for data in messages:
            box.add(data)
        box.flush()
        box.unlock()
    finally:
        box.close()
    return path


def url(prefix: str, path: Path) -> str:
    return prefix + str(path.resolve())


# -- is_mail_source / check_mail_source ------------------------------------------------------


def test_is_mail_source_by_prefix_in_any_case() -> None:
    assert is_mail_source("maildir:/home/sari/Maildir")
    assert is_mail_source("  MBOX:~/mail/alerts")
    assert is_mail_source("Maildir:x")
    assert not is_mail_source("https://example.org/feed.xml")
    assert not is_mail_source("/home/sari/Maildir")
    assert not is_mail_source("freelancer:python")


def test_prefixed_maildir_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = make_maildir(tmp_path)
    assert check_mail_source(f"maildir:{box}") == MAILDIR + str(box.resolve())
    assert check_mail_source(f"  MAILDIR: {box}/ ") == MAILDIR + str(box.resolve())
    assert check_mail_source(f"maildir://{box}") == MAILDIR + str(box.resolve())
    monkeypatch.chdir(tmp_path)
    assert check_mail_source("maildir:Maildir") == MAILDIR + str(box.resolve())
    monkeypatch.setenv("HOME", str(tmp_path))
    assert check_mail_source("maildir:~/Maildir") == MAILDIR + str(box.resolve())


def test_prefixed_mbox_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = make_mbox(tmp_path / "alerts", eml("upwork_alert.eml"))
    assert check_mail_source(f"mbox:{box}") == MBOX + str(box.resolve())
    monkeypatch.setenv("HOME", str(tmp_path))
    assert check_mail_source("Mbox:~/alerts") == MBOX + str(box.resolve())
    empty = tmp_path / "spool"
    empty.write_bytes(b"")  # a spool the mail program emptied: an mbox with no message yet
    assert check_mail_source(f"mbox:{empty}") == MBOX + str(empty.resolve())


def test_bare_paths_are_recognised(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    mbox = make_mbox(tmp_path / "alerts.mbox", eml("other_sender.eml"))
    assert check_mail_source(str(box)) == MAILDIR + str(box.resolve())
    assert check_mail_source(str(mbox)) == MBOX + str(mbox.resolve())


def test_what_is_not_a_mail_source_gives_none(tmp_path: Path) -> None:
    rss = tmp_path / "feed.xml"
    rss.write_text('<?xml version="1.0"?><rss version="2.0"><channel/></rss>')
    jsonfeed = tmp_path / "feed.json"
    jsonfeed.write_text('{"version": "https://jsonfeed.org/version/1.1", "items": []}')
    plain_folder = tmp_path / "notes"
    plain_folder.mkdir()
    half = tmp_path / "half"
    (half / "cur").mkdir(parents=True)  # a bare folder needs both cur/ and new/
    for raw in (
        "https://example.org/feed.xml",
        "file:///etc/hosts",
        "freelancer:python",
        str(rss),
        str(jsonfeed),
        str(plain_folder),
        str(half),
        str(tmp_path / "missing"),
        "",
        "   ",
    ):
        assert check_mail_source(raw) is None, raw


@pytest.mark.parametrize(
    "kind",
    ["missing_maildir", "missing_mbox", "no_cur_new", "only_cur", "mbox_folder", "not_mbox"],
)
def test_prefixed_paths_that_cannot_be_sources_say_why(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    feed = tmp_path / "feed.xml"
    feed.write_text("<rss/>")
    only_cur = tmp_path / "only_cur"
    (only_cur / "cur").mkdir(parents=True)
    raw, words = {
        "missing_maildir": (f"maildir:{tmp_path / 'gone'}", "not found"),
        "missing_mbox": (f"mbox:{tmp_path / 'gone.mbox'}", "not found"),
        "no_cur_new": (f"maildir:{folder}", "cur/ and a new/"),
        "only_cur": (f"maildir:{only_cur}", "cur/ and a new/"),
        "mbox_folder": (f"mbox:{folder}", "is a folder"),
        "not_mbox": (f"mbox:{feed}", 'does not start with "From "'),
    }[kind]
    with pytest.raises(ValueError, match=words):
        check_mail_source(raw)


def test_a_maildir_prefix_on_a_file_is_refused(tmp_path: Path) -> None:
    mbox = make_mbox(tmp_path / "alerts", eml("upwork_alert.eml"))
    with pytest.raises(ValueError, match="not a Maildir"):
        check_mail_source(f"maildir:{mbox}")


@pytest.mark.parametrize("raw", ["maildir:/tmp/\x1b[31mx", "mbox:/tmp/a\nb", "mbox:/tmp/\u202ex"])
def test_control_characters_are_refused(raw: str) -> None:
    with pytest.raises(ValueError, match="control characters"):
        check_mail_source(raw)


def test_an_empty_path_is_refused() -> None:
    with pytest.raises(ValueError, match="no path"):
        check_mail_source("maildir:  ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result: dict[str, object] = {}

    def run() -> None:
        result["bare"] = check_mail_source(str(fifo))
        try:
            check_mail_source(f"mbox:{fifo}")
        except ValueError as err:
            result["mbox"] = str(err)
        result["read"] = read_new(f"mbox:{fifo}", [], NOW)
        result["print"] = mail_fingerprint(f"mbox:{fifo}")

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "blocked on a FIFO"
    assert result["bare"] is None
    assert "not a regular file" in str(result["mbox"])
    batch = result["read"]
    assert isinstance(batch, MailBatch) and "not a regular file" in batch.error
    assert result["print"] == ""


# -- read_new: Maildir ----------------------------------------------------------------------


def test_maildir_reads_new_and_cur_then_nothing_twice(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    deliver(box, "1764660000.M2P1.host:2,S", eml("other_sender.eml"), sub="cur")
    first = read_new(url(MAILDIR, box), [], NOW)
    assert first.error == "" and first.skipped == []
    assert first.read == 2
    assert first.seen == [OTHER_ID, UPWORK_ID]  # by delivery time (the file name), newest last
    titles = sorted(job.title for job in first.jobs)
    assert titles == [
        "Proyek baru: Desain logo kedai kopi",
        "Subtitle editor for a cooking channel",
    ]
    upwork = next(job for job in first.jobs if job.link)
    assert upwork.link == "https://www.upwork.com/jobs/~01f0e1d2c3b4a5968778"
    assert all(job.source == "mail" and job.fetched == NOW for job in first.jobs)
    assert first.fingerprint == mail_fingerprint(url(MAILDIR, box)) != ""

    again = read_new(url(MAILDIR, box), first.seen, NOW)
    assert (again.jobs, again.read, again.skipped, again.error) == ([], 0, [], "")
    assert again.seen == first.seen


def test_a_message_moving_from_new_to_cur_is_not_new(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    delivered = deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    first = read_new(url(MAILDIR, box), [], NOW)
    assert len(first.jobs) == 1
    delivered.rename(box / "cur" / "1764758400.M1P1.host:2,S")  # the mail program read it
    moved = read_new(url(MAILDIR, box), first.seen, NOW)
    assert (moved.jobs, moved.read, moved.skipped) == ([], 0, [])
    assert moved.seen == [UPWORK_ID]
    assert moved.fingerprint != first.fingerprint  # it moved: the refresh did look


def test_a_new_delivery_is_the_only_new_job(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", alert(1))
    first = read_new(url(MAILDIR, box), [], NOW)
    deliver(box, "1764758500.M2P1.host", alert(2))
    second = read_new(url(MAILDIR, box), first.seen, NOW)
    assert [job.link for job in second.jobs] == [
        "https://www.upwork.com/jobs/~01f0e1d2c3b4a5900002"
    ]
    assert second.read == 1
    assert second.seen == ["<alert-src-0001@upwork.com>", "<alert-src-0002@upwork.com>"]


def test_seen_messages_are_never_parsed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = make_maildir(tmp_path)
    for n in range(1, 41):
        deliver(box, f"17647584{n:02d}.M{n}P1.host", alert(n))
    first = read_new(url(MAILDIR, box), [], NOW)
    assert first.read == 40 and len(first.jobs) == 40
    parsed: list[str] = []

    def counting(data: bytes, name: str) -> Mail | Skipped:
        parsed.append(name)
        return Skipped(name, "should not be parsed")

    monkeypatch.setattr(source, "parse_message", counting)
    again = read_new(url(MAILDIR, box), first.seen, NOW)
    assert parsed == [] and again.read == 0 and again.jobs == []


def test_message_without_message_id_gets_a_content_key(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    delivered = deliver(box, "1764758400.M1P1.host", eml("no_message_id.eml"))
    first = read_new(url(MAILDIR, box), [], NOW)
    assert len(first.jobs) == 1
    (key,) = first.seen
    assert key.startswith("sha256:") and len(key) == len("sha256:") + 64
    delivered.rename(box / "cur" / "1764758400.M1P1.host:2,S")
    again = read_new(url(MAILDIR, box), first.seen, NOW)
    assert again.jobs == [] and again.seen == [key]
    # Another message without an id is another key.
    other = eml("no_message_id.eml").replace(b"three product manuals", b"two brochures")
    deliver(box, "1764758500.M2P1.host", other)
    third = read_new(url(MAILDIR, box), again.seen, NOW)
    assert len(third.jobs) == 1 and len(third.seen) == 2 and third.seen[0] == key


def test_duplicate_message_ids_give_one_job(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    deliver(box, "1764758401.M2P1.host", eml("upwork_alert.eml"))  # delivered twice
    twin = eml("other_sender.eml").replace(b"pc-9001@projects.co.id", b"alert-src-0001@upwork.com")
    deliver(box, "1764758402.M3P1.host", twin, sub="cur")  # a sender reusing an id
    batch = read_new(url(MAILDIR, box), [], NOW)
    assert batch.read == 1 and len(batch.jobs) == 1
    assert batch.jobs[0].title == "Subtitle editor for a cooking channel"  # the first one
    assert batch.seen == [UPWORK_ID]


def test_message_id_is_normalised_and_folded_lines_read(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    folded = eml("other_sender.eml").replace(
        b"Message-ID: <pc-9001@projects.co.id>", b"Message-Id:\n   <pc-9001@projects.co.id>  "
    )
    deliver(box, "1764758400.M1P1.host", folded)
    batch = read_new(url(MAILDIR, box), [], NOW)
    assert batch.seen == [OTHER_ID]
    again = read_new(url(MAILDIR, box), [OTHER_ID], NOW)
    assert again.jobs == []


def test_a_broken_message_is_named_once_and_remembered(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", b"")
    deliver(box, "1764758401.M2P1.host", b"\x00\x01\x02 not mail at all\n")
    deliver(box, "1764758402.M3P1.host", eml("upwork_alert.eml"))
    first = read_new(url(MAILDIR, box), [], NOW)
    assert len(first.jobs) == 1 and first.read == 3
    assert [s.name for s in first.skipped] == [
        "new/1764758400.M1P1.host",
        "new/1764758401.M2P1.host",
    ]
    assert len(first.seen) == 3
    again = read_new(url(MAILDIR, box), first.seen, NOW)
    assert again.skipped == [] and again.read == 0


def test_a_transient_read_error_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    locked = deliver(box, "1764758401.M2P1.host", eml("other_sender.eml"))
    real_open = source._open_regular

    def failing(path: Path) -> int:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path)

    monkeypatch.setattr(source, "_open_regular", failing)
    first = read_new(url(MAILDIR, box), [], NOW)
    assert len(first.jobs) == 1
    assert [(s.name, s.why) for s in first.skipped] == [
        ("new/1764758401.M2P1.host", "Permission denied")
    ]
    assert first.seen == [UPWORK_ID]  # not remembered: tried again
    assert first.fingerprint == ""  # so an unchanged folder is not skipped next refresh
    monkeypatch.setattr(source, "_open_regular", real_open)
    second = read_new(url(MAILDIR, box), first.seen, NOW)
    assert [job.title for job in second.jobs] == ["Proyek baru: Desain logo kedai kopi"]
    assert second.seen == [UPWORK_ID, OTHER_ID]
    assert second.fingerprint == mail_fingerprint(url(MAILDIR, box)) != ""


def test_a_file_that_vanishes_after_the_listing_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = make_maildir(tmp_path)
    gone = deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    real_open = source._open_regular

    def moving(path: Path) -> int:
        if path == gone and path.exists():
            path.rename(box / "cur" / (path.name + ":2,S"))  # moved between list and read
        return real_open(path)

    monkeypatch.setattr(source, "_open_regular", moving)
    batch = read_new(url(MAILDIR, box), [], NOW)
    assert (batch.jobs, batch.skipped, batch.seen, batch.error) == ([], [], [], "")
    monkeypatch.setattr(source, "_open_regular", real_open)
    assert len(read_new(url(MAILDIR, box), batch.seen, NOW).jobs) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifos_dot_files_and_tmp_in_a_maildir_are_ignored(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    os.mkfifo(box / "new" / "1764758399.M0P1.host")
    deliver(box, ".hidden", eml("other_sender.eml"))
    deliver(box, "1764758398.M9P1.host", eml("other_sender.eml"), sub="tmp")  # being delivered
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    batch = read_new(url(MAILDIR, box), [], NOW)
    assert batch.seen == [UPWORK_ID] and batch.skipped == [] and batch.error == ""


def test_a_maildir_that_disappears_is_an_error_not_a_raise(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))
    first = read_new(url(MAILDIR, box), [], NOW)
    shutil.rmtree(box)
    gone = read_new(url(MAILDIR, box), first.seen, NOW)
    assert gone.jobs == [] and gone.read == 0
    assert gone.error == f"mail source not found: {box.resolve()}"
    assert gone.seen == first.seen  # an unmounted disk must not forget what was read
    assert gone.fingerprint == ""


def test_a_maildir_losing_new_is_an_error(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    shutil.rmtree(box / "new")
    batch = read_new(url(MAILDIR, box), ["<a@b>"], NOW)
    assert "not a Maildir" in batch.error and batch.seen == ["<a@b>"]


def test_urls_that_are_not_sources_are_errors() -> None:
    for raw in ("maildir:", "https://example.org/feed", "", "mbox:   "):
        batch = read_new(raw, ["<x@y>"], NOW)
        assert batch.error == "not a mail source: write maildir:PATH or mbox:PATH"
        assert batch.seen == ["<x@y>"]


def test_read_new_never_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml"))

    def boom(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(source, "_read_messages", boom)
    batch = read_new(url(MAILDIR, box), ["<a@b>"], NOW)
    assert batch.error == "unexpected error (RuntimeError)" and batch.seen == ["<a@b>"]


# -- read_new: mbox -------------------------------------------------------------------------


def test_an_mbox_that_grows_gives_only_the_appended_message(tmp_path: Path) -> None:
    path = make_mbox(tmp_path / "alerts.mbox", alert(1), eml("other_sender.eml"))
    first = read_new(url(MBOX, path), [], NOW)
    assert first.error == "" and first.skipped == []
    assert first.read == 2 and len(first.jobs) == 2
    assert first.seen == ["<alert-src-0001@upwork.com>", OTHER_ID]
    make_mbox(path, alert(2))  # mailbox appends
    second = read_new(url(MBOX, path), first.seen, NOW)
    assert second.read == 1
    assert [job.link for job in second.jobs] == [
        "https://www.upwork.com/jobs/~01f0e1d2c3b4a5900002"
    ]
    assert second.seen[-1] == "<alert-src-0002@upwork.com>"
    assert second.fingerprint != first.fingerprint
    assert read_new(url(MBOX, path), second.seen, NOW).jobs == []


def test_mbox_messages_match_the_mailbox_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = eml("other_sender.eml") + b"\nFrom the team: quoted in the body\n"
    path = make_mbox(tmp_path / "alerts.mbox", alert(1), body, eml("no_message_id.eml"))
    monkeypatch.setattr(source, "_CHUNK", 7)  # every "\nFrom " straddles a chunk seam
    seen_bytes: list[bytes] = []
    real_parse = source.parse_message

    def keep(data: bytes, name: str) -> Mail | Skipped:
        seen_bytes.append(data)
        return real_parse(data, name)

    monkeypatch.setattr(source, "parse_message", keep)
    batch = read_new(url(MBOX, path), [], NOW)
    box = mailbox.mbox(path)
    try:
        expected = [box.get_bytes(key) for key in box.iterkeys()]
    finally:
        box.close()
    assert len(expected) == 3
    assert [d.replace(b"\r\n", b"\n") for d in seen_bytes] == expected
    assert batch.read == 3 and len(batch.jobs) == 3


def test_mbox_without_message_id_keeps_its_key_when_marked_read(tmp_path: Path) -> None:
    path = make_mbox(tmp_path / "alerts.mbox", eml("no_message_id.eml"))
    first = read_new(url(MBOX, path), [], NOW)
    (key,) = first.seen
    assert key.startswith("sha256:")
    # A mail program marks it read by rewriting the mbox with Status: headers.
    data = path.read_bytes().replace(b"Subject:", b"Status: RO\nX-Status: A\nSubject:", 1)
    path.write_bytes(data)
    again = read_new(url(MBOX, path), first.seen, NOW)
    assert again.jobs == [] and again.seen == [key]


def test_an_empty_mbox_has_no_messages(tmp_path: Path) -> None:
    path = tmp_path / "spool"
    path.write_bytes(b"")
    batch = read_new(url(MBOX, path), [], NOW)
    assert (batch.jobs, batch.read, batch.error, batch.seen) == ([], 0, "", [])
    assert batch.fingerprint != ""


def test_an_mbox_that_disappears_or_is_not_one(tmp_path: Path) -> None:
    path = make_mbox(tmp_path / "alerts.mbox", alert(1))
    first = read_new(url(MBOX, path), [], NOW)
    path.unlink()
    gone = read_new(url(MBOX, path), first.seen, NOW)
    assert gone.error == f"mail source not found: {path.resolve()}" and gone.seen == first.seen
    path.write_text("<rss/>")
    wrong = read_new(url(MBOX, path), first.seen, NOW)
    assert wrong.error.endswith('is not an mbox file: it does not start with "From "')
    path.unlink()
    path.mkdir()
    assert "is a folder" in read_new(url(MBOX, path), [], NOW).error


def test_an_mbox_changing_during_the_read_is_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_mbox(tmp_path / "alerts.mbox", alert(1))
    real = source._read_messages
    calls: list[int] = []

    def appending(*args: object, **kwargs: object) -> tuple[MailBatch, bool]:
        calls.append(1)
        if len(calls) == 1:
            make_mbox(path, alert(2))  # delivered while the first pass read
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(source, "_read_messages", appending)
    batch = read_new(url(MBOX, path), [], NOW)
    assert len(calls) == 2 and batch.error == ""
    assert batch.seen == ["<alert-src-0001@upwork.com>", "<alert-src-0002@upwork.com>"]


# -- the seen cap ---------------------------------------------------------------------------


def test_the_seen_list_is_capped_newest_last(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "SEEN_CAP", 3)
    box = make_maildir(tmp_path)
    deliver(box, "1764758401.M1P1.host", alert(1))
    stale = [f"<old-{n}@example.org>" for n in range(10)]  # read long ago, deleted since
    batch = read_new(url(MAILDIR, box), stale, NOW)
    assert batch.seen == [
        "<old-8@example.org>",
        "<old-9@example.org>",
        "<alert-src-0001@upwork.com>",
    ]


def test_a_box_bigger_than_the_cap_does_not_reread_in_a_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "SEEN_CAP", 3)
    box = make_maildir(tmp_path)
    for n in range(1, 6):
        deliver(box, f"176475840{n}.M{n}P1.host", alert(n))
    first = read_new(url(MAILDIR, box), [], NOW)
    # Only the newest three are looked at.
    assert first.read == 3
    assert first.seen == [f"<alert-src-000{n}@upwork.com>" for n in (3, 4, 5)]
    second = read_new(url(MAILDIR, box), first.seen, NOW)
    assert second.jobs == [] and second.read == 0 and second.seen == first.seen
    deliver(box, "1764758406.M6P1.host", alert(6))
    third = read_new(url(MAILDIR, box), second.seen, NOW)
    assert third.read == 1 and len(third.jobs) == 1
    assert third.seen == [f"<alert-src-000{n}@upwork.com>" for n in (4, 5, 6)]
    assert read_new(url(MAILDIR, box), third.seen, NOW).read == 0


def test_a_very_long_message_id_is_stored_as_a_hash(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    long_id = b"<" + b"x" * 400 + b"@example.org>"
    deliver(
        box,
        "1764758400.M1P1.host",
        eml("other_sender.eml").replace(b"<pc-9001@projects.co.id>", long_id),
    )
    batch = read_new(url(MAILDIR, box), [], NOW)
    (key,) = batch.seen
    assert key.startswith("sha256:") and len(key) < 80
    assert read_new(url(MAILDIR, box), batch.seen, NOW).read == 0


# -- the fingerprint ------------------------------------------------------------------------


def test_fingerprint_of_a_maildir(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    source_url = url(MAILDIR, box)
    empty = mail_fingerprint(source_url)
    assert empty != "" and empty == mail_fingerprint(source_url)
    delivered = deliver(box, "1764758400.M1P1.host", alert(1))
    one = mail_fingerprint(source_url)
    assert one != empty and one == mail_fingerprint(source_url)
    deliver(box, "1764758400.M1P9.host", b"", sub="tmp")  # tmp/ is not looked at
    assert mail_fingerprint(source_url) == one
    delivered.rename(box / "cur" / "1764758400.M1P1.host:2,S")
    moved = mail_fingerprint(source_url)
    assert moved not in (one, empty)
    deliver(box, "1764758401.M2P1.host", alert(2))
    assert mail_fingerprint(source_url) not in (one, empty, moved)


def test_fingerprint_of_an_mbox(tmp_path: Path) -> None:
    path = make_mbox(tmp_path / "alerts.mbox", alert(1))
    source_url = url(MBOX, path)
    before = mail_fingerprint(source_url)
    assert before != "" and before == mail_fingerprint(source_url)
    make_mbox(path, alert(2))
    assert mail_fingerprint(source_url) != before


def test_fingerprint_is_empty_on_any_error(tmp_path: Path) -> None:
    assert mail_fingerprint(f"maildir:{tmp_path / 'gone'}") == ""
    assert mail_fingerprint(f"mbox:{tmp_path / 'gone'}") == ""
    assert mail_fingerprint(f"mbox:{tmp_path}") == ""  # a folder
    assert mail_fingerprint("https://example.org/feed.xml") == ""
    assert mail_fingerprint("maildir:") == ""


def test_an_mbox_that_keeps_changing_waits_for_the_next_refresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_mbox(tmp_path / "alerts.mbox", alert(1))
    real = source._read_messages
    count = iter(range(2, 100))

    def appending(*args: object, **kwargs: object) -> tuple[MailBatch, bool]:
        make_mbox(path, alert(next(count)))  # a delivery during every pass
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(source, "_read_messages", appending)
    batch = read_new(url(MBOX, path), ["<a@b>"], NOW)
    assert batch.jobs == [] and batch.seen == ["<a@b>"]
    assert batch.error.startswith("the mbox file kept changing")


def test_crlf_messages_are_read(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    deliver(box, "1764758400.M1P1.host", eml("upwork_alert.eml").replace(b"\n", b"\r\n"))
    batch = read_new(url(MAILDIR, box), [], NOW)
    assert batch.seen == [UPWORK_ID] and len(batch.jobs) == 1
    assert batch.jobs[0].title == "Subtitle editor for a cooking channel"


def test_an_empty_message_id_counts_as_none(tmp_path: Path) -> None:
    box = make_maildir(tmp_path)
    first = eml("other_sender.eml").replace(b"<pc-9001@projects.co.id>", b"<>")
    second = eml("upwork_alert.eml").replace(b"<alert-src-0001@upwork.com>", b"<>")
    deliver(box, "1764758400.M1P1.host", first)
    deliver(box, "1764758401.M2P1.host", second)
    batch = read_new(url(MAILDIR, box), [], NOW)
    assert len(batch.jobs) == 2 and all(key.startswith("sha256:") for key in batch.seen)
