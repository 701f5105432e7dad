"""The readers' API keeps the promises of its own OpenAPI schema."""
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CreditAliasFactory,
    PhotoFactory,
    QuoteFactory,
)

SCHEMA_URL = "/api/schema/"


def newsroom_rows():
    """Published articles with photos, credits, quotes; unpublished ones beside."""
    published = [ArticleFactory() for _ in range(3)]
    for article in published:
        PhotoFactory(article=article, position=0, is_file_photo=True)
        PhotoFactory(article=article, position=1, photographer=None)
        QuoteFactory(article=article, position=0, paragraph=0,
                     text="The ferry returned to the island on Tuesday")
        CorrectionFactory(article=article)
    CreditAliasFactory(credit=published[0].photos.first().photographer)
    for hidden in (ArticleFactory(draft=True), ArticleFactory(withdrawn=True),
                   ArticleFactory(scheduled=True)):
        PhotoFactory(article=hidden, position=0)
        QuoteFactory(article=hidden, position=0, paragraph=0,
                     text="The ferry returned to the island on Tuesday")
    return published


from newsroom.wsgi import application  # noqa: E402

# Loaded once at collection: the schema describes code, not data. (The lazy
# fixture loader of schemathesis relies on a pytest internal that pytest 9
# no longer has.)
schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, application)


@pytest.fixture
def rows(db):
    return newsroom_rows()


@pytest.fixture(autouse=True)
def keep_the_test_transaction_open():
    """
    Requests go straight to the WSGI application, whose request signals
    would close the test's connection mid-transaction; Django's own test
    client unhooks them the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def no_throttling_between_cases(monkeypatch):
    """Hundreds of requests from one client would otherwise meet a 429."""
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)


# What readers' clients rely on: no server error, and every body and media
# type as documented.
CORE_CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
BOUNDED = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@schema.parametrize()
@BOUNDED
def test_api_never_fails_and_every_response_matches_the_schema(case, rows):
    # Each case starts without cached responses, so every one reaches a view.
    cache.clear()
    case.call_and_validate(checks=CORE_CHECKS)


@schema.parametrize()
@BOUNDED
def test_api_documents_every_status_it_answers_and_accepts_valid_requests(case, rows):
    """Every default check of schemathesis: status codes, valid data, etc."""
    # A cursor is opaque: only one the API handed out is valid, and
    # test_cursor_pages_match_the_schema follows those.
    if case.query:
        case.query.pop("cursor", None)
    cache.clear()
    case.call_and_validate()


def test_cursor_pages_match_the_schema(rows):
    operation = schema["/api/articles/"]["GET"]
    seen, query = [], {"page_size": 1}
    for _ in range(10):
        cache.clear()
        response = operation.Case(query=query).call_and_validate(checks=CORE_CHECKS)
        assert response.status_code == 200, response.text
        page = response.json()
        seen += [item["slug"] for item in page["results"]]
        if not page["next"]:
            break
        query = {"page_size": 1, **dict(parse_qsl(urlsplit(page["next"]).query))}
    assert sorted(seen) == sorted(article.slug for article in rows)


def operations():
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "GET":
            yield operation


@pytest.mark.parametrize("operation", list(operations()), ids=lambda op: op.path)
def test_real_records_match_the_schema(operation, rows):
    """Random identifiers mostly meet 404s; real ones reach the serializers."""
    article = rows[0]
    photo = article.photos.order_by("position").first()
    known = {
        "slug": article.slug,
        "id": photo.pk,
        "pk": photo.pk,
    }
    if "/credits/" in operation.path:
        known["slug"] = photo.photographer.slug
    if "/quotes/" in operation.path:
        known["id"] = known["pk"] = article.quotes.first().pk
    names = [p.name for p in operation.path_parameters]
    case = operation.Case(path_parameters={name: known[name] for name in names})
    cache.clear()
    response = case.call_and_validate(checks=CORE_CHECKS)
    assert response.status_code == 200, response.text


# Values, as sent on the wire, that have broken web apps before: NUL
# (PostgreSQL refuses it in text), overlong UTF-8, a lone byte that is no
# UTF-8, huge numbers, a long string, SQL and path punctuation.
HOSTILE_VALUES = [
    "%00", "a%00b", "%C0%80", "%FF", "9" * 40, "-1", "x" * 3000,
    quote("' OR 1=1 --"), "..%2F..",
]


@pytest.mark.parametrize("operation", list(operations()), ids=lambda op: op.path)
def test_hostile_values_in_any_parameter_never_cause_a_server_error(operation, rows, client):
    path_names = [p.name for p in operation.path_parameters]
    for name in [p.name for p in operation.query] + path_names:
        for value in HOSTILE_VALUES:
            cache.clear()
            if name in path_names:
                url = operation.path.replace("{%s}" % name, value)
            else:
                url = f"{operation.path}?{name}={value}"
            response = client.get(url)
            assert response.status_code < 500, (url[:200], response.content[:300])
