"""`cockpit config list|get|set`: every setting from the command line, checked as in the app."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import orjson
import pytest

from cockpit import i18n
from cockpit.cli import main
from cockpit.models import Settings
from cockpit.paths import resolve
from cockpit.settings_check import (
    APP_ONLY,
    CHECKS,
    AppOnlySetting,
    SettingsError,
    UnknownSetting,
    check_setting,
    parse_price,
    parse_whole,
    setting_names,
)
from cockpit.store import Store


def run(*args: str) -> int:
    return main(list(args))


def stored(data_dir: Path) -> Settings:
    with Store.open(data_dir) as s:
        return s.settings.get()


def test_list_prints_every_field_as_key_equals_value(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("config", "list") == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(" = ", 1)[0] for line in out] == setting_names()
    assert "plan = basic" in out
    assert "connect_price_usd = 0.15" in out
    assert "language = " in out
    assert 'refund_reasons = ["client_cancelled_before_hire","post_removed_by_platform"]' in out


def test_list_json_is_one_object_with_every_field(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("config", "list", "--json") == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert orjson.loads(out) == Settings().to_dict()


def test_get_prints_the_value_alone(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("config", "get", "follow_up_days") == 0
    assert capsys.readouterr().out == "7\n"
    assert run("config", "get", "inbox-sort") == 0  # dashes for underscores
    assert capsys.readouterr().out == "score\n"


def test_set_writes_that_field_only(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir) as s:  # another setting changed earlier, e.g. in the app
        s.settings.update({"notify_score": 55, "skill_aliases": {"js": "javascript"}})
    assert run("config", "set", "plan", "plus") == 0
    assert capsys.readouterr().out == "plan = plus\n"
    assert run("config", "set", "connect_price_usd", "$0.16") == 0
    assert run("config", "set", "auto_refresh_minutes", "30") == 0
    after = stored(data_dir)
    assert (after.plan, after.connect_price_usd, after.auto_refresh_minutes) == ("plus", 0.16, 30)
    assert after.notify_score == 55 and after.skill_aliases == {"js": "javascript"}
    assert after.monthly_grant_plus == Settings().monthly_grant_plus
    assert run("config", "get", "plan") == 0
    assert capsys.readouterr().out.endswith("plus\n")


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("monthly_grant_day", "32", "between 1 and 31"),
        ("monthly_grant_day", "1_0", "whole number"),
        ("starting_balance", "0", "between 1 and 10000"),
        ("auto_refresh_minutes", "1441", "between 0 and 1440"),
        ("notify_score", "", "Enter the"),
        ("plan", "gold", "basic, plus"),
        ("language", "fr", "en, id"),
        ("inbox_view", "later", "shortlist"),
        ("connect_price_usd", "1e3", "dollar amount"),
        ("connect_price_usd", "inf", "dollar amount"),
        ("connect_price_usd", "0", "more than $0"),
        ("connect_price_usd", "150", "looks like a typo"),
        ("skill_aliases", '{"a": "b"}', "in the app"),
        ("refund_reasons", "x", "in the app"),
    ],
)
def test_a_bad_value_is_one_line_exit_2_and_nothing_written(
    data_dir: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, words: str
) -> None:
    run("config", "list")  # the store exists, so "nothing written" is a real check
    before = stored(data_dir)
    capsys.readouterr()
    assert run("config", "set", key, value) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith("cockpit: ")
    assert words in captured.err
    assert stored(data_dir) == before


def test_an_unknown_key_is_exit_2_for_get_and_set(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("config", "get", "colour") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'colour'" in err and "cockpit config list" in err
    assert run("config", "set", "colour", "red") == 2
    assert "'colour'" in capsys.readouterr().err
    assert not (data_dir / "precious.json").exists(), "a refused set creates no store"


def test_a_missing_action_is_a_usage_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        run("config")
    assert exc.value.code == 2


def test_setting_the_language_keeps_the_start_up_mirror(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = resolve(data_dir).config
    try:
        assert run("config", "set", "language", "ID") == 0
        assert stored(data_dir).language == "id"
        assert i18n.read_saved(config) == "id"
        assert run("config", "set", "language", "") == 0
        assert stored(data_dir).language == ""
        assert i18n.read_saved(config) == ""
    finally:
        i18n.set_language("en")


def test_every_field_has_a_check_or_is_app_only() -> None:
    assert set(setting_names()) == set(CHECKS) | APP_ONLY


def test_the_checks_return_typed_values() -> None:
    assert check_setting("monthly_grant_basic", " 0 ") == 0
    assert check_setting("notify_score", "-5") == -5
    assert check_setting("plan", " Plus ") == "plus"
    assert check_setting("inbox_sort", "newest") == "newest"
    assert check_setting("language", "") == ""
    assert parse_price("0.1234") == pytest.approx(0.1234)
    with pytest.raises(SettingsError, match="typo"):
        parse_price("1,000.5")  # read in English as 1000.5: over $100
    with pytest.raises(UnknownSetting):
        check_setting("nope", "1")
    with pytest.raises(AppOnlySetting):
        check_setting("refund_reasons", "[]")
    with pytest.raises(SettingsError, match="whole number"):
        parse_whole("٣", "x", low=0, high=9)


def test_a_field_added_later_is_checked_by_its_type(monkeypatch: pytest.MonkeyPatch) -> None:
    from cockpit import settings_check

    @dataclasses.dataclass
    class Later(Settings):
        later_command: str = ""
        quiet: bool = False
        cap: int = 5

    monkeypatch.setattr(settings_check, "Settings", Later)
    assert check_setting("later_command", " notify-send ") == "notify-send"
    assert check_setting("quiet", "yes") is True
    assert check_setting("cap", "12") == 12
    with pytest.raises(SettingsError, match="one line"):
        check_setting("later_command", "a\nb")
    with pytest.raises(SettingsError, match="true or false"):
        check_setting("quiet", "maybe")
