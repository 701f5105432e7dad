"""Nothing unpublished reaches a reader, by any endpoint, filter or page.

One database holds drafts, scheduled, embargoed and withdrawn articles (with
photos, quotes, corrections and credits of their own, and credits and a
speaker shared with published articles) and a quote an editor cut from its
article. Every endpoint is walked with every filter value; no response may
contain a secret headline, slug, quote, caption or credit.
"""
import base64
import itertools
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from articles.filters import (
    ORDERINGS,
    ArticleFilter,
    CreditFilter,
    PhotoFilter,
    QuoteFilter,
)
from articles.models import Credit, Photo, Quote
from tests.api_support import build_world, reader_api  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def assert_no_secret(world, path, response):
    text = response.content.decode("utf-8")
    if response["Content-Type"].startswith("application/json"):
        body = response.json()
        if isinstance(body, dict):
            # Page links repeat the reader's own query, which may name a
            # secret it searched for; the links' cursors are checked apart.
            for key in ("next", "previous"):
                link = body.pop(key, None)
                if link:
                    assert_cursor_is_a_published_position(world, link)
        text = json.dumps(body, ensure_ascii=False)
    lowered = text.lower()
    for secret in world.secrets:
        assert secret.lower() not in lowered, f"{path} shows {secret!r}"
    for item in world.secret_articles:
        assert f"/api/articles/{item.slug}/" not in text, path


def assert_cursor_is_a_published_position(world, link):
    query = parse_qs(urlsplit(link).query)
    for cursor in query.get("cursor", []):
        position = parse_qs(base64.b64decode(cursor).decode()).get("p", [""])[0]
        for item in world.secret_articles:
            assert item.slug not in position and item.headline not in position


def walk(world, client, path, seen):
    """GET `path` and every page after and before it; check each response."""
    queue = [path]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code in (200, 400, 404), (url, response.status_code)
        assert_no_secret(world, url, response)
        if response.status_code == 200 and response["Content-Type"].startswith(
            "application/json"
        ):
            body = response.json()
            if isinstance(body, dict):
                queue += [link for link in (body.get("next"), body.get("previous")) if link]


def filter_values(world):
    credits = [c.slug for c in Credit.objects.all()]
    dates = ["2020-01-01", "2999-12-31"] + sorted(
        {a.published_at.date().isoformat() for a in world.secret_articles if a.published_at}
    )
    words = ["zanzibarquux", "memo", "quibblezorp", "secret", "tram", "plan", "Petra Olsen",
             "nobody read", '"zanzibarquux memo"', "-tram zanzibarquux"]
    return {
        "credit": credits + [",".join(credits)],
        "agency": credits,
        "speaker": ["Petra Olsen", "olsen", "Quentin", ""],
        "has_photos": ["true", "false"],
        "is_file_photo": ["true", "false"],
        "has_image": ["true", "false"],
        "date_after": dates,
        "date_before": dates,
        "q": words,
        "kind": ["person", "organisation"],
        "article": [a.slug for a in world.secret_articles] + [world.published[0].slug],
        "ordering": list(ORDERINGS),
    }


LISTS = {
    "/api/articles/": ArticleFilter,
    "/api/photos/": PhotoFilter,
    "/api/credits/": CreditFilter,
    "/api/quotes/": QuoteFilter,
}


def test_every_list_with_every_filter_value_and_page_hides_the_unpublished(world):
    client, seen = APIClient(), set()
    values = filter_values(world)
    for path, filterset in LISTS.items():
        walk(world, client, f"{path}?page_size=1", seen)
        for name in filterset.base_filters:
            for value in values[name]:
                extra = "&q=tram" if (name, value) == ("ordering", "relevance") else ""
                url = f"{path}?page_size=2&{name}={value}{extra}"
                assert client.get(url).status_code == 200, url
                walk(world, client, url, seen)
    # Several filters at once, with search.
    for credit, word in itertools.product(values["credit"], ["zanzibarquux", "tram"]):
        walk(world, client, f"/api/articles/?credit={credit}&q={word}&page_size=1", seen)
    assert len(seen) > 100


def test_details_of_the_unpublished_are_404_and_say_nothing(world):
    client = APIClient()
    for item in world.secret_articles:
        for path in (f"/api/articles/{item.slug}/", f"/api/articles/{item.slug}/ninjs/"):
            response = client.get(path)
            assert response.status_code == 404
            assert_no_secret(world, path, response)
        for photo in item.photos.all():
            assert client.get(f"/api/photos/{photo.pk}/").status_code == 404
        for quote in item.quotes.all():
            assert client.get(f"/api/quotes/{quote.pk}/").status_code == 404
    for credit in world.only_secret_credits:
        assert client.get(f"/api/credits/{credit.slug}/").status_code == 404


def test_a_quote_cut_from_its_article_is_gone_everywhere(world):
    stale = Quote.objects.get(text__startswith="Stale quibblezorp")
    client = APIClient()
    assert client.get(f"/api/quotes/{stale.pk}/").status_code == 404
    detail = client.get("/api/articles/harbour-bridge-vote/")
    assert [q["text"] for q in detail.json()["quotes"]] == ["It is a good day"]
    assert_no_secret(world, "detail", detail)


def test_every_published_detail_ninjs_and_feed_hides_the_unpublished(world):
    client = APIClient()
    paths = ["/api/", "/feeds/rss/", "/feeds/atom/", "/api/schema/"]
    for item in world.published:
        paths += [f"/api/articles/{item.slug}/", f"/api/articles/{item.slug}/ninjs/"]
    for photo in Photo.objects.published():
        paths.append(f"/api/photos/{photo.pk}/")
    for quote in Quote.objects.published():
        paths.append(f"/api/quotes/{quote.pk}/")
    for credit in (world.shared_photographer, world.shared_agency):
        paths.append(f"/api/credits/{credit.slug}/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert_no_secret(world, path, response)


def test_shared_credit_counts_only_published_photos(world):
    body = APIClient().get(f"/api/credits/{world.shared_photographer.slug}/").json()
    # Three published photos; four more on unpublished articles do not count.
    assert body["photo_count"] == 3


def test_a_cached_list_does_not_keep_an_article_after_it_is_withdrawn(world):
    client = APIClient()
    target = world.published[0]
    assert target.slug in client.get("/api/articles/").content.decode()
    target.status = "withdrawn"
    target.withdrawn_reason = "Legal."
    target.save()
    for path in ("/api/articles/", "/api/articles/?q=tram", "/feeds/rss/",
                 "/api/quotes/?speaker=olsen", "/api/photos/"):
        assert target.slug not in client.get(path).content.decode(), path
    assert client.get(f"/api/articles/{target.slug}/").status_code == 404


def test_leak_walk_without_a_cache(world, settings):
    """The same walk with every response built afresh."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    cache.clear()
    client, seen = APIClient(), set()
    for path in LISTS:
        walk(world, client, f"{path}?page_size=1", seen)
        walk(world, client, f"{path}?q=zanzibarquux", seen)
