"""Freelancer.com project page: bids, the average bid, budget with its code, the client."""

from __future__ import annotations

import re

from cockpit.feeds.money import parse_amount_range
from cockpit.feeds.pagepaste.common import Labels, Recogniser, count, place
from cockpit.feeds.pagepaste.countries import country
from cockpit.feeds.pagepaste.draft import Draft
from cockpit.feeds.pagepaste.upwork import member_since

_BIDS = re.compile(r"(?P<n>\d[\d,]{0,7}) (?:bids?|proposals?)")
_BIDDING = re.compile(
    r"(?P<n>\d[\d,]{0,7}) freelancers? (?:are|is) bidding on average (?P<avg>[^\n]{1,40}?)"
    r"(?: for this job)?\.?"
)
_AVG_FIRST = re.compile(r"(?P<avg>[^\n]{1,30}?) (?:average|avg\.?) bid")
_RATED = re.compile(r"(?P<r>\d(?:\.\d{1,2})?) ?\((?P<n>\d[\d,]{0,9}) reviews?\)")


def bid_avg(d: Draft, value: str) -> bool:
    if d.has("bid_avg"):
        return False
    found = parse_amount_range(value)
    if found is None or found[1] is None:
        return False
    d.reading.bid_currency, d.reading.bid_avg = found[0], found[1]
    return d.mark("bid_avg")


def project_id(d: Draft, value: str) -> bool:
    digits = value.strip().lstrip("#")
    if not digits.isdigit() or len(digits) > 15 or d.has("project_id"):
        return False
    d.signals.platform_id = digits
    return d.mark("project_id")


def _bids(d: Draft, key: str, low: str) -> bool:
    if "bidding" in low and (m := _BIDDING.fullmatch(low)) is not None:
        if not d.has("bids"):
            d.reading.bids = int(m.group("n").replace(",", ""))
            d.mark("bids")
        return bid_avg(d, key[m.start("avg") : m.end("avg")])
    if "bid" in low and (m := _BIDS.fullmatch(low)) is not None and not d.has("bids"):
        d.reading.bids = int(m.group("n").replace(",", ""))
        return d.mark("bids")
    if "bid" in low and (m := _AVG_FIRST.fullmatch(low)) is not None:
        return bid_avg(d, key[m.start("avg") : m.end("avg")])
    return False


def _client(d: Draft, key: str, low: str) -> bool:
    """ "4.8 (23 reviews)"; the client's place ("Sydney, Australia" or a country)."""
    if "review" in low and (m := _RATED.fullmatch(low)) is not None:
        if d.has("rating"):
            return False
        d.client.rating, d.client.rating_scale = float(m.group("r")), 5.0
        d.client.reviews = int(m.group("n").replace(",", ""))
        d.mark("reviews")
        return d.mark("rating")
    if low.startswith("member since"):
        return member_since(d, key[12:].strip(" :"))
    return ("," in low or bool(country(key))) and place(d, key)


LABELS: Labels = {
    "bids": ("bids", count("bids", "bids")),
    "average bid": ("bid_avg", bid_avg),
    "avg bid": ("bid_avg", bid_avg),
    "project id": ("project_id", project_id),
    "location": ("country", place),
    "member since": ("member_since", member_since),
}
CONTENT: list[tuple[str, Recogniser]] = [("bids", _bids), ("client", _client)]
