"""The packages whose names load on first use still offer every name they list, and
importing one name does not import the rest (that is what keeps the first frame light)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["cockpit.insights", "cockpit.wallet"])
def test_every_listed_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    for name in module.__all__:
        assert getattr(module, name) is not None, name
    with pytest.raises(AttributeError):
        module.no_such_name  # noqa: B018


@pytest.mark.parametrize("package", ["cockpit.insights", "cockpit.wallet"])
def test_no_lazy_name_is_shadowed_by_a_submodule(package: str) -> None:
    """A name that is also a submodule's would become the module once that loads."""
    import pkgutil

    module = importlib.import_module(package)
    submodules = {info.name for info in pkgutil.iter_modules(module.__path__)}
    for name in set(module._MODULES) & submodules:
        importlib.import_module(f"{package}.{name}")
        assert callable(getattr(module, name)), name


def test_one_name_loads_its_module_only() -> None:
    code = (
        "import sys\n"
        "from cockpit.insights import WINDOWS\n"
        "from cockpit.wallet import replay\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('cockpit.insights.', "
        "'cockpit.wallet.')))\n"
        "print(' '.join(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "cockpit.insights.market" in loaded and "cockpit.wallet.ledger" in loaded
    assert "cockpit.insights.report" not in loaded and "cockpit.wallet.csvio" not in loaded
