"""The app in Bahasa Indonesia: every pane, the Footer, help, a dialog and a notification.

Bindings are translated when cockpit.ui is imported, and this pytest process
imported it in English, so the app runs in a fresh process
(``tests/ui/i18n_runner.py``) that sets the language first, drives the app
with Pilot on the demo data and prints what the widgets render.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

# What each pane must say in Indonesian, and English it must no longer say.
EXPECTED: dict[str, dict[str, list[str]]] = {
    "inbox": {
        "footer": ["Pilih", "Abaikan", "Tempel lowongan", "Tampilan", "Saring"],
        "text": ["Baru", "Pilihan", "Anggaran", "Mengapa skor ini", "Deskripsi", "skor tertinggi"],
        "english": ["Shortlist", "Dismiss", "Why this score", "Description", "by score", "Budget"],
    },
    "proposals": {
        "footer": ["Sunting di $EDITOR", "Salin teks", "Kirim", "Cuplikan"],
        "text": ["Status", "Pekerjaan", "Draf", "Tindak lanjut (", "Pratinjau klien"],
        "english": ["Copy text", "Follow up", "Client preview", "Submitted", "State", "Submit"],
    },
    "wallet": {
        "footer": ["Jatah gratis", "Pembelian", "Tawaran/boost", "Pengembalian"],
        "text": ["Saldo: ", "Kelompok (yang terlama dipakai dulu)", "Riwayat", "Tanggal"],
        "english": ["Balance", "History", "Record a grant", "Lots (spent oldest first)"],
    },
    "portfolio": {
        "footer": ["Item baru", "Status berikutnya", "Permintaan", "Wawasan"],
        "text": ["Daftar periksa", "Permintaan", "Judul", "Keahlian", "selesai"],
        "english": ["New item", "Demand", "Insights", "Title", "done items cover"],
    },
}
APP_KEYS = ["Kotak masuk", "Lamaran", "Dompet", "Portofolio", "tombol", "keluar"]


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("i18n") / "data"
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.i18n_runner", "id", str(folder)],
        cwd=ROOT, capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def words(texts: list[str]) -> str:
    return "\n".join(texts)


@pytest.mark.parametrize("pane", list(EXPECTED))
def test_pane_speaks_indonesian(shown: dict[str, Any], pane: str) -> None:
    seen = shown["panes"][pane]
    expected = EXPECTED[pane]
    footer, text = seen["footer"], words(seen["text"])
    missing = [w for w in expected["footer"] if not any(w in key for key in footer)]
    missing += [w for w in expected["text"] if w not in text]
    assert missing == [], f"{pane}: not shown in Indonesian: {missing}\n{footer}\n{text[:2000]}"
    leftovers = [w for w in expected["english"] if w in text or w in footer]
    assert leftovers == [], f"{pane}: English left: {leftovers}"
    # The pane strip names every pane and the help and quit keys, in Indonesian.
    assert all(title in seen["strip"] for title in APP_KEYS), seen["strip"]


def test_dates_and_money_use_indonesian_formats(shown: dict[str, Any]) -> None:
    wallet = words(shown["panes"]["wallet"]["text"])
    portfolio = words(shown["panes"]["portfolio"]["text"])
    # Day, Indonesian month, year: "25 Nov 2026", "24 Okt 2026" (never "Oct").
    assert re.search(r"\b\d{1,2} (Okt|Nov|Des|Sep|Agu) 20\d\d\b", wallet)
    assert re.search(r"\b\d{1,2} (Okt|Nov|Des|Sep|Agu) 20\d\d\b", portfolio)
    assert not re.search(r"\b(Oct|Dec|Aug) 20\d\d\b", wallet + portfolio)
    # Dollars keep their currency, with the Indonesian decimal comma: "$3,15".
    assert re.search(r"\$\d+,\d\d\b", wallet)


def test_help_dialog_and_notification(shown: dict[str, Any]) -> None:
    help_text = words(shown["help"])
    assert "Di mana saja" in help_text and "Palet perintah" in help_text
    assert "Catat jatah gratis" in help_text and "Everywhere" not in help_text
    assert shown["dialog"][0] == "Catat Connects gratis (jatah)"
    assert {"Simpan", "Batal", "Catatan (opsional)"} <= set(shown["dialog"])
    assert "Permintaan dalam 90 hari terakhir." in shown["notifications"]
