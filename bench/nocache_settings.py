"""Production settings with a cache that keeps nothing: the API with its response cache off."""
from newsroom.settings import *  # noqa: F403

# Used only when the settings offer no switch of their own for the response
# cache. It also empties the rate limiter's memory, which the benchmark
# lifts anyway.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
