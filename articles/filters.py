"""Query-string filters of the readers' API, one FilterSet per resource.

Every filter names its field and lookup; a value that does not parse (a bad
date, a bad boolean, an unknown ordering, a malformed slug) fails the form,
which the API answers with a 400 rather than ignoring it.
"""
import datetime
import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import connection
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field

from .models import Article, Credit, Photo, Quote

SEARCH_CONFIG = "english"
MAX_QUERY_CHARS = 200
MAX_SLUGS = 50
# How many of the most recent matches a search ranks by relevance.
MAX_RANKED = 1000
# Ranks are floats; the cursor compares them, so they are kept as integers
# (millionths) that round-trip through a cursor exactly.
RANK_SCALE = 1_000_000


def search_vector():
    """The weighted document the GIN index of migration 0004 is built on."""
    return SearchVector("headline", weight="A", config=SEARCH_CONFIG) + SearchVector(
        "body", weight="B", config=SEARCH_CONFIG
    )


def search_articles(queryset, text):
    """
    Articles matching `text`.

    PostgreSQL: full-text search (websearch syntax, English stemming) over
    the GIN-indexed document. Other databases: every word must appear in
    the headline or body (case insensitive).
    """
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.alias(document=search_vector()).filter(document=query)
    words = re.findall(r"\w+", text)
    if not words:
        return queryset.none()
    for word in words:
        queryset = queryset.filter(Q(headline__icontains=word) | Q(body__icontains=word))
    return queryset


