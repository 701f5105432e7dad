"""The editors' desk: articles, photos, quotes and credits in the Django admin."""
import re

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from . import editing, filters
from .forms import (
    ArticleActionForm,
    ArticleForm,
    CorrectionForm,
    CorrectionInlineFormSet,
    MergeCreditsForm,
    PhotoForm,
    PositionedInlineFormSet,
    QuoteForm,
)
from .models import Article, Correction, Credit, CreditAlias, Photo, Quote


admin.site.site_header = "Newsroom desk"
admin.site.site_title = "Newsroom desk"
admin.site.index_title = "Stories, photos, quotes and credits"


def _count(model, **filters):
    """A per-row count as a subquery: computed only for the rows shown."""
    rows = (
        model.objects.filter(**filters)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def broken_quote_exists():
    """True for an article one of whose quotes no longer stands in its body."""
    # The outer row's body, not a join back to the article table: a join lets
    # PostgreSQL hash every quote of every article before the list's LIMIT.
    return Exists(
        Quote.objects.filter(article=OuterRef("pk"))
        .annotate(
            article_body=ExpressionWrapper(OuterRef("body"), output_field=TextField())
        )
        .exclude(article_body__contains=F("text"))
    )


def message_errors(error):
    if hasattr(error, "message_dict"):
        return "; ".join(m for ms in error.message_dict.values() for m in ms)
    return "; ".join(error.messages)


class InputFilter(admin.SimpleListFilter):
    """A list filter with a text box, for values too many to list."""

    template = "admin/articles/input_filter.html"

    def lookups(self, request, model_admin):
        # One dummy lookup, so the admin shows the filter at all.
        return [("", "")]

    def choices(self, changelist):
        params = changelist.get_filters_params()
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "others": [
                (key, value)
                for key, values in params.items()
                if key != self.parameter_name
                for value in (values if isinstance(values, list) else [values])
            ],
        }


class CreditFilter(InputFilter):
    title = "credit"
    parameter_name = "credit"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        name = self.value().strip()
        match = Q()
        for role in editing.CREDIT_ROLES:
            match |= Q(**{f"{role}__name__icontains": name})
            match |= Q(**{f"{role}__aliases__name__icontains": name})
        return queryset.filter(
            Exists(Photo.objects.filter(match, article=OuterRef("pk")))
        )


class SpeakerFilter(InputFilter):
    title = "speaker"
    parameter_name = "speaker"

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        name = self.value().strip()
        return queryset.filter(
            Exists(
                Quote.objects.filter(
                    Q(speaker__icontains=name) | Q(speaker_resolved__icontains=name),
                    article=OuterRef("pk"),
                )
            )
        )


class YesNoFilter(admin.SimpleListFilter):
    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No")]

    def condition(self):
        raise NotImplementedError

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(self.condition())
        if self.value() == "no":
            return queryset.exclude(self.condition())
        return queryset


class HasPhotosFilter(YesNoFilter):
    title = "has photos"
    parameter_name = "has_photos"

    def condition(self):
        return Exists(Photo.objects.filter(article=OuterRef("pk")))


class BrokenQuoteFilter(YesNoFilter):
    title = "broken quote"
    parameter_name = "broken_quote"

    def condition(self):
        return broken_quote_exists()


