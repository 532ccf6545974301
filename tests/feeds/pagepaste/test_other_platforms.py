"""Projects.co.id and Freelancer.com pages, and a paste with nothing recognisable."""

from __future__ import annotations

from datetime import UTC, datetime

from cockpit.feeds.pagepaste import detect_platform, read_page
from cockpit.models import Budget

from .support import NOW, page, read


def test_projects_co_id_inline() -> None:
    result = read("projects_co_id.txt")
    job, s = result.job, result.job.signals
    assert s is not None and s.platform == "projects_co_id"
    assert job.title == "Pembuatan Aplikasi Kasir Berbasis Web untuk Toko Bangunan"
    assert job.budget == Budget("fixed", "IDR", 1_500_000.0, 3_000_000.0)
    assert job.posted == datetime(2026, 12, 1, 7, 22, 5, tzinfo=UTC)  # 14:22:05 WIB
    assert (s.deadline, s.finish_days, s.status) == ("7 days", 14, "Open")
    assert s.readings[0].bids == 12
    assert job.category == "Website Development"
    assert job.skills == ["php", "laravel", "mysql"]
    assert (s.client.city, s.client.country, job.country) == ("Jakarta", "Indonesia", "Indonesia")
    assert (s.client.rating, s.client.rating_scale) == (8.5, 10.0)
    assert result.missing == []
    assert job.description == (
        "Kami butuh aplikasi kasir sederhana untuk toko bangunan dengan stok barang,\n"
        "laporan penjualan harian, dan cetak struk.\nProject Owner\nbudi_santoso"
    )


def test_projects_co_id_stacked_with_dot_grouping() -> None:
    result = read("projects_co_id_stacked.txt")
    job, s = result.job, result.job.signals
    assert s is not None and s.platform == "projects_co_id"
    assert job.budget == Budget("fixed", "IDR", 1_500_000.0, 3_000_000.0)
    assert job.posted == datetime(2026, 11, 15, 2, 0, tzinfo=UTC)
    assert (s.deadline, s.finish_days, s.status) == ("20/12/2026", 10, "Published")
    assert s.readings[0].bids == 3
    assert job.skills == ["logo design", "illustrator"]
    assert (s.client.city, s.client.country) == ("Surabaya", "Indonesia")
    assert job.description == (
        "Logo lama klinik kami terlihat kuno, kami ingin tampilan yang lebih bersih."
    )


def test_projects_url_slug() -> None:
    url = "https://projects.co.id/public/browse_projects/view/a1b2c3/desain-logo"
    result = read_page("Desain logo\nBudget: Rp 500.000", url=url, now=NOW)
    assert result.job.signals is not None
    assert result.job.signals.platform == "projects_co_id"
    assert result.job.signals.platform_id == "desain-logo"
    assert result.job.budget == Budget("fixed", "IDR", 500_000.0, 500_000.0)


def test_freelancer() -> None:
    result = read("freelancer.txt")
    job, s = result.job, result.job.signals
    assert s is not None and s.platform == "freelancer"
    assert job.title == "Build a Product Filter for a Shopify Store"
    assert job.budget == Budget("fixed", "USD", 250.0, 750.0)
    assert job.skills == ["Shopify", "JavaScript", "Liquid"]
    assert s.platform_id == "39876543"
    assert (s.client.city, s.client.country, job.country) == ("Sydney", "Australia", "Australia")
    assert (s.client.rating, s.client.reviews, s.client.payment_verified) == (4.8, 23, True)
    assert s.client.member_since == datetime(2015, 3, 3, tzinfo=UTC)
    reading = s.readings[0]
    assert (reading.bids, reading.bid_avg, reading.bid_currency) == (24, 451.0, "USD")
    assert result.missing == []
    assert "Email verified\nIdentity verified" in job.description
    assert job.description.startswith("Bidding ends in 6 days\nPaid on delivery\nProject Details")


def test_freelancer_project_id_keeps_the_id() -> None:
    text = page("freelancer.txt")
    again = read_page(text.replace("24 freelancers", "31 freelancers"), now=NOW)
    assert read_page(text, now=NOW).job.id == again.job.id
    assert again.job.guid == "freelancer:39876543"


def test_freelancer_hourly_and_labels() -> None:
    result = read("freelancer_hourly.txt")
    job, s = result.job, result.job.signals
    assert s is not None and s.platform == "freelancer"
    assert job.budget == Budget("hourly", "USD", 15.0, 25.0)
    assert (s.readings[0].bids, s.readings[0].bid_avg) == (7, 18.0)
    assert job.skills == ["Data Entry", "Excel"]
    assert (s.client.country, s.client.payment_verified) == ("India", False)
    assert job.description == "We have about 400 scanned invoices to type into a spreadsheet."


def test_freelancer_rupees_and_bids_first() -> None:
    text = "Translate a menu\nfreelancer.com\n₹600 - 1500 INR\n9 bids\n$45 USD average bid\n"
    result = read_page(text, now=NOW)
    s = result.job.signals
    assert s is not None
    assert result.job.budget == Budget("fixed", "INR", 600.0, 1500.0)
    assert (s.readings[0].bids, s.readings[0].bid_avg, s.readings[0].bid_currency) == (
        9,
        45.0,
        "USD",
    )


def test_nothing_recognisable() -> None:
    result = read("nothing.txt")
    job = result.job
    assert job.title == "A note to self about the weekend"
    assert job.description == "Buy milk and bread.\nCall the plumber about the kitchen tap."
    assert job.budget is None and job.signals is not None and job.signals.platform == ""
    assert result.found == ["title"]
    assert result.missing == ["budget", "skills"]
    assert job.raw == page("nothing.txt")


def test_empty_and_blank() -> None:
    for text in ("", "   \n\n  ", "\x1b[31m\n"):
        result = read_page(text, now=NOW)
        assert result.job.title == "(untitled)"
        assert result.job.raw == text


def test_given_title_keeps_first_line() -> None:
    result = read_page("First line\nBudget: $40", title="My title", now=NOW)
    assert result.job.title == "My title"
    assert result.job.description == "First line"


def test_detect_platform() -> None:
    assert detect_platform("", "https://www.upwork.com/jobs/~01abc") == "upwork"
    assert detect_platform("", "https://www.freelancer.com/projects/x") == "freelancer"
    assert detect_platform("", "https://projects.co.id/x") == "projects_co_id"
    assert detect_platform(page("projects_co_id.txt")) == "projects_co_id"
    assert detect_platform(page("freelancer.txt")) == "freelancer"
    assert detect_platform("Send a proposal for: 4 Connects") == "upwork"
    assert detect_platform("hello") == ""


def test_found_keys_are_named_for_the_user() -> None:
    from cockpit.jobfacts import FIELD_NAMES

    extra = {"unanswered", "category", "project_id"}  # proposed for FIELD_NAMES
    for name in ("upwork_inline.txt", "projects_co_id.txt", "freelancer.txt"):
        result = read(name)
        assert set(result.found) <= set(FIELD_NAMES) | extra, name
