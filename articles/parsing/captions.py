"""Photo captions inside a story's text: finding them and reading their credits."""
import re
from dataclasses import dataclass

from .credits import (
    NOT_PEOPLE,
    PICTURE_AGENCIES,
    TEXT_WIRES,
    is_known_agency,
    is_organisation,
    is_person_name,
    looks_like_photo_credit,
    parse_credit_line,
)
from .story import ParsedPhoto

# "Caption ..." is how the seed layout labels a caption paragraph.
CAPTION_LABEL = re.compile(
    r"^(?:photo\s+caption|image\s+caption|caption)\s*[:,\-–—]?\s+(?=\S)",
    re.IGNORECASE,
)
# Openings only a caption has.
_PICTURE_NOUN = (
    r"(?:photo|photograph|picture|image|handout\s+photo|still\s+image|"
    r"frame\s+grab|screenshot|screen\s+grab|video\s+grab|satellite\s+image)"
)
CAPTION_LEAD = re.compile(
    r"^(?:FILE\s*[-–—:]\s|FILE\s+PHOTO\b|\*\*\s*FILE\s*\*\*|\(FILE\)\s|"
    r"In\s+this\s+(?:[\w,-]+\s+){0,4}(?:file\s+)?" + _PICTURE_NOUN + r"\b|"
    r"This\s+(?:(?!is\b|was\b|are\b|were\b)[\w,-]+\s+){0,3}(?:file\s+)?"
    + _PICTURE_NOUN
    + r"\s+(?:released|provided|taken|made|shot|obtained|distributed|posted|"
    r"courtesy|shows?|dated)\b)",
    re.IGNORECASE,
)
# "In this 2019 file photo", "this file image"; not "a TV shows a file image".
_FILE_IN_CAPTION = re.compile(
    r"^FILE\b|\*\*\s*FILE\s*\*\*|\bFILE\s+PHOTO\b|\bthis\s+(?:[\w,-]+\s+){0,3}?file\s+"
    r"(?:photo|picture|image|photograph)\b",
    re.IGNORECASE,
)
# "Credit: Jane Doe" (seed layout) or "Credit...Jane Doe for The Ledger".
CREDIT_VALUE = re.compile(
    r"(?:^|\s|(?<=[.!?”\"’]))Credit\s*(?::|\.{2,3}|…)\s*(?P<value>[^()]*?)\s*$"
)
_BRACKETED = re.compile(r"\(([^()]{2,120})\)|\[([^\[\]]{2,120})\]")
_SENTENCE_END = r"(?:(?<=[.!?”\"’)\]])|^)"
# Credit text before its slash: no full stop, but a middle initial's
# ("JANE Q. DOE") is not the end of a sentence.
_NAME_RUN = r"(?:[^()\n.]|(?<=\b[A-Z])\.(?=\s*[A-Z]))"
_TRAILING_CREDITS = [
    # "... on Monday. Photo: Jane Doe, AP" / "Photograph: Reuters"
    re.compile(
        _SENTENCE_END + r"\s*((?:©\s*\d{4}\s+)?(?:photo(?:graph)?s?|pictures?|"
        r"images?|pic)(?:\s+by\b|\s*:)\s*[^()\n]{2,80}?)\s*$",
        re.IGNORECASE,
    ),
    # "... on Monday. © 2022 AP Photo/Jane Doe"
    re.compile(_SENTENCE_END + r"\s*(©\s*\d{4}\s+[^()\n]{2,80}?)\s*$"),
    # "... on Monday. REUTERS/Jane Doe" / "Jane Doe/Xinhua via AP" /
    # "JANE Q. DOE/AFP via Getty Images"
    re.compile(_SENTENCE_END + r"\s*([A-Z]" + _NAME_RUN + r"{1,60}/[^()\n]{2,60}?)\s*$"),
    re.compile(
        _SENTENCE_END
        + r"\s*([A-Z]" + _NAME_RUN + r"{1,60}\s+via\s+[A-Z][^()\n.]{1,30}?)\s*$"
    ),
    re.compile(_SENTENCE_END + r"\s*(Handout(?:\s+photo)?)\s*$", re.IGNORECASE),
    # "... first round match against Jane Roe REUTERS/John Doe": an agency
    # in capitals opens the credit even without a full stop before it.
    re.compile(r"\s((?:REUTERS|AFP|EPA-EFE|EPA|AAP\s+Image)\s*/\s*[^()\n/]{2,60}?(?:/File Photo)?)\s*$"),
    # "... before she went missing. Courtesy of the Doe family"
    re.compile(_SENTENCE_END + r"\s*((?:Photo\s+)?[Cc]ourtesy\b[^()\n.]{2,80}?)\s*$"),
    re.compile(
        _SENTENCE_END + r"\s*(" + "|".join(
            re.escape(name) for name in sorted(PICTURE_AGENCIES, key=len, reverse=True)
        ) + r")\s*$",
        re.IGNORECASE,
    ),
]
_LABELLED_MID_CREDIT = re.compile(
    r"(?<=[.!?]\s)((?:Photo|Picture|Photograph)\s*:\s*[^.()\n:]{2,60}?)\.\s+(?=[A-Z])"
)
# "Jane Doe | The Springfield Tribune A crowd gathers ..."
_LEADING_PIPE = re.compile(r"^([A-Z][\w.'’\- ]{1,40}?)\s*\|\s*(.+)$")
_TITLE_WORD = re.compile(r"^[A-Z0-9][\w.&'’\-]*$")
_ORG_ENDINGS = frozenset(
    """
    tribune times post news herald journal gazette chronicle daily courier
    register globe observer examiner inquirer dispatch review mirror telegraph
    guardian independent press images photo photos media network tv today
    magazine star sun bee record leader citizen republic democrat enquirer
    reporter standard express pictures agency service ledger bulletin beacon
    sentinel advocate monitor messenger transcript banner gazette-times
    """.split()
)


