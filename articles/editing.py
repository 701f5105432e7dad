"""Editorial workflow: publish, schedule, unpublish, withdraw, correct, merge credits."""
import dataclasses

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from . import caching
from .models import (
    Article,
    Correction,
    Credit,
    CreditAlias,
    Photo,
    credit_key,
    unique_slug,
)

PUBLISH = "articles.publish_article"
WITHDRAW = "articles.withdraw_article"
MERGE = "articles.merge_credits"
CORRECT = "articles.add_correction"


def require_permission(user, permission):
    """Raise PermissionDenied unless `user` holds `permission`."""
    if user is None or not user.has_perm(permission):
        raise PermissionDenied(f"You do not have permission to do this ({permission}).")


def _save(article, *, user, reason):
    """Validate and save an editor's change, recording who made it and why."""
    article.full_clean()
    article.edited_at = timezone.now()
    article._history_user = user
    article._change_reason = reason
    article.save()
    return article


def publish(article, *, user, at=None):
    """
    Publish `article` at `at` (default: its own publication time if it has
    one, else now). A future time schedules it. Raises PermissionDenied,
    or ValidationError when the article breaks a workflow rule (for one, a
    provisional headline).
    """
    require_permission(user, PUBLISH)
    article.status = Article.Status.PUBLISHED
    article.published_at = at or article.published_at or timezone.now()
    return _save(article, user=user, reason="Published")


def schedule(article, *, user, at):
    """Publish `article` from the future moment `at`; raises as `publish`."""
    if at <= timezone.now():
        raise ValidationError(
            {"published_at": "A scheduled publication time must lie in the future."}
        )
    return publish(article, user=user, at=at)


def unpublish(article, *, user):
    """Take `article` back to draft; readers no longer see it."""
    require_permission(user, PUBLISH)
    article.status = Article.Status.DRAFT
    return _save(article, user=user, reason="Unpublished")


def withdraw(article, *, user, reason):
    """
    Withdraw `article` for `reason` (required): it stays in the newsroom
    and disappears from every public surface at once.
    """
    require_permission(user, WITHDRAW)
    article.status = Article.Status.WITHDRAWN
    article.withdrawn_reason = (reason or "").strip()
    return _save(article, user=user, reason="Withdrawn")


def add_correction(article, *, user, text, at=None):
    """Append a correction to a published article; returns the Correction."""
    require_permission(user, CORRECT)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Write the text of the correction."})
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError(
            "Corrections are appended to published articles; this one is "
            f"{article.get_status_display().lower()}."
        )
    return Correction.objects.create(
        article=article, text=text, created_at=at or timezone.now()
    )


def broken_quotes(article):
    """The quotes of `article` whose words no longer stand in its body."""
    return [quote for quote in article.quotes.all() if quote.text not in article.body]


@dataclasses.dataclass(frozen=True)
class MergeResult:
    survivor: Credit
    merged_names: tuple
    photo_credits_moved: int
    aliases_moved: int


CREDIT_ROLES = ("photographer", "agency", "distributor")


@transaction.atomic
def merge_credits(*, survivor, merged, user):
    """
    Merge the credits `merged` into `survivor`, in one transaction: every
    photo credited to one of them (as photographer, agency or distributor)
    moves to the survivor; their names and aliases become the survivor's
    aliases, so later imports of the old spellings find the survivor; the
    merged credits are then deleted. Returns a MergeResult.
    """
    require_permission(user, MERGE)
    others = [credit for credit in merged if credit.pk != survivor.pk]
    if not others:
        raise ValidationError("Choose at least one credit to merge into the survivor.")
    other_ids = [credit.pk for credit in others]
    photo_credits_moved = 0
    for role in CREDIT_ROLES:
        photos = list(Photo.objects.filter(**{f"{role}__in": other_ids}))
        for photo in photos:
            setattr(photo, role, survivor)
        if photos:
            bulk_update_with_history(
                photos,
                Photo,
                [role],
                default_user=user,
                default_change_reason=f"Credits merged into {survivor.name}",
            )
        photo_credits_moved += len(photos)
    aliases_moved = CreditAlias.objects.filter(credit_id__in=other_ids).update(
        credit=survivor
    )
    for credit in others:
        credit._history_user = user
        credit.delete()
        if credit.key != survivor.key:
            CreditAlias.objects.update_or_create(
                key=credit_key(credit.name),
                defaults={"credit": survivor, "name": credit.name},
            )
    # The survivor's own spelling must not linger as an alias of itself.
    CreditAlias.objects.filter(key=survivor.key).delete()
    # Bulk updates send no signals: readers' cached photos must go stale.
    caching.bump_version()
    return MergeResult(
        survivor=survivor,
        merged_names=tuple(credit.name for credit in others),
        photo_credits_moved=photo_credits_moved,
        aliases_moved=aliases_moved,
    )


def credit_for_name(name, *, kind=Credit.Kind.PERSON):
    """The credit known by `name` or one of its aliases; created if none is."""
    key = credit_key(name)
    credit = Credit.objects.filter(key=key).first()
    if credit is None:
        alias = CreditAlias.objects.select_related("credit").filter(key=key).first()
        credit = alias.credit if alias else None
    if credit is None:
        credit = Credit.objects.create(
            name=" ".join(name.split()), slug=unique_slug(Credit, name), kind=kind
        )
    return credit
