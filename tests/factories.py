"""factory_boy factories for articles, photos, quotes, credits and corrections."""
import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from articles.models import Article, Correction, Credit, CreditAlias, Photo, Quote

# A fixed past moment, so published articles are visible whatever the clock says.
PUBLISHED_AT = datetime.datetime(2024, 3, 14, 9, 30, tzinfo=datetime.timezone.utc)


class CreditFactory(factory.django.DjangoModelFactory):
    """A credited person; `CreditFactory(organisation=True)` for an agency."""

    class Meta:
        model = Credit

    name = factory.Sequence(lambda n: f"Ilse Marrow {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    kind = Credit.Kind.PERSON

    class Params:
        organisation = factory.Trait(
            name=factory.Sequence(lambda n: f"Harbour Light Agency {n}"),
            kind=Credit.Kind.ORGANISATION,
        )


class CreditAliasFactory(factory.django.DjangoModelFactory):
    """Another spelling of a credit, as left behind by a merge."""

    class Meta:
        model = CreditAlias

    credit = factory.SubFactory(CreditFactory)
    name = factory.LazyAttribute(lambda o: o.credit.name.upper())


class ArticleFactory(factory.django.DjangoModelFactory):
    """
    A published article written in the newsroom (not imported).

    Traits: `draft=True`, `withdrawn=True`, `scheduled=True` (published, due
    tomorrow), `imported=True` (carries a source file, hash and import time).
    """

    class Meta:
        model = Article

    headline = factory.Sequence(lambda n: f"Ferry service to Kestrel Island resumes, day {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.headline)[:120])
    status = Article.Status.PUBLISHED
    published_at = PUBLISHED_AT
    dateline = "PORT ALDER, Westmark"
    byline = "By Tomas Wren"
    body = factory.LazyAttribute(
        lambda o: (
            f"{o.dateline} — The ferry returned to the island on Tuesday.\n\n"
            "Harbour officials said the crossing took forty minutes."
        )
    )

    class Params:
        draft = factory.Trait(status=Article.Status.DRAFT, published_at=None)
        withdrawn = factory.Trait(
            status=Article.Status.WITHDRAWN,
            withdrawn_reason="Withdrawn at the request of the harbour authority.",
        )
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(
                lambda: timezone.now() + datetime.timedelta(days=1)
            )
        )
        imported = factory.Trait(
            source_name=factory.Sequence(lambda n: f"wire/{n:05d}.txt"),
            source_hash=factory.Sequence(lambda n: f"{n:064x}"),
            imported_at=factory.LazyFunction(timezone.now),
        )


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo with a caption and an inline credit, no image file."""

    class Meta:
        model = Photo

    article = factory.SubFactory(ArticleFactory)
    position = factory.Sequence(lambda n: n)
    caption = "Passengers wait on the pier at Port Alder."
    photographer = factory.SubFactory(CreditFactory)
    agency = factory.SubFactory(CreditFactory, organisation=True)
    credit_line = factory.LazyAttribute(
        lambda o: f"{o.agency.name} Photo/{o.photographer.name}"
        if o.photographer and o.agency
        else ""
    )
    credit_text = factory.LazyAttribute(
        lambda o: o.photographer.name if o.photographer else "Uncredited"
    )


class QuoteFactory(factory.django.DjangoModelFactory):
    """A quote whose words stand verbatim in its article's body."""

    class Meta:
        model = Quote

    article = factory.SubFactory(
        ArticleFactory,
        body=factory.LazyAttribute(
            lambda o: "The harbour reopened on Tuesday.\n\n"
            f"“{o.factory_parent.text},” {o.factory_parent.speaker} said."
        ),
    )
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"The crossing is safe again, trip {n}")
    speaker = "Orla Fenn"
    speaker_resolved = factory.LazyAttribute(lambda o: o.speaker)
    verb = "said"
    paragraph = 1


class CorrectionFactory(factory.django.DjangoModelFactory):
    """A correction appended to an article."""

    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version misstated the length of the crossing."
