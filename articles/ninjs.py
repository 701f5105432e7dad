"""A published article as an IPTC ninjs 3.1 document, pictures included.

Mapping (our name -> ninjs): slug -> slugline and altIds; headline ->
headlines[main]; paragraphs -> bodies (plain text and XHTML); lede ->
descriptions[summary]; byline -> by; dateline -> located; created_at ->
firstCreated; updated_at -> versionCreated; quoted speakers -> people[quoted];
corrections -> edNote. Each photo is an association of type picture: caption
and printed credit line as descriptions, photographer as `by`, agency and
distributor as infoSources, and the renditions with sizes in bytes.
"""
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import Truncator

from . import renditions

NINJS_VERSION = "3.1"
LANGUAGE = "en"
EXCERPT_CHARS = 280


def _datetime(value):
    return value.isoformat().replace("+00:00", "Z") if value else None


def _text(value, role, content_type="text/plain"):
    return {"role": role, "contentType": content_type, "value": value}


def _compact(document):
    """Drop empty values: ninjs properties are optional, but not nullable."""
    return {key: value for key, value in document.items() if value not in (None, "", [])}


def picture_to_ninjs(photo, *, position, build_url, image_format):
    """One photo as a ninjs association (type picture)."""
    descriptions = []
    if photo.caption:
        descriptions.append(_text(photo.caption, "caption"))
    if photo.credit_line:
        descriptions.append(_text(photo.credit_line, "creditline"))
    if photo.alt_text:
        descriptions.append(_text(photo.alt_text, "alternative"))
    sources = [
        {"name": credit.name, "role": role, "literal": credit.slug}
        for credit, role in ((photo.agency, "agency"), (photo.distributor, "distributor"))
        if credit is not None
    ]
    image = renditions.renditions(photo.image, image_format, build_url)
    picture_renditions = []
    if image:
        picture_renditions.append(
            {"name": "original", "href": image["url"], "width": image["width"],
             "height": image["height"]}
        )
        for name, rendition in image["renditions"].items():
            picture_renditions.append(
                {
                    "name": name,
                    "href": rendition["url"],
                    "contentType": rendition["content_type"],
                    "width": rendition["width"],
                    "height": rendition["height"],
                    "sizeInBytes": rendition["size"],
                }
            )
    return _compact(
        {
            "name": f"picture{position}",
            "rel": "picture",
            "uri": build_url(reverse("api:photo-detail", kwargs={"pk": photo.pk})),
            "type": "picture",
            "representationType": "full",
            "by": photo.photographer.name if photo.photographer else photo.credit_line,
            "descriptions": descriptions,
            "infoSources": sources,
            "edNote": "File photo." if photo.is_file_photo else None,
            "renditions": picture_renditions,
        }
    )


def article_to_ninjs(article, *, build_url, image_format="jpeg"):
    """
    `article` (with `reader_photos`, `reader_quotes` and corrections
    prefetched) as a ninjs 3.1 dict. `build_url` makes a path absolute.
    """
    paragraphs = article.paragraphs
    plain = "\n\n".join(paragraphs)
    xhtml = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    lede = Truncator(" ".join(paragraphs[0].split())).chars(EXCERPT_CHARS) if paragraphs else ""
    speakers = []
    for quote in article.reader_quotes:
        name = quote.speaker_resolved or quote.speaker
        if name and name not in speakers:
            speakers.append(name)
    corrections = [c.text for c in article.corrections.all()]
    return _compact(
        {
            "uri": build_url(article.get_absolute_url()),
            "type": "text",
            "representationType": "full",
            "profile": f"newsroom-ninjs-{NINJS_VERSION}",
            "firstCreated": _datetime(article.created_at),
            "versionCreated": _datetime(article.updated_at),
            "contentCreated": _datetime(article.published_at),
            "pubStatus": "usable",
            "language": LANGUAGE,
            "slugline": article.slug,
            "altIds": [{"role": "slug", "value": article.slug}],
            "headlines": [_text(article.headline, "main")],
            "descriptions": [_text(lede, "summary")] if lede else [],
            "bodies": [
                {**_text(plain, "main"), "charCount": len(plain),
                 "wordCount": len(plain.split())},
                _text(xhtml, "richtext", "application/xhtml+xml"),
            ]
            if paragraphs
            else [],
            "by": article.byline,
            "located": article.dateline,
            "people": [{"name": name, "rel": "quoted"} for name in speakers],
            "edNote": " ".join(f"Correction: {text}" for text in corrections) or None,
            "associations": [
                picture_to_ninjs(
                    photo, position=n, build_url=build_url, image_format=image_format
                )
                for n, photo in enumerate(article.reader_photos, start=1)
            ],
        }
    )
