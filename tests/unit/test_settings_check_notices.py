"""The notice settings as `cockpit config set` and the A dialog check them."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from cockpit.settings_check import SettingsError, check_setting


def test_notify_command_empty_is_off_without_a_program() -> None:
    assert check_setting("notify_command", "") == ""
    assert check_setting("notify_command", "   ") == ""


def test_notify_command_found_is_kept_as_typed() -> None:
    text = f"  {shlex.quote(sys.executable)} -c 'print(1)' "
    assert check_setting("notify_command", text) == text.strip()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("no-such-program-zz9 --flag", "on PATH"),
        ("notify-send 'unclosed", "not closed"),
        ("/nonexistent/folder/notify.sh", "chmod"),
        ("python3\nrm -rf ~", "one line"),
    ],
)
def test_notify_command_refused(text: str, words: str) -> None:
    with pytest.raises(SettingsError, match=words):
        check_setting("notify_command", text)


def test_notify_command_needs_an_executable_file(tmp_path: Path) -> None:
    script = tmp_path / "notice.sh"
    script.write_text("#!/bin/sh\nexit 0\n")
    with pytest.raises(SettingsError):
        check_setting("notify_command", str(script))
    script.chmod(0o755)
    assert check_setting("notify_command", f"{script} --quiet") == f"{script} --quiet"


@pytest.mark.parametrize(
    ("text", "value"), [("score", "score"), (" BID ", "bid"), ("score_or_bid", "score_or_bid")]
)
def test_notify_rule(text: str, value: str) -> None:
    assert check_setting("notify_rule", text) == value


def test_notify_rule_refused() -> None:
    with pytest.raises(SettingsError, match="score, bid, score_or_bid"):
        check_setting("notify_rule", "always")


@pytest.mark.parametrize(
    ("text", "value"), [("22:00-07:00", "22:00-07:00"), ("9-17", "09:00-17:00"), ("", "")]
)
def test_notify_quiet(text: str, value: str) -> None:
    assert check_setting("notify_quiet", text) == value


@pytest.mark.parametrize("text", ["22:00", "25:00-07:00", "8-8", "night"])
def test_notify_quiet_refused(text: str) -> None:
    with pytest.raises(SettingsError, match="Quiet hours"):
        check_setting("notify_quiet", text)


@pytest.mark.parametrize(("text", "value"), [("1", 1), ("6", 6), ("60", 60)])
def test_notify_per_hour(text: str, value: int) -> None:
    assert check_setting("notify_per_hour", text) == value


@pytest.mark.parametrize("text", ["0", "61", "-1", "2.5", "six"])
def test_notify_per_hour_refused(text: str) -> None:
    with pytest.raises(SettingsError, match="notices per hour"):
        check_setting("notify_per_hour", text)


@pytest.mark.parametrize("text", ["Asia/Jakarta", "+07:00", "UTC+7", "", "UTC"])
def test_timezone(text: str) -> None:
    assert check_setting("timezone", text) == text.strip()


@pytest.mark.parametrize("text", ["Mars/Base", "+25:00", "Asia/", "../../etc/passwd"])
def test_timezone_refused(text: str) -> None:
    with pytest.raises(SettingsError, match="Unknown time zone"):
        check_setting("timezone", text)
