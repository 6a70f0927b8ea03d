DROP TRIGGER ranking_after_article_edit ON articles_article;
CREATE TRIGGER ranking_after_article_edit AFTER UPDATE OF title, body ON articles_article
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.body IS DISTINCT FROM NEW.body)
    EXECUTE FUNCTION articles_ranking_edit();