def rank_articles(queryset, text):
    """
    The MAX_RANKED most recent articles of `queryset` that match `text`,
    annotated with an integer `relevance`.

    PostgreSQL: SearchRank with the headline weighted above the body. Other
    databases: two points per word in the headline, one otherwise. Ranking
    rebuilds each candidate's document, so a word found in most articles
    would cost a pass over the whole table; the most recent matches are
    ranked instead (ordering by date walks every match). The match is
    tested once, in the subquery, where the GIN index answers it.
    """
    matches = search_articles(queryset, text).order_by("-published_at", "-id")
    queryset = queryset.filter(pk__in=matches.values("pk")[:MAX_RANKED])
    if connection.vendor == "postgresql":
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        rank = SearchRank(search_vector(), query) * RANK_SCALE
        return queryset.annotate(relevance=Cast(rank, IntegerField()))
    score = Value(0)
    for word in re.findall(r"\w+", text):
        score = score + Case(
            When(headline__icontains=word, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return queryset.annotate(relevance=score)


class StrictBooleanField(forms.Field):
    """true/false, 1/0, yes/no; anything else is an error, not 'no filter'."""

    TRUE = {"true", "1", "yes", "on"}
    FALSE = {"false", "0", "no", "off"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError("Enter true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class MultiValueWidget(forms.TextInput):
    """Reads every value of a repeated query parameter."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        return [value] if value is not None else []


class SlugListField(forms.Field):
    """Slugs given as a repeated parameter, comma-separated, or both."""

    widget = MultiValueWidget

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        slugs = [s.strip() for item in value for s in item.split(",") if s.strip()]
        if len(slugs) > MAX_SLUGS:
            raise ValidationError(f"At most {MAX_SLUGS} slugs.", code="max_slugs")
        for slug in slugs:
            validate_slug(slug)
        return slugs


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField

    def filter(self, qs, value):
        if not value:
            return qs
        if self.method is not None:
            return self.get_method(qs)(qs, self.field_name, value)
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": value})


SLUG_LIST_PATTERN = (
    r"^ *(?:[-a-zA-Z0-9_]+ *(?:, *[-a-zA-Z0-9_]+ *){0,%d})?$" % (MAX_SLUGS - 1)
)
NO_NUL_PATTERN = r"^[^\x00]*$"


class DayBoundFilter(django_filters.DateFilter):
    """
    A date bound on a datetime field: on or after the day (`gte`), or on or
    before it (`lte`), the day taken in the configured time zone.

    It compares with the instant the day (or the next) starts, which an
    index on the field serves; `field__date` would convert every row first.
    """

    def filter(self, qs, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return qs
        if self.lookup_expr not in ("gte", "lte"):
            raise ValueError(f"{type(self).__name__} bounds with gte or lte only.")
        after = self.lookup_expr == "gte"
        try:
            bound = start_of_day(value if after else value + datetime.timedelta(days=1))
        except OverflowError:
            # A day at the end of the calendar: nothing stored is after it,
            # everything is before it; the reverse at its start.
            late = value.year > datetime.MAXYEAR // 2
            return qs.none() if late == after else qs
        lookup = "gte" if after else "lt"
        return self.get_method(qs)(**{f"{self.field_name}__{lookup}": bound})


def start_of_day(day):
    """
    The aware instant `day` starts in the current time zone.

    Raises OverflowError when that instant has no UTC datetime.
    """
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    start.astimezone(datetime.timezone.utc)
    return start


def documented(filter_class, schema=None, **kwargs):
    """
    A `filter_class` filter whose OpenAPI schema states the bounds the form
    enforces (pattern, length), so generated clients send valid values.
    """
    schema = {"type": "string", **(schema or {}), "description": kwargs["help_text"]}
    subclass = type(filter_class.__name__, (filter_class,), {})
    return extend_schema_field(schema)(subclass)(**kwargs)


def text_filter(max_length, **kwargs):
    return documented(
        django_filters.CharFilter,
        {"maxLength": max_length, "pattern": NO_NUL_PATTERN},
        max_length=max_length,
        **kwargs,
    )


def slug_list_filter(**kwargs):
    return documented(SlugListFilter, {"pattern": SLUG_LIST_PATTERN}, **kwargs)



ORDERINGS = {
    "-published_at": ("-published_at", "-id"),
    "published_at": ("published_at", "id"),
    "-updated_at": ("-updated_at", "-id"),
    "updated_at": ("updated_at", "id"),
    "relevance": ("-relevance", "-published_at", "-id"),
}


def credited(slugs, *, roles=("photographer", "agency", "distributor"), prefix=""):
    condition = Q()
    for role in roles:
        condition |= Q(**{f"{prefix}{role}__slug__in": slugs})
    return condition


class ArticleFilter(django_filters.FilterSet):
    """Filters of the article list. `ordering` is applied last."""

    date_after = DayBoundFilter(
        field_name="published_at",
        lookup_expr="gte",
        help_text="Published on or after this date (YYYY-MM-DD, a day in DJANGO_TIME_ZONE).",
    )
    date_before = DayBoundFilter(
        field_name="published_at",
        lookup_expr="lte",
        help_text="Published on or before this date (YYYY-MM-DD, a day in DJANGO_TIME_ZONE).",
    )
    credit = slug_list_filter(
        field_name="photos__photographer__slug",
        lookup_expr="in",
        method="filter_credit",
        help_text="Credit slug(s) as photographer, agency or distributor of a "
        "photo; repeat the parameter or separate with commas (any matches).",
    )
    agency = slug_list_filter(
        field_name="photos__agency__slug",
        lookup_expr="in",
        method="filter_agency",
        help_text="Agency slug(s) of a photo; repeat or comma-separate.",
    )
    speaker = text_filter(
        200,
        field_name="quotes__speaker_resolved",
        lookup_expr="icontains",
        method="filter_speaker",
        help_text="Part of the name of someone quoted (case-insensitive).",
    )
    has_photos = StrictBooleanFilter(
        field_name="photos",
        lookup_expr="isnull",
        method="filter_has_photos",
        help_text="true: only articles with photos; false: only without.",
    )
    is_file_photo = StrictBooleanFilter(
        field_name="photos__is_file_photo",
        lookup_expr="exact",
        method="filter_is_file_photo",
        help_text="true: articles with a file photo; false: with a photo that "
        "is not a file photo.",
    )
    q = text_filter(
        MAX_QUERY_CHARS,
        field_name="body",
        lookup_expr="search",
        method="filter_q",
        help_text="Full-text search in headline and body. On PostgreSQL: "
        "stemmed, websearch syntax (\"quoted phrase\", -word, or). Ordered "
        "by relevance among the 1000 most recent matches unless `ordering` "
        "asks for a date order, which lists every match.",
    )
    ordering = django_filters.ChoiceFilter(
        field_name="published_at",
        lookup_expr="exact",
        choices=[(key, key) for key in ORDERINGS],
        method="filter_ordering",
        empty_label=None,
        help_text="Default -published_at (newest first), or relevance when "
        "q is given; relevance without q is -published_at.",
    )

    class Meta:
        model = Article
        fields = []

    def filter_credit(self, queryset, name, slugs):
        photos = Photo.objects.filter(credited(slugs), article=OuterRef("pk"))
        return queryset.filter(Exists(photos))

    def filter_agency(self, queryset, name, slugs):
        photos = Photo.objects.filter(agency__slug__in=slugs, article=OuterRef("pk"))
        return queryset.filter(Exists(photos))

    def filter_speaker(self, queryset, name, value):
        if not value.strip():
            return queryset
        quotes = Quote.objects.verbatim().filter(
            Q(speaker_resolved__icontains=value) | Q(speaker__icontains=value),
            article=OuterRef("pk"),
        )
        return queryset.filter(Exists(quotes))

    def filter_has_photos(self, queryset, name, value):
        photos = Exists(Photo.objects.filter(article=OuterRef("pk")))
        return queryset.filter(photos if value else ~photos)

    def filter_is_file_photo(self, queryset, name, value):
        photos = Photo.objects.filter(article=OuterRef("pk"), is_file_photo=value)
        return queryset.filter(Exists(photos))

    def filter_q(self, queryset, name, value):
        # Applied in filter_queryset: how depends on the ordering.
        return queryset

    def filter_ordering(self, queryset, name, value: str):
        # Applied in filter_queryset, once every filter has narrowed the set.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        ordering = self.form.cleaned_data.get("ordering")
        text = (self.form.cleaned_data.get("q") or "").strip()
        if not ordering or (ordering == "relevance" and not text):
            ordering = "relevance" if text else "-published_at"
        if ordering == "relevance":
            queryset = rank_articles(queryset, text)
        elif text:
            queryset = search_articles(queryset, text)
        return queryset.order_by(*ORDERINGS[ordering])


class PhotoFilter(django_filters.FilterSet):
    """Filters of the photo list."""

    date_after = DayBoundFilter(
        field_name="article__published_at",
        lookup_expr="gte",
        help_text="Article published on or after this date (YYYY-MM-DD, a day in DJANGO_TIME_ZONE).",
    )
    date_before = DayBoundFilter(
        field_name="article__published_at",
        lookup_expr="lte",
        help_text="Article published on or before this date (YYYY-MM-DD, a day in DJANGO_TIME_ZONE).",
    )
    credit = slug_list_filter(
        field_name="photographer__slug",
        lookup_expr="in",
        method="filter_credit",
        help_text="Credit slug(s) as photographer, agency or distributor; "
        "repeat or comma-separate.",
    )
    agency = slug_list_filter(
        field_name="agency__slug",
        lookup_expr="in",
        help_text="Agency slug(s); repeat or comma-separate.",
    )
    is_file_photo = StrictBooleanFilter(
        field_name="is_file_photo",
        lookup_expr="exact",
        help_text="true: file photos only; false: none.",
    )
    has_image = StrictBooleanFilter(
        field_name="image",
        lookup_expr="exact",
        method="filter_has_image",
        help_text="true: photos with an image file; false: caption only.",
    )
    article = text_filter(
        120,
        field_name="article__slug",
        lookup_expr="exact",
        help_text="Slug of the article.",
    )

    class Meta:
        model = Photo
        fields = []

    def filter_credit(self, queryset, name, slugs):
        return queryset.filter(credited(slugs))

    def filter_has_image(self, queryset, name, value):
        empty = Q(image="") | Q(image__isnull=True)
        return queryset.exclude(empty) if value else queryset.filter(empty)


class CreditFilter(django_filters.FilterSet):
    """Filters of the credit list."""

    kind = django_filters.ChoiceFilter(
        field_name="kind",
        lookup_expr="exact",
        choices=Credit.Kind.choices,
        help_text="person or organisation.",
    )
    q = text_filter(
        200,
        field_name="name",
        lookup_expr="icontains",
        help_text="Part of the name (case-insensitive).",
    )

    class Meta:
        model = Credit
        fields = []


class QuoteFilter(django_filters.FilterSet):
    """Filters of the quote list: who said what, across articles."""

    speaker = text_filter(
        200,
        field_name="speaker_resolved",
        lookup_expr="icontains",
        method="filter_speaker",
        help_text="Part of the speaker's name, as printed or resolved "
        "(case-insensitive).",
    )
    q = text_filter(
        MAX_QUERY_CHARS,
        field_name="text",
        lookup_expr="icontains",
        help_text="Words in the quote (case-insensitive).",
    )
    article = text_filter(
        120,
        field_name="article__slug",
        lookup_expr="exact",
        help_text="Slug of the article.",
    )
    date_after = DayBoundFilter(
        field_name="article__published_at",
        lookup_expr="gte",
        help_text="Article published on or after this date (YYYY-MM-DD, a day in DJANGO_TIME_ZONE).",
    )
    date_before = DayBoundFilter(
        field_name="article__published_at",
        lookup_expr="lte",
        help_text="Article published on or before this date (YYYY-MM-DD, a day in DJANGO_TIME_ZONE).",
    )

    class Meta:
        model = Quote
        fields = []

    def filter_speaker(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.filter(
            Q(speaker_resolved__icontains=value) | Q(speaker__icontains=value)
        )
