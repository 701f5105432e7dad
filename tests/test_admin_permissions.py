"""Roles: reporters write drafts; the server refuses them everything else."""
from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Credit
from tests.factories import ArticleFactory, CreditFactory, PhotoFactory, QuoteFactory
from tests.test_admin import (
    ADD,
    CHANGELIST,
    HOUR,
    change_url,
    form_data,
    post_change,
    run_action,
    split,
)

pytestmark = pytest.mark.django_db

# Fixtures reporter, reporter_client, editor and editor_client come from
# tests/test_admin.py.
from tests.test_admin import editor, editor_client, reporter, reporter_client  # noqa: E402,F401


def test_groups_exist_with_the_custom_permissions():
    editor = Group.objects.get(name="Editor")
    codenames = set(editor.permissions.values_list("codename", flat=True))
    assert {"publish_article", "withdraw_article", "merge_credits", "add_correction"} <= codenames
    reporter = set(
        Group.objects.get(name="Reporter").permissions.values_list("codename", flat=True)
    )
    assert {"add_article", "change_article"} <= reporter
    assert not {"publish_article", "withdraw_article", "merge_credits"} & reporter


def test_create_local_editor_puts_the_user_in_the_editor_group():
    call_command("create_local_editor", username="desk", stdout=StringIO())
    assert User.objects.get(username="desk").groups.filter(name="Editor").exists()


def test_reporter_creates_and_edits_a_draft(reporter_client):
    response = reporter_client.post(
        ADD,
        {
            "headline": "Allotments flooded",
            "slug": "allotments-flooded",
            "status": "draft",
            "body": "Water rose overnight.",
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("photos", "quotes", "corrections")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="allotments-flooded")
    assert post_change(reporter_client, article, headline="Allotments under water").status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "Allotments under water"


def test_reporter_sees_no_publishing_actions(reporter_client, editor_client):
    ArticleFactory(draft=True)
    editor_form = editor_client.get(CHANGELIST).context["action_form"]
    assert "publish_selected" in {name for name, _ in editor_form.fields["action"].choices}
    action_form = reporter_client.get(CHANGELIST).context["action_form"]
    names = {name for name, _ in action_form.fields["action"].choices} if action_form else set()
    assert not names & {"publish_selected", "unpublish_selected", "withdraw_selected", "correct_selected"}


def test_reporter_forged_post_that_publishes_is_refused(reporter_client):
    article = ArticleFactory(draft=True)
    response = post_change(reporter_client, article, status="published")
    assert response.status_code == 200
    assert "You do not have permission to publish articles" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_reporter_forged_post_that_schedules_or_embargoes_is_refused(reporter_client):
    article = ArticleFactory(draft=True)
    day, time = split(timezone.now() + HOUR)
    response = post_change(reporter_client, article, published_at_0=day, published_at_1=time)
    assert "You do not have permission to schedule" in response.content.decode()
    response = post_change(reporter_client, article, embargo_until_0=day, embargo_until_1=time)
    assert "You do not have permission to schedule" in response.content.decode()
    article.refresh_from_db()
    assert article.published_at is None and article.embargo_until is None


def test_reporter_forged_post_that_withdraws_is_refused(reporter_client):
    article = ArticleFactory(draft=True)
    response = post_change(reporter_client, article, status="withdrawn", withdrawn_reason="x")
    assert "You do not have permission to withdraw articles" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "draft"


@pytest.mark.parametrize(
    "action, extra",
    [
        ("publish_selected", {}),
        ("unpublish_selected", {}),
        ("withdraw_selected", {"reason": "forged"}),
        ("correct_selected", {"correction": "forged"}),
    ],
)
def test_reporter_forged_action_is_refused(reporter_client, action, extra):
    draft = ArticleFactory(draft=True)
    live = ArticleFactory()
    run_action(reporter_client, action, [draft, live], **extra)
    assert Article.objects.get(pk=draft.pk).status == "draft"
    live.refresh_from_db()
    assert live.status == "published" and not live.corrections.exists()


def test_reporter_may_view_but_not_change_a_published_article(reporter_client):
    article = ArticleFactory()
    PhotoFactory(article=article)
    assert reporter_client.get(change_url(article)).status_code == 200
    response = reporter_client.post(change_url(article), {"headline": "Forged"})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).headline == article.headline


def test_reporter_may_not_change_photos_or_quotes_of_a_published_article(reporter_client):
    photo = PhotoFactory()
    quote = QuoteFactory()
    for model, obj in (("photo", photo), ("quote", quote)):
        url = reverse(f"admin:articles_{model}_change", args=[obj.pk])
        assert reporter_client.post(url, {"caption": "forged", "text": "forged"}).status_code == 403


def test_reporter_may_not_revert_a_published_article(reporter_client, editor_client):
    article = ArticleFactory(draft=True, headline="First")
    post_change(editor_client, article, headline="Second")
    post_change(editor_client, article, status="published")
    version = article.history.get(headline="First")
    url = reverse("admin:articles_article_simple_history", args=[article.pk, version.history_id])
    response = reporter_client.post(url, form_data(editor_client.get(url)))
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).headline == "Second"


def test_reporter_reverting_a_draft_cannot_bring_back_a_published_version(
    reporter_client, editor_client
):
    article = ArticleFactory(draft=True)
    post_change(editor_client, article, status="published")
    post_change(editor_client, article, status="draft")
    published = article.history.filter(status="published").first()
    url = reverse(
        "admin:articles_article_simple_history", args=[article.pk, published.history_id]
    )
    response = reporter_client.post(url, form_data(reporter_client.get(url)))
    assert response.status_code == 200
    assert "You do not have permission to publish articles" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_reporter_forged_merge_is_refused(reporter_client):
    first, second = CreditFactory(), CreditFactory()
    reporter_client.post(
        reverse("admin:articles_credit_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [first.pk, second.pk],
            "apply": "1",
            "survivor": first.pk,
        },
    )
    assert Credit.objects.filter(pk=second.pk).exists()


def test_reporter_may_not_attach_a_photo_or_quote_to_a_published_article(reporter_client):
    live = ArticleFactory(body="“Fine words,” he said.")
    draft = ArticleFactory(draft=True, body="“Fine words,” he said.")
    photo_add = reverse("admin:articles_photo_add")
    quote_add = reverse("admin:articles_quote_add")
    response = reporter_client.post(photo_add, {"article": live.pk, "caption": "forged"})
    assert response.status_code == 200 and not live.photos.exists()
    response = reporter_client.post(quote_add, {"article": live.pk, "text": "Fine words"})
    assert response.status_code == 200 and not live.quotes.exists()
    response = reporter_client.post(quote_add, {"article": draft.pk, "text": "Fine words"})
    assert response.status_code == 302 and draft.quotes.get().paragraph == 0
