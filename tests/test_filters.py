"""Filters of the readers' API: what each selects, and 400s for bad values."""
import datetime

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from articles.models import Credit
from tests.api_support import (  # noqa: F401 (reader_api is an autouse fixture)
    HOUR,
    article,
    credit,
    photo,
    quote,
    reader_api,
)

pytestmark = pytest.mark.django_db

UTC = datetime.timezone.utc


def slugs(path):
    response = APIClient().get(path)
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def desk():
    """Four published articles with different photos, credits and speakers."""
    ilse = credit("Ilse Marrow")
    harbour = credit("Harbour Light", Credit.Kind.ORGANISATION)
    relay = credit("Northern Relay", Credit.Kind.ORGANISATION)
    tomas = credit("Tomas Wren")

    ferry = article(
        "ferry-returns",
        headline="Ferry returns to Kestrel Island",
        body="The ferry crossed to Kestrel Island on Tuesday.\n\n"
        "“The sea was calm,” said Orla Fenn, the captain.",
        published_at=datetime.datetime(2025, 3, 10, 9, tzinfo=UTC),
    )
    photo(ferry, 0, photographer=ilse, agency=harbour, caption="The ferry docks.")
    quote(ferry, 0, "The sea was calm", "Orla Fenn")

    market = article(
        "market-reopens",
        headline="Fish market reopens after the storm",
        body="Traders returned to the fish market.\n\n"
        "“We lost a week,” said Bram Holt, a trader.",
        published_at=datetime.datetime(2025, 3, 12, 9, tzinfo=UTC),
    )
    photo(market, 0, photographer=tomas, agency=relay, distributor=harbour,
          caption="Stalls in the rain.", is_file_photo=True)
    quote(market, 0, "We lost a week", "Bram Holt")

    council = article(
        "council-vote",
        headline="Council votes on the harbour wall",
        body="Councillors met on Friday to vote on the harbour wall.\n\n"
        "“The wall protects the ferry,” said Orla Fenn.",
        published_at=datetime.datetime(2025, 3, 14, 9, tzinfo=UTC),
    )
    quote(council, 0, "The wall protects the ferry", "she", resolved="Orla Fenn")

    lighthouse = article(
        "lighthouse-keeper",
        headline="The last lighthouse keeper retires",
        body="After forty years the keeper hands over the lamp.",
        published_at=datetime.datetime(2025, 3, 16, 9, tzinfo=UTC),
    )
    photo(lighthouse, 0, photographer=ilse, agency=relay, caption="The lamp room.")
    return {"ilse": ilse, "harbour": harbour, "relay": relay, "tomas": tomas}


def test_date_after_and_before_bound_publication_dates(desk):
    assert slugs("/api/articles/?date_after=2025-03-12") == [
        "lighthouse-keeper", "council-vote", "market-reopens",
    ]
    assert slugs("/api/articles/?date_before=2025-03-12") == [
        "market-reopens", "ferry-returns",
    ]
    assert slugs("/api/articles/?date_after=2025-03-11&date_before=2025-03-14") == [
        "council-vote", "market-reopens",
    ]


def test_dates_are_days_of_the_configured_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    # 03:00 UTC on the 12th is still the evening of the 11th in New York.
    article("late-edition", published_at=datetime.datetime(2025, 3, 12, 3, tzinfo=UTC))
    article("early-edition", published_at=datetime.datetime(2025, 3, 12, 5, tzinfo=UTC))
    assert slugs("/api/articles/?date_before=2025-03-11") == ["late-edition"]
    assert slugs("/api/articles/?date_after=2025-03-12") == ["early-edition"]
    assert slugs("/api/articles/?date_after=2025-03-11&date_before=2025-03-11") == [
        "late-edition"
    ]