@dataclass(frozen=True)
class InlineCredit:
    """One inline credit found in a caption paragraph."""

    start: int
    end: int
    text: str  # as printed, without brackets
    leads: bool = False  # printed before the caption it belongs to


def find_inline_credits(paragraph: str) -> list[InlineCredit]:
    """Inline photo credits in `paragraph`, in reading order."""
    credits = []
    for match in _BRACKETED.finditer(paragraph):
        inner = match.group(1) or match.group(2)
        if looks_like_photo_credit(inner) or _agency_under_a_picture(
            paragraph, match, inner
        ):
            credits.append(InlineCredit(match.start(), match.end(), inner.strip()))
    leading = (
        _leading_pipe_credit(paragraph)
        or _leading_slash_credit(paragraph)
        or _leading_copyright_credit(paragraph)
        or _leading_source_photo_credit(paragraph)
        or _leading_wire_credit(paragraph)
    )
    if leading and not any(c.start < leading.end for c in credits):
        credits.insert(0, leading)
    if not credits:
        # "... on Tuesday. Photo: Kyle Brennan, AP. The fire has burned ...":
        # a labelled credit between two sentences of one caption.
        for match in _LABELLED_MID_CREDIT.finditer(paragraph):
            if looks_like_photo_credit(match.group(1)):
                # The credit's full stop goes with it.
                credits.append(InlineCredit(match.start(1), match.end(1) + 1, match.group(1)))
                break
    if not credits or credits[-1].end < len(paragraph.rstrip()) - 1:
        for pattern in _TRAILING_CREDITS:
            match = pattern.search(paragraph)
            if (
                match
                and (not credits or match.start(1) >= credits[-1].end)
                and looks_like_photo_credit(match.group(1))
            ):
                credits.append(
                    InlineCredit(match.start(1), match.end(1), match.group(1).strip())
                )
                break
    return credits


# What only a caption says: who stands where in the picture, what it shows.
_PICTURE_DESCRIPTION = re.compile(
    r"\((?:C|L|R|\d(?:st|nd|rd|th)\s+[LR]|front|centre|center)\)|"
    r"^(?:photo|picture|image)\s+taken\b|"
    r"^[^.]{0,120}?\b(?:speaks|attends|poses|gestures|waves|looks\s+on|is\s+seen|"
    r"are\s+seen|shows|takes\s+part|take\s+part|is\s+pictured|are\s+pictured|"
    r"celebrates|celebrate|reacts|react|arrives|arrive|walks|walk|stands|stand|"
    r"holds|hold|sits|sit|delivers)\b",
    re.IGNORECASE,
)


def _agency_under_a_picture(paragraph: str, match: re.Match, inner: str) -> bool:
    """
    "Minister Park Ji-hoon (C) speaks at a meeting in Seoul. (Yonhap)": an
    agency alone in brackets closes a caption, where under a story it only
    signs the text.
    """
    inner = inner.strip()
    return (
        match.end() >= len(paragraph.rstrip()) - 1
        and is_known_agency(inner)
        and inner.lower() not in TEXT_WIRES
        and _PICTURE_DESCRIPTION.search(paragraph[: match.start()]) is not None
    )


