"""Indexes the readers' API relies on: full-text search and embargo times.

The GIN index exists on PostgreSQL only; its expression must stay identical
to `articles.filters.search_vector()` or the planner will not use it. The
embargo index serves the query for the next visibility change.
"""
from django.db import migrations

SEARCH_INDEX = (
    "CREATE INDEX article_search_idx ON articles_article USING GIN (("
    "setweight(to_tsvector('english'::regconfig, "
    "COALESCE(headline, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, "
    "COALESCE(body, '')), 'B')))"
)
EMBARGO_INDEX = (
    "CREATE INDEX article_embargo_idx ON articles_article (status, embargo_until)"
)


def create_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SEARCH_INDEX)


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_idx")


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0003_editor_and_reporter_groups"),
    ]

    operations = [
        migrations.RunPython(create_search_index, drop_search_index),
        migrations.RunSQL(
            EMBARGO_INDEX, "DROP INDEX IF EXISTS article_embargo_idx"
        ),
    ]
