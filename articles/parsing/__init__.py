"""
Wire-story parsing: text in, plain data out.

Nothing here imports Django, so it can be used and tested on its own.
"""
from .story import ParsedCredit, ParsedPhoto, ParsedQuote, ParsedStory

__all__ = ["ParsedCredit", "ParsedPhoto", "ParsedQuote", "ParsedStory"]
