"""Settings for the test suite: production settings plus a throwaway key."""
import os

os.environ.setdefault("DJANGO_SECRET_KEY", "insecure-key-for-the-test-suite-only")

from newsroom.settings import *  # noqa: E402,F403

# Static files are served by whitenoise from collectstatic's output, which
# the suite does not build.
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The test client's login() passes no request, which django-axes needs; the
# lockout tests switch it back on.
AXES_ENABLED = False
