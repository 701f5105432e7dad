"""Pair quotation marks into spans, paragraph by paragraph, tolerating broken marks."""
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .quote_verbs import SPEECH_VERBS

# Double marks only: single marks (‘ ’ ') are nested quotes or apostrophes
# and stay inside the text of the quote around them.
OPENERS = frozenset("“„‟«")
CLOSERS = frozenset("”»")
AMBIGUOUS = frozenset('"＂')
MARKS = OPENERS | CLOSERS | AMBIGUOUS

# What may stand right before an opening mark that touches it, and right
# after a closing mark that touches it.
_BEFORE_OPEN = frozenset("([{—–-/:;‘'“„«")
_AFTER_CLOSE = frozenset(".,;:!?)]}—–-…’'”»")
# More unclosed opening marks than this in one paragraph are noise.
MAX_UNCLOSED = 32
_SENTENCE_END = frozenset(".,!?…;")
# A sentence after a closed quote: `“First.” “Second...`
_QUOTE_END = tuple(f"{p}{q}" for p in ".!?" for q in "”\"»")


@dataclass(eq=False)
class Span:
    """One quoted stretch of the joined text, marks excluded."""

    paragraph: int  # where it opens
    start: int  # offset after the opening mark in the joined text
    end: int  # offset of the closing mark (or end of text when unclosed)
    end_paragraph: int
    closed: bool = True
    open_mark: str = ""
    close_mark: str = ""
    missing_open: bool = False  # started at paragraph start: no opening mark
    continued: bool = False  # AP style: runs over several paragraphs
    noise: bool = False  # one of too many unclosed marks: no quote at all
    nested_in: "Span | None" = field(default=None, repr=False)


@dataclass
class _Mark:
    pos: int
    char: str
    glyph: str | None  # "open", "close" or None for a straight mark
    context: str | None  # what the neighbours say: "open", "close" or None


def _classify(text: str, i: int) -> _Mark:
    char = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    prev_space, next_space = prev.isspace(), nxt.isspace()
    # A neighbouring double mark counts as space: `”“` between two quotes.
    prev_space = prev_space or prev in MARKS
    next_space = next_space or nxt in MARKS
    can_open = not next_space and (prev_space or prev in _BEFORE_OPEN)
    can_close = not prev_space and (
        next_space or nxt in _AFTER_CLOSE or prev in _SENTENCE_END
    )
    if prev.isdigit() and not prev_space and char in AMBIGUOUS:
        # 5'10" and 12" are measures, not marks.
        can_open = False
    context = None
    if can_open and not can_close:
        context = "open"
    elif can_close and not can_open:
        context = "close"
    glyph = "open" if char in OPENERS else "close" if char in CLOSERS else None
    return _Mark(i, char, glyph, context)


_MARK_RE = re.compile("[" + "".join(sorted(MARKS)) + "]")


def _marks(paragraph: str) -> list[_Mark]:
    return [_classify(paragraph, m.start()) for m in _MARK_RE.finditer(paragraph)]


def _opens_paragraph(paragraph: str) -> bool:
    """Whether the paragraph starts with a mark that can open a quote."""
    stripped = paragraph.lstrip()
    if not stripped or stripped[0] not in MARKS:
        return False
    mark = _classify(paragraph, len(paragraph) - len(stripped))
    return mark.glyph != "close" or mark.context == "open"


