from django.db import migrations

# Frozen: the SQL as this migration installed it. The current definitions live in
# articles/sql/ (tests/database/test_database_code.py holds them equal to what is installed).
FORWARD_SQL = """
-- The relevance index keeps each article's place in newest-first order (its date, then
-- its id: articles/ranking.py, `sort_key`), so a new date is a change it must take in.
DROP TRIGGER ranking_after_article_edit ON articles_article;
CREATE TRIGGER ranking_after_article_edit AFTER UPDATE OF title, body, published ON articles_article
    FOR EACH ROW WHEN (
        OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body
        OR OLD.published IS DISTINCT FROM NEW.published
    )
    EXECUTE FUNCTION articles_ranking_edit();

-- The index of the new schema starts empty (a folder of its own): every article joins it.
INSERT INTO articles_rankingchange (article_id) SELECT id FROM articles_article ON CONFLICT DO NOTHING;
"""

REVERSE_SQL = """
DROP TRIGGER ranking_after_article_edit ON articles_article;
CREATE TRIGGER ranking_after_article_edit AFTER UPDATE OF title, body ON articles_article
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION articles_ranking_edit();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0010_dictionary_version'),
    ]

    operations = [
        migrations.RunSQL(
            FORWARD_SQL,
            reverse_sql=REVERSE_SQL,
        ),
    ]
