"""Image renditions (thumbnail, medium, large; WebP and JPEG), made once.

A small module rather than easy-thumbnails, sorl-thumbnail or imagekit:
those keep a database row per source or thumbnail (or a key-value store) and
look it up when a thumbnail is asked for, which costs SQL queries per photo
in every API response and would break the query budget of the article list.
Here each source image gets its renditions written once, through the storage
API, under names derived from the source's own (immutable) name, with a small
JSON manifest of their sizes beside them. Serving a URL then needs no
database and no Pillow; the manifest is memoised in the cache framework.
"""
import hashlib
import io
import json
import logging
import posixpath

from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Longest edge of each rendition; smaller sources are never enlarged.
SIZES = {"thumbnail": 320, "medium": 800, "large": 1600}
FORMATS = {
    "webp": {"pil": "WEBP", "content_type": "image/webp", "ext": "webp"},
    "jpeg": {"pil": "JPEG", "content_type": "image/jpeg", "ext": "jpg"},
}
MANIFEST = "manifest.json"
CACHE_KEY = "newsroom:renditions:{digest}"
# A source that cannot be read is not retried on every request.
FAILURE_TTL = 300


def client_format(request):
    """
    The rendition format for a request: WebP when its Accept names
    image/webp (with a non-zero q), JPEG otherwise. Wildcards do not count,
    since every client that sends one can show JPEG.
    """
    accept = request.META.get("HTTP_ACCEPT", "") if request is not None else ""
    for item in accept.split(","):
        media, *params = [part.strip() for part in item.split(";")]
        if media.lower() != "image/webp":
            continue
        q = next((p[2:] for p in params if p.lower().startswith("q=")), "1")
        try:
            if float(q) > 0:
                return "webp"
        except ValueError:
            continue
    return "jpeg"


def rendition_folder(name):
    """Where the renditions of the stored file `name` live."""
    stem, _ = posixpath.splitext(name)
    return posixpath.join("renditions", stem)


def manifest_for(image):
    """
    The manifest of `image`'s renditions, making them on first use.

    `image` is an ImageFieldFile. Returns a dict (`original` and one entry
    per size, each with width, height and per-format name and byte size),
    or None when the field is empty or the file cannot be read as an image.
    """
    if not image or not image.name:
        return None
    # The storage's location is part of the key: two media roots (tests,
    # sites) may hold different files under one name.
    location = getattr(image.storage, "location", "")
    digest = hashlib.sha256(f"{location}:{image.name}".encode()).hexdigest()
    key = CACHE_KEY.format(digest=digest)
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    storage = image.storage
    manifest_name = posixpath.join(rendition_folder(image.name), MANIFEST)
    manifest = None
    try:
        if storage.exists(manifest_name):
            with storage.open(manifest_name, "rb") as handle:
                manifest = json.loads(handle.read().decode("utf-8"))
        else:
            manifest = make_renditions(image)
    except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
        logger.warning("No renditions for %s", image.name, exc_info=True)
        cache.set(key, {}, FAILURE_TTL)
        return None
    cache.set(key, manifest, None)
    return manifest


def make_renditions(image):
    """
    Write every rendition of `image` in every format, then its manifest.

    Raises OSError or UnidentifiedImageError when the source is missing or
    not an image. The manifest is written last, so an interrupted run is
    redone on the next call.
    """
    storage = image.storage
    folder = rendition_folder(image.name)
    with storage.open(image.name, "rb") as handle:
        with Image.open(handle) as source:
            source.load()
            picture = ImageOps.exif_transpose(source)
    manifest = {"original": {"width": picture.width, "height": picture.height}}
    for size_name, edge in SIZES.items():
        resized = picture.copy()
        resized.thumbnail((edge, edge), Image.Resampling.LANCZOS)
        entry = {"width": resized.width, "height": resized.height, "files": {}}
        for fmt, spec in FORMATS.items():
            data = _encode(resized, spec["pil"])
            name = storage.save(
                posixpath.join(folder, f"{size_name}.{spec['ext']}"), ContentFile(data)
            )
            entry["files"][fmt] = {"name": name, "size": len(data)}
        manifest[size_name] = entry
    manifest_name = posixpath.join(folder, MANIFEST)
    if storage.exists(manifest_name):
        storage.delete(manifest_name)
    storage.save(manifest_name, ContentFile(json.dumps(manifest).encode("utf-8")))
    return manifest


def _encode(picture, pil_format):
    if picture.mode not in ("RGB", "L"):
        # JPEG has no alpha: flatten onto white rather than black.
        background = Image.new("RGB", picture.size, "white")
        rgba = picture.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        picture = background
    buffer = io.BytesIO()
    if pil_format == "JPEG":
        picture.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        picture.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue()


def renditions(image, fmt, build_url):
    """
    The renditions of `image` in `fmt` for readers.

    Returns {"url", "width", "height", "renditions": {size: {"url", "width",
    "height", "content_type", "size"}}} with URLs made absolute by
    `build_url`, or None when there is no usable image.
    """
    manifest = manifest_for(image)
    if not manifest:
        return None
    storage = image.storage
    result = {
        "url": build_url(image.url),
        "width": manifest["original"]["width"],
        "height": manifest["original"]["height"],
        "renditions": {},
    }
    for size_name in SIZES:
        entry = manifest[size_name]
        stored = entry["files"][fmt]
        result["renditions"][size_name] = {
            "url": build_url(storage.url(stored["name"])),
            "width": entry["width"],
            "height": entry["height"],
            "content_type": FORMATS[fmt]["content_type"],
            "size": stored["size"],
        }
    return result
