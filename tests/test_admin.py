"""The article pages of the admin: list, filters, search, edit, history, actions."""
import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.contrib.messages import get_messages
from django.db import connection
from django.forms import MultiWidget
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Photo, Quote
from tests.factories import (
    ArticleFactory,
    CreditAliasFactory,
    CreditFactory,
    PhotoFactory,
    QuoteFactory,
)
from tests.test_images import make_image, xmp_packet

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)
CHANGELIST = reverse("admin:articles_article_changelist")
ADD = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def ensure_groups():
    """The groups the data migration made; a flushed database lost them."""
    migration = importlib.import_module("articles.migrations.0003_editor_and_reporter_groups")
    migration.create_groups(django_apps, None)


def staff_in(group, username, password="pw-for-tests-only"):
    ensure_groups()
    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return staff_in("Editor", "orla")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def reporter():
    return staff_in("Reporter", "piet")


@pytest.fixture
def reporter_client(reporter):
    client = Client()
    client.force_login(reporter)
    return client


def _encode(value):
    if value is None:
        return None
    if value is True:
        return "on"
    if value is False:
        return None
    return str(value)


def form_data(response):
    """The POST data the change page in `response` would send unchanged."""
    data = {}

    def add_form(form):
        for name, field in form.fields.items():
            bound = form[name]
            value = bound.value()
            if field.disabled or name.endswith("image"):
                continue
            if isinstance(field.widget, MultiWidget):
                parts = field.widget.decompress(value) if value else [None, None]
                for i, part in enumerate(parts):
                    data[f"{bound.html_name}_{i}"] = _encode(part) or ""
                continue
            encoded = _encode(value)
            if encoded is not None:
                data[bound.html_name] = encoded

    add_form(response.context["adminform"].form)
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, field in formset.management_form.fields.items():
            data[formset.management_form[name].html_name] = formset.management_form[
                name
            ].value()
        for form in formset.forms:
            add_form(form)
    return data


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def post_change(client, article, **changes):
    data = form_data(client.get(change_url(article)))
    data.update(changes)
    return client.post(change_url(article), {k: v for k, v in data.items() if v is not None})


# The list


def test_changelist_shows_counts_state_and_markers(editor_client):
    article = ArticleFactory(
        headline="Tide gauge fails at Orrin Point",
        headline_is_provisional=True,
        import_conflict=True,
    )
    PhotoFactory.create_batch(2, article=article)
    quote = QuoteFactory(article=article, text="We had no warning")
    Article.objects.filter(pk=article.pk).update(body="Nothing quoted here any more.")
    ArticleFactory(headline="Night ferry timetable", scheduled=True)

    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    rows = {a.headline: a for a in response.context["cl"].result_list}
    row = rows["Tide gauge fails at Orrin Point"]
    assert (row.photo_total, row.quote_total, row.has_broken_quote) == (2, 1, True)
    html = response.content.decode()
    for marker in ("Provisional headline", "Import conflict", "Broken quote", "Scheduled"):
        assert marker in html
    assert quote.text not in html


def test_changelist_queries_do_not_grow_with_rows(editor_client):
    def changelist_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(CHANGELIST).status_code == 200
        return len(queries)

    for _ in range(2):
        QuoteFactory(article=PhotoFactory().article)
    few = changelist_queries()
    for _ in range(20):
        article = PhotoFactory().article
        QuoteFactory(article=article, text="Broken soon")
    Article.objects.filter(quotes__text="Broken soon").update(body="Changed.")
    many = changelist_queries()
    assert many == few


def test_changelist_does_not_count_every_row(editor_client):
    ArticleFactory.create_batch(3)
    response = editor_client.get(CHANGELIST, {"q": "ferry"})
    assert response.context["cl"].show_full_result_count is False


@pytest.mark.parametrize("term", ["Quayside", "breakwater"])
def test_search_covers_headline_and_body(editor_client, term):
    hit = ArticleFactory(headline="Quayside market reopens", body="A new breakwater.")
    ArticleFactory(headline="School term starts", body="Pupils returned.")
    response = editor_client.get(CHANGELIST, {"q": term})
    assert list(response.context["cl"].result_list) == [hit]


