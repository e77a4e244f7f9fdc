"""The full-text index: a tsvector column with a GIN index on PostgreSQL, FTS5 on SQLite."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE newsroom_article ADD COLUMN search_vector tsvector")
        schema_editor.execute(
            "CREATE INDEX newsroom_article_search ON newsroom_article USING GIN (search_vector)"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE newsroom_article_fts USING fts5("
            "headline, standfirst, tags, body, tokenize='porter unicode61 remove_diacritics 2')"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("ALTER TABLE newsroom_article DROP COLUMN search_vector")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TABLE newsroom_article_fts")


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
