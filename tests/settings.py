"""Settings for the test suite: production settings plus a throwaway key."""
import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-the-test-suite-only")

from newsroom.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
