"""Articles as IPTC ninjs 3.1, validated against the official schema."""
import json
from pathlib import Path

import jsonschema
import pytest
from rest_framework.test import APIClient

from articles.models import Correction, Credit
from tests.api_support import (  # noqa: F401 (reader_api is an autouse fixture)
    DAY,
    article,
    credit,
    jpeg,
    photo,
    quote,
    reader_api,
)

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "ninjs-schema_3.1.json").read_text(encoding="utf-8")
)


def validate(document):
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


@pytest.fixture
def story():
    item = article(
        "ferry-returns",
        headline="The ferry returns to Kestrel Island",
        body="PORT ALDER, Westmark — The ferry came back & docked.\n\n"
        "“It is good to be home,” said Orla Fenn, the captain.",
        dateline="PORT ALDER, Westmark",
        byline="By Tomas Wren",
    )
    photo(item, 0, photographer=credit("Ilse Marrow"),
          agency=credit("Harbour Light", Credit.Kind.ORGANISATION),
          distributor=credit("Northern Relay", Credit.Kind.ORGANISATION),
          caption="The ferry docks at Port Alder.",
          credit_line="Ilse Marrow/Harbour Light via Northern Relay",
          is_file_photo=True, image=jpeg(1000, 500))
    photo(item, 1, caption="A caption with no picture file.", credit_line="Handout")
    quote(item, 0, "It is good to be home", "Orla Fenn")
    Correction.objects.create(article=item, text="The ferry docked on Tuesday.")
    return item


def test_ninjs_document_validates_against_the_3_1_schema(story):
    response = APIClient().get("/api/articles/ferry-returns/ninjs/")
    assert response.status_code == 200
    validate(response.json())


def test_ninjs_maps_the_article(story):
    document = APIClient().get("/api/articles/ferry-returns/ninjs/").json()

    assert document["uri"] == "http://testserver/api/articles/ferry-returns/"
    assert document["type"] == "text"
    assert document["pubStatus"] == "usable"
    assert document["headlines"] == [
        {"role": "main", "contentType": "text/plain",
         "value": "The ferry returns to Kestrel Island"}
    ]
    plain, rich = document["bodies"]
    assert plain["value"].startswith("PORT ALDER, Westmark — The ferry came back & docked.\n\n")
    assert rich["contentType"] == "application/xhtml+xml"
    assert rich["value"].startswith("<p>PORT ALDER, Westmark — The ferry came back &amp; docked.</p>")
    assert document["by"] == "By Tomas Wren"
    assert document["located"] == "PORT ALDER, Westmark"
    assert document["people"] == [{"name": "Orla Fenn", "rel": "quoted"}]
    assert document["edNote"] == "Correction: The ferry docked on Tuesday."
    assert document["versionCreated"].endswith("Z")


def test_ninjs_pictures_are_associations_with_caption_credit_and_renditions(story):
    document = APIClient().get("/api/articles/ferry-returns/ninjs/").json()

    first, second = document["associations"]
    assert first["type"] == "picture"
    assert first["name"] == "picture1"
    assert first["uri"].startswith("http://testserver/api/photos/")
    assert first["by"] == "Ilse Marrow"
    assert {"role": "caption", "contentType": "text/plain",
            "value": "The ferry docks at Port Alder."} in first["descriptions"]
    assert {"role": "creditline", "contentType": "text/plain",
            "value": "Ilse Marrow/Harbour Light via Northern Relay"} in first["descriptions"]
    assert first["infoSources"] == [
        {"name": "Harbour Light", "role": "agency", "literal": "harbour-light"},
        {"name": "Northern Relay", "role": "distributor", "literal": "northern-relay"},
    ]
    assert first["edNote"] == "File photo."
    by_name = {r["name"]: r for r in first["renditions"]}
    assert set(by_name) == {"original", "thumbnail", "medium", "large"}
    assert (by_name["thumbnail"]["width"], by_name["thumbnail"]["height"]) == (320, 160)
    assert by_name["medium"]["contentType"] == "image/jpeg"
    assert by_name["medium"]["sizeInBytes"] > 0
    assert by_name["large"]["href"].startswith("http://testserver/media/renditions/")
    # A photo without a file is still a picture association, without renditions.
    assert "renditions" not in second
    assert second["by"] == "Handout"


def test_ninjs_renditions_follow_the_accept_header(story):
    document = APIClient().get(
        "/api/articles/ferry-returns/ninjs/", HTTP_ACCEPT="application/json, image/webp"
    ).json()
    validate(document)
    thumbnail = next(
        r for r in document["associations"][0]["renditions"] if r["name"] == "thumbnail"
    )
    assert thumbnail["contentType"] == "image/webp"


def test_ninjs_of_a_bare_article_validates():
    article("brief", headline="Brief", body="")
    document = APIClient().get("/api/articles/brief/ninjs/").json()
    validate(document)
    assert "bodies" not in document and "associations" not in document


@pytest.mark.parametrize(
    "fields", [dict(status="draft"), dict(status="withdrawn"),
               dict(published_at="future"), dict(embargo_until="future")],
)
def test_ninjs_of_an_unpublished_article_is_404(fields):
    from django.utils import timezone

    fields = {k: (timezone.now() + DAY if v == "future" else v) for k, v in fields.items()}
    article("hidden", **fields)
    assert APIClient().get("/api/articles/hidden/ninjs/").status_code == 404


def test_schema_rejects_what_ninjs_forbids():
    # The validator is strict: a misspelt property would not pass.
    with pytest.raises(jsonschema.ValidationError):
        validate({"uri": "http://example.org/1", "headline": "1.x style"})
