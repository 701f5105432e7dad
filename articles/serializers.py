"""Readers' representations of published articles, photos, credits, quotes.

Every serializer lists its fields: the list is the public contract, and a
new model column must not reach readers by accident. Querysets come from
the views, already limited to what readers may see and prefetched.
"""
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import Truncator
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from . import renditions
from .models import Article, Correction, Credit, Photo, Quote

EXCERPT_CHARS = 280


def absolute(context, url):
    request = context.get("request")
    return request.build_absolute_uri(url) if request is not None else url


class CreditRefSerializer(serializers.ModelSerializer):
    """A credit as named on a photo."""

    class Meta:
        model = Credit
        fields = ["name", "slug", "kind"]


class CreditSerializer(serializers.ModelSerializer):
    """A credit with the number of published photos it appears on."""

    photo_count = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Credit
        fields = ["name", "slug", "kind", "photo_count", "url"]

    def get_url(self, credit) -> str:
        return absolute(
            self.context, reverse("api:credit-detail", kwargs={"slug": credit.slug})
        )


class RenditionSerializer(serializers.Serializer):
    """One size of an image, in the format the client accepts (schema only)."""

    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")


class ImageRenditionsSerializer(serializers.Serializer):
    thumbnail = RenditionSerializer()
    medium = RenditionSerializer()
    large = RenditionSerializer()


class ImageSerializer(serializers.Serializer):
    """The original image and its renditions (schema only)."""

    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = ImageRenditionsSerializer()


class PhotoSerializer(serializers.ModelSerializer):
    """A photo with its credits and, when a file exists, its renditions."""

    photographer = CreditRefSerializer(allow_null=True)
    agency = CreditRefSerializer(allow_null=True)
    distributor = CreditRefSerializer(allow_null=True)
    image = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = [
            "caption",
            "credit_line",
            "photographer",
            "agency",
            "distributor",
            "is_file_photo",
            "alt_text",
            "image",
        ]

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_image(self, photo):
        fmt = self.context.get("image_format", "jpeg")
        return renditions.renditions(
            photo.image, fmt, lambda url: absolute(self.context, url)
        )


class ArticleRefSerializer(serializers.ModelSerializer):
    """Enough of an article to name and link it."""

    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["slug", "headline", "published_at", "url"]

    def get_url(self, article) -> str:
        return absolute(self.context, article.get_absolute_url())


class PhotoListSerializer(PhotoSerializer):
    """A photo and the article it belongs to."""

    article = ArticleRefSerializer()

    class Meta(PhotoSerializer.Meta):
        fields = ["id", *PhotoSerializer.Meta.fields, "article"]


class QuoteSerializer(serializers.ModelSerializer):
    """Words quoted in an article, and who said them."""

    class Meta:
        model = Quote
        fields = ["text", "speaker", "speaker_resolved", "verb", "paragraph"]


class QuoteListSerializer(QuoteSerializer):
    """A quote and the article it stands in."""

    article = ArticleRefSerializer()

    class Meta(QuoteSerializer.Meta):
        fields = [*QuoteSerializer.Meta.fields, "article"]


class CorrectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correction
        fields = ["text", "created_at"]


class ArticleListSerializer(serializers.ModelSerializer):
    """An article in a list: its lede, not its body."""

    excerpt = serializers.SerializerMethodField()
    photo_count = serializers.SerializerMethodField()
    first_photo = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "slug",
            "headline",
            "published_at",
            "updated_at",
            "dateline",
            "byline",
            "excerpt",
            "photo_count",
            "first_photo",
            "url",
        ]

    def get_excerpt(self, article) -> str:
        paragraphs = article.paragraphs
        lede = paragraphs[0] if paragraphs else ""
        return Truncator(" ".join(lede.split())).chars(EXCERPT_CHARS)

    def get_photo_count(self, article) -> int:
        return len(article.reader_photos)

    @extend_schema_field(PhotoSerializer(allow_null=True))
    def get_first_photo(self, article):
        photos = article.reader_photos
        if not photos:
            return None
        return self._photo_serializer.to_representation(photos[0])

    @cached_property
    def _photo_serializer(self):
        # One for the whole list: building a serializer's fields costs more
        # than using them.
        return PhotoSerializer(context=self.context)

    def get_url(self, article) -> str:
        return absolute(self.context, article.get_absolute_url())


class ArticleDetailSerializer(serializers.ModelSerializer):
    """A whole article: paragraphs, photos, verbatim quotes, corrections."""

    paragraphs = serializers.ListField(child=serializers.CharField(), read_only=True)
    photos = PhotoSerializer(many=True, read_only=True, source="reader_photos")
    quotes = QuoteSerializer(many=True, read_only=True, source="reader_quotes")
    corrections = CorrectionSerializer(many=True, read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = [
            "slug",
            "headline",
            "published_at",
            "updated_at",
            "dateline",
            "byline",
            "paragraphs",
            "photos",
            "quotes",
            "corrections",
            "url",
        ]

    def get_url(self, article) -> str:
        return absolute(self.context, article.get_absolute_url())

