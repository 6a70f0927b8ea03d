DROP TRIGGER named_after_article_redate ON articles_article;
DROP TRIGGER named_after_mention_insert ON articles_mention;
DROP TRIGGER named_after_mention_delete ON articles_mention;
DROP TRIGGER named_after_mention_update_add ON articles_mention;
DROP TRIGGER named_after_mention_update_drop ON articles_mention;
DROP FUNCTION articles_named_redate();
DROP FUNCTION articles_named_add();
DROP FUNCTION articles_named_drop();
