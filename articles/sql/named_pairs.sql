-- Current definition: a migration installs it (its SQL frozen inline); edit it here and
-- in a new migration together (tests/test_database_code.py compares the two).
-- The named-pairs tables (articles/models/named.py) kept by the database itself.
--
-- Mentions: statement-level triggers see the rows a statement wrote as transition tables,
-- so ingest's bulk insert, an editor's rejection and a merge that moves thousands of
-- mentions each cost one set-based statement per table. A pair is added when it has a
-- kept mention (status not 'rejected') and removed when its last kept mention goes.

CREATE OR REPLACE FUNCTION articles_named_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_articleactor (article_id, actor_id, published)
    SELECT DISTINCT m.article_id, m.actor_id, a.published
    FROM new_rows m JOIN articles_article a ON a.id = m.article_id
    WHERE m.actor_id IS NOT NULL AND m.status <> 'rejected'
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    INSERT INTO articles_articlevenue (article_id, venue_id, published)
    SELECT DISTINCT m.article_id, m.venue_id, a.published
    FROM new_rows m JOIN articles_article a ON a.id = m.article_id
    WHERE m.venue_id IS NOT NULL AND m.status <> 'rejected'
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION articles_named_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM articles_articleactor pair
    USING (SELECT DISTINCT article_id, actor_id FROM old_rows WHERE actor_id IS NOT NULL) gone
    WHERE pair.article_id = gone.article_id AND pair.actor_id = gone.actor_id
      AND NOT EXISTS (
          SELECT 1 FROM articles_mention m
          WHERE m.actor_id = gone.actor_id AND m.article_id = gone.article_id AND m.status <> 'rejected');
    DELETE FROM articles_articlevenue pair
    USING (SELECT DISTINCT article_id, venue_id FROM old_rows WHERE venue_id IS NOT NULL) gone
    WHERE pair.article_id = gone.article_id AND pair.venue_id = gone.venue_id
      AND NOT EXISTS (
          SELECT 1 FROM articles_mention m
          WHERE m.venue_id = gone.venue_id AND m.article_id = gone.article_id AND m.status <> 'rejected');
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER named_after_mention_insert AFTER INSERT ON articles_mention
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_named_add();
CREATE OR REPLACE TRIGGER named_after_mention_delete AFTER DELETE ON articles_mention
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_named_drop();
-- An update (a status decided, a merge moving mentions to another actor) may both end a
-- pair and start one: the same two functions, in two triggers.
CREATE OR REPLACE TRIGGER named_after_mention_update_add AFTER UPDATE ON articles_mention
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_named_add();
CREATE OR REPLACE TRIGGER named_after_mention_update_drop AFTER UPDATE ON articles_mention
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_named_drop();

-- The copied date follows the article's (an editor dates an undated article).
CREATE OR REPLACE FUNCTION articles_named_redate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_articleactor SET published = NEW.published WHERE article_id = NEW.id;
    UPDATE articles_articlevenue SET published = NEW.published WHERE article_id = NEW.id;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER named_after_article_redate AFTER UPDATE OF published ON articles_article
    FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published)
    EXECUTE FUNCTION articles_named_redate();
