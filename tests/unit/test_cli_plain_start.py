"""`cockpit` alone opens the app without building every command's parser; anything else
goes through the full parser, with its errors and help unchanged."""

from __future__ import annotations

import subprocess
import sys

import pytest

from cockpit.cli import _plain_start, main


@pytest.mark.parametrize(
    "argv",
    [[], ["--data-dir", "/tmp/x"], ["--lang", "id"], ["--lang=en", "--data-dir=/tmp/y"]],
)
def test_the_app_alone_takes_the_short_way(argv: list[str]) -> None:
    args = _plain_start(argv)
    assert args is not None and args.command is None


@pytest.mark.parametrize(
    "argv",
    [["fetch"], ["--help"], ["--version"], ["--lang", "xx"], ["--data"], ["--data-dir"], ["x"]],
)
def test_everything_else_goes_through_the_full_parser(argv: list[str]) -> None:
    assert _plain_start(argv) is None


def test_a_bad_language_is_still_refused_by_the_parser(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--lang", "xx"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_starting_the_app_does_not_import_the_command_modules() -> None:
    code = (
        "import sys\n"
        "from cockpit import cli\n"
        "cli.run_app = lambda args, paths: 0\n"
        "cli.main(['--data-dir', sys.argv[1]])\n"
        "print(' '.join(m for m in ('cockpit.cli_data', 'cockpit.cli_mail', "
        "'cockpit.cli_config') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, "/tmp/cockpit-plain-start"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == ""
