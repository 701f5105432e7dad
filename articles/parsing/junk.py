"""Page furniture around a crawled story: lines that are never body text."""
import re

from .credits import is_known_agency

# Whole paragraphs that are page interface, compared lower-cased and without
# surrounding punctuation.
UI_PHRASES = frozenset(
    """
    advertisement|advertisements|advertising|ad|ads|sponsored|sponsored content
    share|share this|share this article|share this story|share article
    share on facebook|share on twitter|share via email|comments|comment
    show comments|view comments|leave a comment|read more|read more below
    continue reading|read full article|read the full article|read next
    more|next|previous|close|menu|search|sign in|log in|login|subscribe
    sign up|newsletter|copy link|link copied|copied|play|pause|video|watch
    listen|listen to this article|image|photo|photos|gallery|view gallery
    enlarge|expand|toggle caption|hide caption|caption|skip to content
    skip to main content|back to top|top|loading|trending|most read
    most popular|related|related stories|related articles|related coverage
    recommended|you may also like|more stories|more from|story continues below
    story continues below advertisement|scroll to continue
    scroll to continue with content|advertisement continue reading below
    print|email|e-mail|tweet|like|follow|save|bookmark|open in app|font size
    text size|reprints|permissions|opens in new window|topics|tags
    related topics|explore more on these topics|more on this story|filed under
    most viewed|latest news|more news|top stories|trending now|most read from bloomberg
    acquire licensing rights|purchase licensing rights|opens new tab
    report an error|suggested topics|also read|read also|must read|see also
    enditem|end item|end|ends|(end)|-end-|editing by|register now
    supported by|continue reading the main story|continue reading
    skip advertisement|story continues|more about|listen to article
    news provided by|media contact|media contacts|press contact|contact
    contacts|for more information contact|investor contact|investor relations
    business|sports|sport|world|politics|local|opinion|entertainment|health
    science|technology|tech|lifestyle|travel|markets|nation|metro|news|crime
    education|weather|culture|arts|national|international|u.s.|us news
    world news|local news|breaking news
    """.replace("\n", "|").split("|")
) - {""}
_UI_PHRASES = frozenset(" ".join(phrase.split()) for phrase in UI_PHRASES)

# Sharing widgets print rows of these words: "Facebook Twitter Email".
UI_WORDS = frozenset(
    """
    facebook twitter x email e-mail whatsapp linkedin pinterest reddit
    telegram messenger sms print share copy link flipboard tumblr
    """.split()
)

# Paragraph openings that announce links to other stories or pages.
_LINK_LEADS = re.compile(
    r"^(?:related(?:\s+(?:coverage|stor(?:y|ies)|articles?|content|news|links?|"
    r"videos?|reading))?|"
    r"read\s+more|read\s+also|also\s+read|more|more\s+from\s+[^:]{1,40}|"
    r"more\s+on\s+[^:]{1,40}|see\s+also|also\s+see|recommended|read\s+next|"
    r"watch|listen|trending|most\s+read|latest|click\s+here|"
    r"online|on\s+the\s+net|on\s+the\s+web|our\s+standards)"
    r"\s*(?::|：|\||>>|»|\s[-–—]\s)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^[\s_\-=*~#•·.—–]{3,}$")
