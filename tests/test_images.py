"""Photo uploads: Pillow validation and embedded metadata (XMP, IPTC IIM, EXIF)."""
import datetime
import io
import struct
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from articles import images

UTC = datetime.timezone.utc


def xmp_packet(*, caption="", creators=(), credit="", date=""):
    """An XMP packet as cameras and photo desks write it."""
    parts = []
    if caption:
        parts.append(
            "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>"
            f"{caption}</rdf:li></rdf:Alt></dc:description>"
        )
    if creators:
        items = "".join(f"<rdf:li>{c}</rdf:li>" for c in creators)
        parts.append(f"<dc:creator><rdf:Seq>{items}</rdf:Seq></dc:creator>")
    attributes = f" photoshop:Credit='{credit}'" if credit else ""
    if date:
        parts.append(f"<photoshop:DateCreated>{date}</photoshop:DateCreated>")
    return (
        "<?xpacket begin='\ufeff' id='W5M0MpCehiHzreSzNTczkc9d'?>"
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' "
        f"xmlns:photoshop='http://ns.adobe.com/photoshop/1.0/'{attributes}>"
        + "".join(parts)
        + "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end='w'?>"
    ).encode("utf-8")


def iptc_segment(datasets):
    """A JPEG APP13 segment holding IPTC IIM datasets {(2, n): text}."""
    iim = b""
    for (record, number), text in datasets.items():
        value = text.encode("utf-8")
        iim += struct.pack(">BBBH", 0x1C, record, number, len(value)) + value
    if len(iim) % 2:
        iim += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"
    resource += struct.pack(">I", len(iim)) + iim
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def make_image(fmt="JPEG", size=(64, 48), *, xmp=None, iptc=None, exif=None, name=None):
    """An image file made in memory, as an upload."""
    buffer = io.BytesIO()
    options = {}
    if xmp is not None:
        options["xmp"] = xmp
    if exif is not None:
        options["exif"] = exif
    Image.new("RGB", size, (200, 120, 40)).save(buffer, fmt, **options)
    data = buffer.getvalue()
    if iptc:
        data = data[:2] + iptc_segment(iptc) + data[2:]
    extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}[fmt]
    return SimpleUploadedFile(
        name or f"photo.{extension}", data, content_type=f"image/{extension}"
    )


def make_exif(**tags):
    exif = Image.Exif()
    for tag, value in tags.items():
        exif[getattr(images.ExifTags.Base, tag)] = value
    return exif


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(fmt):
    assert images.validate_image_upload(make_image(fmt)) == fmt


def test_other_image_formats_are_refused_by_name():
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(make_image("GIF"))
    assert error.value.code == "bad_format"
    assert "GIF images are not accepted" in error.value.message


def test_a_file_that_is_not_an_image_is_refused():
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not a photo at all")
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload)
    assert error.value.code == "not_an_image"


def test_a_truncated_image_is_refused_as_damaged():
    whole = make_image("JPEG", size=(400, 300)).read()
    upload = SimpleUploadedFile("photo.jpg", whole[: len(whole) // 2])
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload)
    assert error.value.code == "damaged"


def test_a_file_over_the_size_limit_is_refused(monkeypatch):
    upload = make_image("PNG")
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", upload.size - 1)
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload)
    assert error.value.code == "too_large"


def test_an_image_over_the_pixel_limit_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 64 * 48 - 1)
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(make_image("PNG", size=(64, 48)))
    assert error.value.code == "too_many_pixels"
    assert "64 × 48 pixels" in error.value.message


def test_a_decompression_bomb_is_refused():
    # A tiny PNG whose header claims 30,000 × 30,000 pixels.
    buffer = io.BytesIO()
    Image.new("1", (30_000, 30_000)).save(buffer, "PNG")
    upload = SimpleUploadedFile("bomb.png", buffer.getvalue())
    assert upload.size < 1024 * 1024
    with pytest.raises(ValidationError) as error:
        images.validate_image_upload(upload)
    assert error.value.code == "too_many_pixels"


