"""Freelancer.com project search as a source: the address, the pages, the jobs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.feeds import freelancer as fl
from cockpit.feeds.extract import MAX_DESCRIPTION, MAX_SKILLS
from cockpit.feeds.freelancer import (
    API_BASE,
    MAX_PAGES,
    PAGE_SIZE,
    SCHEME,
    check_source,
    is_freelancer,
    next_offset,
    page_url,
    parse_pages,
    query_of,
)
from cockpit.feeds.parse import ParseResult
from cockpit.models import Budget, Job, job_id_for

FIXTURES = Path(__file__).parent.parent / "fixtures" / "freelancer"
URL = 'freelancer:"audio editing"'


def body(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def joined(*pages: bytes) -> bytes:
    """What the lead's fetch hands over: the pages as one JSON array."""
    return b"[" + b",".join(pages) + b"]"


def parse(data: bytes, url: str = URL) -> ParseResult:
    return parse_pages(data, "feed-1", url)


def by_title(result: ParseResult) -> dict[str, Job]:
    return {job.title: job for job in result.jobs}


# -- the source address ------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        'freelancer:"audio editing"',
        "freelancer:audio editing",
        'freelancer: "audio editing"',
        "  FREELANCER:  audio   editing ",
        "Freelancer:'audio editing'",
        "freelancer:\u201caudio editing\u201d",
    ],
)
def test_check_source_normalises(raw: str) -> None:
    assert check_source(raw) == "freelancer:audio editing"


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("freelancer:", "empty"),
        ('freelancer:""', "empty"),
        ("freelancer:   ", "empty"),
        ("freelancer:" + "a" * 201, "too long"),
        ("freelancer:audio\x1b]52;c;ZXZpbA==\x07", "control"),
        ("freelancer:audio\nediting", "control"),
        ("freelancer:audio\u202eediting", "control"),
        ("audio editing", "starts with"),
        ("https://www.freelancer.com/rss.xml", "starts with"),
    ],
)
def test_check_source_refuses(raw: str, why: str) -> None:
    with pytest.raises(ValueError, match=why) as info:
        check_source(raw)
    assert "\x1b" not in str(info.value)  # never echoes what it refused


def test_a_query_of_200_characters_is_fine() -> None:
    assert check_source("freelancer:" + "a" * 200) == "freelancer:" + "a" * 200


def test_is_freelancer_and_query_of() -> None:
    assert is_freelancer("freelancer:logo")
    assert is_freelancer("FreeLancer:logo")
    assert not is_freelancer("https://www.freelancer.com/rss/job_Audio-Services.xml")
    assert not is_freelancer("")
    assert query_of("freelancer:audio editing") == "audio editing"
    assert query_of('freelancer:"audio  editing"') == "audio editing"
    assert query_of("https://example.com/feed") == ""
    assert query_of(check_source(URL)) == "audio editing"


def test_page_url_asks_for_what_the_jobs_need(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(fl.ENV_API, raising=False)
    url = page_url("audio & mixing", 50)
    assert url.startswith(API_BASE + "?")
    params = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert params["query"] == "audio & mixing"
    assert params["limit"] == str(PAGE_SIZE)
    assert params["offset"] == "50"
    for flag in ("full_description", "job_details", "user_details", "user_country_details"):
        assert params[flag] == "true"
    assert params["compact"] == "true"


def test_page_url_base_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fl.ENV_API, "http://127.0.0.1:8765/active/")
    assert page_url("logo", 0).startswith("http://127.0.0.1:8765/active/?query=logo&")
    assert page_url("logo", 0, base="http://127.0.0.1:9/x?a=1").startswith(
        "http://127.0.0.1:9/x?a=1&query=logo&"
    )
    assert "offset=0" in page_url("logo", -5)


# -- paging ------------------------------------------------------------------------------


def test_next_offset_walks_the_pages() -> None:
    assert next_offset(body("page1.json"), 0) == PAGE_SIZE
    assert next_offset(body("page2.json"), PAGE_SIZE) is None  # fewer than PAGE_SIZE


