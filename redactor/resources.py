"""Where the project's knowledge lives: the pattern packs and the court profiles.

Both are folders of YAML at the top of the repository (``patterns/``,
``courts/``), edited by people who never open the code. The wheel ships them
inside the package as ``redactor.patterns`` and ``redactor.courts`` (see
``pyproject.toml``), and they are found through :mod:`importlib.resources`, so an
installed ``redactor`` works from any folder. An environment variable points at
another folder instead: ``REDACTOR_PATTERNS`` for packs, ``REDACTOR_COURTS_DIR``
for court profiles.
"""

from __future__ import annotations

import importlib.resources
import os
from pathlib import Path

PATTERNS = "patterns"
COURTS = "courts"
_OVERRIDES = {PATTERNS: "REDACTOR_PATTERNS", COURTS: "REDACTOR_COURTS_DIR"}


def data_dir(kind: str) -> Path:
    """The folder of ``kind`` (``patterns`` or ``courts``): the override if set, else the shipped one."""
    override = os.environ.get(_OVERRIDES[kind])
    if override:
        return Path(override)
    return Path(str(importlib.resources.files(f"redactor.{kind}")))


def override_name(kind: str) -> str:
    """The environment variable that points ``kind`` at another folder."""
    return _OVERRIDES[kind]