def test_search_matches_word_beginnings_in_any_order(editor_client):
    hit = ArticleFactory(headline="Quayside market reopens", body="Stalls return_to the pier.")
    ArticleFactory(headline="Market day in Orrin", body="No quay here.")
    assert list(editor_client.get(CHANGELIST, {"q": "reop quays"}).context["cl"].result_list) == [hit]
    response = editor_client.get(CHANGELIST, {"q": "return_to O'Hara:* & |"})
    assert response.status_code == 200


def listed(client, **params):
    response = client.get(CHANGELIST, params)
    assert response.status_code == 200, response.content[:500]
    return {a.headline for a in response.context["cl"].result_list}


def test_filters_by_state(editor_client):
    ArticleFactory(headline="live")
    ArticleFactory(headline="draft", draft=True)
    ArticleFactory(headline="later", scheduled=True)
    ArticleFactory(headline="held", embargo_until=timezone.now() + HOUR)
    ArticleFactory(headline="gone", withdrawn=True)
    assert listed(editor_client, state="live") == {"live"}
    assert listed(editor_client, state="draft") == {"draft"}
    assert listed(editor_client, state="scheduled") == {"later"}
    assert listed(editor_client, state="embargoed") == {"held"}
    assert listed(editor_client, state="withdrawn") == {"gone"}


def test_filters_by_photos_provisional_headline_conflict_and_broken_quote(editor_client):
    PhotoFactory(article=ArticleFactory(headline="pictured"))
    ArticleFactory(headline="guessed", headline_is_provisional=True)
    ArticleFactory(headline="clash", import_conflict=True)
    broken = QuoteFactory(article__headline="misquoted").article
    Article.objects.filter(pk=broken.pk).update(body="Rewritten.")
    assert listed(editor_client, has_photos="yes") == {"pictured"}
    assert "pictured" not in listed(editor_client, has_photos="no")
    assert listed(editor_client, headline_is_provisional__exact="1") == {"guessed"}
    assert listed(editor_client, import_conflict__exact="1") == {"clash"}
    assert listed(editor_client, broken_quote="yes") == {"misquoted"}


def test_filters_by_credit_name_or_alias_and_by_speaker(editor_client):
    credit = CreditFactory(name="Juno Varga")
    CreditAliasFactory(credit=credit, name="J. Varga")
    PhotoFactory(article=ArticleFactory(headline="by juno"), photographer=credit)
    PhotoFactory(article=ArticleFactory(headline="by other"))
    QuoteFactory(article__headline="said", speaker="Mayor Idris Kallo")
    assert listed(editor_client, credit="juno var") == {"by juno"}
    assert listed(editor_client, credit="J. Varga") == {"by juno"}
    assert listed(editor_client, speaker="kallo") == {"said"}
    html = editor_client.get(CHANGELIST, {"credit": "juno"}).content.decode()
    assert 'name="credit" value="juno"' in html


def test_filters_by_publication_date_and_date_hierarchy(editor_client):
    ArticleFactory(headline="old", published_at=datetime.datetime(2021, 5, 1, tzinfo=datetime.UTC))
    ArticleFactory(headline="recent", published_at=timezone.now() - HOUR)
    since = str(timezone.now() - 7 * 24 * HOUR)
    assert listed(editor_client, published_at__gte=since) == {"recent"}
    assert listed(editor_client, published_at__year="2021") == {"old"}


# The article page


