"""Full-text search on PostgreSQL: a stored, weighted search vector and its GIN index.

A database trigger fills the column (headline weight A, dek B, body C) on every insert and on
every update of those fields, so it is right after save(), update(), bulk_create() and raw SQL
alike. A trigger rather than a generated column, so later migrations may still change the
fields' types. It is not a model field, so Django never selects it; articles/search.py queries
it. Other databases skip this migration and use the portable search.
"""

from django.db import migrations

SEARCH_CONFIG = "english"

ADD_SQL = f"""
ALTER TABLE articles_article ADD COLUMN search_vector tsvector;
CREATE FUNCTION article_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector :=
        setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(NEW.headline, '')), 'A') ||
        setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(NEW.dek, '')), 'B') ||
        setweight(to_tsvector('{SEARCH_CONFIG}'::regconfig, coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END
$$;
CREATE TRIGGER article_search_vector_trigger
    BEFORE INSERT OR UPDATE OF headline, dek, body ON articles_article
    FOR EACH ROW EXECUTE FUNCTION article_search_vector_update();
UPDATE articles_article SET headline = headline;
CREATE INDEX article_search_gin ON articles_article USING gin (search_vector);
"""

DROP_SQL = """
DROP INDEX IF EXISTS article_search_gin;
DROP TRIGGER IF EXISTS article_search_vector_trigger ON articles_article;
DROP FUNCTION IF EXISTS article_search_vector_update();
ALTER TABLE articles_article DROP COLUMN IF EXISTS search_vector;
"""


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_SQL)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(add_search_vector, drop_search_vector, elidable=False),
    ]
