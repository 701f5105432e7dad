"""One wire document's text to a ParsedStory: date, headline, body, photos."""
import dataclasses
import datetime
import re
from dataclasses import dataclass, field

from . import captions, junk
from .credits import KNOWN_AGENCIES, is_person_name, parse_credit_line
from .story import ParsedPhoto, ParsedStory
from .text import UnreadableDocument, check_readable, repair_text

HEADLINE_MAX = 100

# " date 2022-05-24 " opens a crawled file; the story starts on that line.
_DATE_PREFIX = re.compile(
    r"^[ \t]*date[ \t]+(?P<value>\d[\w:+\-/.]*)(?:[ \t]+|(?=\n)|$)"
)
_EMPTY_DATE_PREFIX = re.compile(r"^[ \t]+date(?:[ \t]+|(?=\n))")
_FULL_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?")
_PARTIAL_DATE = re.compile(r"\d{4}(?:-\d{1,2})?-?")

_TERMINAL = tuple(".!?…:;”\"’')]»")
_CONTINUATION_START = re.compile(r"^[a-z,;:)\]–—-]")

# Datelines ------------------------------------------------------------------
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
)
_DATE_PART = (
    rf"(?:\s*,\s*|\s+)(?:{_MONTH}\s+\d{{1,2}}(?:\s*,?\s*\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)"
)
_PLACE_WORD = (
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*"
    r"|de|del|da|do|dos|of|la|le|al|el|es|am|an|upon|the|sur|en)"
)
_PLACE = (
    rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,4}}"
    rf"(?:\s*,\s*{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}){{0,2}}"
    # "Guwahati (Assam) [India]": the state in brackets, then the country.
    r"(?:\s*\([A-Z][^()\n]{1,30}\)(?=\s*\[))?"
    r"(?:\s*\[[^\[\]\n]{1,40}\])?"
)
_SEP = r"\s*(?:—|–|―|--|-|:)\s*|\s+_\s+"
_DASH_SEP = r"\s*(?:—|–|―|--)\s*|\s+[-_]\s+"
_BRACKETED_PLACE = re.compile(rf"^\((?P<place>{_PLACE})\)(?:{_DASH_SEP})")
_WITH_AGENCY = re.compile(
    rf"^(?P<place>{_PLACE})(?:{_DATE_PART})?"
    rf"\s*\((?P<agency>[^()\n]{{2,30}})\)(?:{_SEP}|\s+(?=[A-Z“\"‘]))"
)
_CAPS_DASH = re.compile(rf"^(?P<place>{_PLACE})(?:{_DATE_PART})?(?:{_DASH_SEP})")
_CAPS_COLON = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ .'’\-]{2,30}?)\s*:\s+(?=[A-Z“\"‘])"
)
# "New Delhi, Dec 14: ..." (the ANI/PTI shape without the agency mark).
_PLACE_DATE_COLON = re.compile(
    rf"^(?P<place>{_PLACE})\s*,\s*(?i:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
    r"(?:\s*,?\s*\d{4})?\s*:\s+(?=[A-Z“\"‘])"
)
# "AUSTIN, Texas, March 3, 2023 /PRNewswire/ -- ..." and "(BUSINESS WIRE)--".
_PRESS_WIRE = re.compile(
    rf"^(?P<place>{_PLACE})(?:{_DATE_PART})?(?:\s*,?\s*\d{{4}})?\s*"
    r"(?:/\s*[A-Za-z][\w.\-]{1,40}\s*/|\(\s*(?:[A-Z][A-Za-z]*\s+)*"
    r"(?:WIRE|NEWSWIRE|Wire|Newswire)\s*\))\s*(?:--|—|–|-)\s*"
)
# "LONDON, UK / ACCESSWIRE / March 3, 2023 / ..."
_WIRE_SLASHES = re.compile(
    rf"^(?P<place>{_PLACE})\s*/\s*[A-Za-z][\w.\-]{{1,30}}\s*/"
    rf"\s*(?:{_MONTH}\s+\d{{1,2}}(?:\s*,?\s*\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
    r"\s*/\s*"
)
# "Kyiv — ...": a mixed-case place needs an em dash and a new sentence.
_MIXED_DASH = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][\w'’.\-]+(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]+|de|del|da|"
    r"do|of|la|le|al|el|upon|sur|am)){0,3}(?:\s*,\s*"
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-ZÀ-ÖØ-Þ][\w'’.\-]+"
    rf"(?:\s+[A-ZÀ-ÖØ-Þ][\w'’.\-]+)?)?)(?:{_DATE_PART})?\s*[—―]\s*"
    r"(?=[A-ZÀ-ÖØ-Þ“\"‘])"
)
# Capitalised words that open ordinary sentences, never a place.
_NOT_PLACE_STARTS = frozenset(
    """
    the a an this that these those it its he she they we i you his her their
    our my your but and or so yet then now still also meanwhile however here
    there today yesterday tonight tomorrow yes no one some many most all both
    each every few several others everyone nobody somebody officials residents
    police critics witnesses experts analysts sources authorities officers
    investigators prosecutors lawmakers democrats republicans voters workers
    supporters protesters doctors scientists researchers president mr mrs ms
    dr sir lord lady prime minister senator sen rep gov governor mayor judge
    chief general gen col capt king queen prince princess pope father sister
    brother update breaking exclusive watch note analysis opinion on in at by
    for from to with without after before since until during as if when while
    where what who why how monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september
    october november december
    """.split()
)
_NOT_PLACE_WORDS = frozenset(
    "UPDATE UPDATED BREAKING EXCLUSIVE WATCH NOTE CORRECTION ANALYSIS OPINION "
    "WARNING LIVE VIDEO PHOTOS FILE PHOTO CAPTION ALERT URGENT EDITORIAL FACT "
    "CHECK EDITOR'S EDITOR’S EDITORS SPONSORED ADVERTORIAL REVIEW COMMENTARY "
    "RELATED READ ADVERTISEMENT UPDATES CORRECTED CLARIFICATION".split()
)

