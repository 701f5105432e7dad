"""Response caching and HTTP validators for readers, never past a change.

Every cached response is keyed by a content version, which signals bump on
any change readers could see, and lives no longer than the next moment an
article's visibility changes by itself (a scheduled time or an embargo). The
same two facts give the ETag and Last-Modified of every response, so neither
the server's cache nor a reader's can hold something stale or unpublished.
"""
import dataclasses
import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import DateTimeField, F, Func, Subquery
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .models import Article

VERSION_KEY = "newsroom:api:version"
STATE_KEY = "newsroom:api:state:{version}"
RESPONSE_KEY = "newsroom:api:response:{digest}"

# Readers' and proxies' caches may keep a response this long; shorter when an
# article is due to appear or leave before then.
MAX_AGE = 60
# The server's own cache is dropped on every change, so it may keep longer.
SERVER_TTL = 600
# ...unless it lives in one process's memory: then a change made by another
# process (a management command) cannot reach it, so it keeps no longer
# than readers' caches do.
PROCESS_LOCAL_BACKENDS = ("django.core.cache.backends.locmem.LocMemCache",)


def server_ttl():
    """How long the server may keep a response, at most."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return MAX_AGE if backend in PROCESS_LOCAL_BACKENDS else SERVER_TTL


@dataclasses.dataclass(frozen=True)
class ContentState:
    """What a response's freshness depends on, read once per request."""

    version: str
    changed_at: datetime.datetime
    last_event: datetime.datetime | None
    next_event: datetime.datetime | None

    @property
    def last_modified(self):
        """When what readers see last changed: an edit or a time passing."""
        if self.last_event and self.last_event > self.changed_at:
            return self.last_event
        return self.changed_at

    def seconds_left(self, now):
        """Seconds until visibility may change by itself; None if never."""
        if self.next_event is None:
            return None
        return max(0, int((self.next_event - now).total_seconds()))


def bump_version(**kwargs):
    """
    Give readers' content a new version, making every cached response stale.

    Called by signals on each change. It runs at once, so the same request
    or test sees the change, and again on commit, so a response built from
    the old rows while the transaction was open is not kept.
    """
    _new_version()
    transaction.on_commit(_new_version)


def _new_version():
    now = timezone.now()
    cache.set(VERSION_KEY, (uuid.uuid4().hex, now.timestamp()), None)


def _current_version():
    value = cache.get(VERSION_KEY)
    if value is None:
        # Lost (eviction, a fresh cache): start a new version; at worst this
        # is a cache miss and a Last-Modified later than needed.
        _new_version()
        value = cache.get(VERSION_KEY) or (uuid.uuid4().hex, timezone.now().timestamp())
    return value


def _visibility_events(now):
    """The latest past and the earliest future publish or embargo times.

    One query of four scalar subqueries, each a MIN or MAX over a range of
    the index on (status, published_at) or (status, embargo_until): the
    database reads one index entry for each instead of sorting every
    published article.
    """
    published = Article.objects.filter(status=Article.Status.PUBLISHED).order_by()

    def edge(field, lookup, function):
        # A Func, not an Aggregate: Django would group an aggregate by the
        # outer query; this stays a plain MIN/MAX over the filtered rows.
        extreme = Func(F(field), function=function, output_field=DateTimeField())
        rows = published.filter(**{f"{field}__{lookup}": now})
        return Subquery(rows.annotate(edge=extreme).values("edge")[:1])

    # The subqueries do not depend on the outer row; any one row carries
    # them, and with no articles at all there is nothing to wait for.
    rows = (
        Article.objects.order_by()
        .annotate(
            last_published=edge("published_at", "lte", "MAX"),
            last_embargo=edge("embargo_until", "lte", "MAX"),
            next_published=edge("published_at", "gt", "MIN"),
            next_embargo=edge("embargo_until", "gt", "MIN"),
        )
        .values("last_published", "last_embargo", "next_published", "next_embargo")[:1]
    )
    row = next(iter(rows), None)
    if row is None:
        return None, None
    past = [t for t in (row["last_published"], row["last_embargo"]) if t]
    future = [t for t in (row["next_published"], row["next_embargo"]) if t]
    return (max(past) if past else None), (min(future) if future else None)


def content_state(now=None):
    """The current ContentState, from the cache when still valid."""
    now = now or timezone.now()
    version, changed = _current_version()
    key = STATE_KEY.format(version=version)
    state = cache.get(key)
    if state is not None and (state.next_event is None or state.next_event > now):
        return state
    last_event, next_event = _visibility_events(now)
    state = ContentState(
        version=version,
        changed_at=datetime.datetime.fromtimestamp(changed, tz=datetime.timezone.utc),
        last_event=last_event,
        next_event=next_event,
    )
    cache.set(key, state, _bounded_ttl(server_ttl(), state, now))
    return state


def _bounded_ttl(ttl, state, now):
    left = state.seconds_left(now)
    return ttl if left is None else min(ttl, left)


def _etag(content, vary):
    digest = hashlib.sha256(content)
    digest.update(vary.encode())
    return f'"{digest.hexdigest()[:32]}"'


def cached_response(request, build, *, vary="", now=None):
    """
    A response for `request`: from the cache, or from `build()` and cached.

    `build` returns an HttpResponse with its content rendered. Only 200s are
    cached. `vary` names what else the content depends on (e.g. the image
    format chosen from Accept). The result carries ETag, Last-Modified and
    Cache-Control, and becomes a 304 when the request's validators match.
    """
    now = now or timezone.now()
    state = content_state(now)
    digest = hashlib.sha256(
        "\n".join(
            [state.version, str(state.next_event), request.build_absolute_uri(), vary]
        ).encode()
    ).hexdigest()
    key = RESPONSE_KEY.format(digest=digest)
    stored = cache.get(key)
    if stored is None:
        response = build()
        if response.status_code != 200:
            return response
        stored = {
            "content": response.content,
            "content_type": response["Content-Type"],
            "etag": _etag(response.content, vary),
        }
        ttl = _bounded_ttl(server_ttl(), state, now)
        if ttl > 0:
            cache.set(key, stored, ttl)
    response = HttpResponse(stored["content"], content_type=stored["content_type"])
    response["ETag"] = stored["etag"]
    response["Last-Modified"] = http_date(state.last_modified.timestamp())
    patch_cache_control(
        response, public=True, max_age=_bounded_ttl(MAX_AGE, state, now)
    )
    conditional = get_conditional_response(
        request,
        etag=stored["etag"],
        last_modified=int(state.last_modified.timestamp()),
        response=response,
    )
    return conditional
