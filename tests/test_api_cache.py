"""The response cache: invalidated by every change, bounded by the clock."""
import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from articles import caching
from articles.models import Correction, Credit
from tests.api_support import (  # noqa: F401 (reader_api is an autouse fixture)
    DAY,
    HOUR,
    article,
    credit,
    photo,
    quote,
    reader_api,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    item = article(
        "ferry-returns",
        headline="The ferry returns",
        body="The ferry came back.\n\n“All is well,” said Orla Fenn.",
    )
    photo(item, 0, photographer=credit("Ilse Marrow"),
          agency=credit("Harbour Light", Credit.Kind.ORGANISATION), caption="Docking.")
    quote(item, 0, "All is well", "Orla Fenn")
    Correction.objects.create(article=item, text="First correction.")
    return item


def at(moment):
    """Run as if the clock showed `moment`."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_repeated_request_is_served_from_the_cache_without_queries(
    story, django_assert_num_queries
):
    client = APIClient()
    first = client.get("/api/articles/ferry-returns/")
    with django_assert_num_queries(0):
        second = client.get("/api/articles/ferry-returns/")
    assert second.content == first.content


CHANGES = {
    "article headline": lambda s: setattr_save(s, "headline", "Changed headline"),
    "photo caption": lambda s: setattr_save(s.photos.get(), "caption", "Changed caption"),
    "credit name": lambda s: setattr_save(
        Credit.objects.get(slug="ilse-marrow"), "name", "Changed Name"
    ),
    "quote speaker": lambda s: setattr_save(s.quotes.get(), "speaker", "Changed Speaker"),
    "new correction": lambda s: Correction.objects.create(article=s, text="Changed fix."),
    "photo deleted": lambda s: s.photos.get().delete(),
    "quote deleted": lambda s: s.quotes.get().delete(),
    "correction deleted": lambda s: s.corrections.get().delete(),
}


def setattr_save(obj, field, value):
    setattr(obj, field, value)
    obj.save()


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_every_change_readers_see_invalidates_cached_responses(story, change):
    client = APIClient()
    paths = ["/api/articles/", "/api/articles/ferry-returns/",
             "/api/articles/ferry-returns/ninjs/", "/api/photos/", "/api/quotes/",
             "/api/credits/"]
    before = {path: client.get(path).content for path in paths}

    CHANGES[change](story)

    after = {path: client.get(path).content for path in paths}
    fresh = {}
    for path in paths:
        cache.clear()
        fresh[path] = client.get(path).content
    assert after == fresh
    assert any(after[p] != before[p] for p in paths)


def test_deleting_an_article_drops_it_from_cached_lists(story):
    client = APIClient()
    assert b"ferry-returns" in client.get("/api/articles/").content
    story.delete()
    assert b"ferry-returns" not in client.get("/api/articles/").content
    assert client.get("/api/articles/ferry-returns/").status_code == 404


def test_a_scheduled_article_appears_when_its_time_comes_despite_the_cache(story):
    now = timezone.now()
    article("at-noon", headline="Noon story", published_at=now + HOUR)
    client = APIClient()
    with at(now):
        assert b"at-noon" not in client.get("/api/articles/").content
        assert client.get("/api/articles/at-noon/").status_code == 404
        etag = client.get("/api/articles/")["ETag"]
    with at(now + HOUR + datetime.timedelta(seconds=1)):
        response = client.get("/api/articles/", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert b"at-noon" in response.content
        assert client.get("/api/articles/at-noon/").status_code == 200
        assert b"Noon story" in client.get("/feeds/rss/").content


def test_an_embargoed_article_appears_when_the_embargo_lifts(story):
    now = timezone.now()
    article("embargoed", published_at=now - HOUR, embargo_until=now + 2 * HOUR)
    client = APIClient()
    with at(now):
        assert b"embargoed" not in client.get("/api/articles/").content
    with at(now + 2 * HOUR):
        assert b"embargoed" in client.get("/api/articles/").content


def test_cached_responses_live_no_longer_than_the_next_visibility_change(story):
    now = timezone.now()
    article("soon", published_at=now + datetime.timedelta(seconds=30))
    with at(now), mock.patch.object(caching.cache, "set", wraps=caching.cache.set) as sets:
        response = APIClient().get("/api/articles/")
    timeouts = {
        call.args[0].split(":")[2]: call.args[2]
        for call in sets.call_args_list
        if call.args[0].startswith(("newsroom:api:state", "newsroom:api:response"))
    }
    assert timeouts == {"state": 30, "response": 30}
    assert "max-age=30" in response["Cache-Control"]


def test_the_visibility_horizon_is_one_query_cached_with_the_version(
    story, django_assert_num_queries
):
    now = timezone.now()
    with django_assert_num_queries(1):
        state = caching.content_state(now)
    with django_assert_num_queries(0):
        assert caching.content_state(now) == state
    article("later", published_at=now + DAY)
    with django_assert_num_queries(1):
        assert caching.content_state(now).next_event == now + DAY


def test_the_version_is_bumped_again_on_commit(story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.headline = "Edited in a transaction"
        story.save()
        during = cache.get(caching.VERSION_KEY)
    assert callbacks
    for callback in callbacks:
        callback()
    assert cache.get(caching.VERSION_KEY) != during


def test_a_lost_version_only_costs_a_miss(story):
    client = APIClient()
    first = client.get("/api/articles/")
    cache.delete(caching.VERSION_KEY)
    second = client.get("/api/articles/")
    assert second.status_code == 200
    assert second["ETag"] == first["ETag"]


def test_last_modified_moves_with_a_change(story):
    client = APIClient()
    with at(timezone.now() - DAY):
        caching.bump_version()
        old = client.get("/api/articles/")["Last-Modified"]
    story.headline = "New"
    story.save()
    new = client.get("/api/articles/")["Last-Modified"]
    assert new != old
    assert client.get("/api/articles/", HTTP_IF_MODIFIED_SINCE=old).status_code == 200


def response_ttls(client, path):
    with mock.patch.object(caching.cache, "set", wraps=caching.cache.set) as sets:
        client.get(path)
    return [c.args[2] for c in sets.call_args_list
            if c.args[0].startswith("newsroom:api:response")]


def test_a_memory_cache_of_one_process_keeps_responses_only_briefly(story):
    # Another process (a management command) cannot invalidate it.
    assert response_ttls(APIClient(), "/api/articles/") == [caching.MAX_AGE]


def test_a_shared_cache_keeps_responses_longer(story, settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    assert response_ttls(APIClient(), "/api/articles/") == [caching.SERVER_TTL]


def test_the_visibility_horizon_reads_the_nearest_times_either_side_of_now(story):
    now = timezone.now()
    article("scheduled", published_at=now + 2 * HOUR)
    article("embargoed", published_at=now - 3 * HOUR, embargo_until=now + HOUR)
    article("lifted", published_at=now - 5 * HOUR, embargo_until=now - HOUR / 2)
    article("draft-soon", status="draft", published_at=now + HOUR / 4)
    # story was published a day ago; the lifted embargo is the latest past
    # event and the embargo ending in an hour the earliest future one.
    assert caching._visibility_events(now) == (now - HOUR / 2, now + HOUR)


def visibility_query_plan(now):
    """The database's plan for the visibility-horizon query, as text."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        caching._visibility_events(now)
    (query,) = queries.captured_queries
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            return "\n".join(row[3] for row in cursor.fetchall())
        # A handful of test rows would be read whole; the question is
        # whether the indexes can answer at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + query["sql"])
        return "\n".join(row[0] for row in cursor.fetchall())


def test_each_visibility_time_is_one_indexed_lookup_not_a_sort(story):
    from django.db import connection

    now = timezone.now()
    article("embargoed", published_at=now - HOUR, embargo_until=now + HOUR)
    plan = visibility_query_plan(now)
    if connection.vendor == "sqlite":
        searches = [line for line in plan.splitlines() if line.startswith("SEARCH")]
        assert len(searches) == 4, plan
        assert sum("article_embargo_idx (status=? AND embargo_until" in line
                   for line in searches) == 2, plan
        assert sum("(status=? AND published_at" in line for line in searches) == 2, plan
        assert "TEMP B-TREE" not in plan
    else:
        assert "Sort" not in plan, plan
        assert "Seq Scan" not in plan, plan
        assert "article_embargo_idx" in plan, plan


def test_the_embargo_index_survives_migrations_on_every_database():
    from django.db import connection

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, "articles_article"
        )
    assert constraints["article_embargo_idx"]["columns"] == ["status", "embargo_until"]
