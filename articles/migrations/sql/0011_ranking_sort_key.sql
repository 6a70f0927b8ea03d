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
