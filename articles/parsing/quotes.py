"""Direct quotations in a story's body, and who said them."""
from collections.abc import Sequence

from .story import ParsedQuote


def extract_quotes(
    paragraphs: Sequence[str], *, context: Sequence[str] = ()
) -> tuple[list[ParsedQuote], list[str]]:
    """
    Find the direct quotations in `paragraphs` and attribute them.

    `context` is other text of the same document (captions, headline) that
    may name the speakers in full; quotations in it are not extracted.
    Returns the quotes in reading order and a list of warnings.
    """
    return [], []