def test_xmp_is_read_first():
    upload = make_image(
        xmp=xmp_packet(
            caption="Divers inspect the hull in Carrow Bay.",
            creators=("Pell Amsel", "Rhea Quist"),
            credit="Northlight Images",
            date="2025-04-02T10:15:00+02:00",
        ),
        iptc={(2, 120): "An older caption", (2, 80): "Someone Else", (2, 110): "Other"},
        exif=make_exif(ImageDescription="EXIF caption", Artist="EXIF artist"),
    )
    meta = images.read_photo_metadata(upload)
    assert meta.caption == "Divers inspect the hull in Carrow Bay."
    assert meta.creators == ("Pell Amsel", "Rhea Quist")
    assert meta.credit_line == "Northlight Images"
    assert meta.date_created == datetime.datetime(2025, 4, 2, 8, 15, tzinfo=UTC)


def test_iptc_fills_in_what_xmp_does_not_say():
    upload = make_image(
        xmp=xmp_packet(caption="Divers at work."),
        iptc={
            (2, 120): "IIM caption",
            (2, 80): "Tove Rasmark",
            (2, 110): "Harbour Wire",
            (2, 55): "20240105",
            (2, 60): "134500+0100",
        },
    )
    meta = images.read_photo_metadata(upload)
    assert meta.caption == "Divers at work."
    assert meta.creators == ("Tove Rasmark",)
    assert meta.credit_line == "Harbour Wire"
    assert meta.date_created == datetime.datetime(2024, 1, 5, 12, 45, tzinfo=UTC)


def test_exif_is_the_last_resort():
    exif = make_exif(ImageDescription="Lighthouse at dusk", Artist="Bo Lindqvist")
    exif.get_ifd(images.ExifTags.IFD.Exif)[images.ExifTags.Base.DateTimeOriginal] = (
        "2023:08:30 21:04:05"
    )
    meta = images.read_photo_metadata(make_image(exif=exif))
    assert meta.caption == "Lighthouse at dusk"
    assert meta.creators == ("Bo Lindqvist",)
    assert meta.credit_line == ""
    assert meta.date_created == datetime.datetime(2023, 8, 30, 21, 4, 5, tzinfo=UTC)


def test_xmp_in_webp_is_read():
    upload = make_image("WEBP", xmp=xmp_packet(caption="Kites over the dunes."))
    assert images.read_photo_metadata(upload).caption == "Kites over the dunes."


def test_an_image_without_metadata_reads_as_empty():
    assert images.read_photo_metadata(make_image("PNG")) == images.PhotoMetadata()


def test_hostile_xml_in_xmp_is_ignored():
    bomb = (
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaaaaaaaa'>"
        b"<!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;'>]>"
        b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>&b;</x:xmpmeta>"
    )
    assert images.read_photo_metadata(make_image(xmp=bomb)).caption == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2017-07-13T17:01:00+00:00", datetime.datetime(2017, 7, 13, 17, 1, tzinfo=UTC)),
        ("2017-07-13", datetime.datetime(2017, 7, 13, tzinfo=UTC)),
        ("2017-07", datetime.datetime(2017, 7, 1, tzinfo=UTC)),
        ("sometime in July", None),
    ],
)
def test_xmp_dates_may_be_partial(text, expected):
    assert images.parse_iso_date(text) == expected


def test_iim_date_without_time_is_midnight_utc():
    assert images.parse_iim_date("20170713") == datetime.datetime(2017, 7, 13, tzinfo=UTC)
    assert images.parse_iim_date("2017-07") is None


REFERENCE = "testdata/images/IPTC-PhotometadataRef-Std2017.1.jpg"


def reference_image():
    here = Path(__file__).resolve()
    for shared in (here.parents[2] / "shared", Path("/work/shared")):
        if (shared / REFERENCE).exists():
            return shared / REFERENCE
    pytest.skip("the IPTC reference image is not beside this checkout")


def test_iptc_reference_image_reads_from_xmp():
    with reference_image().open("rb") as handle:
        upload = SimpleUploadedFile("ref.jpg", handle.read())
    assert images.validate_image_upload(upload) == "JPEG"
    meta = images.read_photo_metadata(upload)
    assert meta.caption == "The description aka caption (ref2017.1)"
    assert meta.creators == ("Creator1 (ref2017.1)", "Creator2 (ref2017.1)")
    assert meta.credit_line == "Credit Line (ref2017.1)"
    assert meta.date_created == datetime.datetime(2017, 7, 13, 17, 1, tzinfo=UTC)
