"""What the parser makes of one wire story: plain, frozen data."""
import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedCredit:
    """The people and organisations behind one inline photo credit."""

    photographer: str | None = None
    agency: str | None = None
    distributor: str | None = None
    is_file: bool = False


@dataclass(frozen=True)
class ParsedPhoto:
    """One photo: its caption without the inline credit, and who made it."""

    caption: str
    credit_line: str | None = None  # the inline credit as printed
    credit: str | None = None  # the value after "Credit:", e.g. "Uncredited"
    photographer: str | None = None
    agency: str | None = None
    distributor: str | None = None
    is_file_photo: bool = False


@dataclass(frozen=True)
class ParsedQuote:
    """Words between quotation marks in the body, and who said them."""

    text: str  # without the quotation marks
    paragraph: int  # index into ParsedStory.paragraphs
    speaker: str | None = None  # as named in the text: "Bachelet", "the ministry"
    speaker_resolved: str | None = None  # the fullest name the document gives
    verb: str | None = None  # "said", "was quoted as saying", ":"


@dataclass(frozen=True)
class ParsedStory:
    """One wire story, ready to be saved."""

    date: datetime.date | None
    headline: str
    headline_provisional: bool
    dateline: str | None
    byline: str | None
    paragraphs: tuple[str, ...]
    photos: tuple[ParsedPhoto, ...] = ()
    quotes: tuple[ParsedQuote, ...] = ()
    warnings: tuple[str, ...] = field(default=())