# Bylines --------------------------------------------------------------------
_BYLINE = re.compile(
    r"^(?:(?:Written|Story|Words|Text)\s+by|By|BY)\s*:?\s+(?P<value>\S.*?)\s*$"
)
_BYLINE_ROLE = re.compile(
    r",\s+(?:[a-z-]+\s+){0,3}(?:correspondent|reporter|editor|writer|columnist|"
    r"journalist)s?\b"
)
_BYLINE_JOINERS = frozenset(
    "and of the for in at de da van von der del la le al el bin y & | , -".split()
)
_NOT_BYLINE_STARTS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december then
    now far contrast comparison law nightfall midnight noon dawn dusk late
    early mid the end this that these those then all most some
    """.split()
)
# "By Jane Doe | Updated May 24, 2022 3:15 PM": the stamp is not the byline.
_BYLINE_STAMP = re.compile(
    r"\s*(?:[|•·,]|\s[-–—])\s*(?:(?:updated|published|posted|last\s+updated)\b"
    r"[^|]*|[^|,]*\d[^|]*)$",
    re.IGNORECASE,
)
AGENCY_BYLINES = frozenset(
    {
        "the associated press",
        "associated press",
        "reuters",
        "afp",
        "agence france-presse",
        "xinhua",
        "the canadian press",
        "bloomberg",
        "associated press writer",
        "ap",
    }
)


@dataclass
class _Item:
    """One paragraph on its way to being body, photo, byline or junk."""

    kind: str  # text | photo | caption_part | credit | byline | junk
    text: str
    photos: list[ParsedPhoto] = field(default_factory=list)
    labelled: bool = False


def parse_wire_story(text: str) -> ParsedStory:
    """
    Parse one wire document's text into a ParsedStory.

    `text` is one crawled document, already decoded (see decode_wire_bytes).
    Messy input gives warnings in ParsedStory.warnings; only unreadable input
    (empty, binary) raises UnreadableDocument. Never raises anything else.
    """
    if not isinstance(text, str):
        raise UnreadableDocument(
            "expected decoded text, got %s" % type(text).__name__
        )
    check_readable(text)
    warnings: list[str] = []
    try:
        text, repaired = repair_text(text)
    except Exception:  # a page must never fail on its encoding
        repaired = False
    if repaired:
        warnings.append("repaired mis-encoded characters (mojibake)")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")

    date, text, date_warning = take_crawl_date(text)
    if date_warning:
        warnings.append(date_warning)
    if not text.strip():
        raise UnreadableDocument("the document has no text after its date")
    try:
        return _parse_body(text, date, warnings)
    except Exception as error:  # keep the text even if structure fails
        paragraphs = tuple(
            " ".join(block.split())
            for block in re.split(r"\n\s*\n", text)
            if block.strip()
        )
        first = paragraphs[0] if paragraphs else ""
        return ParsedStory(
            date=date,
            headline=_cut(first, HEADLINE_MAX),
            headline_provisional=True,
            dateline=None,
            byline=None,
            paragraphs=paragraphs,
            warnings=tuple(
                warnings
                + [
                    "could not work out the story's structure (%s)"
                    % type(error).__name__
                ]
            ),
        )


def take_crawl_date(text: str) -> tuple[datetime.date | None, str, str | None]:
    """
    Split the " date YYYY-MM-DD " crawl prefix off `text`.

    Returns (date or None, the text after the prefix, a warning or None).
    A partial or impossible date gives no date and a warning; no date is
    ever invented.
    """
    match = _DATE_PREFIX.match(text)
    if not match:
        empty = _EMPTY_DATE_PREFIX.match(text)
        if empty:
            return None, text[empty.end():], "the date prefix has no date"
        return None, text, "no date prefix: the story has no date"
    value = match.group("value")
    rest = text[match.end():]
    full = _FULL_DATE.fullmatch(value)
    if full:
        try:
            return datetime.date(*(int(part) for part in full.groups())), rest, None
        except ValueError:
            return None, rest, "invalid date %r ignored" % value
    if _PARTIAL_DATE.fullmatch(value):
        return None, rest, "partial date %r ignored" % value
    return None, rest, "unrecognised date %r ignored" % value


# Paragraphs -----------------------------------------------------------------


def split_paragraphs(text: str) -> list[str]:
    """
    Split `text` into paragraphs.

    Blank lines always separate paragraphs. Inside a block, lines are
    rejoined when they are a hard-wrapped sentence and kept apart when each
    line is a paragraph of its own (files with single newlines throughout).
    """
    paragraphs = []
    blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    # Where blank lines part the paragraphs, a line break inside a block is
    # a wrap, however short the last line.
    separated = sum(1 for block in blocks if block.strip()) >= 4
    for block in blocks:
        lines = [" ".join(line.split()) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.extend(_join_block(lines, separated=separated))
    return paragraphs


def _ends_sentence(line: str) -> bool:
    # `... in that room,”` goes on with its attribution on the next line.
    return line.endswith(_TERMINAL) and not line.endswith(_COMMA_QUOTE)


_COMMA_QUOTE = tuple(",” ,\" ,’ ,' ,»".split())


def _stands_alone(line: str) -> bool:
    """Lines that are paragraphs of their own whatever surrounds them."""
    return (
        junk.is_junk(line)
        or byline_of(line) is not None
        or captions.CREDIT_VALUE.match(line) is not None
        or captions.credit_only_photo(line) is not None
    )


def _opens_paragraph(line: str) -> bool:
    """Lines that start a paragraph, which may go on over the next lines."""
    return (
        dateline_of(line) is not None
        or captions.has_caption_label(line)
        or captions.has_caption_lead(line)
    )


def _join_block(lines: list[str], *, separated: bool = False) -> list[str]:
    if len(lines) == 1:
        return lines
    alone = [_stands_alone(line) for line in lines]
    inner = [line for line, single in zip(lines[:-1], alone) if not single]
    width = max((len(line) for line in inner), default=0)
    # Full one-line paragraphs, one per line, even between blank lines.
    listed = all(_ends_sentence(line) and len(line) >= 0.8 * width for line in lines)
    # A hard-wrapped block breaks mid-sentence on most lines, near one width;
    # a file with a paragraph per line ends most lines with a full stop.
    wrapped = sum(
        1 for line in inner if not _ends_sentence(line) and len(line) >= 0.6 * width
    )
    hard_wrapped = bool(inner) and width <= 120 and wrapped * 2 >= len(inner)
    paragraphs = [lines[0]]
    previous = lines[0]
    for index, line in enumerate(lines[1:], start=1):
        if alone[index - 1] or alone[index] or _opens_paragraph(line):
            join = False
        elif _CONTINUATION_START.match(line) or previous.endswith(("-", ",", "—", "–")):
            join = True
        elif captions.CREDIT_VALUE.search(previous) and len(line) >= 0.6 * width:
            join = False  # "... Credit: Jane Doe" closes a caption
        elif separated and not listed:
            join = True
        elif hard_wrapped:
            # A line ending a sentence closes its paragraph when the next
            # word would have fitted on it: the wrap did not push it down.
            next_word = line.split()[0]
            join = not _ends_sentence(previous) or (
                len(previous) + 1 + len(next_word) > width
            )
        else:
            join = False
        if join and re.search(r"[^\W\d_]-$", previous) and line[:1].islower():
            paragraphs[-1] += line  # "two-" + "day strike": a hyphenated word
        elif join:
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        previous = line
    return paragraphs


# Datelines and bylines ------------------------------------------------------


def dateline_of(paragraph: str) -> str | None:
    """
    The dateline opening `paragraph`, as printed without date and agency.

    "NAIROBI, Kenya (AP) — ..." -> "NAIROBI, Kenya"; "Lagos [Nigeria],
    July 8 (ANI): ..." -> "Lagos [Nigeria]"; "(SPRINGFIELD, Ill.) — ..." ->
    "SPRINGFIELD, Ill."; None when the paragraph has no dateline.
    """
    match = dateline_match(paragraph)
    return match.group("place").strip(" ,") if match else None


def dateline_match(paragraph: str) -> re.Match | None:
    """The regex match of the dateline opening `paragraph`, or None."""
    head = paragraph[:160]
    match = _BRACKETED_PLACE.match(head)
    if (
        match
        and _plausible_place(match.group("place"), need_caps=False)
        # "(CNN) — ..." names the agency, not a place.
        and match.group("place").strip().lower() not in KNOWN_AGENCIES
    ):
        return match
    match = _WITH_AGENCY.match(head)
    if match and _plausible_agency(match.group("agency")):
        if _plausible_place(match.group("place"), need_caps=False):
            return match
    match = _CAPS_DASH.match(head)
    if match and _plausible_place(match.group("place"), need_caps=True):
        return match
    match = _PLACE_DATE_COLON.match(head)
    if match and _plausible_mixed_place(match.group("place")):
        return match
    match = _PRESS_WIRE.match(head) or _WIRE_SLASHES.match(head)
    if match and _plausible_place(match.group("place"), need_caps=False):
        return match
    match = _CAPS_COLON.match(head)
    if match:
        place = match.group("place").strip()
        if (
            place.upper() == place
            and not set(place.split()) & _NOT_PLACE_WORDS
            and len(re.sub(r"[^A-Z]", "", place)) >= 3
        ):
            return match
    return None


def _plausible_place(place: str, *, need_caps: bool) -> bool:
    place = place.strip(" ,")
    words = place.split()
    if not words or len(words) > 8 or len(place) > 70:
        return False
    first = re.sub(r"[^\w]", "", words[0])
    if not first or not first[0].isupper():
        return False
    if need_caps:
        letters = re.sub(r"[^A-Za-z]", "", words[0])
        if letters.upper() != letters or len(letters) < 2:
            return False
        if len(words) == 1 and len(letters) < 3:
            return False
        if words[0].upper().strip(".,:") in _NOT_PLACE_WORDS:
            return False
    return True


def _plausible_mixed_place(place: str) -> bool:
    """A place printed in mixed case: no sentence opener, no person's title."""
    place = place.strip(" ,")
    if not _plausible_place(place, need_caps=False):
        return False
    words = place.replace(",", " ").split()
    if words[0].lower().strip(".") in _NOT_PLACE_STARTS:
        return False
    return not any(word.lower().rstrip(".").endswith(("'s", "’s")) for word in words)


