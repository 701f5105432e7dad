"""Photo uploads: validation with Pillow, and the metadata a file carries."""
import dataclasses
import datetime
import re

from defusedxml import ElementTree
from django.core.exceptions import ValidationError
from PIL import ExifTags, Image, IptcImagePlugin, UnidentifiedImageError

ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# 60 megapixels covers every press camera; a bigger claim is a decompression
# bomb (a small file that unpacks into gigabytes of memory).
MAX_PIXELS = 60_000_000


def validate_image_upload(file):
    """
    Check that `file` (an uploaded file) is a real JPEG, PNG or WebP image
    within the size and pixel limits. Returns the Pillow format name; raises
    ValidationError with a message that says what is wrong.
    """
    size = getattr(file, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_UPLOAD_BYTES // 1024 // 1024} MB.",
            code="too_large",
        )
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            if image_format not in ACCEPTED_FORMATS:
                raise ValidationError(
                    f"{image_format} images are not accepted: upload a JPEG, PNG "
                    "or WebP file.",
                    code="bad_format",
                )
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    f"The image is {width} × {height} pixels "
                    f"({width * height / 1e6:.0f} megapixels); the limit is "
                    f"{MAX_PIXELS / 1e6:.0f} megapixels.",
                    code="too_many_pixels",
                )
            image.verify()
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError:
        raise ValidationError(
            "The image claims too many pixels to be opened safely.",
            code="too_many_pixels",
        )
    except UnidentifiedImageError:
        raise ValidationError(
            "The file is not an image: upload a JPEG, PNG or WebP file.",
            code="not_an_image",
        )
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            f"The image file is damaged or cut short ({error}).", code="damaged"
        )
    finally:
        file.seek(0)
    return image_format


@dataclasses.dataclass(frozen=True)
class PhotoMetadata:
    """What a photo file says about itself; empty where it says nothing."""

    caption: str = ""
    creators: tuple = ()
    credit_line: str = ""
    source: str = ""
    date_created: datetime.datetime | None = None

    @property
    def creator(self):
        return ", ".join(self.creators)


def read_photo_metadata(file):
    """
    The caption, creator, credit line, source and creation date embedded in
    an image file, each read from XMP first, then IPTC IIM, then EXIF.
    Unreadable metadata counts as absent; never raises for it.
    """
    file.seek(0)
    try:
        with Image.open(file) as image:
            layers = [_from_xmp(image), _from_iptc(image), _from_exif(image)]
    except (OSError, SyntaxError, ValueError):
        return PhotoMetadata()
    finally:
        file.seek(0)
    merged = {}
    for field in dataclasses.fields(PhotoMetadata):
        merged[field.name] = next(
            (layer[field.name] for layer in layers if layer.get(field.name)),
            field.default,
        )
    return PhotoMetadata(**merged)


NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xml": "http://www.w3.org/XML/1998/namespace",
}


def _xmp_values(root, prefix, name):
    """All values of one XMP property: as attribute, plain element, or list."""
    tag = f"{{{NS[prefix]}}}{name}"
    values = []
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        if tag in description.attrib:
            values.append(description.attrib[tag])
        for element in description.findall(tag):
            items = element.findall("rdf:*/rdf:li", NS)
            if not items:
                values.append(element.text or "")
                continue
            default = [
                li for li in items
                if li.get(f"{{{NS['xml']}}}lang") == "x-default"
            ]
            # A language alternative gives one text: x-default, else the first.
            if element.find("rdf:Alt", NS) is not None:
                items = (default or items)[:1]
            values.extend(li.text or "" for li in items)
    return [" ".join(value.split()) for value in values if value and value.strip()]