def test_next_offset_stops_at_max_pages() -> None:
    data = json.loads(body("page1.json"))
    data["result"]["total_count"] = 10_000
    full = json.dumps(data).encode()
    last = (MAX_PAGES - 1) * PAGE_SIZE
    assert next_offset(full, last - PAGE_SIZE) == last
    assert next_offset(full, last) is None


def test_next_offset_stops_at_total_count() -> None:
    data = json.loads(body("page1.json"))
    data["result"]["total_count"] = PAGE_SIZE
    assert next_offset(json.dumps(data).encode(), 0) is None
    data["result"]["total_count"] = "many"  # unreadable: the page size decides
    assert next_offset(json.dumps(data).encode(), 0) == PAGE_SIZE


@pytest.mark.parametrize(
    "data",
    [b"", b"{", b"[]", b"null", b'{"status":"success"}', b'{"result":{"projects":7}}'],
)
def test_next_offset_stops_on_what_it_cannot_read(data: bytes) -> None:
    assert next_offset(data, 0) is None


def test_next_offset_stops_on_an_error() -> None:
    assert next_offset(body("error.json"), 0) is None


# -- jobs --------------------------------------------------------------------------------


def test_fixed_price_usd_page() -> None:
    result = parse(body("page_usd_fixed.json"))
    assert result.error == "" and result.warning == ""
    assert result.title == "Freelancer.com: audio editing"
    jobs = by_title(result)
    job = jobs["Edit 6 podcast episodes (45 min each)"]
    assert job.source == "freelancer"
    assert job.feed_ids == ["feed-1"]
    assert job.guid == "freelancer:38120455"
    assert job.id == job_id_for("freelancer:38120455", job.link, job.title)
    assert job.link == (
        "https://www.freelancer.com/projects/audio-editing/Edit-podcast-episodes-min-each"
    )
    assert job.description.startswith("We record a weekly interview podcast.\nNeed noise")
    assert job.budget == Budget(kind="fixed", currency="USD", min=30.0, max=250.0)
    assert job.skills == ["Audio Editing", "Podcast Editing"]
    assert job.category == "Music & Audio"
    assert job.country == "United States"  # the project names none: the owner's
    assert job.posted == datetime.fromtimestamp(1780300000, UTC)
    assert job.fetched is not None
    signals = job.signals
    assert signals is not None
    assert (signals.platform, signals.platform_id) == ("freelancer", "38120455")
    assert signals.client.payment_verified is True
    assert signals.client.country == "United States"
    reading = signals.latest
    assert reading is not None and reading.at == job.fetched
    assert (reading.bids, reading.bid_avg, reading.bid_currency) == (12, 142.5, "USD")

    other = jobs["Master a 10-track album"]
    assert other.country == "Germany"  # the project's own place wins over the owner's
    assert other.signals is not None
    assert other.signals.client.country == "Australia"
    assert other.signals.client.payment_verified is False


def test_hourly_idr_and_inr_budgets() -> None:
    jobs = by_title(parse(body("mixed_budgets.json")))
    hourly = jobs["Ongoing podcast editor (hourly)"]
    assert hourly.budget == Budget(kind="hourly", currency="USD", min=15.0, max=25.0)
    assert hourly.signals is not None and hourly.signals.hours_per_week == "10 hrs/week"
    idr = jobs["Edit audio untuk video YouTube"]
    assert idr.budget == Budget(kind="fixed", currency="IDR", min=750_000.0, max=1_500_000.0)
    assert idr.signals is not None and idr.signals.latest is not None
    assert (idr.signals.latest.bids, idr.signals.latest.bid_currency) == (33, "IDR")
    inr = jobs["Hindi voice over cleanup"]
    assert inr.budget == Budget(kind="hourly", currency="INR", min=600.0, max=1500.0)
    assert inr.country == "India"