def lede_dateline_match(paragraph: str) -> re.Match | None:
    """
    The dateline opening the lede: any dateline_match, or a place in mixed
    case followed by an em dash and a new sentence ("Kyiv — Russian ...").
    Only the lede is read this way: elsewhere "Name — " is ordinary prose.
    """
    match = dateline_match(paragraph)
    if match:
        return match
    match = _MIXED_DASH.match(paragraph[:120])
    if not match or not _plausible_mixed_place(match.group("place")):
        return None
    # "Officials — including the mayor — said": a second dash in the same
    # sentence makes the first one parenthetical.
    rest = _first_sentence(paragraph[match.end():])
    if "—" in rest or "―" in rest:
        return None
    return match


def _plausible_agency(agency: str) -> bool:
    agency = agency.strip()
    if "/" in agency:  # "(ANI/WAM)": one wire carrying another's story
        return all(_plausible_agency(part) for part in agency.split("/") if part)
    if agency.lower() in KNOWN_AGENCIES or agency.lower() in AGENCY_BYLINES:
        return True
    if agency[:1].isupper() and agency.split()[0].lower() in KNOWN_AGENCIES:
        return True  # "Reuters Breakingviews", "AFP Relaxnews"
    if re.fullmatch(r"[A-Z][A-Z.&\-]{1,9}", agency):
        return True
    return bool(
        re.fullmatch(
            r"(?:[A-Z][\w\-]*\s+){0,3}(?:News|Press|Agency|Times|Post|Wire|TV|"
            r"Radio|Online|Service|Desk)",
            agency,
        )
    ) or agency in ("Agencies", "agencies", "Xinhua", "IANS", "ANI")


