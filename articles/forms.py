"""Admin forms: the workflow and permission rules an editor's input must keep."""
import re

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Max
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from . import editing
from .images import read_photo_metadata, validate_image_upload
from .models import Article, Correction, Credit, Photo, Quote, credit_key


class ArticleForm(forms.ModelForm):
    """
    The article page. The admin sets `user`; without the publish or withdraw
    permission, changes of status, publication time and embargo are refused
    here, on the server, whatever the browser sent.
    """

    user = None

    class Meta:
        model = Article
        fields = [
            "headline",
            "headline_is_provisional",
            "slug",
            "status",
            "published_at",
            "embargo_until",
            "withdrawn_reason",
            "dateline",
            "byline",
            "body",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 24, "cols": 100}),
            "withdrawn_reason": forms.Textarea(attrs={"rows": 2, "cols": 100}),
            "headline": forms.TextInput(attrs={"size": 80}),
        }

    def _may(self, permission):
        return self.user is not None and self.user.has_perm(permission)

    def clean_body(self):
        """Paragraphs as readers get them: separated by exactly one blank line."""
        # Browsers send a textarea's line breaks as CRLF.
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")
        paragraphs = (paragraph.strip() for paragraph in re.split(r"\n\s*\n", body))
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    def clean(self):
        cleaned = super().clean()
        now = timezone.now()
        # Compare with the stored row, not the form's instance: reverting to
        # an earlier version starts from that version, not from what is live.
        stored = (
            Article.objects.filter(pk=self.instance.pk)
            .values("status", "published_at", "embargo_until")
            .first()
            if self.instance.pk
            else None
        ) or {"status": Article.Status.DRAFT, "published_at": None, "embargo_until": None}
        status = cleaned.get("status")
        if status and status != stored["status"]:
            needed = (
                editing.WITHDRAW if status == Article.Status.WITHDRAWN else editing.PUBLISH
            )
            if not self._may(needed):
                verb = {
                    Article.Status.PUBLISHED: "publish",
                    Article.Status.WITHDRAWN: "withdraw",
                    Article.Status.DRAFT: "unpublish",
                }[status]
                self.add_error(
                    "status",
                    f"You do not have permission to {verb} articles: ask an editor.",
                )
        changed = {
            field
            for field in ("published_at", "embargo_until")
            if field in cleaned and cleaned[field] != stored[field]
        }
        for field in changed:
            if not self._may(editing.PUBLISH):
                self.add_error(
                    field,
                    "You do not have permission to schedule articles or set "
                    "embargoes: ask an editor.",
                )
        embargo = cleaned.get("embargo_until")
        if "embargo_until" in changed and embargo and embargo <= now:
            self.add_error("embargo_until", "An embargo must end in the future.")
        if "headline" in self.changed_data:
            # A headline an editor wrote is no longer the import's guess.
            cleaned["headline_is_provisional"] = False
        if status == Article.Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = now
        return cleaned


class PositionedInlineFormSet(BaseInlineFormSet):
    """Gives new rows the next free position and refuses two rows on one."""

    def clean(self):
        super().clean()
        forms_kept = [
            form
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
            if hasattr(form, "cleaned_data")
        ]
        taken = [
            form.cleaned_data.get("position")
            for form in forms_kept
            if form.cleaned_data.get("position") is not None
        ]
        if len(taken) != len(set(taken)):
            raise ValidationError("Two rows have the same position: give each its own.")
        following = max(taken, default=-1) + 1
        for form in forms_kept:
            if form.cleaned_data.get("position") is None:
                form.cleaned_data["position"] = following
                form.instance.position = following
                following += 1


    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.positioned_by_formset = True
        return form


def next_free_position(form, cleaned, related_name):
    """Fill an empty position on a standalone page with the next free one."""
    article = cleaned.get("article")
    if cleaned.get("position") is not None or article is None:
        return
    if getattr(form, "positioned_by_formset", False) or article.pk is None:
        return
    last = getattr(article, related_name).aggregate(last=Max("position"))["last"]
    cleaned["position"] = form.instance.position = 0 if last is None else last + 1