def pair_marks(
    paragraphs: Sequence[str],
    *,
    cut_at_attribution=None,
) -> tuple[list[Span], list[str]]:
    """
    Pair the quotation marks of `paragraphs` into spans in reading order.

    Offsets refer to "\\n\\n".join(paragraphs). A quote never runs past its
    paragraph unless the next paragraph opens with a mark (AP style). An
    unclosed quote ends at its paragraph's end, or earlier where
    `cut_at_attribution(text)` returns an offset (a missing closing mark
    before "..., he said."). Nested spans are returned with `nested_in`
    set. Returns the spans and warnings.
    """
    spans: list[Span] = []
    warnings: list[str] = []
    base = 0
    carry: Span | None = None
    # Spans nested in each open span, to free them if it never closes.
    children: dict[int, list[Span]] = {}
    for index, paragraph in enumerate(paragraphs):
        opened_here = False  # a span of this paragraph is already recorded
        marks = _marks(paragraph)
        stack: list[Span] = []
        if carry is not None:
            # The opening mark of a continuation paragraph is part of the text.
            first = len(paragraph) - len(paragraph.lstrip())
            marks = [m for m in marks if m.pos != first]
            stack.append(carry)
            carry = None
        seen_top_level = False
        for mark in marks:
            role = _role(mark, bool(stack))
            if role == "open":
                stack.append(
                    Span(index, base + mark.pos + 1, -1, index, closed=False,
                         open_mark=mark.char)
                )
            elif role == "close" and stack:
                span = stack.pop()
                span.end, span.end_paragraph, span.closed = base + mark.pos, index, True
                span.close_mark = mark.char
                opened_here = opened_here or span.paragraph == index
                if stack:
                    span.nested_in = stack[-1]
                    children.setdefault(id(stack[-1]), []).append(span)
                else:
                    seen_top_level = True
                spans.append(span)
            elif role == "close":
                before = paragraph[: mark.pos]
                if not seen_top_level and before.strip() and not opened_here:
                    spans.append(
                        Span(index, base + len(before) - len(before.lstrip()),
                             base + mark.pos, index, missing_open=True,
                             close_mark=mark.char)
                    )
                    seen_top_level = True
                else:
                    warnings.append(
                        f"paragraph {index}: stray closing mark {mark.char!r} ignored"
                    )
        end = base + len(paragraph)
        if stack:
            bottom = stack[0]
            continues = (
                len(stack) <= MAX_UNCLOSED
                and index + 1 < len(paragraphs)
                and _opens_paragraph(paragraphs[index + 1])
                and _introduces_speech(paragraph[: max(0, bottom.start - 1 - base)])
                and _cut(0, stack, end, base, paragraph, cut_at_attribution)
                is None
            )
            if continues:
                bottom.continued = True
                carry = bottom
                if len(stack) > 1:
                    warnings.append(
                        f"paragraph {index}: unclosed mark inside a quotation ignored"
                    )
            elif len(stack) > MAX_UNCLOSED:
                # No paragraph of copy opens this many quotes it never
                # closes: the marks are noise, and reading each would cost
                # time for nothing.
                for span in stack:
                    for child in children.pop(id(span), ()):
                        child.nested_in = None
                    span.end, span.end_paragraph, span.closed = span.start, index, False
                    span.noise = True
                    spans.append(span)
                warnings.append(
                    f"paragraph {index}: {len(stack)} unclosed quotation marks ignored"
                )
            else:
                _close_unclosed(
                    stack, spans, end, base, index, paragraph, cut_at_attribution,
                    children,
                )
                warnings.append(
                    f"paragraph {index}: quotation not closed; limited to its paragraph"
                )
        base = end + 2
    spans.sort(key=lambda s: s.start)
    return spans, warnings


def _introduces_speech(before: str) -> bool:
    """
    Whether an opening mark after `before` can start a quote that runs on
    into the next paragraph: at the paragraph's start, after a colon or
    comma, at a sentence's start, or after a speech verb; not a stray mark
    mid-sentence.
    """
    before = before.rstrip()
    if not before or before[-1] in ":,—–.!?" or before.endswith(_QUOTE_END):
        return True
    last = before.split()[-1].lower().strip(".")
    return last in SPEECH_VERBS


def _role(mark: _Mark, inside: bool) -> str:
    if not inside:
        if mark.context == "open":
            return "open"
        if mark.context == "close" or mark.glyph == "close":
            return "close"
        return "open"
    if mark.context == "close":
        return "close"
    if mark.context == "open":
        return "open" if mark.glyph != "close" else "close"
    return "open" if mark.glyph == "open" else "close"


def _cut(position, stack, end, base, paragraph, cut_at_attribution):
    """Where the unclosed span `stack[position]` should end early, or None."""
    if cut_at_attribution is None:
        return None
    span = stack[position]
    limit = stack[position + 1].start - 1 if position + 1 < len(stack) else end
    start = max(span.start, base)
    cut = cut_at_attribution(paragraph[start - base : limit - base])
    return None if cut is None else start + cut


def _close_unclosed(
    stack, spans, end, base, index, paragraph, cut_at_attribution, children
):
    """End unclosed spans: each stops where the next opens, or at its attribution."""
    for position, span in enumerate(stack):
        following = stack[position + 1] if position + 1 < len(stack) else None
        span.end = following.start - 1 if following else end
        cut = _cut(position, stack, end, base, paragraph, cut_at_attribution)
        if cut is not None:
            span.end = cut
        span.end_paragraph = index
        span.closed = False
        span.nested_in = None
        spans.append(span)
    # Spans that closed inside an unclosed one are quotes in their own right.
    for span in stack:
        for child in children.pop(id(span), ()):
            child.nested_in = None


# ‘...’ as the outer marks (British style). A closing ’ followed by a
# letter or digit is an apostrophe: We’re, ’90s, rock ’n’ roll.
_SINGLE = re.compile(r"(?:(?<=[\s(\[—–-])|^)‘(?=\S)(.+?)(?<=\S)’(?![\w’])", re.MULTILINE)


def single_spans(paragraphs: Sequence[str]) -> list[Span]:
    """
    Spans in ‘single’ marks, for text that uses no double marks at all
    (where single marks cannot be nested quotes).
    """
    spans = []
    base = 0
    for index, paragraph in enumerate(paragraphs):
        for match in _SINGLE.finditer(paragraph):
            spans.append(
                Span(index, base + match.start(1), base + match.end(1), index,
                     open_mark="‘", close_mark="’")
            )
        base += len(paragraph) + 2
    return spans
