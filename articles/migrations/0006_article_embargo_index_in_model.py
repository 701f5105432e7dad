"""The embargo-time index, declared on the model so SQLite keeps it.

Migration 0004 created it in raw SQL, which the model state does not know;
SQLite rebuilds a table on most field changes (as 0005 did) and recreates
only the indexes the state knows, so the index was gone there while it
stayed on PostgreSQL. Dropping whatever is left and adding it through the
state gives every database the same index, kept from now on.
"""
from django.db import migrations, models

RAW_INDEX = (
    "CREATE INDEX IF NOT EXISTS article_embargo_idx "
    "ON articles_article (status, embargo_until)"
)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0005_article_source_bytes_hash"),
    ]

    operations = [
        migrations.RunSQL("DROP INDEX IF EXISTS article_embargo_idx", RAW_INDEX),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["status", "embargo_until"], name="article_embargo_idx"
            ),
        ),
    ]