class StateFilter(admin.SimpleListFilter):
    """Status as readers experience it: live, scheduled or under embargo."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("live", "Published and live"),
            ("scheduled", "Scheduled"),
            ("embargoed", "Under embargo"),
            ("withdrawn", "Withdrawn"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = queryset.filter(status=Article.Status.PUBLISHED)
        match self.value():
            case "draft":
                return queryset.filter(status=Article.Status.DRAFT)
            case "withdrawn":
                return queryset.filter(status=Article.Status.WITHDRAWN)
            case "live":
                return queryset.filter(pk__in=Article.objects.published(now).values("pk"))
            case "scheduled":
                return published.filter(published_at__gt=now)
            case "embargoed":
                return published.filter(published_at__lte=now, embargo_until__gt=now)
        return queryset


def state_of(article, now=None):
    """Draft, published, scheduled, embargoed or withdrawn, as a label."""
    now = now or timezone.now()
    if article.status != Article.Status.PUBLISHED:
        return article.get_status_display()
    if article.published_at and article.published_at > now:
        return "Scheduled"
    if article.embargo_until and article.embargo_until > now:
        return "Embargoed"
    return "Published"


def thumbnail(photo, size=120):
    if not photo or not photo.image:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" style="max-width:{}px;max-height:{}px">',
        photo.image.url,
        photo.alt_text or photo.caption[:80],
        size,
        size,
    )


class ArticleChildInline:
    """Photos and quotes of a published story are editors' to change."""

    def _may_touch(self, request, article):
        return (
            article is None
            or article.status == Article.Status.DRAFT
            or request.user.has_perm(editing.PUBLISH)
        )

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_touch(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_touch(
            request, obj
        )


class PhotoInline(ArticleChildInline, admin.StackedInline):
    model = Photo
    form = PhotoForm
    formset = PositionedInlineFormSet
    extra = 0
    fields = [
        ("preview", "image"),
        "caption",
        "alt_text",
        ("credit_line", "credit_text"),
        ("photographer", "agency", "distributor"),
        ("position", "is_file_photo", "taken_at"),
    ]
    readonly_fields = ["preview"]
    autocomplete_fields = ["photographer", "agency", "distributor"]
    show_change_link = True

    @admin.display(description="Preview")
    def preview(self, photo):
        return thumbnail(photo)


class QuoteInline(ArticleChildInline, admin.TabularInline):
    model = Quote
    form = QuoteForm
    formset = PositionedInlineFormSet
    extra = 0
    fields = ["position", "text", "speaker", "speaker_resolved", "verb", "stands"]
    readonly_fields = ["stands"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="In body", boolean=True)
    def stands(self, quote):
        if quote.pk is None:
            return None
        return quote.is_verbatim()


class CorrectionInline(admin.TabularInline):
    """The corrections log: appended to, never rewritten."""

    model = Correction
    form = CorrectionForm
    formset = CorrectionInlineFormSet
    extra = 0
    fields = ["created_at", "text"]
    readonly_fields = ["created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkflowMixin:
    """Reporters edit drafts only; published and withdrawn stories are editors'."""

    def _article(self, obj):
        return obj

    def _may_touch(self, request, obj):
        article = self._article(obj) if obj is not None else None
        return (
            article is None
            or article.status == Article.Status.DRAFT
            or request.user.has_perm(editing.PUBLISH)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_touch(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_touch(
            request, obj
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The history page shows an old version; whether it may be restored
        # depends on the object as it stands now.
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def warn_about_quotes(request, article):
    broken = editing.broken_quotes(article)
    if broken:
        listed = "; ".join(f"“{quote.text[:80]}”" for quote in broken)
        messages.warning(
            request,
            f"{len(broken)} quote(s) no longer stand word for word in the body "
            f"and are hidden from readers until fixed: {listed}",
        )


def report_photo_notes(request, forms):
    for form in forms:
        for note in getattr(form, "notes", []):
            messages.info(request, note)
        for warning in getattr(form, "warnings", []):
            messages.warning(request, warning)


def touch_article(article_id):
    """Mark an article as edited, so a later import leaves it alone."""
    Article.objects.filter(pk=article_id).update(edited_at=timezone.now())


@admin.register(Article)
class ArticleAdmin(WorkflowMixin, SimpleHistoryAdmin):
    form = ArticleForm
    action_form = ArticleActionForm
    inlines = [PhotoInline, QuoteInline, CorrectionInline]
    list_display = [
        "headline",
        "state",
        "published_at",
        "photo_count",
        "quote_count",
        "attention",
    ]
    list_filter = [
        StateFilter,
        ("published_at", admin.DateFieldListFilter),
        HasPhotosFilter,
        "headline_is_provisional",
        "import_conflict",
        BrokenQuoteFilter,
        CreditFilter,
        SpeakerFilter,
    ]
    search_fields = ["headline", "body"]
    date_hierarchy = "published_at"
    show_full_result_count = False
    list_per_page = 50
    prepopulated_fields = {"slug": ["headline"]}
    readonly_fields = [
        "source_name",
        "source_hash",
        "imported_at",
        "import_conflict",
        "edited_at",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "headline_is_provisional",
                    "slug",
                    "status",
                    ("published_at", "embargo_until"),
                    "withdrawn_reason",
                ]
            },
        ),
        ("Story", {"fields": ["dateline", "byline", "body"]}),
        (
            "Import provenance",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_name",
                    "source_hash",
                    "imported_at",
                    "import_conflict",
                    "edited_at",
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]
    actions = [
        "publish_selected",
        "unpublish_selected",
        "withdraw_selected",
        "correct_selected",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                photo_total=_count(Photo, article=OuterRef("pk")),
                quote_total=_count(Quote, article=OuterRef("pk")),
                has_broken_quote=broken_quote_exists(),
            )
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def get_search_results(self, request, queryset, search_term):
        """
        On PostgreSQL, every word of the search as a prefix in the full-text
        index (a substring scan of 100,000 bodies takes seconds); elsewhere
        the admin's own substring search.
        """
        words = re.findall(r"\w+", search_term)
        if connection.vendor != "postgresql" or not words:
            return super().get_search_results(request, queryset, search_term)
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in words),
            config=filters.SEARCH_CONFIG,
            search_type="raw",
        )
        return queryset.alias(document=filters.search_vector()).filter(document=query), False

    @admin.display(description="Status", ordering="status")
    def state(self, article):
        return state_of(article)

    @admin.display(description="Photos", ordering="photo_total")
    def photo_count(self, article):
        return article.photo_total

    @admin.display(description="Quotes", ordering="quote_total")
    def quote_count(self, article):
        return article.quote_total

    @admin.display(description="Needs attention")
    def attention(self, article):
        flags = []
        if article.headline_is_provisional:
            flags.append(("provisional", "Provisional headline"))
        if article.import_conflict:
            flags.append(("conflict", "Import conflict"))
        if getattr(article, "has_broken_quote", False):
            flags.append(("broken-quote", "Broken quote"))
        return format_html_join(
            " ",
            '<span class="marker marker-{}" style="padding:1px 4px;'
            'border-radius:3px;background:#ffe8a3;color:#5a4300">{}</span>',
            flags,
        )

    def save_model(self, request, obj, form, change):
        obj.edited_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model in (Photo, Quote):
            # Swapping two positions would trip the unique constraint midway;
            # park the moved rows out of the way first.
            moved = [
                f.instance.pk
                for f in formset.forms
                if f.instance.pk and "position" in f.changed_data
            ]
            formset.model.objects.filter(pk__in=moved).update(
                position=F("position") + 1_000_000
            )
        super().save_formset(request, form, formset, change)
        if formset.model is Photo:
            report_photo_notes(request, formset.forms)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        warn_about_quotes(request, form.instance)

    def has_publish_permission(self, request):
        return request.user.has_perm(editing.PUBLISH)

    def has_withdraw_permission(self, request):
        return request.user.has_perm(editing.WITHDRAW)

    def has_correct_permission(self, request):
        return request.user.has_perm(editing.CORRECT)

    def _run(self, request, queryset, verb, service, **kwargs):
        done, refused = 0, []
        for article in queryset:
            try:
                service(article, user=request.user, **kwargs)
                done += 1
            except ValidationError as error:
                refused.append(f"“{article.headline[:60]}”: {message_errors(error)}")
        if done:
            messages.success(request, f"{verb} {done} article(s).")
        if refused:
            messages.error(
                request, f"Not {verb.lower()}: " + " | ".join(refused)
            )

    @admin.action(description="Publish selected articles", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._run(request, queryset, "Published", editing.publish)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._run(request, queryset, "Unpublished", editing.unpublish)

    @admin.action(
        description="Withdraw selected articles (give the reason)",
        permissions=["withdraw"],
    )
    def withdraw_selected(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if not reason:
            messages.error(
                request, "Give a reason in the “Reason” box to withdraw articles."
            )
            return
        self._run(request, queryset, "Withdrew", editing.withdraw, reason=reason)

    @admin.action(
        description="Append a correction to selected articles",
        permissions=["correct"],
    )
    def correct_selected(self, request, queryset):
        text = request.POST.get("correction", "").strip()
        if not text:
            messages.error(request, "Write the correction in the “Correction text” box.")
            return
        self._run(request, queryset, "Corrected", editing.add_correction, text=text)


class ArticleChildAdmin(WorkflowMixin, SimpleHistoryAdmin):
    """Photo and quote pages: changes count as edits of their article."""

    def _article(self, obj):
        return obj.article

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A photo or quote page must not attach to a story the user may not
        # change: a forged choice then fails validation.
        if db_field.name == "article" and not request.user.has_perm(editing.PUBLISH):
            kwargs["queryset"] = Article.objects.filter(status=Article.Status.DRAFT)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        touch_article(obj.article_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        touch_article(obj.article_id)

    def delete_queryset(self, request, queryset):
        article_ids = list(queryset.values_list("article_id", flat=True).distinct())
        super().delete_queryset(request, queryset)
        Article.objects.filter(pk__in=article_ids).update(edited_at=timezone.now())


@admin.register(Photo)
class PhotoAdmin(ArticleChildAdmin):
    form = PhotoForm
    list_display = [
        "preview",
        "caption_short",
        "article",
        "photographer",
        "agency",
        "distributor",
        "is_file_photo",
    ]
    list_select_related = ["article", "photographer", "agency", "distributor"]
    list_filter = ["is_file_photo", ("image", admin.EmptyFieldListFilter)]
    search_fields = [
        "caption",
        "credit_line",
        "credit_text",
        "article__headline",
        "photographer__name",
        "agency__name",
        "distributor__name",
    ]
    autocomplete_fields = ["article", "photographer", "agency", "distributor"]
    readonly_fields = ["preview"]
    fields = [
        "article",
        ("preview", "image"),
        "caption",
        "alt_text",
        ("credit_line", "credit_text"),
        ("photographer", "agency", "distributor"),
        ("position", "is_file_photo", "taken_at"),
    ]
    show_full_result_count = False

    @admin.display(description="Preview")
    def preview(self, photo):
        return thumbnail(photo, size=80)

    @admin.display(description="Caption")
    def caption_short(self, photo):
        return photo.caption[:100]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        report_photo_notes(request, [form])


class VerbatimFilter(YesNoFilter):
    title = "stands in the body"
    parameter_name = "verbatim"

    def condition(self):
        return Q(article__body__contains=F("text"))


@admin.register(Quote)
class QuoteAdmin(ArticleChildAdmin):
    form = QuoteForm
    list_display = ["text_short", "speaker_resolved", "verb", "article", "stands"]
    list_select_related = ["article"]
    list_filter = [VerbatimFilter, "verb"]
    search_fields = ["text", "speaker", "speaker_resolved", "article__headline"]
    autocomplete_fields = ["article"]
    show_full_result_count = False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                verbatim=Exists(
                    Quote.objects.filter(pk=OuterRef("pk"), article__body__contains=F("text"))
                )
            )
        )

    @admin.display(description="Quote")
    def text_short(self, quote):
        return quote.text[:120]

    @admin.display(description="In body", boolean=True)
    def stands(self, quote):
        return quote.verbatim

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not obj.is_verbatim():
            messages.warning(
                request,
                "This quote no longer stands word for word in the article's body "
                "and is hidden from readers until fixed.",
            )


class CreditAliasInline(admin.TabularInline):
    model = CreditAlias
    extra = 0
    fields = ["name"]


@admin.register(Credit)
class CreditAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "photos_taken", "photos_supplied", "alias_names"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CreditAliasInline]
    actions = ["merge_selected"]
    show_full_result_count = False

    def get_queryset(self, request):
        def count(model_field):
            rows = (
                Photo.objects.filter(**{model_field: OuterRef("pk")})
                .order_by()
                .values(model_field)
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

        return (
            super()
            .get_queryset(request)
            .annotate(taken=count("photographer"), supplied=count("agency"))
            .prefetch_related("aliases")
        )

    @admin.display(description="Photos taken", ordering="taken")
    def photos_taken(self, credit):
        return credit.taken

    @admin.display(description="Photos supplied", ordering="supplied")
    def photos_supplied(self, credit):
        return credit.supplied

    @admin.display(description="Also spelled")
    def alias_names(self, credit):
        return ", ".join(alias.name for alias in credit.aliases.all())

    def has_merge_permission(self, request):
        return request.user.has_perm(editing.MERGE)

    @admin.action(description="Merge selected credits into one", permissions=["merge"])
    def merge_selected(self, request, queryset):
        if queryset.count() < 2:
            messages.error(request, "Select two or more credits to merge.")
            return None
        form = MergeCreditsForm(
            request.POST if "apply" in request.POST else None, credits=queryset
        )
        if form.is_valid():
            survivor = form.cleaned_data["survivor"]
            try:
                result = editing.merge_credits(
                    survivor=survivor, merged=list(queryset), user=request.user
                )
            except ValidationError as error:
                messages.error(request, message_errors(error))
                return None
            messages.success(
                request,
                f"Merged {', '.join(result.merged_names)} into {survivor.name}: "
                f"{result.photo_credits_moved} photo credit(s) moved; the old "
                "names are now its aliases.",
            )
            return None
        return TemplateResponse(
            request,
            "admin/articles/credit/merge.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge credits",
                "opts": self.model._meta,
                "form": form,
                "credits": queryset,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "action": "merge_selected",
            },
        )
