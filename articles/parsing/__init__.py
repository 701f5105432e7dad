"""
Wire-story parsing: text in, plain data out.

Nothing here imports Django, so it can be used and tested on its own.
"""
from .credits import looks_like_photo_credit, parse_credit_line
from .document import parse_wire_story
from .story import ParsedCredit, ParsedPhoto, ParsedQuote, ParsedStory
from .text import UnreadableDocument, content_hash, decode_wire_bytes, normalise_text

__all__ = [
    "ParsedCredit",
    "ParsedPhoto",
    "ParsedQuote",
    "ParsedStory",
    "UnreadableDocument",
    "content_hash",
    "decode_wire_bytes",
    "looks_like_photo_credit",
    "normalise_text",
    "parse_credit_line",
    "parse_wire_story",
]