def byline_of(paragraph: str) -> str | None:
    """
    The byline if `paragraph` is one, else None: the text after "By " as
    printed ("Jane Doe and John Roe, Associated Press"), or an agency alone
    on its line ("The Associated Press").
    """
    text = " ".join(paragraph.split())
    if text.lower().strip(" .") in AGENCY_BYLINES:
        return text.strip(" .")
    match = _BYLINE.match(text)
    if not match:
        return None
    value = _BYLINE_STAMP.sub("", match.group("value")).rstrip(" ,;")
    if len(value) > 120 or re.search(r"[\"“”«»?!:;]|\d", value):
        return None
    # "Rowena Ashby, political correspondent": a role after the name.
    named = _BYLINE_ROLE.sub("", value)
    tokens = re.findall(r"[^\s,|&/]+|[,|&/]", named)
    if not tokens or len(tokens) > 24:
        return None
    if tokens[0].lower().strip(".") in _NOT_BYLINE_STARTS:
        return None
    for token in tokens:
        if token.lower() in _BYLINE_JOINERS or token in ",|&/":
            continue
        if not token[0].isupper():
            return None
    # A full stop ends a sentence, not a name, unless it closes an initial
    # or an abbreviation ("J.", "Jr.").
    if value.endswith(".") and not re.search(r"(?:\b[A-Z]|Jr|Sr)\.$", value):
        return None
    return value


# Headlines ------------------------------------------------------------------


def looks_like_headline(paragraph: str, *, confirmed: bool = False) -> bool:
    """
    True for a short, title-like line with no closing full stop. `confirmed`
    says a byline or dateline follows, which lets a title end on a quoted
    phrase that runs on from its words ("warns of 'grave risk'").
    """
    text = paragraph.strip()
    words = text.split()
    if not 2 <= len(words) <= 20 or len(text) > 150:
        return False
    first = text.lstrip("“‘\"'")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    if text.endswith((".", ",", ";", ":", "-", "–", "—", "…")):
        return False
    if text.endswith(("”", '"', "’", "'")) and not (
        _HEADLINE_QUOTE.search(text)
        or (confirmed and _TRAILING_QUOTED_PHRASE.search(text))
    ):
        return False
    if re.search(r"[a-z]{2,}[.!?]\s+[A-Z]", text):  # more than one sentence
        return False
    if dateline_match(text) or captions.is_caption(text):
        return False
    # "Grain exports slow, ministry says": a title's attribution.
    if _TITLE_ATTRIBUTION.search(text):
        return True
    # A line cut off mid-sentence ("The mayor said the city would") is not
    # a title, whatever its length.
    return words[-1].lower() not in _TRAILING_FRAGMENT


