"""cockpit.mail: .eml, mbox and Maildir read with the stdlib; Upwork alerts into page fields."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.mail import Mail, Skipped, job_from_mail, jobs_from_path, parse_message, read_path
from cockpit.models import Job

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "mail"
NOW = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)


def one_job(name: str) -> Job:
    result = jobs_from_path(FIXTURES / name, NOW)
    assert result.read == 1 and not result.skipped
    (job,) = result.jobs
    return job


def test_plain_upwork_alert_gives_every_field() -> None:
    job = one_job("upwork_plain.eml")
    assert job.title == "Podcast audio editor for a weekly show"
    assert job.link == "https://www.upwork.com/jobs/~01a2b3c4d5e6f7a8b9c0"
    assert job.signals is not None
    assert job.signals.platform == "upwork"
    assert job.signals.platform_id == "~01a2b3c4d5e6f7a8b9c0"
    assert job.budget is not None
    assert (job.budget.kind, job.budget.min, job.budget.max) == ("hourly", 25.0, 40.0)
    assert job.signals.experience == "intermediate"
    assert job.signals.duration == "1 to 3 months"
    assert job.signals.hours_per_week == "Less than 30 hrs/week"
    # "Posted: 12 minutes ago" counts from the alert's Date, not from the import.
    assert job.posted == datetime(2026, 12, 3, 9, 3, tzinfo=UTC)
    assert job.skills == ["Audio Editing", "Podcast Editing", "Adobe Audition", "Audio Mastering"]
    client = job.signals.client
    assert client.payment_verified is True
    assert client.rating == 4.8
    assert (client.spent, client.spent_currency) == (10000.0, "USD")
    assert client.country == "United States" == job.country
    assert job.description.startswith("We publish a weekly interview podcast")
    assert "Unsubscribe" not in job.description and "http" not in job.description
    assert job.source == "mail" and job.fetched == NOW


def test_html_only_quoted_printable_alert_takes_the_id_from_the_href() -> None:
    job = one_job("upwork_html_qp.eml")
    assert job.title == "Subtitle editor for Indonesian videos"
    assert job.link == "https://www.upwork.com/jobs/~01f0e1d2c3b4a5968778"
    assert job.budget is not None
    assert (job.budget.kind, job.budget.min, job.budget.max) == ("hourly", 10.0, 18.0)
    assert job.signals is not None
    assert job.signals.experience == "entry"
    assert job.signals.duration == "Less than 1 month"
    assert job.posted == datetime(2026, 12, 3, 1, 0, tzinfo=UTC)  # 10:00 +0700, 2 hours before
    assert job.skills == ["Subtitling", "Indonesian", "Proofreading"]
    assert job.signals.client.payment_verified is False
    assert job.signals.client.spent == 0.0
    assert job.country == "Indonesia"
    assert "Native speaker preferred & fast turnaround" in job.description  # entities decoded


def test_base64_multipart_latin1_alert_prefers_the_text_part() -> None:
    job = one_job("upwork_b64_latin1.eml")
    assert job.title == "Logo designer for a café in Lyon"  # an RFC 2047 iso-8859-1 subject
    assert job.budget is not None
    assert (job.budget.kind, job.budget.min) == ("fixed", 350.0)
    assert job.signals is not None
    assert job.signals.experience == "expert"
    assert "«Le Petit Déjeuner»" in job.description
    assert "see the text part" not in job.description
    assert job.signals.client.rating == 5.0
    assert job.signals.client.spent == 2000.0
    assert job.country == "France"
    assert job.link == "https://www.upwork.com/jobs/~01c0ffee0123456789ab"


def test_other_sender_is_one_job_titled_by_its_subject() -> None:
    job = one_job("projects_alert.eml")
    assert job.title == "Proyek baru: Edit video promosi produk UMKM"
    assert job.link.startswith("https://projects.co.id/public/browse_projects/view/a1b2c3/")
    assert job.budget is not None
    assert (job.budget.currency, job.budget.min, job.budget.max) == ("IDR", 1.5e6, 3e6)
    assert job.category == "Video Editing"
    assert job.skills == ["Adobe Premiere", "Video Editing", "Motion Graphics"]
    assert job.posted == datetime(2026, 12, 2, 7, 5, tzinfo=UTC)  # no date in the body: the Date


def test_broken_message_is_skipped_by_name() -> None:
    result = jobs_from_path(FIXTURES / "broken.eml", NOW)
    assert result.read == 1 and result.jobs == []
    assert [s.name for s in result.skipped] == ["broken.eml"]


def test_mbox_with_two_messages() -> None:
    result = jobs_from_path(FIXTURES / "alerts.mbox", NOW)
    assert result.read == 2 and not result.skipped
    assert [j.title for j in result.jobs] == [
        "Podcast audio editor for a weekly show",
        "Proyek baru: Edit video promosi produk UMKM",
    ]
    # The same alert from an mbox or from its own file: the same job.
    assert result.jobs[0].id == one_job("upwork_plain.eml").id


def test_maildir_reads_new_and_cur() -> None:
    result = jobs_from_path(FIXTURES / "maildir", NOW)
    assert result.read == 2 and not result.skipped
    assert {j.title for j in result.jobs} == {
        "Subtitle editor for Indonesian videos",
        "Logo designer for a café in Lyon",
    }


def test_a_bad_message_in_an_mbox_skips_only_itself(tmp_path: Path) -> None:
    box_path = tmp_path / "mixed.mbox"
    box = mailbox.mbox(box_path)
    box.add((FIXTURES / "upwork_plain.eml").read_bytes())
    box.add(b"X: y\n\n")  # headers but no subject and no text
    box.add((FIXTURES / "projects_alert.eml").read_bytes())
    box.flush()
    box.close()
    result = jobs_from_path(box_path, NOW)
    assert result.read == 3 and len(result.jobs) == 2
    assert [s.name for s in result.skipped] == ["mixed.mbox #2"]


def test_folder_of_eml_files_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes((FIXTURES / "upwork_plain.eml").read_bytes())
    (tmp_path / "notes.txt").write_text("not mail")
    assert [type(m) for m in read_path(tmp_path)] == [Mail]
    empty = tmp_path / "empty"
    empty.mkdir()
    (item,) = list(read_path(empty))
    assert isinstance(item, Skipped) and item.name == "empty"


def test_missing_path_is_a_skip_not_an_error(tmp_path: Path) -> None:
    (item,) = list(read_path(tmp_path / "nope.eml"))
    assert isinstance(item, Skipped)


def test_unknown_charset_falls_back_to_utf8() -> None:
    data = (
        b"From: a@b.c\nSubject: Hi\nContent-Type: text/plain; charset=x-klingon\n\nBudget: $100\n"
    )
    mail = parse_message(data, "k.eml")
    assert isinstance(mail, Mail) and "Budget: $100" in mail.text


def test_alert_without_a_link_is_keyed_by_message_id() -> None:
    data = (FIXTURES / "upwork_plain.eml").read_bytes()
    data = data.replace(b"~01a2b3c4d5e6f7a8b9c0", b"")
    mail = parse_message(data, "x.eml")
    assert isinstance(mail, Mail)
    job = job_from_mail(mail, NOW)
    assert job is not None and job.link == "" and job.guid == "mail:alert-0001@upwork.com"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_parser_never_raises_on_random_bytes(data: bytes) -> None:
    item = parse_message(data, "fuzz.eml")
    assert isinstance(item, Mail | Skipped)
    if isinstance(item, Mail):
        assert job_from_mail(item, NOW) is not None


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=200),
    st.text(max_size=2000),
    st.sampled_from(["text/plain", "text/html", "multipart/alternative; boundary=b"]),
    st.sampled_from(["base64", "quoted-printable", "8bit", "x-bogus"]),
)
def test_parser_never_raises_on_mangled_mime(
    subject: str, body: str, ctype: str, encoding: str
) -> None:
    data = (
        f"From: donotreply@upwork.com\nSubject: New job: {subject}\nContent-Type: {ctype}\n"
        f"Content-Transfer-Encoding: {encoding}\n\n{body}"
    )
    item = parse_message(data.encode("utf-8", "surrogatepass"), "m.eml")
    if isinstance(item, Mail):
        assert job_from_mail(item, NOW) is not None


def test_prose_with_dashes_stays_one_line() -> None:
    from cockpit.mail.upwork import page_text

    body = "We need an editor - fast - for a podcast\nHourly: $20 - Expert - Posted 1 hour ago"
    assert page_text(body, "T").splitlines() == [
        "We need an editor - fast - for a podcast",
        "Hourly: $20",
        "Expert",
        "Posted 1 hour ago",
    ]
