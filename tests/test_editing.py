"""Workflow services: publish, schedule, unpublish, withdraw, correct, merge credits."""
import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles import editing
from articles.models import Article, Credit, CreditAlias, Photo
from tests.factories import (
    ArticleFactory,
    CreditAliasFactory,
    CreditFactory,
    PhotoFactory,
    QuoteFactory,
)

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def editor():
    user = User.objects.create_user("ed", is_staff=True)
    user.groups.add(Group.objects.get(name="Editor"))
    return user


@pytest.fixture
def reporter():
    user = User.objects.create_user("rep", is_staff=True)
    user.groups.add(Group.objects.get(name="Reporter"))
    return user


def test_publish_makes_a_draft_visible_to_readers_and_records_the_editor(editor):
    article = ArticleFactory(draft=True)
    editing.publish(article, user=editor)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.edited_at is not None
    assert Article.objects.published().filter(pk=article.pk).exists()
    assert article.history.first().history_user == editor


def test_publish_keeps_an_existing_past_publication_time(editor):
    when = timezone.now() - 3 * HOUR
    article = ArticleFactory(draft=True, published_at=when)
    editing.publish(article, user=editor)
    assert article.published_at == when


def test_publish_refuses_a_provisional_headline(editor):
    article = ArticleFactory(draft=True, headline_is_provisional=True)
    with pytest.raises(ValidationError) as error:
        editing.publish(article, user=editor)
    assert "real headline" in str(error.value.message_dict["headline"])
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_reporter_may_not_publish_withdraw_or_merge(reporter):
    article = ArticleFactory(draft=True)
    with pytest.raises(PermissionDenied):
        editing.publish(article, user=reporter)
    with pytest.raises(PermissionDenied):
        editing.withdraw(article, user=reporter, reason="Legal")
    with pytest.raises(PermissionDenied):
        editing.merge_credits(
            survivor=CreditFactory(), merged=[CreditFactory()], user=reporter
        )
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_schedule_publishes_from_a_future_moment(editor):
    article = ArticleFactory(draft=True)
    at = timezone.now() + HOUR
    editing.schedule(article, user=editor, at=at)
    assert article.status == Article.Status.PUBLISHED
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert Article.objects.published(at + HOUR).filter(pk=article.pk).exists()


def test_schedule_refuses_a_past_moment(editor):
    article = ArticleFactory(draft=True)
    with pytest.raises(ValidationError):
        editing.schedule(article, user=editor, at=timezone.now() - HOUR)


def test_embargo_cannot_be_combined_with_a_future_publication_time(editor):
    article = ArticleFactory(draft=True, embargo_until=timezone.now() + 2 * HOUR)
    with pytest.raises(ValidationError) as error:
        editing.schedule(article, user=editor, at=timezone.now() + HOUR)
    assert "embargo" in str(error.value.message_dict["embargo_until"])


def test_unpublish_takes_an_article_back_to_draft(editor):
    article = ArticleFactory()
    editing.unpublish(article, user=editor)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_withdraw_keeps_the_article_with_its_reason_off_public_surfaces(editor):
    article = ArticleFactory()
    editing.withdraw(article, user=editor, reason="Court order")
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    assert article.withdrawn_reason == "Court order"
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_withdraw_needs_a_reason(editor):
    article = ArticleFactory()
    with pytest.raises(ValidationError) as error:
        editing.withdraw(article, user=editor, reason="  ")
    assert "withdrawn_reason" in error.value.message_dict
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_correction_is_appended_to_a_published_article(editor):
    article = ArticleFactory()
    correction = editing.add_correction(
        article, user=editor, text="The bridge is 40 metres long, not 400."
    )
    assert list(article.corrections.all()) == [correction]


def test_correction_is_refused_on_a_draft(editor):
    with pytest.raises(ValidationError):
        editing.add_correction(ArticleFactory(draft=True), user=editor, text="Fix")


def test_broken_quotes_lists_quotes_whose_words_left_the_body():
    quote = QuoteFactory(text="We will rebuild the pier")
    assert editing.broken_quotes(quote.article) == []
    quote.article.body = "The pier stays closed."
    quote.article.save()
    assert editing.broken_quotes(quote.article) == [quote]


def test_merge_moves_every_photo_and_keeps_every_name_as_an_alias(editor):
    survivor = CreditFactory(name="Anouk Veldt")
    typo = CreditFactory(name="Anouk Veld")
    other = CreditFactory(name="A. Veldt")
    old_alias = CreditAliasFactory(credit=typo, name="ANOUK VELD.")
    taken = PhotoFactory(photographer=typo)
    supplied = PhotoFactory(agency=other, photographer=None)
    distributed = PhotoFactory(distributor=typo)

    result = editing.merge_credits(survivor=survivor, merged=[typo, other], user=editor)

    assert result.photo_credits_moved == 3
    assert not Credit.objects.filter(pk__in=[typo.pk, other.pk]).exists()
    assert Photo.objects.get(pk=taken.pk).photographer == survivor
    assert Photo.objects.get(pk=supplied.pk).agency == survivor
    assert Photo.objects.get(pk=distributed.pk).distributor == survivor
    assert set(survivor.aliases.values_list("name", flat=True)) == {
        "Anouk Veld",
        "A. Veldt",
        "ANOUK VELD.",
    }
    assert CreditAlias.objects.get(pk=old_alias.pk).credit == survivor
    assert Photo.objects.get(pk=taken.pk).history.first().history_user == editor


def test_merge_is_all_or_nothing(editor, monkeypatch):
    survivor, typo = CreditFactory(), CreditFactory()
    photo = PhotoFactory(photographer=typo)
    typo_id = typo.pk

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(CreditAlias.objects, "update_or_create", fail)
    with pytest.raises(RuntimeError):
        editing.merge_credits(survivor=survivor, merged=[typo], user=editor)
    assert Credit.objects.filter(pk=typo_id).exists()
    assert Photo.objects.get(pk=photo.pk).photographer_id == typo_id


def test_merge_needs_another_credit(editor):
    survivor = CreditFactory()
    with pytest.raises(ValidationError):
        editing.merge_credits(survivor=survivor, merged=[survivor], user=editor)


def test_credit_for_name_finds_a_credit_by_an_alias():
    alias = CreditAliasFactory(name="Marit  Oyen")
    assert editing.credit_for_name("marit oyen") == alias.credit
    created = editing.credit_for_name("Sigrun Holt")
    assert created.name == "Sigrun Holt" and created.kind == Credit.Kind.PERSON