def _capitalised_run(text: str, endings=frozenset()) -> list[str]:
    """
    The title-case words opening `text`, without the capitalised word that
    starts the next sentence ("Tribune A crowd" -> "Tribune").
    """
    words = text.split()
    run = []
    for word in words[:8]:
        if not _TITLE_WORD.match(word):
            break
        run.append(word)
        if word.lower().strip(".,") in endings:
            return run
    if len(run) > 1 and len(words) > len(run):
        run.pop()
    return run


def _credit_ending_after(paragraph: str, start: int, words: list[str]) -> int:
    end = start
    for word in words:
        end = paragraph.index(word, end) + len(word)
    return end


def _leading_slash_credit(paragraph: str) -> InlineCredit | None:
    """"Xinhua/Jane Doe A crowd gathers ..." (agency first, no brackets)."""
    match = re.match(
        r"^(?:(?:Photo|Photograph|Picture|Image)(?:\s+credit)?\s*:\s*)?"
        r"(?:©\s*(?:\d{4}\s+)?)?"
        r"([A-Z][\w.\-]*(?: [A-Z][\w.\-]*){0,3})\s*/\s*(?=[A-Z])",
        paragraph,
    )
    if not match:
        return None
    run = _capitalised_run(paragraph[match.end():])
    if len(run) < 2:  # a full name, so "Reuters/Ipsos polling" stays body
        return None
    end = _credit_ending_after(paragraph, match.end(), run)
    credit = paragraph[:end].strip()
    if end >= len(paragraph.rstrip()) or not looks_like_photo_credit(credit):
        return None
    return InlineCredit(0, end, credit, leads=True)


_LEADING_COPYRIGHT = re.compile(r"^©\s*\d{4}\s+(?=[A-Z])")
_RIGHTS_NOTICE = re.compile(
    r"\ball\s+rights\s+reserved|\bmay\s+not\s+be\b|\bwithout\s+permission",
    re.IGNORECASE,
)


def _leading_copyright_credit(paragraph: str) -> InlineCredit | None:
    """"© 2019 Jane Doe The enclosure at the zoo." (a name, then the caption)."""
    match = _LEADING_COPYRIGHT.match(paragraph)
    if not match or _RIGHTS_NOTICE.search(paragraph):
        return None
    run = _capitalised_run(paragraph[match.end():])
    # "© 2022 Halvard News. Reproduction ...": a notice, not a name.
    if not 2 <= len(run) <= 5 or run[-1].endswith((".", ",", ":")):
        return None
    end = _credit_ending_after(paragraph, match.end(), run)
    rest = paragraph[end:].strip()
    # The caption after the name must be a sentence of its own.
    if (
        len(rest.split()) < 3
        or not rest[:1].isupper()
        or not rest.endswith((".", "!", "?", "”", '"'))
    ):
        return None
    credit = paragraph[:end].strip()
    if not looks_like_photo_credit(credit):
        return None
    return InlineCredit(0, end, credit, leads=True)


# "Submitted photo A crowd gathers ...": where the picture came from, printed
# before the caption.
_LEADING_SOURCE_PHOTO = re.compile(
    r"^((?:Submitted|Contributed|Provided|Courtesy|Staff|Special|Reader|Family)"
    r"\s+(?:photo|photograph|picture|image))\s+(?=[A-Z])"
)


def _leading_source_photo_credit(paragraph: str) -> InlineCredit | None:
    match = _LEADING_SOURCE_PHOTO.match(paragraph)
    if not match:
        return None
    rest = paragraph[match.end():].strip()
    # The caption after it must be a sentence of its own.
    if len(rest.split()) < 3 or not rest.endswith((".", "!", "?", "”", '"')):
        return None
    return InlineCredit(0, match.end(1), match.group(1), leads=True)


# "Photo: Ellis Navarro, AP Boats sit ...", "Photo by Jane Doe/Getty Images
# Cast members ...", "JANE DOE/AFP via Getty Images Composer ...": a wire
# credit printed before its caption.
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}"
_WIRE = r"(?:AP|AFP|Reuters|REUTERS|Getty\s+Images|Xinhua|EPA-EFE|Bloomberg)"
_LEADING_WIRE_CREDIT = re.compile(
    rf"^((?:(?:Photo|Photograph|Picture)\s*(?::|\s+by)\s*)?{_NAME}"
    rf"(?:\s*,\s*{_WIRE}|\s*/\s*{_WIRE}|\s*/\s*[A-Z][\w.-]*\s+via\s+{_WIRE}))"
    r"\s+(?=[A-Z“\"‘])"
)


