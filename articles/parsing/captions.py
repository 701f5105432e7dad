"""Photo captions inside a story's text: finding them and reading their credits."""
import re
from dataclasses import dataclass

from .credits import (
    NOT_PEOPLE,
    PICTURE_AGENCIES,
    _is_org,
    _is_person,
    looks_like_photo_credit,
    parse_credit_line,
)
from .story import ParsedPhoto

# "Caption ..." is how the seed layout labels a caption paragraph.
CAPTION_LABEL = re.compile(
    r"^(?:photo\s+caption|image\s+caption|caption)\s*[:\-–—]?\s+(?=\S)",
    re.IGNORECASE,
)
# Openings only a caption has.
CAPTION_LEAD = re.compile(
    r"^(?:FILE\s*[-–—:]\s|FILE\s+PHOTO\b|\*\*\s*FILE\s*\*\*|\(FILE\)\s|"
    r"(?:In\s+)?this\s+(?:\w+\s+){0,4}(?:file\s+)?"
    r"(?:photo|photograph|picture|image|handout\s+photo|still\s+image|"
    r"frame\s+grab|screenshot|screen\s+grab)\b"
    r"(?:\s+(?:released|provided|taken|made|shot|obtained|distributed|"
    r"posted|from|by|on|dated|of|shows?|courtesy)\b|,))",
    re.IGNORECASE,
)
_FILE_IN_CAPTION = re.compile(
    r"^FILE\b|\*\*\s*FILE\s*\*\*|\bFILE\s+PHOTO\b|\bfile\s+(?:photo|picture|"
    r"image|photograph)\b",
    re.IGNORECASE,
)
CREDIT_VALUE = re.compile(r"(?:^|\s)Credit\s*:\s*(?P<value>[^()]*?)\s*$")
_BRACKETED = re.compile(r"\(([^()]{2,120})\)|\[([^\[\]]{2,120})\]")
_SENTENCE_END = r"(?:(?<=[.!?”\"’)\]])|^)"
_TRAILING_CREDITS = [
    # "... on Monday. Photo: Jane Doe, AP" / "Photograph: Reuters"
    re.compile(
        _SENTENCE_END + r"\s*((?:©\s*\d{4}\s+)?(?:photo(?:graph)?s?|pictures?|"
        r"images?|pic)(?:\s+by\b|\s*:)\s*[^()\n]{2,80}?)\s*$",
        re.IGNORECASE,
    ),
    # "... on Monday. © 2022 AP Photo/Jane Doe"
    re.compile(_SENTENCE_END + r"\s*(©\s*\d{4}\s+[^()\n]{2,80}?)\s*$"),
    # "... on Monday. REUTERS/Jane Doe" / "Jane Doe/Xinhua via AP"
    re.compile(_SENTENCE_END + r"\s*([A-Z][^()\n.]{1,60}/[^()\n]{2,60}?)\s*$"),
    re.compile(
        _SENTENCE_END + r"\s*([A-Z][^()\n.]{1,60}\s+via\s+[A-Z][^()\n.]{1,30}?)\s*$"
    ),
    re.compile(
        _SENTENCE_END + r"\s*(" + "|".join(
            re.escape(name) for name in sorted(PICTURE_AGENCIES, key=len, reverse=True)
        ) + r")\s*$",
        re.IGNORECASE,
    ),
]
# "Jane Doe | The Springfield Tribune A crowd gathers ..."
_LEADING_PIPE = re.compile(r"^([A-Z][\w.'’\- ]{1,40}?)\s*\|\s*(.+)$")
_TITLE_WORD = re.compile(r"^[A-Z0-9][\w.&'’\-]*$")
_ORG_ENDINGS = frozenset(
    """
    tribune times post news herald journal gazette chronicle daily courier
    register globe observer examiner inquirer dispatch review mirror telegraph
    guardian independent press images photo photos media network tv today
    magazine star sun bee record leader citizen republic democrat enquirer
    reporter standard express pictures agency service
    """.split()
)


@dataclass(frozen=True)
class InlineCredit:
    """One inline credit found in a caption paragraph."""

    start: int
    end: int
    text: str  # as printed, without brackets


def find_inline_credits(paragraph: str) -> list[InlineCredit]:
    """Inline photo credits in `paragraph`, in reading order."""
    credits = []
    for match in _BRACKETED.finditer(paragraph):
        inner = match.group(1) or match.group(2)
        if looks_like_photo_credit(inner):
            credits.append(InlineCredit(match.start(), match.end(), inner.strip()))
    if credits:
        return credits
    leading = _leading_pipe_credit(paragraph)
    if leading:
        return [leading]
    for pattern in _TRAILING_CREDITS:
        match = pattern.search(paragraph)
        if match and looks_like_photo_credit(match.group(1)):
            return [InlineCredit(match.start(1), match.end(1), match.group(1).strip())]
    return []