def _from_xmp(image):
    raw = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp")
    if not raw:
        return {}
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    # An XMP packet may carry padding or a wrapper around the RDF document.
    start, end = raw.find(b"<x:xmpmeta"), raw.rfind(b"</x:xmpmeta>")
    if start == -1 or end == -1:
        start, end = raw.find(b"<rdf:RDF"), raw.rfind(b"</rdf:RDF>")
        if start == -1 or end == -1:
            return {}
        end += len(b"</rdf:RDF>")
    else:
        end += len(b"</x:xmpmeta>")
    try:
        root = ElementTree.fromstring(raw[start:end])
    except Exception:  # defusedxml raises several kinds for hostile XML
        return {}

    def first(prefix, name):
        values = _xmp_values(root, prefix, name)
        return values[0] if values else ""

    return {
        "caption": first("dc", "description"),
        "creators": tuple(_xmp_values(root, "dc", "creator")),
        "credit_line": first("photoshop", "Credit"),
        "source": first("photoshop", "Source"),
        "date_created": parse_iso_date(first("photoshop", "DateCreated")),
    }


def _decode(value):
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, bytes):
        return ""
    # IIM files rarely declare a character set (dataset 1:90); UTF-8 is the
    # common case, Latin-1 the usual older one.
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode("latin-1")
    return " ".join(text.replace("\x00", "").split())


def _from_iptc(image):
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # Pillow raises assorted errors for broken IIM blocks
        return {}

    def one(dataset):
        value = _decode(info.get((2, dataset)))
        return value[0] if isinstance(value, list) and value else value or ""

    creators = _decode(info.get((2, 80)))
    if isinstance(creators, str):
        creators = [creators]
    return {
        "caption": one(120),
        "creators": tuple(c for c in creators if c),
        "credit_line": one(110),
        "source": one(115),
        "date_created": parse_iim_date(one(55), one(60)),
    }


def _from_exif(image):
    try:
        exif = image.getexif()
        details = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:  # malformed EXIF blocks are common in the wild
        return {}

    def text(value):
        if isinstance(value, bytes):
            value = _decode(value)
        return " ".join(str(value or "").replace("\x00", "").split())

    artist = text(exif.get(ExifTags.Base.Artist))
    taken = text(details.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime))
    offset = text(details.get(ExifTags.Base.OffsetTimeOriginal))
    return {
        "caption": text(exif.get(ExifTags.Base.ImageDescription)),
        "creators": (artist,) if artist else (),
        "date_created": parse_exif_date(taken, offset),
    }


def _aware(value):
    if value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value


def parse_iso_date(text):
    """An XMP date (ISO 8601, possibly only a date) as an aware datetime."""
    text = text.strip()
    if not text:
        return None
    try:
        return _aware(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match:
        return None
    year, month, day = (int(part or 1) for part in match.groups())
    try:
        return datetime.datetime(year, month, day, tzinfo=datetime.timezone.utc)
    except ValueError:
        return None


def parse_iim_date(date, time=""):
    """IIM 2:55 (CCYYMMDD) and 2:60 (HHMMSS±HHMM) as an aware datetime."""
    if not re.fullmatch(r"\d{8}", date or ""):
        return None
    iso = f"{date[:4]}-{date[4:6]}-{date[6:8]}"
    match = re.fullmatch(r"(\d{2})(\d{2})(\d{2})(?:([+-]\d{2})(\d{2}))?", time or "")
    if match:
        hour, minute, second, tz_hours, tz_minutes = match.groups()
        iso += f"T{hour}:{minute}:{second}"
        if tz_hours:
            iso += f"{tz_hours}:{tz_minutes}"
    return parse_iso_date(iso)


def parse_exif_date(text, offset=""):
    """EXIF "YYYY:MM:DD HH:MM:SS" with its optional offset, as an aware datetime."""
    match = re.fullmatch(r"(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})", text or "")
    if not match:
        return None
    y, mo, d, h, mi, s = match.groups()
    iso = f"{y}-{mo}-{d}T{h}:{mi}:{s}"
    if re.fullmatch(r"[+-]\d{2}:\d{2}", offset or ""):
        iso += offset
    return parse_iso_date(iso)
