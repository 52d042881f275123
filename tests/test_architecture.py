"""The shape of the code: one package per stage, each importing only the stages before it;
click only in cli/; every package listed for the wheel; every runtime import declared;
every error code used once."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import pkgutil
import re
import sys
import tomllib
from pathlib import Path

import pytest

import redactor
from redactor.errors import RedactorError

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "redactor"
# The pipeline, in order. A module of a stage may import its own stage, the foundation
# and the stages before it, never one after it.
STAGES = (
    "ingest",
    "detect",
    "plan",
    "check",
    "render",
    "verify",
    "redact",
    "package",
    "production",
    "review",
    "cli",
)
FOUNDATION = {
    "__init__",
    "errors",
    "files",
    "model",
    "blas",
    "categories",
    "surfaces",
    "resources",
    "profiles",
}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports (absolute names, relative imports resolved), anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = _name(path)
    package = here if path.name == "__init__.py" else here.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((target, node.lineno))
            # "from . import x" and "from .. import categories" name modules too
            for alias in node.names:
                out.append((f"{target}.{alias.name}", node.lineno))
    return out


def _stage(module: str) -> str | None:
    """The stage a redactor module belongs to, "" for the foundation, None when it is not redactor's."""
    parts = module.split(".")
    if parts[0] != "redactor":
        return None
    if (
        len(parts) == 1
        or parts[1] in FOUNDATION
        or parts[1] in ("patterns", "courts", "__version__")
    ):
        return ""
    return parts[1] if parts[1] in STAGES else ""


def test_every_module_belongs_to_a_stage_or_the_foundation():
    for path in _modules():
        parts = path.relative_to(PACKAGE).parts
        if len(parts) == 1:
            assert path.stem in FOUNDATION, (
                f"{path.name}: a loose module; put it in its stage's package"
            )
        else:
            assert parts[0] in STAGES, f"{parts[0]}/ is not a stage of the pipeline"


def test_each_stage_imports_only_earlier_stages():
    wrong = []
    for path in _modules():
        own = _stage(_name(path))
        for target, line in _imports(path):
            other = _stage(target)
            if other is None or other == "" or other == own:
                continue
            if own == "" or STAGES.index(other) > STAGES.index(own):
                wrong.append(
                    f"{path.relative_to(ROOT)}:{line} ({own or 'foundation'}) imports {target} ({other})"
                )
    assert not wrong, "\n".join(wrong)


def test_only_the_command_line_imports_click():
    wrong = []
    for path in _modules():
        if path.relative_to(PACKAGE).parts[0] == "cli":
            continue
        for target, line in _imports(path):
            if target.split(".")[0] == "click":
                wrong.append(f"{path.relative_to(ROOT)}:{line}")
    assert not wrong, wrong


def test_the_wheel_lists_every_package():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    folders = {
        _name(p.parent / "__init__.py")
        for p in PACKAGE.rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    data = set(config["package-dir"])
    assert listed == folders | data
    assert {ROOT / d for d in config["package-dir"].values()} == {
        ROOT / "patterns",
        ROOT / "courts",
    }


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] + [
        s for extra in project["optional-dependencies"].values() for s in extra
    ]
    return {re.split(r"[=<>!~ \[]", s)[0].lower().replace("_", "-") for s in specs}


def test_every_runtime_import_is_declared_and_pinned():
    declared = _declared()
    distributions = importlib.metadata.packages_distributions()
    lock = {
        line.split("==")[0].lower().replace("_", "-")
        for line in (ROOT / "requirements.lock").read_text().split()
    }
    missing = []
    for path in _modules():
        for target, line in _imports(path):
            top = target.split(".")[0]
            if (
                not top
                or top == "redactor"
                or top in sys.stdlib_module_names
                or top == "__future__"
            ):
                continue
            dists = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
            if not dists & declared:
                missing.append(
                    f"{path.relative_to(ROOT)}:{line} imports {top} ({', '.join(sorted(dists))})"
                )
            elif not dists & lock:
                missing.append(f"{top}: not pinned in requirements.lock")
    assert not missing, "\n".join(missing)
    pinned = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert all("==" in spec for spec in pinned), pinned


def _all_error_classes() -> list[type[RedactorError]]:
    for info in pkgutil.walk_packages(redactor.__path__, "redactor."):
        if info.name.startswith(("redactor.patterns", "redactor.courts")):
            continue
        importlib.import_module(info.name)
    out, todo = [], [RedactorError]
    while todo:
        cls = todo.pop()
        out.append(cls)
        todo += cls.__subclasses__()
    return out


def test_every_error_code_is_used_once_and_documented():
    classes = [c for c in _all_error_classes() if c is not RedactorError]
    codes = [c.code for c in classes if "code" in c.__dict__]
    assert len(codes) == len(set(codes)), sorted(codes)
    documented = set(re.findall(r"\| (E\d{3}) \|", Path(redactor.errors.__file__).read_text()))
    assert set(codes) <= documented, set(codes) - documented


@pytest.mark.parametrize("module", [f"redactor.{stage}" for stage in STAGES if stage != "cli"])
def test_library_messages_name_no_command_line_flag(module):
    """A flag is the command line's business: the library names the parameter (``option``)."""
    package = Path(importlib.import_module(module).__file__).parent
    flagged = []
    for path in sorted(package.rglob("*.py")):
        for lineno, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"""["'][^"']*\s--[a-z][a-z-]+""", line):
                flagged.append(f"{path.relative_to(ROOT)}:{lineno}")
    assert not flagged, flagged
