DROP TRIGGER ranking_after_article_edit ON articles_article;
DROP TRIGGER ranking_after_article_delete ON articles_article;
DROP TRIGGER ranking_after_article_insert ON articles_article;
DROP FUNCTION articles_ranking_edit();
DROP FUNCTION articles_ranking_new();
