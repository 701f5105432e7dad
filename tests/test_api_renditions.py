"""Image renditions: made once through the storage API, never per request."""
import io
import json
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image
from rest_framework.test import APIClient

from articles import renditions
from tests.api_support import article, jpeg, photo, reader_api  # noqa: F401

pytestmark = pytest.mark.django_db


def image_of(response, n=0):
    return response.json()["photos"][n]["image"]


def open_stored(url):
    name = url.split("/media/", 1)[1]
    with default_storage.open(name, "rb") as handle:
        return Image.open(io.BytesIO(handle.read()))


def test_renditions_are_written_to_storage_in_both_formats():
    item = article("story")
    photo(item, 0, image=jpeg(3000, 2000))
    image = image_of(APIClient().get("/api/articles/story/"))

    large = open_stored(image["renditions"]["large"]["url"])
    assert large.format == "JPEG" and large.size == (1600, 1067)
    folder = renditions.rendition_folder(item.photos.get().image.name)
    _, files = default_storage.listdir(folder)
    assert sorted(files) == sorted(
        ["manifest.json"] + [f"{size}.{ext}" for size in renditions.SIZES
                             for ext in ("jpg", "webp")]
    )
    webp = image_of(
        APIClient().get("/api/articles/story/", HTTP_ACCEPT="application/json, image/webp")
    )
    assert open_stored(webp["renditions"]["medium"]["url"]).format == "WEBP"


def test_renditions_are_made_once_and_then_read_from_storage():
    item = article("story")
    photo(item, 0, image=jpeg(900, 900))
    client = APIClient()
    spy = mock.patch.object(renditions, "make_renditions", wraps=renditions.make_renditions)
    with spy as make:
        first = image_of(client.get("/api/articles/story/"))
        cache.clear()  # no response cache, no memoised manifest
        second = image_of(client.get("/api/articles/story/"))
        cache.clear()
        client.get("/api/articles/", HTTP_ACCEPT="application/json, image/webp")
    assert make.call_count == 1
    assert first == second


def test_small_images_are_not_enlarged():
    item = article("story")
    photo(item, 0, image=jpeg(200, 100))
    image = image_of(APIClient().get("/api/articles/story/"))
    assert {(r["width"], r["height"]) for r in image["renditions"].values()} == {(200, 100)}


def test_transparent_png_becomes_a_jpeg_on_white():
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 400), (0, 0, 0, 0)).save(buffer, "PNG")
    item = article("story")
    photo(item, 0, image=ContentFile(buffer.getvalue(), name="logo.png"))
    image = image_of(APIClient().get("/api/articles/story/"))
    thumb = open_stored(image["renditions"]["thumbnail"]["url"]).convert("RGB")
    assert thumb.getpixel((10, 10)) == (255, 255, 255)


def test_an_unreadable_image_gives_no_renditions_and_no_error():
    item = article("story")
    photo(item, 0, caption="Broken file.",
          image=ContentFile(b"this is not an image", name="broken.jpg"))
    response = APIClient().get("/api/articles/story/")
    assert response.status_code == 200
    assert image_of(response) is None


def test_a_missing_file_gives_no_renditions_and_no_error():
    item = article("story")
    stored = photo(item, 0, image=jpeg(100, 100))
    default_storage.delete(stored.image.name)
    response = APIClient().get("/api/articles/story/")
    assert response.status_code == 200
    assert image_of(response) is None


def test_manifest_records_sizes_and_stored_names():
    item = article("story")
    stored = photo(item, 0, image=jpeg(1000, 400))
    manifest = renditions.manifest_for(stored.image)
    folder = renditions.rendition_folder(stored.image.name)
    with default_storage.open(f"{folder}/manifest.json") as handle:
        assert json.loads(handle.read()) == manifest
    assert manifest["original"] == {"width": 1000, "height": 400}
    assert (manifest["thumbnail"]["width"], manifest["thumbnail"]["height"]) == (320, 128)


@pytest.mark.parametrize(
    "accept, expected",
    [
        ("application/json", "jpeg"),
        ("*/*", "jpeg"),
        ("image/*, application/json", "jpeg"),
        ("application/json, image/webp", "webp"),
        ("application/json, image/webp;q=0", "jpeg"),
        ("application/json, IMAGE/WEBP;q=0.5", "webp"),
        ("application/json, image/webp;q=bad", "jpeg"),
    ],
)
def test_client_format_follows_accept(rf, accept, expected):
    assert renditions.client_format(rf.get("/", HTTP_ACCEPT=accept)) == expected


def test_cached_responses_keep_each_client_s_format():
    item = article("story")
    photo(item, 0, image=jpeg(640, 480))
    client = APIClient()
    jpeg_first = image_of(client.get("/api/articles/story/"))
    webp_next = image_of(
        client.get("/api/articles/story/", HTTP_ACCEPT="application/json, image/webp")
    )
    jpeg_again = image_of(client.get("/api/articles/story/"))
    assert jpeg_first["renditions"]["large"]["url"].endswith(".jpg")
    assert webp_next["renditions"]["large"]["url"].endswith(".webp")
    assert jpeg_again == jpeg_first


def test_cached_responses_keep_each_host_s_absolute_urls():
    article("story")
    client = APIClient()
    first = client.get("/api/articles/story/").json()["url"]
    other = client.get("/api/articles/story/", HTTP_HOST="news.example.com").json()["url"]
    assert first == "http://testserver/api/articles/story/"
    assert other == "http://news.example.com/api/articles/story/"
