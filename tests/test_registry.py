"""One registry of categories and one table of surfaces: every stage handles exactly those.

Adding a category is one entry in ``redactor/categories.py``; adding a surface is one
entry in ``redactor/surfaces.py`` and one handler in each stage. These tests fail when a
stage produces, or forgets, something the registry does not list.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from redactor import categories, surfaces
from redactor.detect import structure, tables
from redactor.detect.packs import PatternSet
from redactor.ingest.surfaces import PARTS
from redactor.model import Finding, Term
from redactor.plan import Policy
from redactor.plan.forms import public_form
from redactor.render import surfaces_emptied
from redactor.verify import SURFACE_CHECKS

ROOT = Path(__file__).resolve().parents[1]
_CALLS = {"Span", "_public", "Finding"}


def _category_literals(folder: Path) -> set[str]:
    """Categories the code of ``folder`` reports: first arguments of Span(...), _public(...),
    Finding(...), values given to ``category``."""
    found: set[str] = set()

    def values(node: ast.AST) -> list:
        if isinstance(node, ast.IfExp):
            return values(node.body) + values(node.orelse)
        return [node.value] if isinstance(node, ast.Constant) else []

    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in _CALLS and node.args and isinstance(node.args[0], ast.Constant):
                    found.add(node.args[0].value)
                for kw in node.keywords:
                    if kw.arg == "category":
                        found.update(values(kw.value))
            elif isinstance(node, ast.Assign) and any(
                getattr(t, "id", "") == "category" for t in node.targets
            ):
                found.update(values(node.value))
            elif isinstance(node, ast.Dict):
                for key, value in zip(node.keys, node.values, strict=True):
                    if isinstance(key, ast.Constant) and key.value == "category":
                        found.update(values(value))
    return {c for c in found if isinstance(c, str) and not c.startswith("_")}


def test_what_detection_and_plan_report_is_the_registry():
    produced = _category_literals(ROOT / "redactor" / "detect") | _category_literals(
        ROOT / "redactor" / "plan"
    )
    produced |= set(PatternSet.load().categories())
    produced |= {category for category, _ in tables._HEADERS}
    produced.add(Term("a term").category)  # a policy term with no category of its own
    assert produced - set(categories.BY_NAME) == set(), "reported but not in the registry"
    assert set(categories.BY_NAME) - produced == set(), "in the registry but reported by nothing"


def test_public_and_private_are_told_apart_once():
    assert set(categories.PUBLIC).isdisjoint(categories.PRIVATE)
    assert all(categories.BY_NAME[c].action == "keep" for c in categories.PUBLIC)
    assert all(categories.BY_NAME[c].action != "keep" for c in categories.PRIVATE)
    aliases = [a for c in categories.CATEGORIES for a in c.aliases]
    assert len(aliases) == len(set(aliases)) and not set(aliases) & set(categories.BY_NAME)


# One value of each public form the registry names: the plan must be able to make each.
_FORM_EXAMPLES = {
    categories.LAST_FOUR_SSN: ("562-19-4471", "XXX-XX-4471"),
    categories.LAST_FOUR_TIN: ("12-3456789", "XX-XXX6789"),
    categories.LAST_FOUR: ("4111 1111 1111 1111", "XXXXXXXXXXXX1111"),
    categories.YEAR: ("March 3, 1981", "XX/XX/1981"),
    categories.INITIALS: ("Jane Smith", "J.S."),
    categories.CITY_STATE: ("9640 Cottonwood Drive, Fresno, CA 93720", "Fresno, CA"),
}


@pytest.mark.parametrize(
    "entry", [c for c in categories.CATEGORIES if c.partial_form], ids=lambda c: c.name
)
def test_the_plan_makes_every_public_form(entry):
    value, form = _FORM_EXAMPLES[entry.partial_form]
    assert public_form(entry.name, value, keep_city_state=True) == form


@pytest.mark.parametrize("entry", categories.CATEGORIES, ids=lambda c: c.name)
def test_the_plan_decides_every_category_from_the_registry(entry):
    finding = Finding(entry.name, "x", 1, (), "test", 1.0, "why", private=not entry.public)
    assert Policy.default().decide(finding) == (entry.name, entry.action)


def test_policies_accept_the_registry_names_and_aliases():
    names = {name: {"enabled": True} for name in categories.BY_NAME}
    aliases = {alias: {"enabled": True} for c in categories.CATEGORIES for alias in c.aliases}
    assert set(Policy.from_mapping({"categories": names | aliases}).rules) == set(
        categories.BY_NAME
    )


def test_every_surface_is_read_emptied_and_verified():
    read = {s for part in PARTS for s in part.surfaces} | (
        set(structure.KINDS) & set(surfaces.NAMES)
    )
    assert read == set(surfaces.NAMES), "read by ingest and detection"
    assert surfaces_emptied() == set(surfaces.NAMES), "emptied by render"
    assert set(SURFACE_CHECKS) == set(surfaces.NAMES), "proven by verify"


def test_the_readme_tables_are_the_registry():
    readme = (ROOT / "README.md").read_text()
    assert categories.markdown_table() in readme
    assert surfaces.markdown_table() in readme


def test_the_registry_order_settles_ties_between_private_categories():
    order = [categories.priority(c) for c in categories.PRIVATE]
    assert order == sorted(order) and categories.priority("SSN") < categories.priority("PERSON")
    assert re.fullmatch(r"[A-Z_]+", "".join(categories.BY_NAME))
