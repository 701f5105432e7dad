"""The photo, quote and credit pages of the admin, and merging credits."""
import pytest
from django.urls import reverse

from articles.models import Article, Credit, CreditAlias, Photo
from tests.factories import (
    ArticleFactory,
    CreditAliasFactory,
    CreditFactory,
    PhotoFactory,
    QuoteFactory,
)
from tests.test_admin import editor, editor_client, messages_of  # noqa: F401
from tests.test_images import make_image, xmp_packet

pytestmark = pytest.mark.django_db


def url(model, view="changelist", *args):
    return reverse(f"admin:articles_{model}_{view}", args=args)


def results(client, model, **params):
    response = client.get(url(model), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


# Photos


def test_photo_list_searches_captions_and_credit_names(editor_client):
    credit = CreditFactory(name="Lotte Brannigan")
    hit = PhotoFactory(photographer=credit, caption="Gulls over the ferry")
    PhotoFactory(caption="Empty beach")
    assert results(editor_client, "photo", q="brannigan") == [hit]
    assert results(editor_client, "photo", q="gulls") == [hit]


def test_photo_list_filters_file_photos_and_missing_images(editor_client):
    filed = PhotoFactory(is_file_photo=True)
    PhotoFactory()
    assert results(editor_client, "photo", is_file_photo__exact="1") == [filed]
    assert len(results(editor_client, "photo", image__isempty="1")) == 2


def test_photo_page_upload_fills_fields_and_marks_the_article_edited(editor_client):
    article = ArticleFactory(draft=True)
    assert editor_client.get(url("photo", "add")).status_code == 200
    response = editor_client.post(
        url("photo", "add"),
        {
            "article": article.pk,
            "image": make_image(
                "WEBP", xmp=xmp_packet(caption="Rowers at dawn.", credit="Estuary Photo")
            ),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    photo = Photo.objects.get()
    assert (photo.caption, photo.credit_line, photo.position) == (
        "Rowers at dawn.",
        "Estuary Photo",
        0,
    )
    assert Article.objects.get(pk=article.pk).edited_at is not None
    assert editor_client.get(url("photo", "change", photo.pk)).status_code == 200


def test_photo_page_refuses_a_file_that_is_not_an_image(editor_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = ArticleFactory(draft=True)
    response = editor_client.post(
        url("photo", "add"),
        {"article": article.pk, "image": SimpleUploadedFile("x.jpg", b"plain text")},
    )
    assert response.status_code == 200
    assert "The file is not an image" in response.content.decode()


def test_credit_autocomplete_answers_the_photo_form(editor_client):
    CreditFactory(name="Hedda Strom")
    CreditFactory(name="Other Person")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "hedda",
            "app_label": "articles",
            "model_name": "photo",
            "field_name": "photographer",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Hedda Strom"]


# Quotes


def test_quote_list_searches_and_filters_broken_quotes(editor_client):
    kept = QuoteFactory(text="The lights stay on", speaker="Nils Aaberg")
    broken = QuoteFactory(text="Trains will run")
    Article.objects.filter(pk=broken.article_id).update(body="Buses replaced trains.")
    assert results(editor_client, "quote", q="aaberg") == [kept]
    assert results(editor_client, "quote", verbatim="no") == [broken]
    assert results(editor_client, "quote", verbatim="yes") == [kept]


def test_quote_page_edit_marks_the_article_edited_and_warns_when_broken(editor_client):
    quote = QuoteFactory(text="We will reopen", article__draft=True)
    page = editor_client.get(url("quote", "change", quote.pk))
    assert page.status_code == 200
    data = {
        "article": quote.article_id,
        "position": quote.position,
        "text": quote.text,
        "speaker": "Orla Fenn-Baker",
        "speaker_resolved": "Orla Fenn-Baker",
        "verb": "said",
    }
    response = editor_client.post(url("quote", "change", quote.pk), data)
    assert response.status_code == 302
    assert Article.objects.get(pk=quote.article_id).edited_at is not None
    Article.objects.filter(pk=quote.article_id).update(body="Rewritten entirely.")
    data["speaker"] = "O. Fenn"
    response = editor_client.post(url("quote", "change", quote.pk), data, follow=True)
    assert any("hidden from readers" in m for m in messages_of(response))


# Credits


def test_credit_list_searches_names_and_aliases(editor_client):
    credit = CreditFactory(name="Mirela Dancu")
    CreditAliasFactory(credit=credit, name="M. Dancu-Pop")
    CreditFactory(name="Someone Else")
    assert results(editor_client, "credit", q="Dancu-Pop") == [credit]
    assert results(editor_client, "credit", kind__exact="person")


def test_merging_credits_asks_for_the_survivor_then_merges(editor_client):
    survivor = CreditFactory(name="Tamsin Ole")
    typo = CreditFactory(name="Tamsin Olé", slug="tamsin-ole-2")
    photo = PhotoFactory(photographer=typo)
    selection = {"action": "merge_selected", "_selected_action": [survivor.pk, typo.pk]}

    page = editor_client.post(url("credit"), selection)
    assert page.status_code == 200
    assert "Choose the credit that survives" in page.content.decode()
    assert Credit.objects.filter(pk=typo.pk).exists()

    response = editor_client.post(
        url("credit"), {**selection, "apply": "1", "survivor": survivor.pk}, follow=True
    )
    assert any("Merged Tamsin Olé into Tamsin Ole" in m for m in messages_of(response))
    assert not Credit.objects.filter(pk=typo.pk).exists()
    assert Photo.objects.get(pk=photo.pk).photographer == survivor
    assert CreditAlias.objects.get(name="Tamsin Olé").credit == survivor


def test_merging_a_single_credit_is_refused_with_a_message(editor_client):
    credit = CreditFactory()
    response = editor_client.post(
        url("credit"),
        {"action": "merge_selected", "_selected_action": [credit.pk]},
        follow=True,
    )
    assert any("two or more" in m for m in messages_of(response))


def test_credit_page_and_history(editor_client):
    credit = CreditFactory()
    assert editor_client.get(url("credit", "change", credit.pk)).status_code == 200
    assert editor_client.get(url("credit", "history", credit.pk)).status_code == 200


def test_deleting_a_photo_or_quote_marks_the_article_edited(editor_client):
    photo = PhotoFactory(article=ArticleFactory(draft=True))
    quote = QuoteFactory(article__draft=True)
    response = editor_client.post(url("photo", "delete", photo.pk), {"post": "yes"})
    assert response.status_code == 302
    assert Article.objects.get(pk=photo.article_id).edited_at is not None
    response = editor_client.post(
        url("quote"), {"action": "delete_selected", "_selected_action": [quote.pk], "post": "yes"}
    )
    assert response.status_code == 302
    assert Article.objects.get(pk=quote.article_id).edited_at is not None
    assert not Photo.objects.exists() and not quote.article.quotes.exists()
