"""The readers' API: read-only views of published content only.

Every queryset starts from a `published()` manager method, evaluated at the
request's own `now`, and prefetches what its serializer touches. Responses go
through `caching.cached_response` for the response cache and HTTP
validators.
"""
import django_filters
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Exists, Func, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views import defaults
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import exceptions, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from . import caching, ninjs, renditions, serializers
from .filters import ArticleFilter, CreditFilter, PhotoFilter, QuoteFilter
from .models import Article, Correction, Credit, Photo, Quote

MAX_PAGE_SIZE = 100
# Anything else cannot be a slug; refusing it in the URL keeps odd bytes
# (a NUL, say) away from the database.
SLUG_REGEX = r"[-a-zA-Z0-9_]+"


class ReaderRateThrottle(AnonRateThrottle):
    """Per-client rate limit; the rate is read at request time from settings."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


def _page_size(pagination, request):
    """The requested page size; one outside 1..MAX_PAGE_SIZE is a 400."""
    raw = request.query_params.get(pagination.page_size_query_param)
    if raw is None:
        return pagination.page_size
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise exceptions.ValidationError(
            {"page_size": [f"A whole number from 1 to {MAX_PAGE_SIZE}."]}
        )
    return size


def _bounded_parameters(parameters):
    """Schema parameters with the bounds the views enforce."""
    for parameter in parameters:
        if parameter["name"] == "page_size":
            parameter["schema"].update(minimum=1, maximum=MAX_PAGE_SIZE)
            parameter["description"] = (
                f"Results per page, 1 to {MAX_PAGE_SIZE} (default 20)."
            )
        elif parameter["name"] == "page":
            parameter["schema"].update(minimum=1)
    return parameters


class ReaderPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return _page_size(self, request)

    def get_schema_operation_parameters(self, view):
        return _bounded_parameters(super().get_schema_operation_parameters(view))


class ArticleCursorPagination(CursorPagination):
    """
    Cursor pages over the filtered ordering, so deep pages cost the same as
    the first: the cursor carries the position, not an offset.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = ("-published_at", "-id")

    def get_page_size(self, request):
        return _page_size(self, request)

    def get_schema_operation_parameters(self, view):
        return _bounded_parameters(super().get_schema_operation_parameters(view))

    def get_ordering(self, request, queryset, view):
        # ArticleFilter has ordered the queryset (with a unique tie-breaker).
        return tuple(queryset.query.order_by) or self.ordering

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError):
            # A well-encoded cursor whose position is not a valid value: like
            # a cursor that does not decode, it points at no page.
            raise exceptions.NotFound(self.invalid_cursor_message)


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, plus a 400 for query parameters nobody reads."""

    ALWAYS_ALLOWED = {"page_size", "format"}
    TYPED_FILTERS = (
        django_filters.DateFilter,
        django_filters.BooleanFilter,
        django_filters.ChoiceFilter,
    )

    def filter_queryset(self, request, queryset, view):
        allowed = set(self.ALWAYS_ALLOWED)
        filterset_class = getattr(view, "filterset_class", None)
        if filterset_class is not None:
            allowed |= set(filterset_class.base_filters)
        pagination = getattr(view, "pagination_class", None)
        for name in ("cursor_query_param", "page_query_param"):
            if pagination is not None and hasattr(pagination, name):
                allowed.add(getattr(pagination, name))
        if getattr(view, "action", None) not in ("list", None):
            return super().filter_queryset(request, queryset, view)
        errors = {
            name: [f"Unknown parameter. Known: {', '.join(sorted(allowed))}."]
            for name in set(request.query_params) - allowed
        }
        # An empty date, boolean, choice or page number is as malformed as
        # a wrong one; empty text and slug lists just mean no filter.
        typed = {
            name
            for name, value in getattr(filterset_class, "base_filters", {}).items()
            if isinstance(value, self.TYPED_FILTERS)
        } | {"page", "page_size"}
        for name, values in request.query_params.lists():
            if name in typed and "" in values:
                errors[name] = ["This value may not be empty."]
        if errors:
            raise exceptions.ValidationError(dict(sorted(errors.items())))
        return super().filter_queryset(request, queryset, view)


ERROR = inline_serializer("Error", {"detail": drf_serializers.CharField()})
NOT_MODIFIED = OpenApiResponse(description="Not modified: the validators matched.")
THROTTLED = OpenApiResponse(ERROR, description="Too many requests; see Retry-After.")


def list_responses(ok):
    return {
        200: ok,
        304: NOT_MODIFIED,
        400: OpenApiResponse(
            OpenApiTypes.OBJECT,
            description="A parameter is unknown or malformed: "
            "{parameter: [messages]}.",
        ),
        404: OpenApiResponse(
            ERROR, description="A page past the last one, or a cursor the API did not make."
        ),
        429: THROTTLED,
    }


def detail_responses(ok):
    return {
        200: ok,
        304: NOT_MODIFIED,
        404: OpenApiResponse(ERROR, description="No such item, or not published."),
        429: THROTTLED,
    }


class ReaderViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, anonymous, JSON, throttled, cached."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ReaderRateThrottle]
    renderer_classes = [JSONRenderer]
    filter_backends = [StrictFilterBackend]
    pagination_class = ReaderPagination

    @property
    def now(self):
        """One `now` per request: every queryset and the cache agree on it."""
        if not hasattr(self, "_now"):
            self._now = timezone.now()
        return self._now

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["image_format"] = renditions.client_format(self.request)
        return context

    def list(self, request, *args, **kwargs):
        return self.cached(
            request, lambda: super(ReaderViewSet, self).list(request, *args, **kwargs)
        )

    def retrieve(self, request, *args, **kwargs):
        return self.cached(
            request, lambda: super(ReaderViewSet, self).retrieve(request, *args, **kwargs)
        )

    def cached(self, request, build):
        """`build()`'s response, from or into the response cache."""

        def render():
            response = build()
            response.accepted_renderer = request.accepted_renderer
            response.accepted_media_type = request.accepted_media_type
            response.renderer_context = self.get_renderer_context()
            return response.render()

        response = caching.cached_response(
            request,
            render,
            vary=f"{request.accepted_media_type}|{renditions.client_format(request)}",
            now=self.now,
        )
        patch_vary_headers(response, ["Accept"])
        return response


