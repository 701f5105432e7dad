"""Bytes to clean text: decoding, mojibake repair, normalisation, hashing."""
import codecs
import functools
import hashlib
import re
import unicodedata

import ftfy
import ftfy.bad_codecs  # noqa: F401  registers "sloppy-windows-1252"
from ftfy import TextFixerConfig

# Curly quotes carry meaning for quote extraction, so ftfy must keep them.
FTFY_CONFIG = TextFixerConfig(uncurl_quotes=False, explain=True)

BOM = "\ufeff"
# ftfy steps that undo a wrong decoding (as opposed to cosmetic clean-ups).
_REPAIR_STEPS = frozenset(
    {"decode_inconsistent_utf8", "replace_lossy_sequences", "restore_byte_a0"}
)
# Share of control or unassigned characters beyond which text is binary.
MAX_JUNK_SHARE = 0.05


class UnreadableDocument(ValueError):
    """The input is not a text document the parser can work with."""


def decode_wire_bytes(data: bytes) -> str:
    """
    Decode one crawled document's bytes to text.

    UTF-8 with or without a byte-order mark; UTF-16 when it carries a BOM;
    anything else is read as Windows-1252 (or Mac Roman or Windows-1251 when
    the text shows their signs). Mojibake is then repaired with ftfy.
    Raises UnreadableDocument for empty, whitespace-only or binary data.
    """
    if not data.strip():
        raise UnreadableDocument("the document is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(
                "the document claims UTF-16 but does not decode as it"
            ) from None
    else:
        if b"\x00" in data:
            raise UnreadableDocument("the document is binary (NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Latin-1 keeps every byte; the repair step then reads the page
            # as Windows-1252, or as Mac Roman or Windows-1251 when it shows
            # their signs.
            text = data.decode("latin-1")
    check_readable(text)
    text, _ = repair_text(text)
    return text


def check_readable(text: str) -> None:
    """Raise UnreadableDocument when `text` is empty or looks binary."""
    if not text.strip().strip(BOM).strip():
        raise UnreadableDocument("the document is empty")
    if "\x00" in text:
        raise UnreadableDocument("the document is binary (NUL characters)")
    junk = _junk_count(text)
    if junk > MAX_JUNK_SHARE * len(text):
        raise UnreadableDocument(
            "the document is binary (%d of %d characters are control codes)"
            % (junk, len(text))
        )


def _junk_count(text: str) -> int:
    # A page has a few dozen distinct characters and thousands of
    # characters: classify each distinct one once, count in C.
    return sum(text.count(char) for char in set(text) if _is_junk_char(char))


def _is_junk_char(char: str) -> bool:
    if char in "\n\r\t\f\v":
        return False
    category = unicodedata.category(char)
    # C1 controls (0x80-0x9F) are excluded: they are typical mojibake that
    # the repair step turns back into punctuation.
    if category == "Cc" and not "\x80" <= char <= "\x9f":
        return True
    return category in ("Cn", "Co", "Cs")


def normalise_text(text: str) -> str:
    """
    Return `text` in the form that is stored and hashed.

    Byte-order marks go, CRLF and CR become LF, trailing whitespace is
    removed from every line and at the end, and mojibake is repaired, so one
    story saved with CRLF or a BOM normalises to the same string.
    """
    text, _ = repair_text(_unify_line_ends(text))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).rstrip()


