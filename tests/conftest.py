"""Shared fixtures: running the ingest command as a user would, and writing input files."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command

DEMO_CORPUS = Path(__file__).resolve().parent.parent / "articles" / "data" / "demo"


@dataclass
class CommandResult:
    exit_code: int
    stdout: str
    stderr: str


def run_command(name: str, *args: str, stdin: bytes | None = None, monkeypatch=None) -> CommandResult:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    code = 0
    try:
        call_command(name, *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code or 0
    return CommandResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def ingest(capsys, monkeypatch):
    """Run `manage.py ingest ARGS…`; errors printed by the progress bar land on stderr."""

    def _ingest(*args: str | Path, stdin: bytes | None = None) -> CommandResult:
        result = run_command("ingest", *map(str, args), stdin=stdin, monkeypatch=monkeypatch)
        captured = capsys.readouterr()
        return CommandResult(result.exit_code, result.stdout + captured.out, result.stderr + captured.err)

    return _ingest


@pytest.fixture
def write(tmp_path):
    """Write a file under tmp_path: text is UTF-8 unless `encoding` says otherwise."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the starter dictionary, as a running archive does."""
    from articles.tagging.dictionary import load_dictionary

    with django_db_blocker.unblock():
        load_dictionary()


@pytest.fixture(autouse=True)
def ranking_index(settings, tmp_path_factory):
    """A relevance index of the test's own (ingest fills it at the end of each run), apart
    from `tmp_path`, which tests ingest as a folder."""
    settings.RANKING_INDEX_DIR = tmp_path_factory.mktemp("ranking")
    return settings.RANKING_INDEX_DIR


@pytest.fixture
def actor():
    """Look up an actor by slug: actor("sergey-lavrov")."""
    from articles.models import Actor

    return lambda slug: Actor.objects.get(slug=slug)


def pytest_collection_modifyitems(items):
    """Transactional tests last (browser tests, two-connection tests): they empty the
    database when they end, dictionary included, which the other tests rely on."""
    items.sort(key=lambda item: "transactional_db" in getattr(item, "fixturenames", ()))
