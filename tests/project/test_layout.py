"""The layout keeps one home per behaviour: no cycle between ingest and tagging, the
archive independent of the benchmark and the tests, and no module grown past reading."""

import ast
from pathlib import Path

import pytest

from tests.support.servers import ROOT

MAX_LINES = 450  # "about 400": a module past this wants cutting by job


def imports(path: Path) -> set[str]:
    """The modules `path` imports, at the top or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules(*folders: str) -> list[Path]:
    return [p for f in folders for p in sorted((ROOT / f).rglob("*.py")) if "migrations" not in p.parts]


@pytest.mark.parametrize(("importer", "imported"), [("articles/tagging", "articles.ingest"),
                                                    ("articles/text", "articles.ingest"),
                                                    ("articles/text", "articles.tagging")])  # fmt: skip
def test_the_lower_rooms_never_import_the_higher(importer, imported):
    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in imports(path) if m.startswith(imported))
        for path in modules(importer)
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_the_archive_imports_nothing_from_the_benchmark_or_the_tests():
    offenders = {
        str(path.relative_to(ROOT)): sorted(m for m in imports(path) if m.split(".")[0] in {"bench", "tests"})
        for path in modules("articles", "archive")
    }
    assert {path: found for path, found in offenders.items() if found} == {}


def test_no_module_of_the_archive_outgrows_a_reading():
    lengths = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
        for p in modules("articles", "archive")
    }
    assert {path: n for path, n in lengths.items() if n > MAX_LINES} == {}
