-- Current definition: a migration installs it (its SQL frozen inline); edit it here and
-- in a new migration together (tests/test_database_code.py compares the two).
-- ActorMonth counts the pairs of articles_articleactor by actor and month (first day;
-- NULL for undated articles), kept by statement-level triggers like the pairs themselves.
-- Changes are summed by key and applied in key order, so two writers never wait on each
-- other's rows in opposite orders.

CREATE OR REPLACE FUNCTION articles_actor_months_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_actormonth (actor_id, month, articles)
    SELECT actor_id, date_trunc('month', published)::date, count(*)
    FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (actor_id, month) DO UPDATE SET articles = articles_actormonth.articles + EXCLUDED.articles;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION articles_actor_months_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO articles_actormonth (actor_id, month, articles)
    SELECT actor_id, date_trunc('month', published)::date, -count(*)
    FROM old_rows GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (actor_id, month) DO UPDATE SET articles = articles_actormonth.articles + EXCLUDED.articles;
    DELETE FROM articles_actormonth counted
    USING (SELECT DISTINCT actor_id, date_trunc('month', published)::date AS month FROM old_rows) gone
    WHERE counted.actor_id = gone.actor_id AND counted.month IS NOT DISTINCT FROM gone.month
      AND counted.articles = 0;
    RETURN NULL;
END $$;

CREATE OR REPLACE TRIGGER actor_months_after_insert AFTER INSERT ON articles_articleactor
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_actor_months_add();
CREATE OR REPLACE TRIGGER actor_months_after_delete AFTER DELETE ON articles_articleactor
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_actor_months_remove();
CREATE OR REPLACE TRIGGER actor_months_after_update_add AFTER UPDATE ON articles_articleactor
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_actor_months_add();
CREATE OR REPLACE TRIGGER actor_months_after_update_remove AFTER UPDATE ON articles_articleactor
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION articles_actor_months_remove();