class QuoteForm(forms.ModelForm):
    """A quote: its words must stand, word for word, in the article's body."""

    class Meta:
        model = Quote
        fields = ["article", "position", "text", "speaker", "speaker_resolved", "verb"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False

    def clean(self):
        cleaned = super().clean()
        next_free_position(self, cleaned, "quotes")
        article, text = cleaned.get("article"), cleaned.get("text")
        if article is None or not text:
            return cleaned
        changed = not self.instance.pk or {"text", "article"} & set(self.changed_data)
        paragraphs = article.paragraphs
        found = next((i for i, p in enumerate(paragraphs) if text in p), None)
        if found is not None:
            self.instance.paragraph = found
        elif changed:
            self.add_error(
                "text",
                "A quote must stand word for word in the article's body: these "
                "words do not. Copy them from the body.",
            )
        return cleaned


class ValidatedImageField(forms.ImageField):
    """An image upload checked by `validate_image_upload`, with its messages."""

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        validate_image_upload(upload)
        return super().to_python(data)


def _same(a, b):
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class PhotoForm(forms.ModelForm):
    """
    A photo. On upload, the file's own metadata fills empty fields; where it
    disagrees with what is filled in, `notes` carries a warning for the
    editor (the admin shows it after saving).
    """

    class Meta:
        model = Photo
        fields = [
            "article",
            "position",
            "image",
            "caption",
            "alt_text",
            "credit_line",
            "credit_text",
            "photographer",
            "agency",
            "distributor",
            "is_file_photo",
            "taken_at",
        ]
        field_classes = {"image": ValidatedImageField}
        widgets = {"caption": forms.Textarea(attrs={"rows": 3, "cols": 60})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        self.notes = []
        self.warnings = []
        self._photographer_name = ""

    def clean(self):
        cleaned = super().clean()
        next_free_position(self, cleaned, "photos")
        image = cleaned.get("image")
        if "image" in self.changed_data and isinstance(image, UploadedFile):
            self._apply_metadata(cleaned, read_photo_metadata(image))
        return cleaned

    def _apply_metadata(self, cleaned, meta):
        name = getattr(cleaned.get("image"), "name", "the file")
        for field, value, label in (
            ("caption", meta.caption, "caption"),
            ("credit_line", meta.credit_line, "credit line"),
        ):
            if not value:
                continue
            if not cleaned.get(field):
                cleaned[field] = value
                self.notes.append(f"The {label} was filled in from {name}: “{value}”.")
            elif not _same(cleaned[field], value):
                self.warnings.append(
                    f"The {label} embedded in {name} differs from the one here: "
                    f"the file says “{value}”, the photo says “{cleaned[field]}”."
                )
        if meta.date_created and not cleaned.get("taken_at"):
            cleaned["taken_at"] = meta.date_created
        if meta.creators:
            photographer = cleaned.get("photographer")
            if photographer is None:
                self._photographer_name = meta.creators[0]
                self.notes.append(
                    f"The photographer was filled in from {name}: {meta.creators[0]}."
                )
            elif not _credit_named(photographer, meta.creators):
                self.warnings.append(
                    f"The photographer embedded in {name} is {meta.creator}; the "
                    f"photo credits {photographer}."
                )

    def save(self, commit=True):
        if self._photographer_name and self.instance.photographer_id is None:
            self.instance.photographer = editing.credit_for_name(self._photographer_name)
        return super().save(commit)


def _credit_named(credit, names):
    keys = {credit.key, *credit.aliases.values_list("key", flat=True)}
    return any(credit_key(name) in keys for name in names)


class CorrectionInlineFormSet(BaseInlineFormSet):
    """Corrections are only appended, and only to published articles."""

    def clean(self):
        super().clean()
        new = [f for f in self.forms if not f.instance.pk and f.has_changed()]
        if new and self.instance.status != Article.Status.PUBLISHED:
            raise ValidationError(
                "Corrections are appended to published articles: publish this "
                "one first, or edit the text itself."
            )


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "cols": 80})}


class ArticleActionForm(ActionForm):
    """The action bar of the article list: withdraw and correct need text."""

    reason = forms.CharField(
        required=False,
        label="Reason (to withdraw)",
        widget=forms.TextInput(attrs={"size": 30}),
    )
    correction = forms.CharField(
        required=False,
        label="Correction text",
        widget=forms.TextInput(attrs={"size": 30}),
    )


class MergeCreditsForm(forms.Form):
    """Which of the selected credits survives a merge."""

    survivor = forms.ModelChoiceField(
        queryset=Credit.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="Every photo of the others moves to this credit; their names "
        "become its aliases.",
    )

    def __init__(self, *args, credits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].queryset = credits