def test_add_page_creates_a_draft_and_marks_it_edited(editor_client):
    assert editor_client.get(ADD).status_code == 200
    response = editor_client.post(
        ADD,
        {
            "headline": "Lifeboat crew rescues two",
            "slug": "lifeboat-crew-rescues-two",
            "status": "draft",
            "body": "First paragraph.\n\nSecond paragraph.",
            "photos-TOTAL_FORMS": "0",
            "photos-INITIAL_FORMS": "0",
            "quotes-TOTAL_FORMS": "0",
            "quotes-INITIAL_FORMS": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["errors"]
    article = Article.objects.get(slug="lifeboat-crew-rescues-two")
    assert article.paragraphs == ["First paragraph.", "Second paragraph."]
    assert article.edited_at is not None


def test_change_page_shows_provenance_read_only_and_credit_autocomplete(editor_client):
    article = ArticleFactory(imported=True, import_conflict=True)
    PhotoFactory(article=article)
    response = editor_client.get(change_url(article))
    html = response.content.decode()
    assert article.source_name in html and article.source_hash in html
    form = response.context["adminform"].form
    assert "source_name" not in form.fields and "import_conflict" not in form.fields
    assert "admin-autocomplete" in html


def test_change_page_queries_do_not_grow_with_quotes(editor_client):
    article = ArticleFactory(body="\n\n".join(f"“Words {n},” she said." for n in range(12)))

    def page_queries():
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(change_url(article)).status_code == 200
        return len(queries)

    for n in range(2):
        QuoteFactory(article=article, text=f"Words {n}")
    few = page_queries()
    for n in range(2, 12):
        QuoteFactory(article=article, text=f"Words {n}")
    assert page_queries() == few


def test_provenance_cannot_be_changed_by_a_post(editor_client):
    article = ArticleFactory(imported=True)
    post_change(editor_client, article, source_name="forged.txt", import_conflict="on")
    article.refresh_from_db()
    assert article.source_name != "forged.txt" and not article.import_conflict


def test_editing_the_headline_clears_the_provisional_flag_and_sets_edited_at(editor_client):
    article = ArticleFactory(draft=True, headline_is_provisional=True)
    response = post_change(editor_client, article, headline="Storm closes the causeway")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Storm closes the causeway"
    assert not article.headline_is_provisional
    assert article.edited_at is not None


def test_publishing_a_provisional_headline_is_refused_with_a_message(editor_client):
    article = ArticleFactory(draft=True, headline_is_provisional=True)
    response = post_change(editor_client, article, status="published")
    assert response.status_code == 200
    assert "Write a real headline before publishing" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == "draft"


def test_publishing_without_a_time_publishes_now(editor_client):
    article = ArticleFactory(draft=True)
    assert post_change(editor_client, article, status="published").status_code == 302
    assert Article.objects.published().filter(pk=article.pk).exists()


def split(moment):
    local = timezone.localtime(moment)
    return local.date().isoformat(), local.time().replace(microsecond=0).isoformat()


def test_a_future_publication_time_schedules_the_article(editor_client):
    article = ArticleFactory(draft=True)
    day, time = split(timezone.now() + 2 * HOUR)
    response = post_change(
        editor_client, article, status="published", published_at_0=day, published_at_1=time
    )
    assert response.status_code == 302
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert "Scheduled" in editor_client.get(CHANGELIST).content.decode()


def test_an_embargo_in_the_past_is_refused(editor_client):
    article = ArticleFactory()
    day, time = split(timezone.now() - HOUR)
    response = post_change(editor_client, article, embargo_until_0=day, embargo_until_1=time)
    assert response.status_code == 200
    assert "An embargo must end in the future." in response.content.decode()


def test_an_embargo_with_a_scheduled_time_is_refused(editor_client):
    article = ArticleFactory(scheduled=True)
    day, time = split(timezone.now() + 3 * HOUR)
    response = post_change(editor_client, article, embargo_until_0=day, embargo_until_1=time)
    assert response.status_code == 200
    assert "cannot be combined with a scheduled publication time" in response.content.decode()
    assert Article.objects.get(pk=article.pk).embargo_until is None


def test_a_future_embargo_holds_a_published_article_back(editor_client):
    article = ArticleFactory()
    day, time = split(timezone.now() + 3 * HOUR)
    response = post_change(editor_client, article, embargo_until_0=day, embargo_until_1=time)
    assert response.status_code == 302
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_withdrawing_needs_a_reason(editor_client):
    article = ArticleFactory()
    response = post_change(editor_client, article, status="withdrawn")
    assert "Give the reason for withdrawing the article." in response.content.decode()
    response = post_change(
        editor_client, article, status="withdrawn", withdrawn_reason="Legal advice"
    )
    assert response.status_code == 302
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_an_edit_that_breaks_a_quote_warns_and_hides_the_quote(editor_client):
    quote = QuoteFactory(text="The bridge will hold")
    assert Quote.objects.published().filter(pk=quote.pk).exists()
    response = post_change(
        editor_client, quote.article, body="The bridge was inspected on Monday."
    )
    assert response.status_code == 302
    warnings = messages_of(response)
    assert any("no longer stand word for word" in m and quote.text in m for m in warnings)
    assert not Quote.objects.published().filter(pk=quote.pk).exists()
    listing = editor_client.get(CHANGELIST).content.decode()
    assert "Broken quote" in listing


def test_a_new_quote_must_stand_in_the_body(editor_client):
    article = ArticleFactory(draft=True, body="Intro.\n\n“Hold the line,” said Ada Roe.")
    data = form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-text": "Hold the fort",
            "quotes-0-speaker": "Ada Roe",
            "quotes-0-article": str(article.pk),
        }
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "must stand word for word" in response.content.decode()
    data["quotes-0-text"] = "Hold the line"
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    quote = article.quotes.get()
    assert (quote.paragraph, quote.position) == (1, 0)


def test_photo_and_quote_rows_can_swap_positions(editor_client):
    article = ArticleFactory(draft=True)
    first = PhotoFactory(article=article, position=0, caption="first")
    second = PhotoFactory(article=article, position=1, caption="second")
    data = form_data(editor_client.get(change_url(article)))
    index = {data[f"photos-{i}-id"]: i for i in range(2)}
    data[f"photos-{index[str(first.pk)]}-position"] = "1"
    data[f"photos-{index[str(second.pk)]}-position"] = "0"
    assert editor_client.post(change_url(article), data).status_code == 302
    assert list(article.photos.values_list("caption", flat=True)) == ["second", "first"]


def test_uploading_a_photo_fills_empty_fields_from_its_metadata(editor_client):
    article = ArticleFactory(draft=True)
    data = form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-article": str(article.pk),
            "photos-0-image": make_image(
                xmp=xmp_packet(
                    caption="Volunteers fill sandbags in Lower Brack.",
                    creators=("Saskia Morrow",),
                    credit="Fenland Press",
                    date="2025-02-11T08:00:00Z",
                )
            ),
        }
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302, response.context["errors"]
    photo = article.photos.get()
    assert photo.caption == "Volunteers fill sandbags in Lower Brack."
    assert photo.credit_line == "Fenland Press"
    assert photo.photographer.name == "Saskia Morrow"
    assert photo.taken_at == datetime.datetime(2025, 2, 11, 8, tzinfo=datetime.UTC)
    assert photo.image.name.endswith(".jpg")
    assert any("filled in from" in m for m in messages_of(response))
    page = editor_client.get(change_url(article)).content.decode()
    assert f'<img src="{photo.image.url}"' in page