@extend_schema_view(
    list=extend_schema(
        summary="Published articles, newest first",
        description="A summary per article. Cursor-paginated: follow `next`.",
        responses=list_responses(serializers.ArticleListSerializer),
    ),
    retrieve=extend_schema(
        summary="One published article, whole",
        responses=detail_responses(serializers.ArticleDetailSerializer),
    ),
)
class ArticleViewSet(ReaderViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    filterset_class = ArticleFilter
    pagination_class = ArticleCursorPagination

    def get_queryset(self):
        articles = Article.objects.published(self.now)
        photos = Photo.objects.select_related("photographer", "agency", "distributor")
        articles = articles.prefetch_related(
            Prefetch("photos", queryset=photos.order_by("position"), to_attr="reader_photos")
        )
        if self.action == "list":
            return articles
        return articles.prefetch_related(
            Prefetch(
                "quotes",
                queryset=Quote.objects.verbatim().order_by("position"),
                to_attr="reader_quotes",
            ),
            Prefetch("corrections", queryset=Correction.objects.order_by("created_at")),
        )

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_serializer_class(self):
        if self.action == "list":
            return serializers.ArticleListSerializer
        return serializers.ArticleDetailSerializer

    @extend_schema(
        summary="One published article as IPTC ninjs 3.1",
        responses=detail_responses(
            OpenApiResponse(OpenApiTypes.OBJECT, description="A ninjs 3.1 document.")
        ),
    )
    @action(detail=True, url_path="ninjs", url_name="ninjs")
    def ninjs(self, request, slug=None):
        def build():
            article = self.get_object()
            document = ninjs.article_to_ninjs(
                article,
                build_url=request.build_absolute_uri,
                image_format=renditions.client_format(request),
            )
            return Response(document)

        return self.cached(request, build)


@extend_schema_view(
    list=extend_schema(
        summary="Credits that appear on published photos",
        responses=list_responses(serializers.CreditSerializer),
    ),
    retrieve=extend_schema(
        summary="One credit and its published photo count",
        responses=detail_responses(serializers.CreditSerializer),
    ),
)
class CreditViewSet(ReaderViewSet):
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    filterset_class = CreditFilter
    serializer_class = serializers.CreditSerializer

    def get_queryset(self):
        # The published rule as a correlated EXISTS per photo rather than
        # Photo.objects.published()'s IN (...): PostgreSQL then checks each
        # photo's article by primary key instead of scanning every article
        # once per credit.
        published_article = Exists(
            Article.objects.published(self.now).filter(pk=OuterRef("article_id"))
        )
        photos = Photo.objects.filter(
            Q(photographer=OuterRef("pk"))
            | Q(agency=OuterRef("pk"))
            | Q(distributor=OuterRef("pk"))
        ).filter(published_article)
        # COUNT without GROUP BY: one number per outer credit.
        count = photos.order_by().annotate(n=Func("pk", function="COUNT")).values("n")
        # Filtering with EXISTS (which stops at the first photo) rather than
        # on the count keeps the count to the rows of one page.
        return (
            Credit.objects.filter(Exists(photos))
            .annotate(photo_count=Coalesce(Subquery(count), 0))
            .order_by("name", "id")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Photos of published articles",
        responses=list_responses(serializers.PhotoListSerializer),
    ),
    retrieve=extend_schema(
        summary="One photo of a published article",
        responses=detail_responses(serializers.PhotoListSerializer),
    ),
)
class PhotoViewSet(ReaderViewSet):
    lookup_value_regex = r"[0-9]+"
    filterset_class = PhotoFilter
    serializer_class = serializers.PhotoListSerializer

    def get_queryset(self):
        return (
            Photo.objects.published(self.now)
            .select_related("article", "photographer", "agency", "distributor")
            .order_by("-article__published_at", "-article_id", "position")
        )


@extend_schema_view(
    list=extend_schema(
        summary="Who said what: verbatim quotes of published articles",
        responses=list_responses(serializers.QuoteListSerializer),
    ),
    retrieve=extend_schema(
        summary="One quote of a published article",
        responses=detail_responses(serializers.QuoteListSerializer),
    ),
)
class QuoteViewSet(ReaderViewSet):
    lookup_value_regex = r"[0-9]+"
    filterset_class = QuoteFilter
    serializer_class = serializers.QuoteListSerializer

    def get_queryset(self):
        return (
            Quote.objects.published(self.now)
            .select_related("article")
            .order_by("-article__published_at", "-article_id", "position")
        )


def not_found(request, exception=None):
    """404 as JSON for the API and feeds, Django's page elsewhere."""
    if request.path.startswith(("/api/", "/feeds/")):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500 as JSON for the API and feeds, Django's page elsewhere."""
    if request.path.startswith(("/api/", "/feeds/")):
        return JsonResponse({"detail": "Server error."}, status=500)
    return defaults.server_error(request)

