"""Invalidate readers' cached responses on every change they could see."""
from django.db.models.signals import post_delete, post_save

from . import caching
from .models import Article, Correction, Credit, Photo, Quote

# Saving or deleting any of these can change what an API response, feed or
# ninjs document says. QuerySet.update() and bulk_create() send no signals:
# callers of those bump the version themselves (caching.bump_version).
WATCHED = (Article, Photo, Quote, Credit, Correction)


def connect():
    for model in WATCHED:
        uid = f"newsroom-api-cache-{model._meta.label_lower}"
        post_save.connect(caching.bump_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(
            caching.bump_version, sender=model, dispatch_uid=uid + "-delete"
        )
