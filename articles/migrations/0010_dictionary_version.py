from django.db import migrations, models

# Frozen: the SQL as this migration installed it. The current definitions live in
# articles/sql/ (tests/database/test_database_code.py holds them equal to what is installed).
FORWARD_SQL = """
-- The dictionary's stamp (articles/models/dictionary.py): a new random one whenever
-- something the lexicon or the name search reads changes. Statement-level triggers see a
-- statement's rows as a transition table, so a dictionary load costs one stamp a statement.

CREATE FUNCTION articles_dictionary_stamp() RETURNS void LANGUAGE sql AS $$
    INSERT INTO articles_dictionaryversion (id, stamp) VALUES (1, gen_random_uuid())
    ON CONFLICT (id) DO UPDATE SET stamp = EXCLUDED.stamp;
$$;

-- Aliases of venues and of active actors; a candidate's aliases wait for its acceptance
-- (an actor gone by then may have been active: it counts).
CREATE FUNCTION articles_dictionary_alias_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM changed_rows alias LEFT JOIN articles_actor actor ON actor.id = alias.actor_id
        WHERE actor.id IS NULL OR actor.status = 'active'
    ) THEN
        PERFORM articles_dictionary_stamp();
    END IF;
    RETURN NULL;
END $$;

-- Actors that are, or were, active: a new one, an edit, an acceptance, a merge.
CREATE FUNCTION articles_dictionary_actor_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed_rows WHERE status = 'active') THEN
        PERFORM articles_dictionary_stamp();
    END IF;
    RETURN NULL;
END $$;

-- Roles and venues: every change.
CREATE FUNCTION articles_dictionary_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM articles_dictionary_stamp();
    RETURN NULL;
END $$;

CREATE TRIGGER dictionary_after_alias_insert AFTER INSERT ON articles_alias
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_alias_changed();
CREATE TRIGGER dictionary_after_alias_delete AFTER DELETE ON articles_alias
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_alias_changed();
CREATE TRIGGER dictionary_after_alias_update_old AFTER UPDATE ON articles_alias
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_alias_changed();
CREATE TRIGGER dictionary_after_alias_update_new AFTER UPDATE ON articles_alias
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_alias_changed();

CREATE TRIGGER dictionary_after_actor_insert AFTER INSERT ON articles_actor
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_actor_changed();
CREATE TRIGGER dictionary_after_actor_delete AFTER DELETE ON articles_actor
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_actor_changed();
CREATE TRIGGER dictionary_after_actor_update_old AFTER UPDATE ON articles_actor
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_actor_changed();
CREATE TRIGGER dictionary_after_actor_update_new AFTER UPDATE ON articles_actor
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_actor_changed();

CREATE TRIGGER dictionary_after_role_change AFTER INSERT OR UPDATE OR DELETE ON articles_actorrole
    FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_changed();
CREATE TRIGGER dictionary_after_venue_change AFTER INSERT OR UPDATE OR DELETE ON articles_venue
    FOR EACH STATEMENT EXECUTE FUNCTION articles_dictionary_changed();

SELECT articles_dictionary_stamp();
"""

REVERSE_SQL = """
DROP TRIGGER dictionary_after_alias_insert ON articles_alias;
DROP TRIGGER dictionary_after_alias_delete ON articles_alias;
DROP TRIGGER dictionary_after_alias_update_old ON articles_alias;
DROP TRIGGER dictionary_after_alias_update_new ON articles_alias;
DROP TRIGGER dictionary_after_actor_insert ON articles_actor;
DROP TRIGGER dictionary_after_actor_delete ON articles_actor;
DROP TRIGGER dictionary_after_actor_update_old ON articles_actor;
DROP TRIGGER dictionary_after_actor_update_new ON articles_actor;
DROP TRIGGER dictionary_after_role_change ON articles_actorrole;
DROP TRIGGER dictionary_after_venue_change ON articles_venue;
DROP FUNCTION articles_dictionary_alias_changed();
DROP FUNCTION articles_dictionary_actor_changed();
DROP FUNCTION articles_dictionary_changed();
DROP FUNCTION articles_dictionary_stamp();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0009_mention_indexes_they_lead'),
    ]

    operations = [
        migrations.CreateModel(
            name='DictionaryVersion',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ('stamp', models.UUIDField()),
            ],
        ),
        migrations.RunSQL(
            FORWARD_SQL,
            reverse_sql=REVERSE_SQL,
        ),
    ]