def test_missing_null_and_wrong_fields() -> None:
    result = parse(body("missing_fields.json"))
    assert result.error == ""
    # No id, a non-dict, a boolean id: not a project anyone can tell apart.
    assert result.warning == "skipped 3 unreadable items"
    jobs = {job.guid: job for job in result.jobs}
    assert set(jobs) == {f"freelancer:3830000{n}" for n in (1, 2, 3, 4)}

    bare = jobs["freelancer:38300001"]
    assert bare.title == "(untitled)"
    assert bare.link == "https://www.freelancer.com/projects/38300001"  # no seo_url
    assert (bare.budget, bare.posted, bare.skills, bare.country) == (None, None, [], "")
    assert bare.signals is not None and bare.signals.readings == []
    assert bare.signals.client.payment_verified is None

    nulls = jobs["freelancer:38300002"]
    assert nulls.title == "Only a preview here."  # the preview stands in for the text
    assert nulls.description == "Only a preview here."

    odd = jobs["freelancer:38300003"]
    assert odd.link == "https://www.freelancer.com/projects/38300003"  # not a slug
    assert odd.budget is None  # "fifty" and true are not amounts
    assert odd.skills == ["Audio Editing"]
    assert odd.posted == datetime.fromtimestamp(1780320000, UTC)  # submitdate stands in
    assert odd.signals is not None and odd.signals.latest is not None
    assert (odd.signals.latest.bids, odd.signals.latest.bid_avg) == (7, None)
    assert odd.signals.client.payment_verified is None  # "yes" is not a bool

    swapped = jobs["freelancer:38300004"]
    assert swapped.link == "https://www.freelancer.com/projects/38300004"  # "../../evil"
    assert swapped.budget is None  # "US DOLLAR" is no currency code
    assert swapped.posted is None  # year 3 million


def test_a_budget_with_min_over_max_is_put_in_order() -> None:
    data = json.loads(body("page_usd_fixed.json"))
    data["result"]["projects"][0]["budget"] = {"minimum": 250, "maximum": 30}
    job = parse(json.dumps(data).encode()).jobs[0]
    assert job.budget == Budget(kind="fixed", currency="USD", min=30.0, max=250.0)


def test_two_pages_make_one_list() -> None:
    result = parse(joined(body("page1.json"), body("page2.json")))
    assert result.error == "" and result.warning == ""
    assert len(result.jobs) == 73  # project 49 is on both pages: one job
    assert len({job.id for job in result.jobs}) == 73


def test_the_same_project_is_one_job_in_any_search() -> None:
    first = parse(body("page1.json"), "freelancer:audio").jobs[49]
    again = parse(body("page2.json"), "freelancer:podcast").jobs[0]
    assert first.guid == again.guid == "freelancer:38400049"
    assert first.id == again.id


def test_a_single_answer_or_an_array_of_one() -> None:
    one = parse(body("page_usd_fixed.json"))
    array = parse(joined(body("page_usd_fixed.json")))
    assert [j.id for j in one.jobs] == [j.id for j in array.jobs]


def test_an_error_body() -> None:
    result = parse(body("error.json"))
    assert result.jobs == []
    assert result.error.startswith("Freelancer.com said: You must be logged in to perform")
    assert "\x1b" not in result.error and "\x07" not in result.error
    assert len(result.error) <= len("Freelancer.com said: ") + fl.MAX_MESSAGE


def test_an_error_without_a_message() -> None:
    assert parse(b'{"status": "error"}').error == "Freelancer.com answered with an error"
    assert parse(b'{"status":"error","error_code":"X.Y"}').error == "Freelancer.com said: X.Y"


def test_a_failed_later_page_keeps_the_first() -> None:
    result = parse(joined(body("page1.json"), body("error.json")))
    assert len(result.jobs) == PAGE_SIZE
    assert result.error == ""
    assert result.warning.startswith("Freelancer.com said: You must be logged in")


