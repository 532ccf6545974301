"""The command line in Indonesian: help, messages, errors; and how the language is chosen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cockpit import i18n
from cockpit.cli import main


def test_help_in_indonesian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--lang", "id", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: cockpit")
    for words in ("opsi:", "tampilkan bantuan ini lalu keluar", "pakai folder data ini",
                  "perbarui feed tanpa UI (untuk cron)"):  # fmt: skip
        assert words in out
    for english in ("usage:", "options:", "show this help message", "use this data folder"):
        assert english not in out


def test_subcommand_help_and_errors_in_indonesian(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "id", "feeds", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: cockpit feeds")
    assert "\naksi:\n" in out and "impor feed dari berkas OPML" in out
    with pytest.raises(SystemExit) as info:
        main(["--lang", "id", "jobs", "--view", "nope"])
    assert info.value.code == 2
    assert "cockpit jobs: galat:" in capsys.readouterr().err


def test_feeds_messages_in_indonesian(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "id", "feeds", "list"]) == 0
    assert capsys.readouterr().out == "Belum ada feed. Tambahkan dengan `cockpit feeds add URL`.\n"
    assert (
        main(["--lang", "id", "feeds", "add", "https://example.com/rss", "--name", "Contoh"]) == 0
    )
    assert capsys.readouterr().out.startswith("Ditambahkan ")
    assert main(["--lang", "id", "feeds", "list"]) == 0
    assert "  aktif  Contoh  []" in capsys.readouterr().out
    assert main(["--lang", "id", "feeds", "add", "https://www.upwork.com/ab/feed/x"]) == 2
    assert "Upwork menutup feed RSS lowongannya" in capsys.readouterr().err
    assert main(["--lang", "id", "feeds", "rm", "nope"]) == 2
    assert "tidak ada feed dengan id nope" in capsys.readouterr().err
    # The same commands without --lang are English again (tests pin COCKPIT_LANG=en).
    assert main(["feeds", "rm", "nope"]) == 2
    assert "no feed with id nope" in capsys.readouterr().err


def test_saved_language_is_used_and_the_flag_wins(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(i18n.ENV_LANG)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    i18n.write_saved(data_dir / "config", "id")
    assert main(["feeds", "list"]) == 0
    assert capsys.readouterr().out.startswith("Belum ada feed.")
    assert main(["--lang", "en", "feeds", "list"]) == 0
    assert capsys.readouterr().out.startswith("No feeds yet.")


def test_lang_environment_picks_indonesian(tmp_path: Path) -> None:
    """A real process: LANG=id_ID.UTF-8 and nothing else set gives Indonesian help."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    env.pop(i18n.ENV_LANG, None)
    env.update(LANG="id_ID.UTF-8", COCKPIT_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run(
        [sys.executable, "-m", "cockpit", "--help"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.startswith("penggunaan: cockpit")
    env["LANG"] = "en_US.UTF-8"
    done = subprocess.run(
        [sys.executable, "-m", "cockpit", "--help"],
        env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert done.stdout.startswith("usage: cockpit")


def test_argparse_errors_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    from cockpit.cli import main

    with pytest.raises(SystemExit) as info:
        main(["--lang", "id", "jobs", "--view", "nope"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "pilihan tidak valid: 'nope'" in err and "invalid choice" not in err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "jobs", "--view", "nope"])
    assert "invalid choice: 'nope'" in capsys.readouterr().err