def content_hash(text: str) -> str:
    """SHA-256 hex digest of `normalise_text(text)`, encoded as UTF-8."""
    normalised = normalise_text(text)
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def _unify_line_ends(text: str) -> str:
    text = text.replace(BOM, "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def repair_text(text: str) -> tuple[str, bool]:
    """
    Undo wrong decodings in `text`, line by line.

    Returns the repaired text and whether any mis-encoding was found (not
    counting cosmetic changes such as Unicode normalisation). Handles UTF-8
    read as Windows-1252, Latin-1, Mac Roman or Windows-1251 (through ftfy)
    and the single-byte confusions ftfy leaves alone: Mac Roman or
    Windows-1251 text read as Latin-1. Each line is fixed on its own, so
    two encodings on one page are both repaired.
    """
    text = _unify_line_ends(text)
    lines = text.split("\n")
    # Accented letters in Mac Roman read as Latin-1 become C1 controls, which
    # ftfy would take for Windows-1252; a page that shows Mac Roman quotes or
    # dashes anywhere gets those lines read as Mac Roman too.
    mac_roman_page = any(
        _latin1_only(line) and _MAC_ROMAN_SIGNS.search(line) for line in lines
    )
    repaired = False
    out = []
    for line in lines:
        if _CLEAN_LINE.fullmatch(line):
            out.append(line)
            continue
        fixed, line_repaired = _repair_line(line, mac_roman_page)
        repaired = repaired or line_repaired
        out.append(fixed)
    return "\n".join(out), repaired


# Lines ftfy provably leaves alone: printable ASCII without "&" (an HTML
# entity would be unescaped) or ESC (a terminal escape would go), plus the
# typographic punctuation of clean wire copy. Those curly quotes and dashes
# are UTF-8 continuation bytes in Windows-1252 and no Latin-1 letter comes
# with them, so no re-decoding can apply. Most lines of a story are like
# this, and ftfy costs tens of microseconds per line.
_CLEAN_LINE = re.compile("[\t\x20-\x25\x27-\x7e\u2018\u2019\u201c\u201d\u2013\u2014\u2026]*")


# A document is repaired when decoded, again when hashed and again when
# parsed; after the first pass nearly every line is its own repair, so the
# later passes are cache hits. Bounded, so memory stays flat over a run.
@functools.lru_cache(maxsize=4096)
def _repair_line(line: str, mac_roman_page: bool) -> tuple[str, bool]:
    line, single_byte = _repair_single_byte(line, mac_roman_page)
    try:
        fixed, explanation = ftfy.fix_and_explain(line, FTFY_CONFIG)
    except Exception:  # ftfy is well tested, but a page must never fail
        fixed, explanation = line, []
    repaired = single_byte or any(
        step in ("encode", "decode", "transcode") or parameter in _REPAIR_STEPS
        for step, parameter in explanation or ()
    )
    return fixed, repaired


# Mac Roman punctuation as it looks when read as Latin-1: Õ is ’, Ò/Ó are
# “/”, Ð/Ñ are en/em dashes. Only shapes a real Latin-1 word never has count.
_MAC_ROMAN_SIGNS = re.compile(
    r"[a-z]Õ[a-z]"  # don’t, it’s
    r"|(?:^|\s)Ò(?=[\w‘'])"  # opening quote
    r"|[a-z.,!?]Ó(?=\s|$|[.,])"  # closing quote
    r"|\sÐ\s|\sÑ\s"  # spaced dashes
    r"|[a-z]Ð[a-z]|\dÐ\d"  # unspaced en dash: 2Ð3
)
# Cyrillic in Windows-1251 read as Latin-1 turns into words made only of
# accented capitals and small letters (À-ÿ), which no Latin language writes.
_CP1251_WORD = re.compile(
    r"(?<![\w\u00c0-\u00ff])[\u00c0-\u00ff]{3,}(?![\w\u00c0-\u00ff])"
)
_NON_ASCII_WORD = re.compile(r"\w*[^\x00-\x7f]\w*")


def _latin1_only(line: str) -> bool:
    return bool(line) and "\x80" <= max(line) <= "\xff"


def _repair_single_byte(line: str, mac_roman_page: bool = False) -> tuple[str, bool]:
    if not _latin1_only(line):
        return line, False
    raw = line.encode("latin-1")
    if _MAC_ROMAN_SIGNS.search(line) or (
        mac_roman_page and re.search("[\x80-\x9f]", line)
    ):
        candidate = raw.decode("mac_roman")
        if not _MAC_ROMAN_SIGNS.search(candidate):
            return candidate, True
    cyrillic_like = _CP1251_WORD.findall(line)
    if len(cyrillic_like) >= 2 and len(cyrillic_like) * 2 >= len(
        _NON_ASCII_WORD.findall(line)
    ):
        return raw.decode("cp1251", errors="replace").replace("\ufffd", ""), True
    return line, False