def _leading_pipe_credit(paragraph: str) -> InlineCredit | None:
    match = _LEADING_PIPE.match(paragraph)
    if not match or not _is_person(match.group(1).strip()):
        return None
    words = match.group(2).split()
    org_words = []
    ended = False
    for word in words[:8]:
        if not _TITLE_WORD.match(word):
            break
        org_words.append(word)
        if word.lower().strip(".,") in _ORG_ENDINGS:
            ended = True
            break
    if not ended and len(org_words) > 1 and len(words) > len(org_words):
        # No publication word: the organisation ends before the capitalised
        # word that opens the caption sentence.
        org_words.pop()
    if not org_words or not _is_org(" ".join(org_words)) and len(org_words) < 2:
        return None
    end_of_org = match.start(2)
    for word in org_words:
        end_of_org = paragraph.index(word, end_of_org) + len(word)
    return InlineCredit(0, end_of_org, paragraph[:end_of_org].strip())


def has_caption_label(paragraph: str) -> bool:
    """True for a paragraph labelled "Caption ..."."""
    return CAPTION_LABEL.match(paragraph) is not None


def has_caption_lead(paragraph: str) -> bool:
    """True for a paragraph opening the way only captions do ("FILE - ...")."""
    return CAPTION_LEAD.match(paragraph) is not None


def is_caption(paragraph: str) -> bool:
    """True when `paragraph` is (part of) a photo caption."""
    return (
        has_caption_label(paragraph)
        or has_caption_lead(paragraph)
        or bool(find_inline_credits(paragraph))
    )


def split_labelled_captions(paragraph: str) -> list[str]:
    """Split "Caption A ... Credit: X Caption B ..." into one piece per caption."""
    if not has_caption_label(paragraph):
        return [paragraph]
    pieces = re.split(r"(?<=\S)\s+(?=Caption\s+[A-Z“\"‘'(*])", paragraph)
    return [piece for piece in pieces if piece.strip()]


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    return text.strip(" -–—|")


def is_file_caption(caption: str) -> bool:
    """True when a caption's wording marks an archive photo."""
    return _FILE_IN_CAPTION.search(caption[:120]) is not None


def parse_caption(paragraph: str) -> list[ParsedPhoto]:
    """
    Read the photos in one caption paragraph.

    Drops the "Caption" label, the inline credit(s) and the "Credit: ..."
    tail; keeps the rest of the caption as printed ("FILE - " included).
    Several inline credits in one paragraph are several photos run
    together; text after the last credit belongs to the last photo, unless
    every credit precedes its caption.
    """
    text = CAPTION_LABEL.sub("", paragraph.strip(), count=1)
    credit_value = None
    value_match = CREDIT_VALUE.search(text)
    if value_match:
        credit_value = value_match.group("value").strip() or None
        text = text[: value_match.start()].rstrip()

    credits = find_inline_credits(text)
    if not credits:
        return [_photo(_tidy(text), None, credit_value)]
    if len(credits) == 1:
        credit = credits[0]
        caption = text[: credit.start] + " " + text[credit.end :]
        return [_photo(_tidy(caption), credit.text, credit_value)]

    segments = []
    position = 0
    for credit in credits:
        segments.append(text[position : credit.start])
        position = credit.end
    tail = text[position:]
    if not segments[0].strip() and tail.strip():
        # Credits lead: each caption follows its credit.
        segments = segments[1:] + [tail]
    else:
        segments[-1] += " " + tail
    photos = []
    for index, (credit, segment) in enumerate(zip(credits, segments)):
        value = credit_value if index == len(credits) - 1 else None
        photos.append(_photo(_tidy(segment), credit.text, value))
    return photos


def credit_only_photo(paragraph: str) -> ParsedPhoto | None:
    """A photo for a paragraph that is nothing but a credit, else None."""
    text = paragraph.strip()
    value_match = CREDIT_VALUE.search(text)
    if value_match and not text[: value_match.start()].strip():
        value = value_match.group("value").strip()
        return _photo("", None, value) if value else None
    if looks_like_photo_credit(text):
        return _photo("", text.strip("()[] "), None)
    return None


def _photo(caption: str, credit_line: str | None, credit: str | None) -> ParsedPhoto:
    parsed = parse_credit_line(credit_line) if credit_line else None
    if parsed is None and credit:
        parsed = parse_credit_line(credit)
    photographer = parsed.photographer if parsed else None
    if (
        photographer is None
        and credit
        and credit.lower() not in NOT_PEOPLE
        and _is_person(credit)
    ):
        photographer = credit
    return ParsedPhoto(
        caption=caption,
        credit_line=credit_line,
        credit=credit,
        photographer=photographer,
        agency=parsed.agency if parsed else None,
        distributor=parsed.distributor if parsed else None,
        is_file_photo=bool(parsed and parsed.is_file) or is_file_caption(caption),
    )
