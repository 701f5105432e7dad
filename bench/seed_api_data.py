"""Fill a benchmark database fast with published articles, photos, quotes and credits."""
import datetime
import random

from django.db import connection, transaction
from django.utils.text import slugify

from make_corpus import (AGENCIES, ORGANISATIONS, PLACES, build_credit_pool,
                         quoted_words, sentence)

# A word in about one article in fifty: what `q=` looks for, so a search
# returns a few pages at any size rather than half the table.
SEARCH_WORD = "lighthouse"
SEARCH_SHARE = 0.02
BATCH = 2000


def ensure_credits(seed=1):
    """Credit rows for the invented people and agencies; returns them in order."""
    from articles.models import Credit, credit_key

    people = build_credit_pool(random.Random(seed * 7919 + 1))
    existing = {c.key: c for c in Credit.objects.all()}
    wanted = [(name, Credit.Kind.PERSON) for name in people]
    wanted += [(name, Credit.Kind.ORGANISATION) for name in AGENCIES + ORGANISATIONS]
    new = [
        Credit(name=name, key=credit_key(name), slug=slugify(name), kind=kind)
        for name, kind in wanted
        if credit_key(name) not in existing
    ]
    Credit.objects.bulk_create(new, batch_size=BATCH)
    by_key = {c.key: c for c in Credit.objects.all()}
    persons = [by_key[credit_key(n)] for n in people]
    agencies = [by_key[credit_key(n)] for n in AGENCIES]
    return persons, agencies


def article_rows(index, rng, now, persons, agencies):
    """One published article (unsaved) with its photos and quotes."""
    from articles.models import Article, Photo, Quote

    title = sentence(rng).rstrip(".")
    if rng.random() < SEARCH_SHARE:
        title = f"{title} near the {SEARCH_WORD}"
    paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
                  for _ in range(rng.randint(4, 12))]
    speakers = rng.sample(persons, 2)
    quotes = []
    for _ in range(rng.randint(0, 3)):
        words = quoted_words(rng)
        speaker = rng.choice(speakers).name
        at = rng.randint(1, len(paragraphs))
        paragraphs.insert(at, f"“{words},” {speaker} said.")
        quotes.append((words, speaker))
    city, country = rng.choice(PLACES)
    body = "\n\n".join(paragraphs)
    article = Article(
        headline=title[:300],
        slug=f"{slugify(title)[:80]}-{index}",
        status=Article.Status.PUBLISHED,
        # Spread over about five years, newest first by index.
        published_at=now - datetime.timedelta(minutes=26 * index + rng.randint(0, 20)),
        dateline=f"{city}, {country}",
        byline=f"By {rng.choice(persons).name}",
        body=body,
        source_name=f"bench-{index:07d}.txt",
        source_hash=f"{index:064x}",
        imported_at=now,
    )
    photos = []
    for position in range(rng.randint(0, 3)):
        photographer = rng.choice(persons)
        agency = rng.choice(agencies)
        photos.append(Photo(
            article=article, position=position,
            caption=f"{sentence(rng)} ({agency.name} Photo/{photographer.name})",
            credit_line=f"{agency.name} Photo/{photographer.name}",
            credit_text=photographer.name,
            photographer=photographer, agency=agency,
        ))
    quote_rows = [
        Quote(article=article, position=n, text=text, speaker=speaker,
              speaker_resolved=speaker, verb="said",
              paragraph=next(i for i, p in enumerate(paragraphs) if text in p))
        for n, (text, speaker) in enumerate(quotes)
    ]
    return article, photos, quote_rows


def seed_articles(total, *, seed=1):
    """
    Bring the database to `total` bench articles, adding only what is missing.

    Rows are created with bulk_create (no history rows, no signals); the
    same `total` and `seed` give the same content.
    """
    from articles.models import Article, Photo, Quote

    persons, agencies = ensure_credits(seed)
    have = Article.objects.filter(source_name__startswith="bench-").count()
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    for start in range(have, total, BATCH):
        articles, photos, quotes = [], [], []
        for index in range(start, min(start + BATCH, total)):
            rng = random.Random(seed * 1_000_003 + index)
            article, p, q = article_rows(index, rng, now, persons, agencies)
            articles.append(article)
            photos += p
            quotes += q
        with transaction.atomic():
            Article.objects.bulk_create(articles)
            # bulk_create set the ids on PostgreSQL and SQLite alike.
            for row in photos + quotes:
                row.article_id = row.article.pk
            Photo.objects.bulk_create(photos)
            Quote.objects.bulk_create(quotes)
    if connection.vendor == "postgresql":
        # Autovacuum would analyze the new rows soon after; without
        # statistics the planner guesses one row and the search query can
        # take minutes (see the README's Benchmarks).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Article.objects.count()