# "Courtesy of the Alvarez family Petty Officer ...", "Handout Raymond ...".
_LEADING_SOURCE = re.compile(
    r"^(Courtesy\s+of\s+(?:the\s+)?(?:[A-Z][\w'’-]+\s+){1,3}family|Handout)\s+(?=[A-Z])"
)


def _leading_wire_credit(paragraph: str) -> InlineCredit | None:
    match = _LEADING_WIRE_CREDIT.match(paragraph) or _LEADING_SOURCE.match(paragraph)
    if not match or not looks_like_photo_credit(match.group(1)):
        return None
    rest = paragraph[match.end():].strip()
    if len(rest.split()) < 3 or not rest.endswith((".", "!", "?", "”", '"')):
        return None
    return InlineCredit(0, match.end(1), match.group(1), leads=True)


def _leading_pipe_credit(paragraph: str) -> InlineCredit | None:
    """"Jane Doe | The Springfield Tribune A crowd gathers ..."."""
    match = _LEADING_PIPE.match(paragraph)
    if not match or not is_person_name(match.group(1).strip()):
        return None
    org_words = _capitalised_run(match.group(2), _ORG_ENDINGS)
    if not org_words or (len(org_words) < 2 and not is_organisation(org_words[0])):
        return None
    end = _credit_ending_after(paragraph, match.start(2), org_words)
    return InlineCredit(0, end, paragraph[:end].strip(), leads=True)


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
    captions = _captions_for(text, credits)
    return [
        _photo(
            _tidy(caption),
            credit.text,
            credit_value if index == len(credits) - 1 else None,
        )
        for index, (credit, caption) in enumerate(zip(credits, captions))
    ]


def _captions_for(text: str, credits: list[InlineCredit]) -> list[str]:
    """
    Share the text around `credits` out among them.

    A credit printed after its caption takes the text before it, one printed
    first takes the text after it; text between a leading and a trailing
    credit is split at the sentence boundary nearest its middle, and text
    nobody claims goes on the caption before it ("... (AP Photo/X) It was
    the first ...").
    """
    bounds = [0] + [c for credit in credits for c in (credit.start, credit.end)]
    bounds.append(len(text))
    segments = [text[bounds[i]:bounds[i + 1]] for i in range(0, len(bounds), 2)]
    leads = [
        credit.leads or not segments[index].strip()
        for index, credit in enumerate(credits)
    ]
    captions = [""] * len(credits)
    for index, segment in enumerate(segments):
        if not segment.strip():
            continue
        left = index - 1 if index > 0 else None
        right = index if index < len(credits) else None
        left_takes = left is not None and leads[left]
        right_takes = right is not None and not leads[right]
        if left_takes and right_takes:
            first, second = _split_in_two(segment)
            captions[left] += " " + first
            captions[right] += " " + second
        elif right_takes:
            captions[right] += " " + segment
        elif left_takes:
            captions[left] += " " + segment
        elif left is not None:
            captions[left] += " " + segment
        else:
            captions[right] = segment + " " + captions[right]
    return captions


def _split_in_two(text: str) -> tuple[str, str]:
    """Split `text` at the sentence boundary nearest its middle."""
    middle = len(text) / 2
    cuts = [
        match.end()
        for match in re.finditer(r"[.!?][”\"’]?\s+(?=[A-Z“\"‘])", text)
        if match.end() < len(text.rstrip())
    ]
    if not cuts:
        return text, ""
    cut = min(cuts, key=lambda position: abs(position - middle))
    return text[:cut], text[cut:]


def credit_only_photo(paragraph: str) -> ParsedPhoto | None:
    """A photo for a paragraph that is nothing but a credit, else None."""
    text = paragraph.strip()
    value_match = CREDIT_VALUE.search(text)
    if value_match and not text[: value_match.start()].strip():
        value = value_match.group("value").strip()
        return _photo("", None, value) if value else None
    # "Dubai port (Photo/WAM)": words before a bracketed credit are a caption.
    if not _words_before_bracket(text) and looks_like_photo_credit(text):
        return _photo("", text.strip("()[] "), None)
    return None


def _words_before_bracket(text: str) -> bool:
    brackets = [i for i in (text.find("("), text.find("[")) if i >= 0]
    return bool(brackets) and re.search(r"\w", text[: min(brackets)]) is not None


def _photo(caption: str, credit_line: str | None, credit: str | None) -> ParsedPhoto:
    parsed = parse_credit_line(credit_line) if credit_line else None
    if parsed is None and credit:
        parsed = parse_credit_line(credit)
    photographer = parsed.photographer if parsed else None
    if (
        photographer is None
        and credit
        and credit.lower() not in NOT_PEOPLE
        and is_person_name(credit)
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