@pytest.mark.parametrize("zone", ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_dates_at_the_ends_of_the_calendar_are_answered(desk, settings, zone):
    settings.TIME_ZONE = zone
    assert slugs("/api/articles/?date_after=0001-01-01") == slugs("/api/articles/")
    assert slugs("/api/articles/?date_before=9999-12-31") == slugs("/api/articles/")
    assert slugs("/api/articles/?date_after=9999-12-31") == []
    assert slugs("/api/articles/?date_before=0001-01-01") == []


@pytest.mark.parametrize(
    "path", ["/api/articles/", "/api/photos/", "/api/quotes/"]
)
def test_date_filters_compare_the_stored_time_itself_so_an_index_serves_them(
    desk, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10) as queries:
        APIClient().get(f"{path}?date_after=2025-03-11&date_before=2025-03-14")
    sql = "\n".join(
        q["sql"] for q in queries.captured_queries if "published_at" in q["sql"]
    )
    assert '"published_at" >= ' in sql and '"published_at" < ' in sql
    # A conversion to a date per row (django_datetime_cast_date on SQLite,
    # AT TIME ZONE ... ::date on PostgreSQL) rules the index out.
    assert "cast_date" not in sql and "::date" not in sql.lower(), sql


def test_credit_matches_photographer_agency_or_distributor(desk):
    assert slugs("/api/articles/?credit=ilse-marrow") == ["lighthouse-keeper", "ferry-returns"]
    # Harbour Light is the agency of one photo and the distributor of another.
    assert slugs("/api/articles/?credit=harbour-light") == ["market-reopens", "ferry-returns"]


def test_credit_takes_several_slugs_repeated_or_comma_separated(desk):
    expected = ["lighthouse-keeper", "market-reopens", "ferry-returns"]
    assert slugs("/api/articles/?credit=tomas-wren,ilse-marrow") == expected
    assert slugs("/api/articles/?credit=tomas-wren&credit=ilse-marrow") == expected


def test_agency_matches_the_agency_only(desk):
    assert slugs("/api/articles/?agency=harbour-light") == ["ferry-returns"]
    assert slugs("/api/articles/?agency=northern-relay") == [
        "lighthouse-keeper", "market-reopens",
    ]


def test_speaker_matches_printed_or_resolved_name(desk):
    # The council story quotes "she", resolved to Orla Fenn.
    assert slugs("/api/articles/?speaker=orla%20fenn") == ["council-vote", "ferry-returns"]
    assert slugs("/api/articles/?speaker=Holt") == ["market-reopens"]


def test_has_photos_selects_with_or_without(desk):
    assert slugs("/api/articles/?has_photos=true") == [
        "lighthouse-keeper", "market-reopens", "ferry-returns",
    ]
    assert slugs("/api/articles/?has_photos=false") == ["council-vote"]


def test_is_file_photo_selects_articles_with_a_file_photo(desk):
    assert slugs("/api/articles/?is_file_photo=1") == ["market-reopens"]


def test_relevance_without_a_search_is_newest_first(desk):
    assert slugs("/api/articles/?ordering=relevance") == slugs("/api/articles/")


def test_ordering_oldest_first(desk):
    assert slugs("/api/articles/?ordering=published_at") == [
        "ferry-returns", "market-reopens", "council-vote", "lighthouse-keeper",
    ]


def test_search_finds_words_in_headline_and_body(desk):
    assert slugs("/api/articles/?q=lighthouse") == ["lighthouse-keeper"]
    assert set(slugs("/api/articles/?q=harbour wall")) == {"council-vote"}


def test_search_ranks_a_headline_match_above_a_body_match(desk):
    # "ferry" is in the ferry story's headline, and only in the council body.
    assert slugs("/api/articles/?q=ferry") == ["ferry-returns", "council-vote"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_search_on_postgresql_is_stemmed():
    article("storm", headline="Storms batter the coast", body="Waves broke the pier.")
    assert slugs("/api/articles/?q=storm") == ["storm"]


def test_search_pages_with_a_cursor_in_rank_order():
    now = timezone.now()
    for n in range(7):
        article(f"kelp-{n}", headline=f"Harvest report {n}",
                body=" ".join(["The kelp harvest grew."] * (n % 3 + 1)),
                published_at=now - n * HOUR)
    seen, url = [], "/api/articles/?q=kelp&page_size=2"
    while url:
        body = APIClient().get(url).json()
        seen += [a["slug"] for a in body["results"]]
        url = body["next"]
    assert sorted(seen) == [f"kelp-{n}" for n in range(7)]
    assert seen == slugs("/api/articles/?q=kelp&page_size=10")


def test_search_and_filters_combine(desk):
    assert slugs("/api/articles/?q=ferry&has_photos=false") == ["council-vote"]


@pytest.mark.parametrize(
    "query",
    [
        "date_after=2025-13-45",
        "date_before=yesterday",
        "has_photos=maybe",
        "is_file_photo=2",
        "ordering=headline",
        "credit=not a slug!",
        "agency=%3Cscript%3E",
        "q=" + "x" * 201,
        "sort=published_at",
        "date_before=",
        "has_photos=",
        "ordering=",
    ],
)
def test_malformed_filter_values_are_a_json_400(desk, query):
    response = APIClient().get(f"/api/articles/?{query}")
    assert response.status_code == 400
    name = query.split("=")[0]
    assert name in response.json()


def test_unknown_credit_slug_gives_an_empty_list(desk):
    assert slugs("/api/articles/?credit=nobody-at-all") == []


def test_photo_filters(desk):
    def captions(query):
        body = APIClient().get(f"/api/photos/?{query}").json()
        return sorted(p["caption"] for p in body["results"])

    assert captions("credit=ilse-marrow") == ["The ferry docks.", "The lamp room."]
    assert captions("agency=northern-relay") == ["Stalls in the rain.", "The lamp room."]
    assert captions("is_file_photo=true") == ["Stalls in the rain."]
    assert captions("date_after=2025-03-15") == ["The lamp room."]
    assert captions("article=ferry-returns") == ["The ferry docks."]
    assert captions("has_image=true") == []
    assert APIClient().get("/api/photos/?is_file_photo=perhaps").status_code == 400
    assert APIClient().get("/api/photos/?page=").status_code == 400
    assert APIClient().get("/api/photos/?page=99").status_code == 404


def test_empty_text_filters_mean_no_filter(desk):
    assert len(slugs("/api/articles/?q=&speaker=&credit=")) == 4


def test_credit_filters(desk):
    body = APIClient().get("/api/credits/?kind=organisation").json()
    assert [c["slug"] for c in body["results"]] == ["harbour-light", "northern-relay"]
    body = APIClient().get("/api/credits/?q=wren").json()
    assert [c["slug"] for c in body["results"]] == ["tomas-wren"]
    assert APIClient().get("/api/credits/?kind=robot").status_code == 400


def test_quote_filters(desk):
    def texts(query):
        body = APIClient().get(f"/api/quotes/?{query}").json()
        return sorted(q["text"] for q in body["results"])

    assert texts("speaker=fenn") == ["The sea was calm", "The wall protects the ferry"]
    assert texts("q=week") == ["We lost a week"]
    assert texts("article=council-vote") == ["The wall protects the ferry"]
    assert texts("date_before=2025-03-11") == ["The sea was calm"]


def test_filters_never_reach_past_the_present(desk):
    later = article("tomorrow", headline="Ferry timetable changes",
                    published_at=timezone.now() + HOUR)
    photo(later, 0, photographer=desk["ilse"], agency=desk["harbour"])
    assert "tomorrow" not in slugs("/api/articles/?credit=ilse-marrow")
    assert "tomorrow" not in slugs("/api/articles/?q=ferry")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN index is PostgreSQL's")
def test_search_can_use_the_gin_index_of_the_migration():
    from articles.filters import search_articles
    from articles.models import Article

    article("storm", headline="Storms batter the coast", body="Waves broke the pier.")
    with connection.cursor() as cursor:
        # With one row the planner would rather scan; forbid that to see
        # whether the index matches the query's expression at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = search_articles(Article.objects.all(), "storm").explain()
    assert "article_search_idx" in plan


def test_relevance_ranks_the_most_recent_matches_and_date_order_lists_all(monkeypatch):
    from articles import filters

    monkeypatch.setattr(filters, "MAX_RANKED", 3)
    now = timezone.now()
    for n in range(5):
        article(f"kelp-{n}", body="The kelp harvest grew.", published_at=now - n * HOUR)
    ranked = slugs("/api/articles/?q=kelp")
    assert sorted(ranked) == ["kelp-0", "kelp-1", "kelp-2"]
    assert slugs("/api/articles/?q=kelp&ordering=-published_at") == [
        f"kelp-{n}" for n in range(5)
    ]
