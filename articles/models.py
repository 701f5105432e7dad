"""Articles, their photos and quotes, and the people and organisations credited."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


def credit_key(name):
    """The key under which two spellings of one credited name are the same."""
    return " ".join(name.split()).casefold()


class Credit(models.Model):
    """A person or organisation credited for photos: one row per real one."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"

    name = models.CharField(max_length=200)
    key = models.CharField(
        max_length=200,
        unique=True,
        editable=False,
        help_text="The name folded for matching: case and spacing ignored.",
    )
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["person", "organisation"]), name="credit_kind_valid"
            ),
        ]
        permissions = [("merge_credits", "Can merge credits")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = credit_key(self.name)
        super().save(*args, **kwargs)


class CreditAlias(models.Model):
    """Another spelling of a credit, kept when credits are merged."""

    credit = models.ForeignKey(Credit, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        verbose_name_plural = "credit aliases"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = credit_key(self.name)
        super().save(*args, **kwargs)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """Articles readers may see: published, due, and out of embargo."""
        now = now or timezone.now()
        return self.filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=now),
            status=Article.Status.PUBLISHED,
            published_at__lte=now,
        )


class Article(models.Model):
    """A story: imported from a wire file or written by an editor."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    headline = models.CharField(max_length=300)
    headline_is_provisional = models.BooleanField(
        default=False,
        help_text="Derived from the lede by the import. Write a real headline "
        "before publishing.",
    )
    slug = models.SlugField(max_length=120, unique=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When readers see a published article. A future time schedules it.",
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Readers see nothing of the article before this time.",
    )
    withdrawn_reason = models.TextField(
        blank=True, help_text="Why the article was withdrawn. Required to withdraw."
    )
    dateline = models.CharField(max_length=200, blank=True)
    byline = models.CharField(max_length=300, blank=True)
    body = models.TextField(
        blank=True, help_text="Paragraphs, separated by a blank line."
    )

    source_name = models.CharField(
        max_length=500,
        null=True,
        blank=True,
        unique=True,
        help_text="The wire file this article was imported from.",
    )
    source_hash = models.CharField(
        max_length=64,
        null=True,
        blank=True,
        unique=True,
        help_text="SHA-256 of the file's normalised text.",
    )
    source_bytes_hash = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="SHA-256 of the file's bytes when last imported: an identical "
        "file is skipped without being decoded.",
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    edited_at = models.DateTimeField(
        null=True, blank=True, help_text="Last change made by an editor."
    )
    import_conflict = models.BooleanField(
        default=False,
        help_text="The wire file changed after an editor's edit; the editor's "
        "version was kept.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "withdrawn"]),
                name="article_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "published_at", "id"]),
            models.Index(fields=["-published_at", "-id"], name="article_recent_idx"),
            models.Index(fields=["status", "embargo_until"], name="article_embargo_idx"),
        ]
        permissions = [
            ("publish_article", "Can publish, schedule and unpublish articles"),
            ("withdraw_article", "Can withdraw articles"),
        ]

    def __str__(self):
        return self.headline

    def clean(self):
        """The workflow rules every writer must keep; raises ValidationError."""
        errors = {}
        if self.status == self.Status.PUBLISHED and self.headline_is_provisional:
            errors["headline"] = (
                "This headline was derived from the lede by the import. Write a "
                "real headline before publishing."
            )
        if self.status == self.Status.WITHDRAWN and not self.withdrawn_reason.strip():
            errors["withdrawn_reason"] = "Give the reason for withdrawing the article."
        if (
            self.embargo_until is not None
            and self.published_at is not None
            and self.published_at > timezone.now()
        ):
            errors["embargo_until"] = (
                "An embargo cannot be combined with a scheduled publication time: "
                "clear the embargo, or publish now and let the embargo hold it back."
            )
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("api:article-detail", kwargs={"slug": self.slug})

    @property
    def paragraphs(self):
        return [p for p in self.body.split("\n\n") if p.strip()]

    def is_published(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.embargo_until is None or self.embargo_until <= now)
        )

    is_published.boolean = True


def unique_slug(model, text, max_length=100):
    """A slug for `text` that no row of `model` has yet."""
    base = slugify(text)[:max_length].rstrip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        suffix = f"-{n}"
        slug = f"{base[: max_length - len(suffix)]}{suffix}"
        n += 1
    return slug


class PhotoQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(article__in=Article.objects.published(now))


class Photo(models.Model):
    """A photo of an article, with its caption and credit as printed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveIntegerField(default=0)
    caption = models.TextField(blank=True)
    credit_line = models.CharField(
        max_length=300, blank=True, help_text="The inline credit as printed."
    )
    credit_text = models.CharField(
        max_length=200,
        blank=True,
        help_text="The value after 'Credit:' in the wire file, e.g. 'Uncredited'.",
    )
    photographer = models.ForeignKey(
        Credit, null=True, blank=True, on_delete=models.PROTECT, related_name="photos_taken"
    )
    agency = models.ForeignKey(
        Credit, null=True, blank=True, on_delete=models.PROTECT, related_name="photos_supplied"
    )
    distributor = models.ForeignKey(
        Credit,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="photos_distributed",
    )
    is_file_photo = models.BooleanField(default=False)
    image = models.ImageField(upload_to="photos/%Y/%m/", blank=True)
    alt_text = models.CharField(max_length=300, blank=True)
    taken_at = models.DateTimeField(
        null=True, blank=True, help_text="When the photo was taken, if known."
    )

    objects = PhotoQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="photo_unique_position"
            ),
        ]

    def __str__(self):
        return self.caption[:80] or self.credit_line or f"Photo {self.pk}"


class QuoteQuerySet(models.QuerySet):
    def verbatim(self):
        """Quotes whose words still stand, word for word, in their article's body."""
        return self.filter(article__body__contains=F("text"))

    def published(self, now=None):
        return self.verbatim().filter(article__in=Article.objects.published(now))


class Quote(models.Model):
    """Words quoted in an article, and who said them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(help_text="The quoted words, without quotation marks.")
    speaker = models.CharField(
        max_length=200, blank=True, help_text="The speaker as named in the text."
    )
    speaker_resolved = models.CharField(
        max_length=200,
        blank=True,
        db_index=True,
        help_text="The fullest name the article gives the speaker.",
    )
    verb = models.CharField(max_length=100, blank=True)
    paragraph = models.PositiveIntegerField(
        help_text="Index of the body paragraph the quote stands in, from 0."
    )

    objects = QuoteQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="quote_unique_position"
            ),
            models.CheckConstraint(condition=~Q(text=""), name="quote_text_not_empty"),
        ]

    def __str__(self):
        return self.text[:80]

    def is_verbatim(self):
        return self.text in self.article.body


class Correction(models.Model):
    """A correction appended to an article; readers get it with the article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="corrections"
    )
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["article", "created_at"]

    def __str__(self):
        return self.text[:80]