_TITLE_ATTRIBUTION = re.compile(r",\s+(?:[\w'’.-]+\s+){1,4}says$")


# "Diner closes its doors: 'We gave it everything'": a title that ends on a
# quotation opened after a colon or dash, with no full stop inside it.
_HEADLINE_QUOTE = re.compile(
    r"(?:[:—–]|\s-)\s*(?P<open>[“\"‘'])[^“”\"‘’'.,;]*?(?:[‘’'][^“”\"‘’'.,;]*?)*"
    r"[\w!?)](?P<close>[”\"’'])$"
)

# "Council warns of 'grave risk'": a short quoted phrase opened after a word,
# with no sentence inside it. A lede can end the same way, so this only counts
# when a byline or dateline vouches for the line.
_TRAILING_QUOTED_PHRASE = re.compile(
    r"\w[\w,]*\s+(?P<open>[“\"‘'])[^“”\"‘’'.;:!?]*?(?:[‘’'][^“”\"‘’'.;:!?]*?)*"
    r"\w(?P<close>[”\"’'])$"
)


def _headline_confirmed(candidate: str, following: str, between: list[_Item]) -> bool:
    """
    A longer title-like first line is only a headline when something else
    says so: a byline or dateline after it, or Title Case. Short lines are
    headlines on their own; a long one may be a lede missing its full stop.
    """
    words = candidate.split()
    if len(words) <= 12:
        return True
    if any(item.kind == "byline" for item in between) or dateline_match(following):
        return True
    long_words = [word for word in words if len(word) >= 4 and word[0].isalpha()]
    capitalised = sum(1 for word in long_words if word[0].isupper())
    return bool(long_words) and capitalised >= 0.8 * len(long_words)


