"""The layers hold: only cockpit/ui imports textual, only cockpit/store imports tinydb."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "cockpit"


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def offenders(module: str, allowed_under: str) -> list[str]:
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE.parent).as_posix()
        if rel.startswith(allowed_under):
            continue
        if module in imported_roots(path):
            bad.append(rel)
    return bad


def test_only_ui_imports_textual() -> None:
    assert offenders("textual", "cockpit/ui/") == []
    assert offenders("rich", "cockpit/ui/") == [], "rich is the UI's business too"


def test_only_store_imports_tinydb() -> None:
    assert offenders("tinydb", "cockpit/store/") == []


def test_the_walker_sees_imports(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("import textual.app\nfrom tinydb import TinyDB\ndef f():\n    import rich\n")
    assert imported_roots(sample) == {"textual", "tinydb", "rich"}


def test_ui_does_not_touch_tinydb() -> None:
    assert "tinydb" not in {r for p in (PACKAGE / "ui").rglob("*.py") for r in imported_roots(p)}