@pytest.mark.parametrize("data", [b"{not json", b'{"status": "success", "result": ', b"\xff\xfe{"])
def test_broken_json(data: bytes) -> None:
    result = parse(data)
    assert result.jobs == []
    assert result.error.startswith("not a Freelancer.com answer: invalid JSON (")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", "empty body"),
        (b"  \n", "empty body"),
        (b'{"status": "success"}', "not a Freelancer.com answer: no list of projects"),
        (b"[1, 2, 3]", "not a Freelancer.com answer: no list of projects"),
        (b'"projects"', "not a Freelancer.com answer: no list of projects"),
    ],
)
def test_answers_without_projects(data: bytes, error: str) -> None:
    assert parse(data).error == error


def test_no_results_is_not_an_error() -> None:
    result = parse(b'{"status":"success","result":{"projects":[],"users":{},"total_count":0}}')
    assert (result.jobs, result.error, result.warning) == ([], "", "")


def test_hostile_text_stays_plain_and_bounded() -> None:
    job = parse(body("hostile.json")).jobs[0]
    assert job.title == "[bold red]URGENT[/] fix my mix now second line"
    for text in (job.title, job.description, job.country, *job.skills):
        assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
        assert "\u202e" not in text and "\r" not in text
    assert job.description.startswith("Click [link=https://evil.example]here[/link] and\nmore")
    assert len(job.description) <= MAX_DESCRIPTION and job.description.endswith("…")
    assert job.skills[0] == "[b]Audio[/b] Editing"
    assert len(job.skills) == MAX_SKILLS
    assert job.link == "https://www.freelancer.com/projects/38500001"  # "?next=" is no slug
    assert job.budget is None  # 1e308 and infinity are no amounts
    assert job.posted is None
    assert job.signals is not None
    assert job.signals.readings == []  # a negative bid count is not a count
    assert job.signals.client.country == "[i]Atlantis[/i]"
    assert len(job.country) <= 200


def test_jobs_survive_the_store() -> None:
    for job in parse(body("mixed_budgets.json")).jobs:
        assert Job.from_dict(json.loads(json.dumps(job.to_dict()))) == job


def test_the_messages_it_stores_are_english_msgids() -> None:
    assert fl.SAID in fl.MESSAGES and fl.BAD_JSON in fl.MESSAGES
    assert SCHEME == "freelancer:"


# -- never raises ------------------------------------------------------------------------

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
_KEYS = st.sampled_from(
    ["id", "owner_id", "title", "seo_url", "currency", "description", "preview_description",
     "jobs", "type", "budget", "bid_stats", "time_submitted", "submitdate", "location",
     "hourly_project_info", "code", "name", "country", "minimum", "maximum", "bid_count",
     "bid_avg", "status", "payment_verified", "commitment", "hours", "interval"]
)  # fmt: skip
_PROJECT = st.dictionaries(_KEYS, _JSON, max_size=12)
_ANSWER = st.fixed_dictionaries(
    {
        "status": st.sampled_from(["success", "error", None, 3]),
        "result": st.fixed_dictionaries(
            {
                "projects": st.lists(_PROJECT, max_size=4) | _JSON,
                "users": st.dictionaries(st.text(max_size=3), _PROJECT, max_size=3) | _JSON,
                "total_count": _JSON,
            }
        )
        | _JSON,
        "message": _JSON,
    }
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_ANSWER, st.lists(_ANSWER | _JSON, max_size=3), _JSON))
def test_parse_pages_never_raises_on_json_ish_input(data: object) -> None:
    raw = json.dumps(data).encode()
    result = parse_pages(raw, "f", "freelancer:x")
    assert isinstance(result, ParseResult)
    for job in result.jobs:
        assert job.id and job.title and job.source == "freelancer"
        assert job.link.startswith("https://www.freelancer.com/projects/")
    offset = next_offset(raw, 0)
    assert offset is None or offset == PAGE_SIZE


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_parse_pages_never_raises_on_bytes(raw: bytes) -> None:
    assert isinstance(parse_pages(raw, "f", "freelancer:x"), ParseResult)
    next_offset(raw, 0)