def test_a_caption_that_differs_from_the_file_is_kept_with_a_warning(editor_client):
    article = ArticleFactory(draft=True)
    photo = PhotoFactory(article=article, caption="Sandbags at the quay.")
    data = form_data(editor_client.get(change_url(article)))
    data["photos-0-image"] = make_image(
        xmp=xmp_packet(caption="A different scene.", creators=(photo.photographer.name,))
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 302
    photo.refresh_from_db()
    assert photo.caption == "Sandbags at the quay."
    warnings = messages_of(response)
    assert any("caption embedded" in m and "A different scene." in m for m in warnings)
    assert not any("photographer embedded" in m for m in warnings)


def test_a_photo_file_that_is_not_accepted_is_refused_with_its_reason(editor_client):
    article = ArticleFactory(draft=True)
    data = form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "photos-TOTAL_FORMS": "1",
            "photos-0-article": str(article.pk),
            "photos-0-image": make_image("GIF"),
        }
    )
    response = editor_client.post(change_url(article), data)
    assert response.status_code == 200
    assert "GIF images are not accepted" in response.content.decode()
    assert not Photo.objects.exists()


def test_a_correction_is_appended_inline_to_a_published_article(editor_client):
    article = ArticleFactory()
    data = form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-article": str(article.pk),
            "corrections-0-text": "The harbour master is Ines Falk, not Ines Fall.",
        }
    )
    assert editor_client.post(change_url(article), data).status_code == 302
    correction = article.corrections.get()
    assert correction.created_at is not None