# "==Kyodo": a wire's sign-off under the story.
_WIRE_SIGNOFF = re.compile(r"^={2,}\s*[A-Za-z]{2,12}\s*=*$")
# Bloomberg's "--With assistance from Jane Doe."
_ASSISTANCE = re.compile(r"^[-–—]{1,2}\s*with\s+assistance\s+(?:from|by)\b", re.IGNORECASE)
_TRAILER = re.compile(
    r"^\(?\s*(?:additional\s+)?(?:reporting|writing|editing|compiled|compiling|"
    r"research|produced|graphics|translation|translated|video|text)\s+"
    r"(?:by|from)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_RIGHTS = re.compile(
    r"all rights reserved|may not be (?:published|reproduced|redistributed)|"
    r"redistributed without (?:permission|written)",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"\bcontributed(?:\s+(?:reporting|to\s+(?:this|the)\s+(?:report|story|"
    r"article)))+\s*\.?$|\bcontributed\s+reporting\s+from\s+[^.]+\.?$",
    re.IGNORECASE,
)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_CALL_TO_ACTION = re.compile(
    r"^(?:follow|more|see|find|read|watch|listen|sign\s+up|subscribe|get|"
    r"check\s+out|visit|for\s+more|download|join|download|learn\s+more)\b",
    re.IGNORECASE,
)
_FUNDING_NOTE = re.compile(
    r"solely\s+responsible\s+for\s+(?:all|this|the)\s+content|"
    r"is\s+an\s+independent\s+global\s+news\s+organization|"
    r"earlier\s+story\s+follows|"
    # Syndication notes: "This report is auto-generated from a news service;
    # the site holds no responsibility for its content."
    r"\bauto-?generated\s+from\b|\bholds\s+no\s+responsibility\s+for\b|"
    r"\bhas\s+not\s+been\s+edited\s+by\b|\bpublished\s+from\s+a\s+syndicated\b",
    re.IGNORECASE,
)
# "Associated Press writers Jane Doe and John Roe contributed."
_AGENCY_CONTRIBUTED = re.compile(
    r"^(?:the\s+)?(?:associated\s+press|ap|reuters|afp)\b.*\bcontributed\b"
    r"|^contributing\s*:",
    re.IGNORECASE,
)
_EDITORS_NOTE = re.compile(
    r"^\(?\s*this\s+(?:story|article|version)\s+(?:has\s+been|was|is)\s+"
    r"(?:refiled|corrected|updated|changed)\b.*\)$|^\(\s*(?:updates|adds|recasts|"
    r"refiles|corrects)\b[^()]*\)$",
    re.IGNORECASE,
)
_SIGN_UP = re.compile(r"^(?:sign\s+up|subscribe|register\s+now)\b", re.IGNORECASE)
_STAMP = re.compile(
    r"^(?:last\s+(?:modified|updated)|updated|published|posted|first\s+published)"
    r"\b(?:\s+on)?\s*:?\s*(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)
_GALLERY_COUNTER = re.compile(r"^\d{1,3}\s+of\s+\d{1,3}$", re.IGNORECASE)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# A date (and time) alone on its line: the page's publication stamp.
_DATE_LINE = re.compile(
    r"^(?:(?:updated|published|posted)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?:" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+" + _MONTH
    + r",?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)
# AFP desk slugs closing a story: "bur-jj/dw", "sst/jm".
_DESK_SLUG = re.compile(r"^[a-z]{2,5}(?:-[a-z]{2,5})*(?:/[a-z]{2,5}(?:-[a-z]{2,5})*)+$")
_AGENCY_MARK = re.compile(
    r"^[(\[]\s*(?:AP|ANI|IANS|PTI|UNI|Reuters|AFP|Xinhua|dpa|EFE|ANSA|Kyodo|"
    r"Yonhap|TASS|UPI|CNA|Bernama|WAM)\s*[)\]]$"
)
_BREAKING_NOTE = re.compile(
    r"^(?:this\s+is\s+a\s+(?:breaking\s+news\s+update|developing\s+story)|"
    r"this\s+story\s+(?:will\s+be|is\s+being)\s+updated)\b",
    re.IGNORECASE,
)

# "Download the Daily Ledger app for the latest news."
_APP_PROMO = re.compile(
    r"^(?:download|get|install)\s+(?:the\s+|our\s+)?(?:[\w.&'’-]+\s+){0,8}"
    r"app(?:\s+(?:for|to|now|today|on|and)\b|\s*[.!:]?$)",
    re.IGNORECASE,
)
# A writer's role printed under the byline: "Staff Writer", "Senior
# correspondent", "Contributing Reporter"; pages differ on the role's case.
_BYLINE_ROLE = re.compile(
    r"^(?:[A-Z][\w.&'’-]*\s+){0,3}(?i:writer|reporter|correspondent|editor|"
    r"columnist|contributor|photographer|journalist|producer|analyst)s?"
    r"(?:\s*(?:,|\||at|for)\s*(?:The\s+)?(?:[A-Z][\w.&'’-]*\s*){1,4})?$"
)
# Page counters and release numbers: "Visitor Counter : 2104",
# "(Release ID: 1883341)", "Views: 12,480".
_COUNTER = re.compile(
    r"^\(?\s*(?:[A-Z][\w-]*\s+){0,2}(?:counter|views?|visitors?|visits|hits|"
    r"reads|id|ID)\s*:\s*[\d,]+\s*\)?$",
    re.IGNORECASE,
)
# "5 min read", "Reading time: 4 minutes", "Read this release in: Hindi".
_READING_NOTE = re.compile(
    r"^(?:\d{1,3}\s*[-‑]?\s*min(?:ute)?s?\.?\s+read|reading\s+time\s*:?\s*\d{1,3}"
    r"\s*min(?:ute)?s?|read\s+this\s+(?:release|story|article)\s+in\s*:.*)$",
    re.IGNORECASE,
)
# "Follow us on Google News", "Join our WhatsApp channel".
_SOCIAL_PROMO = re.compile(
    r"^(?:follow|join|like)\s+(?:us|our)\s+(?:[\w ]{1,20}?\s+)??(?:on\s+|at\s+)?"
    r"(?:google\s+news|twitter|x|facebook|instagram|telegram|whatsapp|"
    r"linkedin|youtube|threads|tiktok)\b",
    re.IGNORECASE,
)
# "AP coverage of the islands: https://...": a label, a colon, a link.
_LINK_TRAILER = re.compile(r":\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
# Desk initials closing a government release: "SNC/PK/AS".
_INITIALS_CODE = re.compile(r"^[A-Z]{1,5}(?:\s*/\s*[A-Z]{1,5})+$")
# Font-size controls and other one-letter buttons: "AA", "A+ A-", "Aa";
# an audio or video player's clock: "00:00", "3:41 / 12:07".
_LONE_BUTTON = re.compile(
    r"^(?:(?:[Aa][Aa]?\s*[+\-−]?\s*){1,3}"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?)$"
)

# Headings over a list of links: "Trending Stories", "Popular Videos".
_LIST_HEADING = re.compile(
    r"^(?:trending|popular|most\s+(?:read|popular|viewed|shared)|latest|top|"
    r"related|recommended|featured|more)\s+(?:stories|news|articles|videos|"
    r"headlines|posts|reads)$",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?:\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b")
# "Contact Ann Lee at alee@example.com or 555-010-2030.": how to reach the
# writer or a press office, not part of the story.
_CONTACT_LINE = re.compile(
    r"^(?:contact|reach|email|e-mail|write\s+to)\b", re.IGNORECASE
)
# "Jane Doe can be reached at 555-010-2030.", "Doe reported from Worcester,
# Mass.", "-- BERNAMA": notes about the story, not in it.
_REACHED_AT = re.compile(r"^(?:[A-Z][\w'’.-]+\s+){1,3}can\s+be\s+reached\s+at\b")
_REPORTED_FROM = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){1,3}(?:and\s+(?:[A-Z][\w'’.-]+\s+){1,3})?"
    r"(?:reported|contributed)\s+from\s+(?:[A-Z][\w.'’-]*,?\s*){1,5}$"
)
_SIGNED_DASH = re.compile(r"^[-–—]{1,2}\s*[A-Z]{2,12}$")
# "This report by The Canadian Press was first published Aug. 16, 2023."
_FIRST_PUBLISHED = re.compile(
    r"^this\s+(?:report|story|article)\s+(?:by\s+.{2,40}?\s+)?was\s+first\s+published\b",
    re.IGNORECASE,
)
_AGENCY_DESK_CODE = re.compile(r"^(?:PTI|IANS|UNI|ANI)(?:\s+[A-Z]{2,4}){1,4}$")
# "14 Comments", "Comments (3)".
_COMMENT_COUNT = re.compile(r"^(?:\d+\s+comments?|comments?\s*\(?\d+\)?)$", re.IGNORECASE)
# "We use cookies ... Accept", "Accept all cookies   Manage preferences".
_COOKIE_NOTICE = re.compile(
    r"\b(?:we\s+use\s+cookies|accept\s+(?:all\s+)?cookies|use\s+of\s+cookies|"
    r"cookie\s+(?:policy|settings|preferences))\b",
    re.IGNORECASE,
)
_FEEDBACK_PROMPT = re.compile(
    r"^(?:share\s+your\s+feedback|help\s+us\s+improve|was\s+this\s+(?:article|story)"
    r"\s+helpful)\b",
    re.IGNORECASE,
)
# "Jane Doe covers public safety for The Ledger. Reach her at ...",
# "Jane Doe is a business reporter covering retail. Follow her on X."
_AUTHOR_BIO = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s+){1,3}(?:covers\s|writes\s+about\s|is\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,4}(?:reporter|writer|correspondent|editor|journalist|columnist)\b)"
)
_AUTHOR_CONTACT = re.compile(
    r"\b(?:reach\s+(?:him|her|them)|follow\s+(?:him|her|them)|email\s+(?:him|her|them)|"
    r"covering|@)",
    re.IGNORECASE,
)
# A press-release wire's sign-off: "SOURCE Harbour Tools Ltd."
_RELEASE_SOURCE = re.compile(r"^SOURCE\s+[A-Z0-9][\w.,&'’ -]{1,80}$")

REPORTING_TRAILER_AT_END = re.compile(
    r"\s*\(\s*(?:additional\s+)?(?:reporting|writing)\s+by\b[^()]*\)\s*$",
    re.IGNORECASE,
)


def _words(text: str) -> list[str]:
    return text.split()


def is_junk(paragraph: str) -> bool:
    """
    True when `paragraph` is crawl furniture rather than story text:
    separators, interface words, related-story links, Online: trailers,
    reporting credits, copyright lines and calls to follow a link.
    """
    text = " ".join(paragraph.split())
    if not text:
        return True
    if _SEPARATOR.match(text) or _WIRE_SIGNOFF.match(text):
        return True
    bare = text.strip(" .:!|>»-–—•·*").lower()
    bare = " ".join(bare.split())
    if bare in _UI_PHRASES:
        return True
    # "Advertisement · Scroll to continue": interface words in one row.
    cells = [cell.strip(" .:!") for cell in re.split(r"\s[·|•]\s", bare)]
    if len(cells) > 1 and all(cell in _UI_PHRASES for cell in cells):
        return True
    tokens = re.findall(r"[\w-]+", bare)
    if tokens and all(token in UI_WORDS or token in {"on", "via", "to"} for token in tokens) and (
        any(token in UI_WORDS for token in tokens)
    ):
        return True  # "Facebook Twitter Email", "Share on Facebook Share on X"
    words = _words(text)
    if len(words) <= 40 and _LINK_LEADS.match(text):
        return True
    if len(words) <= 80 and _TRAILER.match(text) and (
        text.startswith("(") or ";" in text or re.search(r"editing\s+by", text, re.I)
    ):
        return True
    if len(words) <= 40 and (_COPYRIGHT.match(text) or _RIGHTS.search(text)):
        return True
    if len(words) <= 50 and (
        _CONTRIBUTED.search(text) or _AGENCY_CONTRIBUTED.search(text)
    ):
        return True
    if len(words) <= 12 and _BREAKING_NOTE.match(text):
        return True
    if len(words) <= 80 and _FUNDING_NOTE.search(text):
        return True
    if len(words) <= 40 and _EDITORS_NOTE.match(text):
        return True
    if len(words) <= 30 and _SIGN_UP.match(text):
        return True
    if len(words) <= 12 and _STAMP.match(text) and re.search(r"\d", text):
        return True
    if (
        _DESK_SLUG.match(text)
        or _AGENCY_MARK.match(text)
        or _DATE_LINE.match(text)
        or _GALLERY_COUNTER.match(text)
    ):
        return True
    if len(words) <= 20 and _APP_PROMO.match(text):
        return True
    if len(words) <= 9 and _BYLINE_ROLE.match(text):
        return True
    if len(words) <= 16 and (_READING_NOTE.match(text) or _SOCIAL_PROMO.match(text)):
        return True
    if len(words) <= 5 and (_COUNTER.match(text) or _COMMENT_COUNT.match(text)):
        return True
    if len(words) <= 30 and _ASSISTANCE.match(text):
        return True
    if _AGENCY_DESK_CODE.match(text) or _SIGNED_DASH.match(text):
        return True  # "PTI AKM NP", "-- BERNAMA": the agency signing off
    if len(words) <= 25 and (
        _REACHED_AT.match(text) or _REPORTED_FROM.match(text) or _FIRST_PUBLISHED.match(text)
    ):
        return True
    if len(words) <= 40 and (_COOKIE_NOTICE.search(text) or _FEEDBACK_PROMPT.match(text)):
        return True
    if len(words) <= 40 and _AUTHOR_BIO.match(text) and _AUTHOR_CONTACT.search(text):
        return True
    if _LONE_BUTTON.match(text) or _is_desk_initials(text):
        return True
    if "|" in text and len(words) <= 16 and _is_stamp_row(text):
        return True
    if len(words) <= 4 and _LIST_HEADING.match(text.strip(" :")):
        return True
    if _EMAIL.fullmatch(text.strip(" .;,<>()")):
        return True
    if (
        len(words) <= 25
        and _CONTACT_LINE.match(text)
        and (_EMAIL.search(text) or _PHONE.search(text))
    ):
        return True
    if len(words) <= 12 and _RELEASE_SOURCE.match(text):
        return True
    urls = _URL.findall(text)
    if urls:
        url_chars = sum(len(url) for url in urls)
        if url_chars * 2 >= len(text):
            return True
        if len(words) <= 30 and _CALL_TO_ACTION.match(text):
            return True
        if len(words) <= 15 and _LINK_TRAILER.search(text):
            return True
    return False


def _is_desk_initials(text: str) -> bool:
    return bool(_INITIALS_CODE.match(text)) and not any(
        is_known_agency(piece) for piece in re.split(r"\s*/\s*", text)
    )


def _is_stamp_row(text: str) -> bool:
    """"chinadaily.com.cn | Updated: 2023-08-22 09:14": a source and a stamp."""
    cells = [cell.strip() for cell in text.split("|") if cell.strip()]
    stamps = [
        cell
        for cell in cells
        if _DATE_LINE.match(cell) or (_STAMP.match(cell) and re.search(r"\d", cell))
    ]
    return bool(stamps) and all(
        cell in stamps or len(cell.split()) <= 4 for cell in cells
    )


def strip_trailer(paragraph: str) -> str:
    """Remove a "(Reporting by ...; Editing by ...)" trailer glued to a paragraph."""
    stripped = REPORTING_TRAILER_AT_END.sub("", paragraph)
    return stripped if stripped.strip() else paragraph
