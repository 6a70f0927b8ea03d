"""The functions and triggers the database runs are the ones in articles/sql/.

Migrations install them with their SQL frozen inline; the files hold the current
definitions. Running every file over the migrated database must change nothing: if a
file was edited without a migration (or a migration without its file), a definition
differs here.
"""

import re

from django.db import connection

from tests.support.servers import ROOT

SQL_DIR = ROOT / "articles" / "sql"
DEFINED = re.compile(r"CREATE OR REPLACE (FUNCTION|TRIGGER) (\w+)")


def installed() -> dict[str, str]:
    """Each function and trigger of the archive's tables, by name, as PostgreSQL prints it."""
    with connection.cursor() as cursor:
        cursor.execute(
            r"""SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = current_schema() AND p.proname LIKE 'articles\_%'
                UNION ALL
                SELECT t.tgname, pg_get_triggerdef(t.oid) FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND c.relname LIKE 'articles\_%'"""
        )
        return dict(cursor.fetchall())


def files() -> dict[str, str]:
    return {path.name: path.read_text() for path in sorted(SQL_DIR.glob("*.sql"))}


def test_every_function_and_trigger_installed_has_one_file_and_no_other(db):
    named = [name for text in files().values() for _, name in DEFINED.findall(text)]
    assert len(named) == len(set(named)), "a definition appears twice"
    assert set(named) == set(installed())


def test_running_the_files_over_the_migrated_database_changes_no_definition(db):
    before = installed()
    with connection.cursor() as cursor:
        for text in files().values():
            cursor.execute(text)
    after = installed()
    changed = sorted(name for name in before if before[name] != after.get(name))
    assert not changed, f"articles/sql/ differs from what the migrations installed: {changed}"
    assert after == before


def test_an_edited_definition_is_seen(db):
    """The comparison above can fail: a function body changed in the database shows."""
    before = installed()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE OR REPLACE FUNCTION articles_ranking_edit() RETURNS trigger LANGUAGE plpgsql "
            "AS $$ BEGIN RETURN NULL; END $$"
        )
    assert installed()["articles_ranking_edit"] != before["articles_ranking_edit"]
