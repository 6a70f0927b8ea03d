"""`manage.py backup` and `restore`: real round trips through pg_dump and pg_restore.

pg_restore works on its own connection, so these tests commit their data (transactional_db).
"""

import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from articles.curation import review_events, review_mentions
from articles.models import Article, Event, Mention, ReviewStatus
from articles.tagging.dictionary import load_dictionary
from tests.conftest import DEMO_CORPUS

DEMO_FILES = [
    "2020-10-10-moscow-truce-syndicated-a.txt",
    "2020-10-10-moscow-truce-syndicated-b.txt",
    "2020-11-10-trilateral-statement.html",
    "2022-04-07-brussels-peace-treaty.txt",
]


@pytest.fixture
def archive(transactional_db, ingest):
    """A few demo articles with editors' decisions on their suggestions, so history has them."""
    load_dictionary()
    assert ingest(*(DEMO_CORPUS / name for name in DEMO_FILES)).exit_code == 0
    editor = get_user_model().objects.create_user("layla", password="not-used-here", is_staff=True)
    mentions = list(Mention.objects.order_by("pk"))
    review_mentions(mentions[:5], ReviewStatus.CONFIRMED, editor)
    review_mentions(mentions[5:8], ReviewStatus.REJECTED, editor)
    review_events(Event.objects.order_by("pk")[:1], ReviewStatus.CONFIRMED)
    return editor


def snapshot() -> dict[str, tuple]:
    """Every table's row count and checksum of its rows, and every sequence's position."""
    state = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            name = connection.ops.quote_name(table)
            cursor.execute(f"SELECT count(*), md5(string_agg(t::text, ',' ORDER BY t::text)) FROM {name} t")
            state[table] = cursor.fetchone()
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'")
        state.update({f"sequence {name}": (value,) for name, value in cursor.fetchall()})
    return state


def backup_to(path) -> str:
    out = io.StringIO()
    call_command("backup", "--output", str(path), stdout=out)
    return out.getvalue()


def test_restoring_a_backup_brings_back_articles_decisions_history_and_users(archive, ingest, tmp_path):
    before = snapshot()
    assert before["articles_article"][0] == len(DEMO_FILES)
    assert before["auth_user"][0] == 1
    decided = Mention.history.filter(status__in=[ReviewStatus.CONFIRMED, ReviewStatus.REJECTED])
    assert decided.count() == 8
    dump = tmp_path / "archive.dump"

    assert f"to {dump}" in backup_to(dump)

    review_mentions(Mention.objects.filter(status=ReviewStatus.CONFIRMED), ReviewStatus.REJECTED, archive)
    Article.objects.filter(origin__endswith=".html").delete()
    archive.delete()
    assert ingest(DEMO_CORPUS / "2023-09-20-karabakh-ceasefire.txt").exit_code == 0
    changed = snapshot()
    assert changed != before
    out = io.StringIO()

    call_command("restore", str(dump), "--yes", stdout=out)

    assert f"restored {dump}" in out.getvalue()
    assert f"now holds {len(DEMO_FILES)} articles" in out.getvalue()
    assert snapshot() == before


def test_backup_writes_a_timestamped_file_under_var_backups_by_default(archive, settings, tmp_path):
    settings.VAR_DIR = tmp_path

    out = io.StringIO()
    call_command("backup", stdout=out)

    (dump,) = (tmp_path / "backups").iterdir()
    assert dump.name.startswith("archive-") and dump.suffix == ".dump"
    assert dump.read_bytes().startswith(b"PGDMP")
    assert str(dump) in out.getvalue()
    assert connection.settings_dict["NAME"] in out.getvalue()


@pytest.mark.parametrize("damage", ["not a dump", "a truncated dump"])
def test_a_failed_restore_says_why_and_leaves_the_data_as_it_was(archive, tmp_path, damage):
    path = tmp_path / "bad.dump"
    if damage == "not a dump":
        path.write_text("عنوان,نص\nهذا ملف CSV وليس نسخة احتياطية\n")
        expected = "not a pg_dump custom-format file"
    else:
        backup_to(path)
        path.write_bytes(path.read_bytes()[: path.stat().st_size * 3 // 4])
        expected = "pg_restore failed"
    before = snapshot()

    with pytest.raises(CommandError, match=expected):
        call_command("restore", str(path), "--yes", stdout=io.StringIO())

    assert snapshot() == before


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "nowhere.dump"), "--yes")


@pytest.mark.parametrize("answer", [None, "no"])
def test_restore_replaces_nothing_unless_confirmed(db, tmp_path, monkeypatch, answer):
    dump = tmp_path / "archive.dump"
    dump.write_bytes(b"PGDMP not restored")
    stdin = io.StringIO(f"{answer}\n" if answer else "")
    stdin.isatty = lambda: answer is not None
    monkeypatch.setattr("sys.stdin", stdin)
    questions = io.StringIO()
    monkeypatch.setattr("sys.stdout", questions)

    with pytest.raises(CommandError, match="pass --yes" if answer is None else "restore cancelled"):
        call_command("restore", str(dump))

    assert ("Replace ALL data" in questions.getvalue()) == (answer is not None)


def test_the_password_goes_in_the_environment_never_on_the_command_line(db, tmp_path, monkeypatch):
    dump = tmp_path / "archive.dump"
    dump.write_bytes(b"PGDMP")
    monkeypatch.setitem(connection.settings_dict, "PASSWORD", "s3cret-passw0rd")
    calls = []

    def run(command, env, **kwargs):
        calls.append((command, env))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr("articles.backup.subprocess.run", run)
    out = io.StringIO()
    call_command("restore", str(dump), "--yes", stdout=out)

    ((command, env),) = calls
    assert command[0].endswith("pginstall/bin/pg_restore")
    assert f"--dbname={connection.settings_dict['NAME']}" in command
    assert not any("s3cret" in argument for argument in command)
    assert env["PGPASSWORD"] == "s3cret-passw0rd"
    assert "s3cret" not in out.getvalue()