_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr gov sen rep st jr sr gen col lt sgt capt prof rev mt ft u.s
    u.n u.k e.u jan feb mar apr jun jul aug sep sept oct nov dec inc corp co
    ltd no vs etc
    """.split()
)
_TRAILING_FRAGMENT = frozenset(
    """
    a an the and or but of to in on at for with by from as that which who
    whom whose its his her their our my your is are was were be been has
    have had said says than into onto about over under after before while
    would could should will can might must not also just when where if
    """.split()
)


def _first_sentence(text: str) -> str:
    for match in re.finditer(r"[.!?][”\"’']?(?=\s+[A-Z“\"‘'])", text):
        before = text[: match.start()]
        word = before.rsplit(None, 1)[-1] if before.split() else ""
        bare = word.lower().strip("“\"‘'(")
        if bare in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", bare):
            continue
        return text[: match.end()]
    return text


def derive_headline(lede: str, dateline: re.Match | None) -> str:
    """
    A provisional headline from the lede: its first sentence without the
    dateline, cut at a word boundary to at most HEADLINE_MAX characters,
    with no dangling punctuation, article or conjunction at the end.
    """
    text = lede[dateline.end():] if dateline else lede
    text = " ".join(text.split())
    sentence = _first_sentence(text)
    if len(sentence) > HEADLINE_MAX:
        cut = sentence[: HEADLINE_MAX + 1]
        sentence = cut.rsplit(" ", 1)[0] if " " in cut else cut[:HEADLINE_MAX]
        words = sentence.split()
        while (
            len(words) > 3
            and words[-1].lower().strip("“\"‘'(,;:") in _TRAILING_FRAGMENT
        ):
            words.pop()
        sentence = " ".join(words)
    sentence = sentence.rstrip(" .,;:—–-…([{")
    sentence = _balance_quotes(sentence)
    return sentence.strip(" .,;:—–-") or text[:HEADLINE_MAX].strip()


def _balance_quotes(text: str) -> str:
    """Drop the quotation marks and brackets a cut left without partners."""
    while text.count("“") > text.count("”"):
        index = text.rfind("“")
        text = text[:index] + text[index + 1:]
    while text.count("”") > text.count("“"):
        index = text.find("”")
        text = text[:index] + text[index + 1:]
    if text.count('"') % 2:
        index = text.rfind('"')
        text = text[:index] + text[index + 1:]
    if text.count("(") != text.count(")"):
        text = text.replace("(", "").replace(")", "")
    return " ".join(text.split())


# Assembly -------------------------------------------------------------------


def _classify(paragraph: str) -> _Item:
    labelled = captions.has_caption_label(paragraph)
    if not labelled:
        if byline_of(paragraph) is not None:
            return _Item("byline", paragraph)
        photo = captions.credit_only_photo(paragraph)
        if photo is not None and not _is_copyright_footer(paragraph):
            return _Item("credit", paragraph, [photo])
        if junk.is_junk(paragraph):
            if _leads_with_credit(paragraph):
                # "© 2019 AP Photo/Jane Doe The enclosure at the zoo."
                return _Item("photo", paragraph, captions.parse_caption(paragraph))
            return _Item("junk", paragraph)
        if dateline_match(paragraph):
            return _Item("text", paragraph)
    if (
        labelled
        or captions.find_inline_credits(paragraph)
        or _ends_with_credit_name(paragraph)
    ):
        photos = captions.parse_caption(paragraph)
        has_credit = any(p.credit_line or p.credit for p in photos)
        kind = "photo" if has_credit else "caption_part"
        return _Item(kind, paragraph, photos, labelled)
    if captions.has_caption_lead(paragraph):
        return _Item("caption_part", paragraph, captions.parse_caption(paragraph))
    return _Item("text", paragraph)


_COPYRIGHT_OPENING = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_PICTURE_SIGN = re.compile(
    r"/|\\|\b(?:photo|photos|photograph|pictures?|images?)\b", re.IGNORECASE
)


def _is_copyright_footer(paragraph: str) -> bool:
    """
    "© 2023 Halvard Daily" alone on a line is the page's copyright footer;
    only a © line naming a picture or a photographer ("© 2022 AP
    Photo/Jane Doe") is a photo credit.
    """
    if not _COPYRIGHT_OPENING.match(paragraph.strip()):
        return False
    return not _PICTURE_SIGN.search(paragraph)


def _leads_with_credit(paragraph: str) -> bool:
    """True for a caption printed after its credit ("© 2019 AP Photo/X ...")."""
    credits = captions.find_inline_credits(paragraph)
    return bool(credits) and credits[0].leads and bool(
        paragraph[credits[0].end:].strip(" .,;:-–—")
    )


def _drop_lone_tokens(items: list[_Item]) -> list[_Item]:
    """
    Turn short lone tokens above the lede into junk.

    Font-size buttons ("AA"), share icons and counters print one short
    token on a line of their own; no headline or lede is one short word.
    """
    seen = 0
    for item in items:
        if item.kind != "text":
            continue
        if _LONE_TOKEN.match(item.text.strip()):
            item.kind = "junk"
            continue
        seen += 1
        if seen >= 2:
            break
    return items


_LONE_TOKEN = re.compile(r"^[^\s.!?…]{1,3}$")


# Headers of link or tag lists; the short title lines under them are links.
_LIST_HEADERS = re.compile(
    r"^(?:related(?:\s+(?:coverage|stories|articles|content|topics|links))?|"
    r"topics|tags|more\s+on\s+this\s+story|more\s+stories|"
    r"explore\s+more\s+on\s+these\s+topics|you\s+may\s+also\s+like|"
    r"recommended(?:\s+stories)?|read\s+more|most\s+read(?:\s+from\s+\w+)?|most\s+popular|"
    r"trending(?:\s+now)?|latest\s+news|more\s+from\s+[\w\s]{1,30}|"
    r"filed\s+under|see\s+also|also\s+read|read\s+also|must\s+read|online|"
    r"on\s+the\s+net|"
    # Press-release furniture: the issuer's name under "News provided by",
    # a name and address under "Media contact".
    r"news\s+provided\s+by|(?:media|press|investor)\s+contacts?|contacts?|"
    r"for\s+(?:more\s+information|further\s+information|media\s+inquiries)"
    r"(?:,?\s+contact)?)\s*:?$",
    re.IGNORECASE,
)
# "About Harbour Tools": a section heading over the issuer's boilerplate.
_ABOUT_HEADING = re.compile(r"^About\s+(?P<name>(?:[A-Z0-9][\w.&'’-]*\s*){1,5})$")


def _drop_link_lists(items: list[_Item]) -> list[_Item]:
    """Turn the link or tag titles listed under a "Related" header to junk."""
    in_list = False
    for item in items:
        if item.kind == "junk":
            in_list = in_list or bool(_LIST_HEADERS.match(item.text.strip()))
            continue
        if in_list and item.kind == "text" and _is_list_entry(item.text):
            item.kind = "junk"
            continue
        in_list = False
    return items


def _mark_bare_byline(items: list[_Item]) -> list[_Item]:
    """
    "Helen Pryce" alone on the line under the headline, before the story,
    is its byline (the way some papers print it, without "By").
    """
    texts = [item for item in items if item.kind == "text"]
    if len(texts) < 3 or any(item.kind == "byline" for item in items):
        return items
    name = " ".join(texts[1].text.split())
    if (
        looks_like_headline(texts[0].text)
        and 2 <= len(name.split()) <= 3
        and re.fullmatch(r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2}", name)
        and is_person_name(name)
    ):
        texts[1].kind = "byline"
    return items


def _drop_about_headings(items: list[_Item]) -> list[_Item]:
    """
    Turn an "About <Name>" line into junk when the next paragraph opens with
    that name: it heads the issuer's boilerplate, it is not a story line.
    """
    texts = [item for item in items if item.kind == "text"]
    for item, following in zip(texts[1:], texts[2:]):
        heading = _ABOUT_HEADING.match(" ".join(item.text.split()))
        if heading and following.text.lstrip().startswith(heading.group("name").strip()):
            item.kind = "junk"
    return items


def _is_list_entry(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 14:
        return False
    # "Harbour Tools Inc.": a name's closing abbreviation ends no sentence.
    return not _ends_sentence(text.rstrip()) or (
        len(words) <= 6 and words[-1].lower().rstrip(".") in _ABBREVIATIONS
    )


def _ends_with_credit_name(paragraph: str) -> bool:
    """True for text closed by a seed-layout "Credit: Jane Doe"."""
    match = captions.CREDIT_VALUE.search(paragraph)
    return bool(match) and 1 <= len(match.group("value").split()) <= 6


def _merge_split_captions(items: list[_Item]) -> list[_Item]:
    """Rejoin a caption split over two paragraphs, the credit on the second."""
    merged: list[_Item] = []
    for index, item in enumerate(items):
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == "credit"
            and item.kind == "caption_part"
            and item.labelled
            and not captions.CREDIT_VALUE.match(previous.text)
        ):
            # "Image source, Getty Images" above "Image caption, ...".
            [credit] = previous.photos
            [caption] = item.photos
            merged[-1] = _Item(
                "photo",
                previous.text + " " + item.text,
                [
                    dataclasses.replace(
                        credit,
                        caption=caption.caption,
                        is_file_photo=credit.is_file_photo or caption.is_file_photo,
                    )
                ],
            )
            continue
        if (
            previous is not None
            and item.kind == "byline"
            and byline_of(item.text).lower() in AGENCY_BYLINES
            and _agency_line_credits(previous, merged, items[index + 1:])
        ):
            # "Reuters" alone under a caption is its credit, not a byline.
            credit_line = byline_of(item.text)
            credit = parse_credit_line(credit_line)
            if previous.photos:
                caption = previous.photos[-1]
            else:
                caption = captions.parse_caption(previous.text)[-1]
            photos = previous.photos[:-1] + [
                dataclasses.replace(
                    caption,
                    credit_line=credit_line,
                    agency=credit.agency,
                )
            ]
            merged[-1] = _Item(
                "photo", previous.text + " " + item.text, photos, previous.labelled
            )
            continue
        if (
            previous is not None
            and not item.labelled
            and item.kind in ("photo", "credit")
            and _continues_caption(previous, item, merged)
        ):
            text = previous.text + " " + item.text
            merged[-1] = _Item(
                "photo", text, captions.parse_caption(text), previous.labelled
            )
            continue
        merged.append(item)
    return merged


def _agency_line_credits(
    previous: _Item, merged: list[_Item], following: list[_Item]
) -> bool:
    """
    True when an agency alone on its line ("Reuters") credits the paragraph
    above instead of signing the story: under a caption, or under a short
    descriptive paragraph well into the body with the story going on below.
    """
    if previous.kind == "caption_part":
        return bool(previous.photos) and not previous.photos[-1].credit_line
    if previous.kind != "text":
        return False
    texts = [item for item in merged if item.kind == "text"]
    if len(texts) < 3 or previous is texts[0] or previous is texts[1]:
        return False  # headline and lede: the agency line is a byline
    nxt = next((item for item in following if item.kind != "junk"), None)
    if nxt is None or nxt.kind != "text":
        return False  # at the end of the story it signs it
    return _is_short_description(previous.text)


def _continues_caption(previous: _Item, item: _Item, merged: list[_Item]) -> bool:
    if previous.kind == "caption_part":
        return True
    if previous.kind == "photo" and captions.CREDIT_VALUE.match(item.text):
        # "Credit: Jane Doe" on its own line under a credited caption.
        return bool(previous.photos) and previous.photos[-1].credit is None
    if previous.kind != "text" or previous is _first_text(merged):
        return False
    if looks_like_headline(previous.text):
        return False
    if item.kind == "credit" and _is_caption_under_photo_label(
        previous.text, item.text
    ):
        return True
    if item.text[:1].islower() or not _ends_sentence(previous.text):
        return True
    if item.kind != "credit":
        return False
    if _is_short_description(previous.text) and not any(
        m.kind == "text" and dateline_match(m.text) for m in merged
    ) and not _QUOTE_MARKS.search(previous.text):
        return True  # above the lede: "A store in Oakvale." over its credit
    # A bracketed credit alone on its line was cut from the caption above;
    # so was any credit under text dated the way captions are.
    return item.text.lstrip()[:1] in "([" or bool(_CAPTION_DATE.search(previous.text))


# "Photograph: Reuters", "Photo: Jane Doe/AFP" on a line of its own.
_PHOTO_LABEL_LINE = re.compile(
    r"^(?:photo(?:graph)?|picture|image)s?\s*(?:credit\s*)?:\s*\S", re.IGNORECASE
)
_QUOTE_MARKS = re.compile(r"[“”\"«»]")


def _is_caption_under_photo_label(previous: str, credit: str) -> bool:
    """
    A "Photograph: X" line closes the paragraph above as its caption when
    that paragraph is short and descriptive: no quotation, at most two
    sentences, as captions are.
    """
    if not _PHOTO_LABEL_LINE.match(credit.strip()):
        return False
    return _is_short_description(previous)


def _is_short_description(previous: str) -> bool:
    """Short, quotation-free, at most two sentences: the shape of a caption."""
    words = previous.split()
    if not 3 <= len(words) <= 40 or _QUOTE_MARKS.search(previous):
        return False
    return len(re.findall(r"[a-z)][.!?](?:\s|$)", previous)) <= 2


# "Monday, May 23, 2022": captions give weekday, date and year; body text
# rarely does.
_CAPTION_DATE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,\s+"
    rf"{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\b"
)


def _join_lone_datelines(items: list[_Item]) -> list[_Item]:
    """Put a dateline printed on a line of its own back before its lede."""
    joined: list[_Item] = []
    for item in items:
        previous = joined[-1] if joined else None
        if previous is not None and previous.kind == "text" and item.kind == "text":
            match = dateline_match(previous.text)
            if match and not previous.text[match.end():].strip():
                previous.text = previous.text.rstrip() + " " + item.text
                continue
        joined.append(item)
    return joined


def _first_text(items: list[_Item]) -> _Item | None:
    return next((item for item in items if item.kind == "text"), None)


def _parse_body(
    text: str, date: datetime.date | None, warnings: list[str]
) -> ParsedStory:
    pieces = []
    for paragraph in split_paragraphs(text):
        pieces.extend(captions.split_labelled_captions(paragraph))
    items = _drop_link_lists([_classify(piece) for piece in pieces])
    items = _drop_about_headings(_drop_lone_tokens(items))
    items = _mark_bare_byline(_join_lone_datelines(_merge_split_captions(items)))

    byline = None
    for item in items:
        if item.kind == "byline":
            value = byline_of(item.text) or " ".join(item.text.split())
            if byline is None or (
                byline.lower() in AGENCY_BYLINES and value.lower() not in AGENCY_BYLINES
            ):
                byline = value

    # Identical captions are kept: a page often shows two shots of one scene.
    photos = [
        photo
        for item in items
        if item.kind in ("photo", "credit", "caption_part")
        for photo in item.photos
    ]

    texts = [item for item in items if item.kind == "text"]
    headline = None
    if texts and len(texts) > 1:
        first_index = items.index(texts[0])
        before = items[:first_index]
        if all(item.kind in ("junk", "byline", "photo", "credit") for item in before):
            between = items[first_index + 1 : items.index(texts[1])]
            vouched = any(item.kind == "byline" for item in between) or bool(
                dateline_match(texts[1].text)
            )
            if looks_like_headline(
                texts[0].text, confirmed=vouched
            ) and _headline_confirmed(texts[0].text, texts[1].text, between):
                headline = " ".join(texts[0].text.split())
                texts = texts[1:]
    paragraphs = tuple(junk.strip_trailer(item.text) for item in texts)

    dateline_hit = lede_dateline_match(paragraphs[0]) if paragraphs else None
    dateline = dateline_hit.group("place").strip(" ,") if dateline_hit else None

    provisional = headline is None
    if headline is None:
        if paragraphs:
            headline = derive_headline(paragraphs[0], dateline_hit)
        elif photos and photos[0].caption:
            headline = derive_headline(photos[0].caption, None)
        else:
            headline = ""
    if not paragraphs:
        warnings.append("no body paragraphs found")
    if not headline:
        warnings.append("no headline could be derived")

    for number, photo in enumerate(photos, start=1):
        if not photo.credit_line and not photo.credit:
            warnings.append(
                "photo %d has no credit: %s" % (number, _short(photo.caption))
            )
        if not photo.caption:
            warnings.append("photo %d has a credit but no caption" % number)

    context = ([headline] if headline and not provisional else []) + [
        _caption_context(photo)
        for photo in photos
        if photo.caption or photo.credit_line
    ]
    quotes: tuple = ()
    try:
        from .quotes import extract_quotes

        found, quote_warnings = extract_quotes(paragraphs, context=context)
        quotes = tuple(found)
        warnings.extend(quote_warnings)
    except Exception as error:  # one bad quote must not cost the story
        warnings.append("quote extraction failed (%s)" % type(error).__name__)

    return ParsedStory(
        date=date,
        headline=headline,
        headline_provisional=provisional,
        dateline=dateline,
        byline=byline,
        paragraphs=paragraphs,
        photos=tuple(photos),
        quotes=quotes,
        warnings=tuple(warnings),
    )


def _caption_context(photo: ParsedPhoto) -> str:
    parts = [photo.caption]
    if photo.credit_line:
        parts.append("(%s)" % photo.credit_line)
    if photo.credit:
        parts.append("Credit: %s" % photo.credit)
    return " ".join(part for part in parts if part)


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _cut(text: str, limit: int) -> str:
    """`text` cut at the last word boundary within `limit` characters."""
    if len(text) <= limit:
        return text
    return text[: limit + 1].rsplit(" ", 1)[0].rstrip(" ,;:")
