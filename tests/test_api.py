"""The readers' API: payloads, pagination, HTTP behaviour, query counts."""
import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from articles import caching
from articles.models import Article, Correction, Credit
from tests.api_support import (  # noqa: F401 (reader_api is an autouse fixture)
    HOUR,
    article,
    build_world,
    credit,
    jpeg,
    photo,
    quote,
    reader_api,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return APIClient()


def rich_article(slug="ferry-returns", n_photos=4, n_quotes=4, published_at=None):
    """A published article with several photos, quotes, credits, corrections."""
    paragraphs = ["PORT ALDER, Westmark — The ferry came back on Tuesday."]
    for n in range(n_quotes):
        paragraphs.append(f"“Crossing number {n} went well,” said Orla Fenn.")
    item = article(
        slug,
        headline="The ferry returns to Kestrel Island",
        body="\n\n".join(paragraphs),
        published_at=published_at or timezone.now() - HOUR,
        dateline="PORT ALDER, Westmark",
        byline="By Tomas Wren",
    )
    for n in range(n_photos):
        photo(
            item,
            n,
            photographer=credit(f"{slug} Photographer {n}"),
            agency=credit(f"{slug} Agency {n}", Credit.Kind.ORGANISATION),
            distributor=credit(f"{slug} Distributor {n}", Credit.Kind.ORGANISATION),
            caption=f"Caption {n}",
            credit_line=f"Agency {n} Photo/Photographer {n}",
        )
    for n in range(n_quotes):
        quote(item, n, f"Crossing number {n} went well", "Orla Fenn", paragraph=n + 1)
    Correction.objects.create(article=item, text="The ferry came back on Tuesday, not Monday.")
    return item


def test_article_detail_payload_is_complete():
    published = datetime.datetime(2025, 6, 2, 8, 15, tzinfo=datetime.timezone.utc)
    item = article(
        "ferry-returns",
        headline="The ferry returns to Kestrel Island",
        body="PORT ALDER, Westmark — The ferry came back.\n\n"
        "“It is good to be home,” said Orla Fenn, the captain.",
        published_at=published,
        dateline="PORT ALDER, Westmark",
        byline="By Tomas Wren",
    )
    person = credit("Ilse Marrow")
    agency = credit("Harbour Light", Credit.Kind.ORGANISATION)
    photo(item, 0, photographer=person, agency=agency, caption="The ferry docks.",
          credit_line="Harbour Light Photo/Ilse Marrow", is_file_photo=True)
    quote(item, 0, "It is good to be home", "Orla Fenn", resolved="Orla Fenn")
    fixed = datetime.datetime(2025, 6, 3, 9, 0, tzinfo=datetime.timezone.utc)
    Correction.objects.create(article=item, text="The captain is Orla Fenn.", created_at=fixed)
    item.refresh_from_db()

    response = APIClient().get("/api/articles/ferry-returns/")

    assert response.status_code == 200
    assert response.json() == {
        "slug": "ferry-returns",
        "headline": "The ferry returns to Kestrel Island",
        "published_at": "2025-06-02T08:15:00Z",
        "updated_at": item.updated_at.isoformat().replace("+00:00", "Z"),
        "dateline": "PORT ALDER, Westmark",
        "byline": "By Tomas Wren",
        "paragraphs": [
            "PORT ALDER, Westmark — The ferry came back.",
            "“It is good to be home,” said Orla Fenn, the captain.",
        ],
        "photos": [
            {
                "caption": "The ferry docks.",
                "credit_line": "Harbour Light Photo/Ilse Marrow",
                "photographer": {"name": "Ilse Marrow", "slug": "ilse-marrow", "kind": "person"},
                "agency": {"name": "Harbour Light", "slug": "harbour-light",
                           "kind": "organisation"},
                "distributor": None,
                "is_file_photo": True,
                "alt_text": "",
                "image": None,
            }
        ],
        "quotes": [
            {"text": "It is good to be home", "speaker": "Orla Fenn",
             "speaker_resolved": "Orla Fenn", "verb": "said", "paragraph": 1}
        ],
        "corrections": [
            {"text": "The captain is Orla Fenn.", "created_at": "2025-06-03T09:00:00Z"}
        ],
        "url": "http://testserver/api/articles/ferry-returns/",
    }


def test_article_list_gives_summaries_newest_first(client):
    now = timezone.now()
    article("older", published_at=now - 2 * HOUR)
    rich_article("newer", n_photos=2, n_quotes=1)

    body = client.get("/api/articles/").json()

    assert [a["slug"] for a in body["results"]] == ["newer", "older"]
    first = body["results"][0]
    assert set(first) == {
        "slug", "headline", "published_at", "updated_at", "dateline", "byline",
        "excerpt", "photo_count", "first_photo", "url",
    }
    assert first["excerpt"] == "PORT ALDER, Westmark — The ferry came back on Tuesday."
    assert first["photo_count"] == 2
    assert first["first_photo"]["caption"] == "Caption 0"
    assert first["url"] == "http://testserver/api/articles/newer/"
    assert "paragraphs" not in first
    assert body["results"][1]["first_photo"] is None


def test_detail_of_a_photo_with_an_image_has_absolute_renditions(client):
    item = article("with-image")
    photo(item, 0, caption="A wide picture.", image=jpeg(2000, 1000))

    image = client.get("/api/articles/with-image/").json()["photos"][0]["image"]

    assert image["width"] == 2000 and image["height"] == 1000
    assert image["url"].startswith("http://testserver/media/photos/")
    sizes = {name: (r["width"], r["height"]) for name, r in image["renditions"].items()}
    assert sizes == {"thumbnail": (320, 160), "medium": (800, 400), "large": (1600, 800)}
    for rendition in image["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/renditions/")
        assert rendition["url"].endswith(".jpg")
        assert rendition["content_type"] == "image/jpeg"


def test_renditions_are_webp_when_the_client_accepts_webp(client):
    item = article("with-image")
    photo(item, 0, image=jpeg(640, 480))

    response = client.get(
        "/api/articles/with-image/", HTTP_ACCEPT="application/json, image/webp"
    )

    thumbnail = response.json()["photos"][0]["image"]["renditions"]["thumbnail"]
    assert thumbnail["url"].endswith(".webp")
    assert thumbnail["content_type"] == "image/webp"
    assert "Accept" in response["Vary"]


def test_unknown_slug_is_a_json_404(client):
    response = client.get("/api/articles/no-such-story/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No Article matches the given query."}


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/articles/", "/api/articles/ferry-returns/", "/api/credits/",
             "/api/photos/", "/api/quotes/", "/api/articles/ferry-returns/ninjs/"]
)
def test_writes_are_answered_405_in_json(client, method, path):
    rich_article("ferry-returns", n_photos=1, n_quotes=1)
    response = getattr(client, method)(path, {}, format="json")
    assert response.status_code == 405
    assert "not allowed" in response.json()["detail"]


