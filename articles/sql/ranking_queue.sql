-- Current definition: a migration installs it (its SQL frozen inline); edit it here and
-- in a new migration together (tests/test_database_code.py compares the two).
-- The articles the relevance index has not seen yet (articles/models/ranking.py), kept by
-- the database: statement-level triggers see a statement's rows as a transition table, so
-- a batch of ingest or a bulk delete costs one insert here.

CREATE OR REPLACE FUNCTION articles_ranking_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_rankingchange (article_id)
    SELECT id FROM changed_rows ORDER BY id ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER ranking_after_article_insert AFTER INSERT ON articles_article
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_ranking_new();
CREATE OR REPLACE TRIGGER ranking_after_article_delete AFTER DELETE ON articles_article
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_ranking_new();

-- An edit of the text or the date (a trigger on columns cannot see transition tables: one
-- row at a time). The index keeps each article's place in newest-first order (its date,
-- then its id: articles/ranking.py, `sort_key`), so a new date is a change it must take in.
CREATE OR REPLACE FUNCTION articles_ranking_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_rankingchange (article_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER ranking_after_article_edit AFTER UPDATE OF title, body, published ON articles_article
    FOR EACH ROW WHEN (
        OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body
        OR OLD.published IS DISTINCT FROM NEW.published
    )
    EXECUTE FUNCTION articles_ranking_edit();

