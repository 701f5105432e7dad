"""RSS and Atom feeds of the latest published articles."""
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api_support import (  # noqa: F401 (reader_api is an autouse fixture)
    DAY,
    HOUR,
    article,
    reader_api,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories():
    now = timezone.now()
    article("ferry-returns", headline="The ferry returns", byline="By Tomas Wren",
            body="The ferry came back.\n\nMore later.", published_at=now - HOUR)
    article("market-opens", headline="The market opens", published_at=now - 2 * HOUR)
    article("draft-story", headline="Unfinished draft", status="draft")
    article("tomorrow", headline="Tomorrow's story", published_at=now + DAY)


def test_rss_lists_published_articles_newest_first(stories):
    response = APIClient().get("/feeds/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["The ferry returns", "The market opens"]
    assert items[0].findtext("link") == "http://testserver/api/articles/ferry-returns/"
    assert items[0].findtext("description") == "The ferry came back."
    assert items[0].findtext("pubDate")


def test_atom_lists_published_articles_with_authors(stories):
    response = APIClient().get("/feeds/atom/")
    assert response.status_code == 200
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [
        "The ferry returns", "The market opens",
    ]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "By Tomas Wren"
    assert entries[0].findtext(f"{ATOM}updated")


def test_feeds_leave_out_unpublished_articles(stories):
    for path in ("/feeds/rss/", "/feeds/atom/"):
        text = APIClient().get(path).content.decode()
        assert "Unfinished draft" not in text and "Tomorrow" not in text


def test_feed_shows_a_new_article_at_once(stories):
    client = APIClient()
    client.get("/feeds/rss/")
    article("late-news", headline="Late news", published_at=timezone.now() - HOUR / 60)
    assert "Late news" in client.get("/feeds/rss/").content.decode()


def test_feed_answers_304_to_a_matching_etag(stories):
    client = APIClient()
    first = client.get("/feeds/atom/")
    assert client.get("/feeds/atom/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