@pytest.mark.parametrize("method", ["post", "delete"])
def test_feeds_refuse_writes_with_405(client, method):
    response = getattr(client, method)("/feeds/rss/")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_get_carries_an_open_cors_header(client):
    article("ferry-returns")
    response = client.get("/api/articles/", HTTP_ORIGIN="https://reader.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_responses_carry_validators_and_a_short_public_cache_control(client):
    article("ferry-returns")
    for path in ("/api/articles/", "/api/articles/ferry-returns/", "/feeds/rss/"):
        response = client.get(path)
        assert response.status_code == 200
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert "public" in response["Cache-Control"]
        assert f"max-age={caching.MAX_AGE}" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/api/articles/", "/api/articles/ferry-returns/",
                                  "/api/credits/", "/feeds/atom/"])
def test_conditional_get_with_a_matching_etag_is_304(client, path):
    rich_article("ferry-returns", n_photos=1, n_quotes=1)
    first = client.get(path)

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_conditional_get_since_last_modified_is_304(client):
    article("ferry-returns")
    first = client.get("/api/articles/")
    again = client.get("/api/articles/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_old_etag_gets_the_new_content_after_an_edit(client):
    item = article("ferry-returns")
    first = client.get("/api/articles/ferry-returns/")

    item.headline = "The ferry returns, and stays"
    item.save()
    again = client.get("/api/articles/ferry-returns/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert again.json()["headline"] == "The ferry returns, and stays"
    assert again["ETag"] != first["ETag"]


def test_max_age_is_cut_short_by_a_scheduled_article(client):
    now = timezone.now()
    article("ferry-returns", published_at=now - HOUR)
    article("coming-soon", published_at=now + datetime.timedelta(seconds=20))

    response = client.get("/api/articles/")

    max_age = int(response["Cache-Control"].split("max-age=")[1].split(",")[0])
    assert max_age <= 20


def test_anonymous_clients_are_throttled_with_a_json_429(client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute"}
    }
    article("ferry-returns")
    statuses = [client.get("/api/articles/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/articles/")
    assert "throttled" in refused.json()["detail"]
    assert "Retry-After" in refused


def test_article_list_query_count_does_not_grow_with_page_size(
    client, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(30):
        rich_article(f"story-{n}", n_photos=3, n_quotes=3, published_at=now - n * HOUR)
    cache.clear()

    with django_assert_max_num_queries(6):
        body = client.get("/api/articles/?page_size=30").json()

    assert len(body["results"]) == 30
    assert all(a["photo_count"] == 3 for a in body["results"])


def test_article_list_builds_one_photo_serializer_for_every_first_photo(
    client, monkeypatch
):
    from articles import serializers

    now = timezone.now()
    for n in range(5):
        rich_article(f"story-{n}", n_photos=2, n_quotes=0, published_at=now - n * HOUR)
    cache.clear()
    built = []
    init = serializers.PhotoSerializer.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        init(self, *args, **kwargs)

    monkeypatch.setattr(serializers.PhotoSerializer, "__init__", counting_init)
    body = client.get("/api/articles/").json()

    assert [a["first_photo"]["caption"] for a in body["results"]] == ["Caption 0"] * 5
    # Building a serializer's fields costs more than using them.
    assert len(built) == 1


def test_article_detail_query_count_is_bounded(client, django_assert_max_num_queries):
    rich_article("ferry-returns", n_photos=6, n_quotes=6)
    cache.clear()

    with django_assert_max_num_queries(8):
        body = client.get("/api/articles/ferry-returns/").json()

    assert len(body["photos"]) == 6 and len(body["quotes"]) == 6


def test_article_list_pages_with_a_cursor_and_covers_every_article_once(client):
    now = timezone.now()
    # Several articles share a publication time: the cursor must not lose them.
    for n in range(12):
        article(f"story-{n:02d}", published_at=now - (n // 3) * HOUR)

    seen, url = [], "/api/articles/?page_size=5"
    while url:
        body = client.get(url).json()
        seen += [a["slug"] for a in body["results"]]
        url = body["next"]
        assert "offset" not in (url or "")

    assert sorted(seen) == sorted(f"story-{n:02d}" for n in range(12))
    assert len(seen) == 12


def test_page_size_goes_up_to_one_hundred(client):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(slug=f"s{n}", headline=f"S {n}", status="published",
                published_at=now - n * HOUR)
        for n in range(105)
    )
    caching.bump_version()
    body = client.get("/api/articles/?page_size=100").json()
    assert len(body["results"]) == 100
    assert client.get("/api/articles/?page_size=101").status_code == 400


@pytest.mark.parametrize("query", ["page_size=abc", "page_size=0", "page_size="])
def test_malformed_page_size_is_a_json_400(client, query):
    article("ferry-returns")
    response = client.get(f"/api/articles/?{query}")
    assert response.status_code == 400
    assert "page_size" in response.json()


@pytest.mark.parametrize(
    # Not base64; base64 of a position that is not a time ("p=garbage").
    "cursor", ["not-a-cursor!", "cD1nYXJiYWdl"],
)
def test_a_cursor_that_points_nowhere_is_a_json_404(client, cursor):
    article("ferry-returns")
    response = client.get(f"/api/articles/?cursor={cursor}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


def test_unknown_query_parameter_is_a_400_naming_it(client):
    response = client.get("/api/articles/?colour=blue")
    assert response.status_code == 400
    assert "colour" in response.json()


def test_other_lists_are_paginated(client):
    world = build_world()
    body = client.get("/api/photos/?page_size=2").json()
    assert body["count"] == 2 * 3
    assert len(body["results"]) == 2
    assert body["next"]
    assert world.published


def test_credits_count_their_published_photos_only(client):
    world = build_world()

    body = client.get("/api/credits/").json()

    counts = {c["slug"]: c["photo_count"] for c in body["results"]}
    # Three published articles, two photos each from the shared agency.
    assert counts[world.shared_agency.slug] == 6
    assert counts[world.shared_photographer.slug] == 3
    assert counts["fenwick-wire"] == 3
    detail = client.get(f"/api/credits/{world.shared_agency.slug}/").json()
    assert detail["photo_count"] == 6
    assert detail["kind"] == "organisation"


def test_quotes_list_who_said_what_across_articles(client):
    build_world()
    body = client.get("/api/quotes/?speaker=olsen").json()
    texts = sorted(q["text"] for q in body["results"])
    assert texts == [
        "It is a good day",
        "We rebuilt every rail of line 0",
        "We rebuilt every rail of line 1",
        "We rebuilt every rail of line 2",
    ]
    assert body["results"][0]["article"]["url"].startswith("http://testserver/api/articles/")


def test_api_root_lists_the_resources(client):
    body = client.get("/api/").json()
    assert set(body) == {"articles", "photos", "credits", "quotes"}


def test_head_gives_the_headers_of_get_without_a_body(client):
    article("ferry-returns")
    got = client.get("/api/articles/ferry-returns/")
    head = client.head("/api/articles/ferry-returns/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == got["ETag"]