def test_a_correction_is_refused_on_a_draft(editor_client):
    article = ArticleFactory(draft=True)
    data = form_data(editor_client.get(change_url(article)))
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-article": str(article.pk),
            "corrections-0-text": "Fix.",
        }
    )
    response = editor_client.post(change_url(article), data)
    assert "Corrections are appended to published articles" in response.content.decode()
    assert not Correction.objects.exists()


# History


def test_history_records_who_changed_what_and_restores_an_earlier_version(
    editor_client, editor
):
    article = ArticleFactory(draft=True, headline="Pier opens")
    post_change(editor_client, article, headline="Pier opens to walkers")
    post_change(editor_client, article, headline="Pier shut again")
    history_url = reverse("admin:articles_article_history", args=[article.pk])
    page = editor_client.get(history_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "orla" in html and "Pier opens to walkers" in html
    # The diff of each version: the field, its old and its new value.
    assert "<strong>headline:</strong>" in html.lower()
    assert "&rarr;&nbsp;&nbsp;Pier shut again" in html
    version = article.history.get(headline="Pier opens to walkers")
    assert version.history_user == editor
    revert_url = reverse(
        "admin:articles_article_simple_history", args=[article.pk, version.history_id]
    )
    data = form_data(editor_client.get(revert_url))
    response = editor_client.post(revert_url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Pier opens to walkers"
    assert article.history.first().history_user == editor


def test_photo_and_quote_changes_have_their_own_history(editor_client):
    photo = PhotoFactory(article=ArticleFactory(draft=True))
    for model, obj in (("photo", photo), ("quote", QuoteFactory())):
        url = reverse(f"admin:articles_{model}_history", args=[obj.pk])
        assert editor_client.get(url).status_code == 200


# Actions


def run_action(client, action, articles, **extra):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
        follow=True,
    )


def test_bulk_publish_publishes_ready_articles_and_names_the_refused(editor_client):
    ready = ArticleFactory(draft=True)
    guessed = ArticleFactory(draft=True, headline_is_provisional=True, headline="lede guess")
    response = run_action(editor_client, "publish_selected", [ready, guessed])
    assert Article.objects.get(pk=ready.pk).status == "published"
    assert Article.objects.get(pk=guessed.pk).status == "draft"
    text = " ".join(messages_of(response))
    assert "Published 1 article" in text and "lede guess" in text


def test_bulk_unpublish_and_withdraw(editor_client):
    first, second = ArticleFactory.create_batch(2)
    run_action(editor_client, "unpublish_selected", [first])
    assert Article.objects.get(pk=first.pk).status == "draft"
    response = run_action(editor_client, "withdraw_selected", [second])
    assert "Give a reason" in " ".join(messages_of(response))
    assert Article.objects.get(pk=second.pk).status == "published"
    run_action(editor_client, "withdraw_selected", [second], reason="Source retracted")
    second.refresh_from_db()
    assert (second.status, second.withdrawn_reason) == ("withdrawn", "Source retracted")


def test_bulk_correction_action(editor_client):
    article = ArticleFactory()
    run_action(editor_client, "correct_selected", [article], correction="Date fixed.")
    assert article.corrections.get().text == "Date fixed."
