"""Photo credits as printed in captions: who took the picture, for whom."""
import functools
import re

from .story import ParsedCredit

# Spellings of the same agency, lower-cased, to the name we store.
AGENCY_ALIASES = {
    "ap": "AP",
    "the associated press": "AP",
    "associated press": "AP",
    "ap photo": "AP",
    "ap photos": "AP",
    "ap images": "AP",
    "afp": "AFP",
    "afp photo": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "xinhua news": "Xinhua",
    "getty": "Getty Images",
    "getty images": "Getty Images",
    "epa": "EPA",
    "epa-efe": "EPA-EFE",
    "efe": "EFE",
    "upi": "UPI",
    "dpa": "dpa",
    "kcna": "KCNA",
    "sputnik": "Sputnik",
    "tass": "TASS",
    "yonhap": "Yonhap",
    "kyodo": "Kyodo",
    "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press",
}

# Agencies, picture desks and state sources often seen in credits. Anything
# listed here is never taken for a photographer's name.
KNOWN_AGENCIES = frozenset(AGENCY_ALIASES) | {
    "kyodo news",
    "wam",
    "kremlin",
    "ria novosti",
    "anadolu",
    "anadolu agency",
    "ani",
    "pti",
    "ians",
    "jiji press",
    "ansa",
    "bloomberg",
    "nurphoto",
    "sopa images",
    "zuma press",
    "zuma wire",
    "shutterstock",
    "rex",
    "rex features",
    "alamy",
    "imaginechina",
    "cfoto",
    "china news service",
    "cns",
    "china daily",
    "vcg",
    "sipa",
    "sipa usa",
    "abaca",
    "pa",
    "pa images",
    "pa wire",
    "bernama",
    "antara",
    "wafa",
    "sana",
    "irna",
    "ukrinform",
    "unian",
    "nasa",
    "cnn",
    "bbc",
    "nyt",
    "the new york times",
    "the washington post",
    "usa today",
    "usa today sports",
    "icon sportswire",
    "polaris",
    "redux",
    "magnum photos",
    "belga",
    "anp",
    "apa",
    "ritzau",
    "scanpix",
    "lehtikuva",
    "ntb",
    "tt",
}

# Wires that sign text, not pictures: "(ANI/WAM)" closes a story or marks
# its dateline.
TEXT_WIRES = frozenset({"ani", "ians", "pti", "uni", "wam"})

# Agencies whose name alone, in brackets, is a photo credit rather than the
# agency mark of a dateline such as "BEIJING (AP) -".
PICTURE_AGENCIES = frozenset(
    {
        "getty images",
        "shutterstock",
        "alamy",
        "nurphoto",
        "imaginechina",
        "epa-efe",
        "sopa images",
        "zuma press",
        "zuma wire",
        "rex features",
        "ap photo",
        "afp photo",
        "icon sportswire",
        "magnum photos",
    }
)

# Words that make a credit part an organisation rather than a person.
ORG_WORDS = frozenset(
    """
    images image photo photos photography pictures press news agency times
    post tribune herald journal gazette chronicle daily courier register globe
    observer examiner inquirer dispatch review mirror telegraph guardian
    independent media network tv television radio magazine office department
    ministry police service services navy army force forces corps guard
    university college school family government council committee commission
    museum institute foundation company corp corporation inc ltd llc group
    center centre hospital administration authority bureau embassy mission
    nations organization organisation party presidency kremlin house palace
    parliament court team club league association federation union society
    fund programme program project studio studios archive archives library
    collection sportswire wire sports command state city county province
    department's ministry's observatory zoo aquarium park airlines airline
    railway coast marines military defense defence tribune-review shutterstock
    handout pool wfp unicef unhcr who survey station patrol sheriff
    sheriff's laboratory lab channel broadcasting broadcaster fire rescue
    consulate campaign festival noaa fbi marine air airport port senate
    congress assembly bank trust initiative youtube instagram tiktok telegram
    footage video reserve brigade battalion regiment academy church diocese
    hospital clinic services office's authorities world republic sentinel
    bulletin beacon banner advocate argus ledger monitor messenger pioneer
    statesman tennessean oklahoman dealer picayune constitution appeal
    patriot caller clarion gleaner telegram transcript intelligencer
    vindicator mercury blade courant oregonian star enquirer democrat
    republican citizen standard express reporter
    """.split()
)

