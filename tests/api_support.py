"""Shared pieces of the readers' API tests: a clean cache, images, a world.

The world holds published articles next to every kind of article readers
must not see, sharing credits and speakers with the published ones.
"""
import dataclasses
import datetime
import io

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, Correction, Credit, Photo, Quote

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def reader_api(settings):
    """A cache of its own per test, and a throttle rate tests do not reach."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"},
    }
    settings.ALLOWED_HOSTS = ["testserver", "news.example.com"]
    cache.clear()
    yield
    cache.clear()


def jpeg(width=1200, height=800, color=(200, 40, 40), name="picture.jpg"):
    """An in-memory JPEG of the given size."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name=name)


def credit(name, kind=Credit.Kind.PERSON):
    from django.utils.text import slugify

    return Credit.objects.create(name=name, slug=slugify(name), kind=kind)


def article(slug, *, headline=None, body=None, status="published", published_at=None,
            embargo_until=None, **fields):
    now = timezone.now()
    return Article.objects.create(
        slug=slug,
        headline=headline or slug.replace("-", " ").capitalize(),
        body=body if body is not None else (
            f"Opening paragraph of {slug}.\n\nSecond paragraph of {slug}."
        ),
        status=status,
        published_at=published_at if published_at is not None else (
            None if status == "draft" else now - DAY
        ),
        embargo_until=embargo_until,
        **fields,
    )


def photo(of, position, *, photographer=None, agency=None, distributor=None,
          caption="", credit_line="", is_file_photo=False, image=None):
    item = Photo(
        article=of,
        position=position,
        caption=caption,
        credit_line=credit_line,
        photographer=photographer,
        agency=agency,
        distributor=distributor,
        is_file_photo=is_file_photo,
    )
    if image is not None:
        item.image.save(image.name, image, save=False)
    item.save()
    return item


def quote(of, position, text, speaker, *, resolved=None, verb="said", paragraph=1):
    return Quote.objects.create(
        article=of,
        position=position,
        text=text,
        speaker=speaker,
        speaker_resolved=resolved or speaker,
        verb=verb,
        paragraph=paragraph,
    )


@dataclasses.dataclass
class World:
    published: list
    secret_articles: list
    # Text that must never reach a reader: headlines, slugs, quote texts,
    # credit slugs and names found only on unpublished articles.
    secrets: list
    shared_photographer: Credit
    shared_agency: Credit
    only_secret_credits: list


def build_world():
    """Published and unpublished articles that share credits and speakers."""
    now = timezone.now()
    shared_photographer = credit("Mira Castellane")
    shared_agency = credit("Lowland Press", Credit.Kind.ORGANISATION)
    distributor = credit("Fenwick Wire", Credit.Kind.ORGANISATION)

    published = []
    for n in range(3):
        body = (
            f"HARROWGATE, Eastmere — The tram line number {n} reopened on Monday "
            "after a winter of repairs.\n\n"
            f"“We rebuilt every rail of line {n},” said Petra Olsen, the city engineer.\n\n"
            "Riders cheered at the first stop."
        )
        item = article(
            f"tram-line-{n}-reopens",
            headline=f"Tram line {n} reopens in Harrowgate",
            body=body,
            published_at=now - (n + 1) * HOUR,
            dateline="HARROWGATE, Eastmere",
            byline="By Ansel Dray",
        )
        photo(item, 0, photographer=shared_photographer, agency=shared_agency,
              caption=f"The first tram of line {n} leaves the depot.",
              credit_line="Lowland Press Photo/Mira Castellane")
        photo(item, 1, agency=shared_agency, distributor=distributor,
              caption="Workers lay rails in January.",
              credit_line="Lowland Press via Fenwick Wire", is_file_photo=True)
        quote(item, 0, f"We rebuilt every rail of line {n}", "Petra Olsen")
        published.append(item)

    secret_photographer = credit("Quentin Marlowe-Secret")
    secret_agency = credit("Hidden Lantern Agency", Credit.Kind.ORGANISATION)
    kinds = {
        "draft": dict(status="draft"),
        "scheduled": dict(published_at=now + DAY),
        "embargoed": dict(published_at=now - DAY, embargo_until=now + DAY),
        "withdrawn": dict(status="withdrawn", withdrawn_reason="Legal."),
    }
    secret_articles, secrets = [], []
    for kind, fields in kinds.items():
        headline = f"Zanzibarquux {kind} plan leaks"
        body = (
            f"HARROWGATE, Eastmere — The zanzibarquux {kind} tram plan was "
            "drafted in secret.\n\n"
            f"“Nobody may read the {kind} zanzibarquux memo,” said Petra Olsen.\n\n"
            "Riders were not told."
        )
        item = article(f"secret-{kind}-zanzibarquux", headline=headline, body=body, **fields)
        photo(item, 0, photographer=secret_photographer, agency=secret_agency,
              caption=f"Secret {kind} caption zanzibarquux.",
              credit_line="Hidden Lantern Agency Photo/Quentin Marlowe-Secret")
        photo(item, 1, photographer=shared_photographer, agency=shared_agency,
              caption=f"Shared credit on the {kind} zanzibarquux draft.")
        quote(item, 0, f"Nobody may read the {kind} zanzibarquux memo", "Petra Olsen")
        Correction.objects.create(article=item, text=f"Secret {kind} correction zanzibarquux.")
        secret_articles.append(item)
        secrets += [headline, item.slug, f"{kind} zanzibarquux memo"]

    # A published article whose quote no longer stands in its body.
    edited = article(
        "harbour-bridge-vote",
        headline="Harbour bridge vote passes",
        body="HARROWGATE, Eastmere — Councillors approved the bridge.\n\n"
        "“It is a good day,” said Petra Olsen.",
        published_at=now - 5 * HOUR,
    )
    quote(edited, 0, "It is a good day", "Petra Olsen")
    quote(edited, 1, "Stale quibblezorp words removed by an editor", "Petra Olsen")
    published.append(edited)
    secrets += ["quibblezorp"]
    secrets += [secret_photographer.slug, secret_agency.slug, secret_photographer.name,
                secret_agency.name, "zanzibarquux"]
    return World(
        published=published,
        secret_articles=secret_articles,
        secrets=secrets,
        shared_photographer=shared_photographer,
        shared_agency=shared_agency,
        only_secret_credits=[secret_photographer, secret_agency],
    )
