"""One module per notebook of notebooks/ (social-media.ipynb → social_media.py), found with pkgutil:
no list to edit, so adding a notebook's checks touches only its own module."""
from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

REQUIRED = ("NAME", "SERVICES", "environment", "criteria", "check")


def modules() -> dict[str, ModuleType]:
    """{NAME: module} for every notebook module in this package."""
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        missing = [name for name in REQUIRED if not hasattr(module, name)]
        if missing:
            raise ImportError(f"{module.__name__} lacks {', '.join(missing)} (see the streamlab_check docstring)")
        found[module.NAME] = module
    return found


def module_for(name: str) -> ModuleType | None:
    """The module checking the notebook called `name` (the file's stem: kafka, social-media, …)."""
    return modules().get(name)