# Words in a credit that are roles or placeholders, never somebody's name.
NOT_PEOPLE = frozenset(
    """
    pool uncredited handout staff stringer str file photo photos handout_photo
    anonymous unknown various courtesy contributor contributed freelance
    n/a none
    """.split()
) | {"file photo", "handout photo", "pool photo", "staff photo"}

NAME_PARTICLES = frozenset(
    "de da di do dos du del della der den van von la le al el bin ibn y e".split()
)

_PHOTO_WORD = re.compile(
    r"\b(?:photo|photos|photograph|photographs|photographer|pic|picture|"
    r"pictures|image|images|illustration|courtesy|handout)\b",
    re.IGNORECASE,
)
_FILE_MARK = re.compile(
    r"(?:^|\s*[,/]\s*)file(?:\s+photo)?\s*(?=$|[,/])", re.IGNORECASE
)
_FILE_LEAD = re.compile(r"^file(?:\s+photo)?\s*[:/\-]\s*", re.IGNORECASE)
_POOL_MARK = re.compile(
    r"(?:^|\s*[,/]\s*)pool(?:\s+photo)?\s*(?=$|[,/])", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?:\d{4}\b)?\s*", re.I)
_PHOTO_PREFIX = re.compile(
    r"^(?:photo(?:graph)?s?|photographer|pictures?|pics?|images?|video|illustration)"
    r"(?:\s+(?:provided|supplied|released)\s+(?:to|by)\b|"
    r"\s+(?:by|from)\b|\s+(?:source|credit)\s*[:,]|\s*[:：/]|"
    r"\s+(?=courtesy\b))\s*",
    re.IGNORECASE,
)
# Usage restrictions printed after a credit: "EPA-EFE/KCNA EDITORIAL USE
# ONLY", "Jane Doe/AP, MANDATORY CREDIT, NO RESALES". They name no one.
_USAGE_LABELS = re.compile(
    r"(?:[\s,;/\-–—]*\b(?:editorial\s+use\s+only|for\s+editorial\s+use\s+only|"
    r"no\s+resales?|no\s+sales|no\s+archives?|no\s+third\s+party\s+sales|"
    r"mandatory\s+credit|must\s+credit|not\s+for\s+sale|no\s+commercial\s+use|"
    r"no\s+use\s+in\s+[\w ]{1,30})\b\.?)+\s*$",
    re.IGNORECASE,
)
# "PRNewsfoto/Harbour Tools Inc.": a release wire's picture service, then the
# company that issued the picture.
_WIRE_PHOTO_PREFIX = re.compile(
    r"^[A-Z][A-Za-z]{1,20}(?:foto|photo|Foto|Photo)\s*/\s*(?=\S)"
)
# "Submitted photo", "Contributed photo": the picture came from a reader or
# the subject; the phrase is the whole credit.
_SOURCE_PHOTO = re.compile(
    r"^(?:submitted|contributed|provided|reader|family)\s+"
    r"(?:photo|photograph|picture|image)$",
    re.IGNORECASE,
)
_COURTESY = re.compile(r"^courtesy(?:\s+of)?\s*:?\s*", re.IGNORECASE)
_VIA = re.compile(r"^(.*?)\s+via\s+(.+)$", re.IGNORECASE)
_PIPE = re.compile(r"^(.+?)\s*\|\s*(.+)$")
_DASH = re.compile(r"^(.+?)\s+[—–-]\s+(.+)$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_TRAILING_PHOTO = re.compile(r"\s+(?:photos?|pictures?|video|image)$", re.IGNORECASE)
_TRAILING_STAFF = re.compile(r"\s+staff$", re.IGNORECASE)
_BRACKETS = "()[]{}"
_BACKSLASH = re.compile(r"(?<=\w)\s*\\\s*(?=\w)")
# Desk initials closing a release ("SNC/PK/AS"): capitals only, no agency.
_INITIALS_CODE = re.compile(r"^[A-Z]{1,5}(?:\s*/\s*[A-Z]{1,5})+$")


_DISTRIBUTORS = frozenset({"AP", "Reuters", "AFP", "Getty Images"})


def normalise_agency(name: str) -> str:
    """
    Return the stored name of an agency as printed in a credit.

    "Associated Press", "AP Photo" -> "AP"; "Agence France-Presse",
    "AFP PHOTO" -> "AFP"; "REUTERS" -> "Reuters"; "Xinhua News Agency" ->
    "Xinhua". Unknown names are kept as printed, without a trailing "Photo".
    """
    name = " ".join(name.strip().strip(_BRACKETS + " ,.").split())
    alias = AGENCY_ALIASES.get(name.lower())
    if alias:
        return alias
    bare = _TRAILING_PHOTO.sub("", name)
    if bare and bare != name:
        return AGENCY_ALIASES.get(bare.lower(), bare)
    return name


def is_known_agency(name: str) -> bool:
    """True when `name` is a news or picture agency this module knows."""
    key = " ".join(name.lower().split())
    key = _TRAILING_PHOTO.sub("", key)
    return key in KNOWN_AGENCIES or key in PICTURE_AGENCIES


def is_organisation(part: str) -> bool:
    """True for an agency, a publication or an institution."""
    if is_known_agency(part) or _DOMAIN.match(part):
        return True
    words = part.split()
    if re.search(r"\s(?:photos?|pictures?)$", part, re.IGNORECASE):
        return True
    lowered = {
        piece
        for word in words
        for piece in word.lower().strip(".,'’").split("-")
    }
    if lowered & ORG_WORDS:
        return True
    if words and words[0].lower() == "the":
        return True
    # A single capitalised acronym (KCNA, UNHCR, EPA-EFE) is an organisation.
    return len(words) == 1 and re.fullmatch(r"[A-Z0-9&.\-]{2,8}", part) is not None


def is_person_name(part: str) -> bool:
    """True for something shaped like a person's name: "Jane Doe", "J. DOE"."""
    if part.lower() in NOT_PEOPLE or is_organisation(part):
        return False
    words = part.split()
    if not 1 <= len(words) <= 5 or re.search(r"\d", part):
        return False
    # "U.S." or "N.Y." belong to institutions, not to people's names.
    if re.search(r"\b[A-Z]\.[A-Z]\.", part):
        return False
    for word in words:
        if word.lower() in NAME_PARTICLES:
            continue
        if not re.match(r"[^\W\d_]", word) or not word[0].isupper():
            return False
    return True


def _clean(text: str) -> str:
    # "Jane Doe\\TASS via Getty Images": a backslash typed for the slash.
    text = " ".join(_BACKSLASH.sub("/", text).split())
    while len(text) >= 2 and text[0] in "([{" and text[-1] in ")]}":
        text = text[1:-1].strip()
    return text.strip(" .;")


def _strip_file(text: str) -> tuple[str, bool]:
    is_file = False
    if _FILE_LEAD.match(text):
        text, is_file = _FILE_LEAD.sub("", text), True
    stripped = _FILE_MARK.sub("", text)
    if stripped != text:
        text, is_file = stripped, True
    return text.strip(" ,/"), is_file


@functools.lru_cache(maxsize=4096)
def parse_credit_line(text: str) -> ParsedCredit:
    """
    Split one inline photo credit into photographer, agency and distributor.

    `text` is the credit as printed, with or without its brackets:
    "AP Photo/Jane Doe, File", "Jane Doe/Xinhua via AP", "REUTERS/KCNA",
    "Photo by JANE DOE / AFP". The photographer's case is kept; pool,
    handout, staff and "Uncredited" are never taken for a person. Never
    raises; an empty or meaningless credit gives an empty ParsedCredit.
    """
    text = _clean(text)
    text = _clean(_USAGE_LABELS.sub("", text))
    if not text:
        return ParsedCredit()
    if _SOURCE_PHOTO.match(text):
        return ParsedCredit(agency=text)
    wire_photo = _WIRE_PHOTO_PREFIX.match(text)
    if wire_photo and "/" not in text[wire_photo.end():]:
        return ParsedCredit(agency=text[wire_photo.end():])
    text = _COPYRIGHT.sub("", text)
    text, is_file = _strip_file(text)
    labelled = bool(_PHOTO_PREFIX.match(_COPYRIGHT.sub("", text)))
    text = _COPYRIGHT.sub("", _PHOTO_PREFIX.sub("", text))
    text, file_again = _strip_file(text)
    is_file = is_file or file_again
    text = _POOL_MARK.sub("", text).strip(" ,/")

    distributor = None
    via = _VIA.match(text)
    if via:
        text, distributor = via.group(1).strip(" ,/"), normalise_agency(via.group(2))
        pooled = _POOL_MARK.sub("", text).strip(" ,/")
        # "Jane Doe/Pool Photo via AP": a pool photographer, not a supplier.
        is_pool = pooled != text
        text, file_before_via = _strip_file(pooled)  # "Jane Doe, File via AP"
        is_file = is_file or file_before_via
        supplier = None if is_pool and is_person_name(text) else _lone_supplier(text)
        if supplier is not None:
            return ParsedCredit(
                agency=supplier, distributor=distributor, is_file=is_file
            )

    commissioned = re.match(r"^(.+?)\s+for\s+(.+)$", text)
    if commissioned:
        maker, client = commissioned.groups()
        if "/" in maker or is_organisation(maker):
            text = maker  # "Jane Doe/Getty Images for Acme": Acme is a client
        elif is_person_name(maker):
            # "Jane Doe for The Daily Ledger": commissioned by the paper.
            return ParsedCredit(
                photographer=maker,
                agency=normalise_agency(client),
                distributor=distributor,
                is_file=is_file,
            )

    courtesy = _COURTESY.match(text)
    if courtesy and text[courtesy.end():]:
        source = text[courtesy.end():].strip(" ,/")
        return ParsedCredit(
            agency=normalise_agency(source) if is_organisation(source) else source,
            distributor=distributor,
            is_file=is_file,
        )

    name_and_source = _name_and_source(text)
    if name_and_source:
        parts = list(name_and_source)
    else:
        parts = [part for part in re.split(r"\s*/\s*", text) if part.strip()]
        if distributor is None and len(parts) >= 3 and normalise_agency(parts[-1]) in _DISTRIBUTORS:
            # "Jane Doe/Invision/AP": the last wire passes the picture on.
            distributor = normalise_agency(parts.pop())
        if len(parts) == 1 and "," in parts[0]:
            pieces = [piece.strip() for piece in parts[0].split(",")]
            if len(pieces) == 2 and (
                is_organisation(pieces[1])
                # "Photo: Jane Doe, Keystone": a full name, then its agency.
                or (labelled and len(pieces[0].split()) >= 2 and is_person_name(pieces[0]))
            ):
                parts = pieces
    return _assign(parts, distributor, is_file)


def _name_and_source(text: str) -> tuple[str, str] | None:
    """
    The two sides of "Jane Doe | The Springfield Tribune" or "Jane Doe —
    Reuters", or None. A dash only separates a credit with no slash, and
    only before a capitalised name.
    """
    match = _PIPE.match(text)
    if match is None and "/" not in text:
        match = _DASH.match(text)
        if match and not match.group(2)[0].isupper():
            match = None
    return match.groups() if match else None


def _lone_supplier(text: str) -> str | None:
    """
    The source of a "X via AP" credit when X is one name, not "Name/Agency".

    A distributor passes on a picture it got from somebody: a police force,
    a charity, a family. Whoever is named alone before "via" supplied the
    picture, so it is the agency even when it reads like a person's name.
    """
    if not text or "/" in text or "|" in text or _COURTESY.match(text):
        return None
    if re.search(r"\s+for\s+", text):
        return None  # "Jane Doe for Acme via AP": a commissioned photographer
    key = text.lower()
    if key in NOT_PEOPLE:
        return "Handout" if key_is_handout(text) else None
    if "," in text:
        name, _, rest = text.partition(",")
        if is_person_name(name.strip()) and is_organisation(rest.strip()):
            return None  # "Jane Doe, Halvard Tidings via AP"
    return normalise_agency(text)


def _assign(
    parts: list[str], distributor: str | None, is_file: bool
) -> ParsedCredit:
    people, agencies, unknown = [], [], []
    handout = False
    for part in parts:
        part = _TRAILING_STAFF.sub("", part.strip(" ,"))
        key = part.lower()
        if not part or key in NOT_PEOPLE:
            handout = handout or key in ("handout", "handout photo")
            continue
        if is_organisation(part):
            agencies.append(normalise_agency(part))
        elif is_person_name(part):
            people.append(part)
        else:
            unknown.append(part)

    if len(people) >= 2 and not agencies:
        # "Jane Doe/Tulsa World": a name, then the paper it works for.
        agencies.append(people.pop())
    photographer = people[0] if people else None
    if photographer is None and len(unknown) > 1:
        photographer = unknown.pop(0)
    agency = None
    if agencies:
        if len(agencies) >= 2 and not people and distributor is None:
            # REUTERS/KCNA: the first agency passes on the second's picture.
            distributor, agency = agencies[0], agencies[-1]
        else:
            agency = agencies[0]
    elif unknown:
        agency = unknown[0]
    elif handout:
        agency = "Handout"
    return ParsedCredit(
        photographer=photographer,
        agency=agency,
        distributor=distributor,
        is_file=is_file,
    )


# Lower-case words a credit line may contain.
_CREDIT_LOWERCASE = NAME_PARTICLES | {
    "by", "via", "of", "the", "and", "for", "from", "photo", "photos",
    "staff", "file", "pool", "handout", "courtesy", "images",
}


def key_is_handout(text: str) -> bool:
    """True for a credit that only says the picture is a handout."""
    return " ".join(text.lower().split()) in ("handout", "handout photo")


@functools.lru_cache(maxsize=4096)
def looks_like_photo_credit(text: str) -> bool:
    """
    True when `text` (a bracketed group or a short line) reads as a photo
    credit: "AP Photo/Jane Doe", "Jane Doe/Xinhua via AP", "Getty Images",
    "Photo: AFP", "Jane Doe | The Springfield Tribune". A bare news-agency
    name such as "AP" or "Reuters" is a dateline mark, not a credit.
    """
    text = _clean(text)
    if not text or len(text) > 120 or len(text.split()) > 16:
        return False
    if re.search(r"[\"“”«»;?!]|://|\bwww\.", text):
        return False
    if key_is_handout(_PHOTO_PREFIX.sub("", text)):
        return True  # "Handout", "Picture: Handout"
    if _COURTESY.match(text):
        return len(text.split()) <= 10
    rest = _PHOTO_PREFIX.sub("", _COPYRIGHT.sub("", text))
    lowercase = [
        word
        for word in re.findall(r"[^\s/|,]+", rest)
        if word[0].islower()
        and word.lower() not in _CREDIT_LOWERCASE
        and not _DOMAIN.match(word)
    ]
    if len(lowercase) > 1:
        return False
    if re.search(r"[a-z]{3,}\.\s+[A-Z]", text):  # two sentences
        return False
    without_year = _COPYRIGHT.sub("", text)
    if re.search(r"\d", without_year):
        return False
    if _INITIALS_CODE.match(without_year) and not any(
        is_known_agency(piece) for piece in re.split(r"\s*/\s*", without_year)
    ):
        return False  # "SNC/PK/AS": the initials of a release's desk
    if not (text[0].isupper() or text[0] == "©" or _PHOTO_PREFIX.match(text)):
        return False
    key = " ".join(without_year.lower().split())
    if _PHOTO_WORD.fullmatch(key):
        return False  # "Image", "Photos": interface words, nobody named
    if key in PICTURE_AGENCIES:
        return True
    if key in KNOWN_AGENCIES or key in NOT_PEOPLE:
        return False
    if all(piece in TEXT_WIRES for piece in re.split(r"\s*/\s*", key)):
        return False

    credit = parse_credit_line(text)
    if not (credit.photographer or credit.agency or credit.distributor):
        return False
    if (
        not credit.photographer
        and not credit.distributor
        and _PHOTO_WORD.fullmatch(credit.agency or "")
    ):
        return False  # "Image", "Photos": interface words, nobody named
    if (
        _PHOTO_WORD.search(text)
        or text.startswith("©")
        or _WIRE_PHOTO_PREFIX.match(text)
    ):
        return True
    if credit.distributor and is_organisation(credit.distributor):
        return True
    name_and_source = _name_and_source(without_year)
    if name_and_source:
        left, right = name_and_source
        return is_person_name(left) and is_organisation(right)
    if "/" in without_year:
        parts, _ = _strip_file(without_year)
        pieces = [p for p in re.split(r"\s*/\s*", parts) if p]
        if not all(
            is_organisation(p) or is_person_name(p) or p.lower() in NOT_PEOPLE
            for p in pieces
        ):
            return False
        if not any(is_known_agency(p) or _DOMAIN.match(p) for p in pieces):
            # "Herald & Review/Ashton Greeley": a paper and its photographer.
            return len(pieces) == 2 and any(
                is_organisation(a) and not is_person_name(a)
                and is_person_name(b) and len(b.split()) >= 2
                for a, b in (pieces, pieces[::-1])
            )
        if (
            len(pieces) == 2
            and is_person_name(pieces[0])
            and is_known_agency(pieces[1])
        ):
            return True  # "Libkos/AP": a one-word name, then its agency
        # "Reuters/Ipsos" is a poll: a credit names a full name or a second
        # agency ("REUTERS/KCNA").
        return any(is_person_name(p) and len(p.split()) >= 2 for p in pieces) or (
            sum(1 for p in pieces if is_organisation(p)) >= 2
        )
    return False

