"""The OpenAPI schema and the offline documentation page."""
import re

import pytest
import yaml
from rest_framework.test import APIClient

from articles.filters import ArticleFilter, CreditFilter, PhotoFilter, QuoteFilter
from tests.api_support import reader_api  # noqa: F401 (autouse fixture)

pytestmark = pytest.mark.django_db


def get_schema():
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


@pytest.mark.parametrize(
    "path, filterset",
    [
        ("/api/articles/", ArticleFilter),
        ("/api/photos/", PhotoFilter),
        ("/api/credits/", CreditFilter),
        ("/api/quotes/", QuoteFilter),
    ],
)
def test_schema_documents_every_filter(path, filterset):
    operation = get_schema()["paths"][path]["get"]
    documented = {p["name"]: p for p in operation["parameters"]}
    for name in filterset.base_filters:
        assert name in documented, name
        assert documented[name].get("description"), name
    assert "page_size" in documented


def test_schema_lists_every_endpoint_read_only():
    paths = get_schema()["paths"]
    assert {
        "/api/articles/", "/api/articles/{slug}/", "/api/articles/{slug}/ninjs/",
        "/api/photos/", "/api/photos/{id}/", "/api/credits/", "/api/credits/{slug}/",
        "/api/quotes/", "/api/quotes/{id}/",
    } <= set(paths)
    for operations in paths.values():
        assert set(operations) <= {"get", "parameters"}


def test_article_ordering_is_an_enum_in_the_schema():
    operation = get_schema()["paths"]["/api/articles/"]["get"]
    ordering = next(p for p in operation["parameters"] if p["name"] == "ordering")
    assert set(ordering["schema"]["enum"]) == {
        "-published_at", "published_at", "-updated_at", "updated_at", "relevance",
    }


def test_docs_page_loads_no_asset_from_the_network():
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert not source.startswith(("http://", "https://", "//")), source
    assert "/static/drf_spectacular_sidecar/" in html
