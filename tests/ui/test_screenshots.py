"""scripts/screenshots.py runs, writes every shot, and each shows what its name says."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scripts.screenshots import DEFAULT_OUT, SHOTS, make_screenshots, markdown

# Words each picture must show; a shot that missed its state (a dialog that did not
# open, a pane still loading) lacks them.
EXPECTED: dict[str, tuple[str, ...]] = {
    "inbox": ("Shortlist", "Why this score", "Verdict", "Description"),
    "inbox-filter": ("filter:", "podcast", "Podcast editing"),
    "rules": ("Rules", "Podcast work first", "Exclude keywords"),
    "proposal-editor": ("Client preview", "{client_name} is still a placeholder",
                        "Generic opening"),
    "pipeline": ("Follow up", "Submitted", "Draft", "Moved"),
    "wallet": ("Balance", "Lots", "History", "Connects per month", "run out on"),
    "portfolio-gaps": ("Gaps: in demand", "Podcast Editing", "Trend"),
    "insights": ("This month vs last", "What my bids teach me", "Funnel"),
    "paste": ("Will save", "Connects to bid", "Activity", "Client", "Total spent"),
    "submit": ("Submit proposal", "you can afford", "Connects this job costs"),
    "help": ("Everywhere", "Inbox (1)", "Shortlist"),
    "welcome": ("Welcome to Cockpit", "explore the demo", "set your Connects"),
}  # fmt: skip


def svg_text(svg: str) -> str:
    """The characters on screen, one terminal line per line."""
    root = ET.fromstring(svg)
    lines: dict[str, list[str]] = {}
    for node in root.iter("{http://www.w3.org/2000/svg}text"):
        lines.setdefault(node.get("y", ""), []).append("".join(node.itertext()))
    return "\n".join("".join(parts) for parts in lines.values()).replace("\xa0", " ")


def test_every_shot_has_expected_words() -> None:
    assert set(EXPECTED) == {shot.name for shot in SHOTS}


@pytest.mark.timeout(900)
def test_script_writes_every_screenshot(tmp_path: Path) -> None:
    written = make_screenshots(tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{s.name}.svg" for s in SHOTS)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    for path in written:
        svg = path.read_text("utf-8")
        assert len(svg) > 10_000, f"{path.name} is nearly empty"
        text = svg_text(svg)
        for words in EXPECTED[path.stem]:
            assert words in text, f"{path.name} does not show {words!r}"
        # Nothing from the machine: the data folder is a temp folder named like this.
        assert "cockpit-shot-" not in html.unescape(svg)
        assert "Opening your jobs" not in text and "Building the inbox" not in text


def test_only_redoes_the_named_shots(tmp_path: Path) -> None:
    written = make_screenshots(tmp_path, only=("welcome",))
    assert [p.name for p in written] == ["welcome.svg"]
    with pytest.raises(ValueError, match="no such shot: nope"):
        make_screenshots(tmp_path, only=("nope",))


def test_the_readme_shots_are_in_the_repo() -> None:
    """The README shows screenshots/*.svg: each must exist (rerun the script)."""
    snippet = markdown()
    for shot in SHOTS:
        path = DEFAULT_OUT / f"{shot.name}.svg"
        assert path.is_file(), f"{path} is missing: run python scripts/screenshots.py"
        assert f"screenshots/{shot.name}.svg" in snippet
        assert re.search(r"<svg[\s>]", path.read_text("utf-8")[:2000])
