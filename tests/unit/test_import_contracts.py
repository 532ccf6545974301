"""The import-linter contracts in pyproject.toml hold, and CI checks them."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[2]


def test_the_layer_contracts_hold() -> None:
    # No cache: it would be written into the repo, by two test workers at once.
    done = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()",
         "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]


def test_ci_runs_lint_imports() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert any(line.startswith(".venv/bin/lint-imports") for line in ci.splitlines())


def test_the_forbidden_contracts_list_every_module() -> None:
    """A new module under cockpit/ must join the contracts (the layers one says so too)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}
    tops = {
        f"cockpit.{p.stem if p.suffix else p.name}"
        for p in (ROOT / "cockpit").iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }
    no_textual = contracts["The domain and the store never import Textual, Rich or cockpit.ui"]
    assert set(no_textual["source_modules"]) == tops - {
        "cockpit.ui",
        "cockpit.cli",
        "cockpit.__main__",
    }
    no_tinydb = contracts["Only the store imports TinyDB"]
    assert set(no_tinydb["source_modules"]) == tops - {"cockpit.store", "cockpit.__main__"}
