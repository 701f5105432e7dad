import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.models import Article, Credit, Quote

NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)


def make_article(slug, **fields):
    return Article.objects.create(headline=slug, slug=slug, **fields)


@pytest.mark.django_db
def test_published_is_only_published_due_and_out_of_embargo():
    make_article("live", status="published", published_at=NOW - HOUR)
    make_article("scheduled", status="published", published_at=NOW + HOUR)
    make_article("draft", status="draft", published_at=NOW - HOUR)
    make_article("withdrawn", status="withdrawn", published_at=NOW - HOUR)
    make_article(
        "embargoed", status="published", published_at=NOW - HOUR, embargo_until=NOW + HOUR
    )
    make_article(
        "embargo-over",
        status="published",
        published_at=NOW - 2 * HOUR,
        embargo_until=NOW - HOUR,
    )
    slugs = set(Article.objects.published(NOW).values_list("slug", flat=True))
    assert slugs == {"live", "embargo-over"}
    for article in Article.objects.all():
        assert article.is_published(NOW) == (article.slug in slugs)


@pytest.mark.django_db
def test_scheduled_article_becomes_visible_at_its_time():
    make_article("later", status="published", published_at=NOW + HOUR)
    assert not Article.objects.published(NOW).exists()
    assert Article.objects.published(NOW + 2 * HOUR).exists()


@pytest.mark.django_db
def test_published_article_needs_a_publication_time():
    with pytest.raises(IntegrityError):
        make_article("no-time", status="published")


@pytest.mark.django_db
def test_credit_names_differing_in_case_and_spacing_are_one_credit():
    Credit.objects.create(name="Jane Doe", slug="jane-doe", kind="person")
    with pytest.raises(IntegrityError):
        Credit.objects.create(name="JANE  DOE", slug="jane-doe-2", kind="person")


@pytest.mark.django_db
def test_quote_is_verbatim_only_while_its_words_stand_in_the_body():
    article = make_article("a", body="She said it was “a fine day” indeed.")
    quote = Quote.objects.create(article=article, text="a fine day", paragraph=0)
    assert list(Quote.objects.verbatim()) == [quote]
    article.body = "She said it was a grey day."
    article.save()
    assert not Quote.objects.verbatim().exists()
    quote.refresh_from_db()
    assert not quote.is_verbatim()


@pytest.mark.django_db
def test_quote_match_treats_like_wildcards_literally():
    article = make_article("b", body="Prices rose 5% in May.")
    Quote.objects.create(article=article, text="rose 5_ in", paragraph=0)
    assert not Quote.objects.verbatim().exists()
