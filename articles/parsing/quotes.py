"""Direct quotations in a story's body, and who said them."""
import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .quote_marks import MARKS, Span, pair_marks, single_spans
from .quote_verbs import (
    CHANNEL_RE,
    INVERTABLE,
    NAMING_CUES,
    PARTICIPLES,
    PASSIVE_RE,
    QUOTED_AS_RE,
    SPEECH_VERBS,
    WRITTEN_ON_RE,
)
from .speakers import (
    BARE_SPEAKERS,
    DETERMINERS,
    PRONOUNS,
    NATIONALITIES,
    TITLES,
    SpeakerResolver,
    _bare,
    _is_abbreviation,
    is_capitalised,
    np_after,
    np_before,
    whole_np,
)
from .story import ParsedQuote


# How many paragraphs back a quote with no attribution may look for the
# speaker of the quotes before it.
INHERIT_DISTANCE = 3

# How far before an opening mark (in characters) its attribution is sought.
HEAD_LIMIT = 600
# The longest stretch read as one sentence; text without a full stop (a
# run of stray marks, a table) is cut into pieces of this size.
SENTENCE_LIMIT = 2000
# How many earlier quotes in its paragraph a quote's head looks back over.
HEAD_SPANS = 12

_TOKEN = re.compile(r"\S+")
_CLOSERS = "\"”’'»)"
# A token that may end a sentence: it holds a mark, or ends in . ! ?
_ENDING_TOKEN = re.compile(
    r"(?<!\S)(?:\S*[" + "".join(sorted(MARKS)) + r"]\S*|\S*[.!?][" + _CLOSERS + r"]*)(?!\S)"
)
# A token ending in . ! ? and the first character of the token after it.
_STOP_TOKEN = re.compile(r"(?<!\S)(\S*[.!?][" + _CLOSERS + r"]*)\s+(?=(\S))")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
# Words a scare-quoted term runs on into: `its "zero-COVID" approach`
# continues with a noun, a quoted clause with one of these.
_CONTINUATIONS = frozenset(
    """
    and or but because as in on at to for with of by if when while after
    before than that which who he she they it we i is was were are has have
    had will would can could should may might must said says told added
    according from into over about since until unless so yet then also
    not just even only this these those there here a an the his her its
    their our my your through throughout across despite amid among within
    without toward towards around under against beyond during until per
    via next now today again too either whereas although though whether
    where what how why last each every instead rather more less already
    still ever never soon nor
    """.split()
)
_SLOGAN_NOUNS = frozenset(
    """
    chanted chanting chant chants
    banner banners sign signs placard placards poster posters t-shirt
    t-shirts shirt shirts sticker stickers graffiti inscription slogan
    slogans motto billboard billboards flag flags cap caps hat hats mural
    """.split()
)
_SMALL_WORDS = frozenset("a an the of and or in on at to for with from by as is".split())
_INTRO = frozenset(
    """
    in on at after before during speaking asked when while later earlier
    meanwhile but and however still yet last this separately also then
    addressing writing responding asked in
    """.split()
)


# "NAIROBI, Kenya (AP) — ", "Lagos [Nigeria], July 8 (ANI): " before a subject.
# "NEW DELHI: " in capitals, as some agencies open a story.
_CAPS_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]{1,40}:\s+")
_DATELINE_END = re.compile(r"(?:\)\s*[:—–-]+|\s[—–]|\s--|\s-)\s+")


_BY_AGENT = re.compile(r"\s+by\s+([^,.;:“”\"]{1,60}?)\s+as\b")
_PARTNER = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+)\s+and\s+")
# Any word _speech_verbs can act on; a sentence without one has no speaker.
_VERB_HINTS = frozenset(
    w.lower() for w in SPEECH_VERBS | PARTICIPLES | {"to", "put", "saying", "telling"}
)
_HINT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_GENERIC_BODY = re.compile(
    r"^the\s+(?:group|organi[sz]ation|society|charity|body|agency|company|firm|union|"
    r"association|institution|nonprofit|non-profit|network|movement|campaign|club|"
    r"coalition|alliance|federation|council|committee|authority|office|department|"
    r"ministry|service|bureau|board|panel|court|party|team|broadcaster|airline|"
    r"newspaper|university|hospital|bank|foundation|institute|embassy)$",
    re.IGNORECASE,
)
_NAMING_VERBS = frozenset(
    "called calls termed terms described describes labeled labelled branded dubbed".split()
)
_PASSIVE_AUXILIARIES = frozenset("was were is are been being be get gets got".split())


def _verb_word(token: str) -> str:
    """A token as a possible verb: "said." -> "said"."""
    return _bare(token).rstrip(".")


@dataclass
class _Attribution:
    speaker: str | None
    verb: str | None
    direct: bool  # next to the quote, not somewhere in its sentence
    after: bool = False  # stands after the quote: `“...,” Doe said`


def extract_quotes(
    paragraphs: Sequence[str], *, context: Sequence[str] = ()
) -> tuple[list[ParsedQuote], list[str]]:
    """
    Find the direct quotations in `paragraphs` and attribute them.

    `context` is other text of the same document (captions, headline) that
    may name the speakers in full; quotations in it are not extracted.
    Returns the quotes in reading order and a list of warnings. A quote
    running over several paragraphs (AP style) is one quote whose text is
    the verbatim span of "\\n\\n".join(paragraphs) between its outer marks.
    Never raises on text: broken marks become warnings.
    """
    paragraphs = [p if isinstance(p, str) else str(p) for p in paragraphs]
    joined = "\n\n".join(paragraphs)
    starts = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        offset += len(paragraph) + 2
    spans, warnings = pair_marks(paragraphs, cut_at_attribution=cut_at_attribution)
    # Marks ignored as noise still end the text a quote's speaker is
    # sought in: what follows them belongs to no quote after them.
    noise = [s.start for s in spans if s.noise]
    top = [s for s in spans if s.nested_in is None and not s.noise]
    single_style = not spans and "‘" in joined
    if single_style:
        top = single_spans(paragraphs)
    if _mixed_marks(top):
        warnings.append("quotation marks mix curly and straight forms")
    for span in top:
        if span.missing_open:
            span.start += _reported_lead(joined[span.start : span.end])
    found: list[tuple[Span, str, _Attribution | None, str]] = []
    rejected: Span | None = None  # the span before, when it was no quote
    for index, span in enumerate(top):
        raw = joined[span.start : span.end]
        text = raw.strip()
        if not _WORD.search(text):
            continue
        # The words may begin in a later paragraph than the mark.
        begin = span.start + len(raw) - len(raw.lstrip())
        while span.paragraph + 1 < len(starts) and starts[span.paragraph + 1] <= begin:
            span.paragraph += 1
        head = _head(joined, starts, top, index, noise)
        tail = _tail(joined, starts, paragraphs, top, index)
        attribution = _attribute(head, tail, text, span)
        if attribution is None and found and _same_sentence(found[-1], span, head):
            # `said Moscow “reserves the right” and called it “absurd”`:
            # a second partial quote of the sentence has its speaker.
            previous = found[-1][2]
            if previous is not None and previous.speaker:
                attribution = _Attribution(previous.speaker, previous.verb, False)
        at_end = span.end_paragraph == len(paragraphs) - 1
        ends_paragraph = not joined[span.end : starts[span.end_paragraph] + len(
            paragraphs[span.end_paragraph]
        )].strip()
        if rejected is not None and _continues_rejected(rejected, span, head):
            # `banners reading "No to the dam" and "Our river"`: the second
            # slogan is no more a quote than the first.
            rejected = span
            continue
        if not _is_quotation(
            span, text, head, tail, attribution, at_end=at_end, ends_paragraph=ends_paragraph
        ):
            rejected = span
            continue
        rejected = None
        if single_style and not (attribution is not None and attribution.direct) and (
            len(_WORD.findall(text)) < 4 or text[-1:] not in ".?!,"
        ):
            continue  # single marks also set off terms and titles
        found.append((span, text, attribution, head))

    if not found:
        return [], warnings
    # Words between marks name nobody, but a stray closing mark encloses
    # no quotation: what stands before it is the story's own text.
    quoted = [(s.start, s.end) for s in top if not s.missing_open or any(
        s is f[0] for f in found
    )]
    resolver = SpeakerResolver(
        paragraphs, context, quoted=quoted
    )
    heads = [h for _, _, _, h in found]
    found = [(span, text, attribution) for span, text, attribution, _ in found]
    return _assign_speakers(found, resolver, paragraphs, heads), warnings


# --- text around a span ------------------------------------------------------


def _continues_rejected(rejected: Span, span: Span, head: str) -> bool:
    """Whether `span` is listed right after a span that was no quote."""
    return (
        rejected.closed
        and rejected.end_paragraph == span.paragraph
        and head.strip().lower() in {"and", "or", ",", "and then", "or even"}
    )


def _same_sentence(previous, span: Span, head: str) -> bool:
    """Whether `span` continues the sentence of the quote found before it."""
    earlier, text = previous[0], previous[1]
    if earlier.end_paragraph != span.paragraph or earlier.end >= span.start:
        return False
    if text.rstrip("’'")[-1:] in ".!?":
        return False
    return not head.strip() or _sentences_end(head) >= len(head.rstrip())



def _head(joined, starts, top, index, noise=()) -> str:
    """Paragraph text before the opening mark, back to the last real quote."""
    span = top[index]
    if span.missing_open:
        return ""
    begin = starts[span.paragraph]
    last_noise = bisect.bisect_left(noise, span.start) - 1
    if last_noise >= 0 and noise[last_noise] >= begin:
        # As an unclosed quote would, the noise runs up to this mark.
        return ""
    for back in range(index - 1, max(-1, index - 1 - HEAD_SPANS), -1):
        previous = top[back]
        if previous.end_paragraph != span.paragraph or previous.end < span.start - HEAD_LIMIT:
            break
        inner = joined[previous.start : previous.end].strip()
        if len(_WORD.findall(inner)) >= 4 or inner[-1:] in ".?!,":
            begin = previous.end + (1 if previous.closed else 0)
            break
    # A sentence longer than this is not one a speaker is found in.
    begin = max(begin, span.start - 1 - HEAD_LIMIT)
    return joined[begin : max(begin, span.start - 1)]


def _tail(joined, starts, paragraphs, top, index) -> str:
    """Paragraph text after the closing mark, up to the next quote."""
    span = top[index]
    stop = starts[span.end_paragraph] + len(paragraphs[span.end_paragraph])
    if index + 1 < len(top) and top[index + 1].paragraph == span.end_paragraph:
        stop = min(stop, top[index + 1].start - 1)
    begin = span.end + (1 if span.closed else 0)
    stop = min(stop, begin + HEAD_LIMIT)
    return joined[begin:stop] if begin < stop else ""


def _sentences_end(text: str, start: int = 0) -> int:
    """
    Offset (from `start`) where the sentence starting at `start` of `text`
    ends, or where the text ends. Only SENTENCE_LIMIT characters are read,
    so that callers walking a long paragraph stay linear.
    """
    # Only tokens holding a mark or ending in . ! ? can end the sentence.
    for match in _ENDING_TOKEN.finditer(text, start, start + SENTENCE_LIMIT):
        token = match.group()
        if not MARKS.isdisjoint(token):
            return match.start() - start
        stripped = token.rstrip("\"”’'»)")
        if stripped[-1:] in "!?" or (stripped.endswith(".") and not _is_abbreviation(stripped)):
            return match.end() - start
    return min(len(text), start + SENTENCE_LIMIT) - start


def _last_sentence(text: str) -> str:
    """The sentence `text` ends with (its start may be earlier text)."""
    start = 0
    for match in _STOP_TOKEN.finditer(text):
        token = match.group(1).rstrip("\"”’'»)")
        if token[-1:] in "!?" or (token.endswith(".") and not _is_abbreviation(token)):
            following = match.group(2)
            if following.isupper() or following in "“\"‘«(" or following.isdigit():
                start = match.start(2)
    return text[start:]


def _open_sentence(head: str) -> str:
    """The sentence a quote after `head` belongs to; empty if `head` ended one."""
    last = head.rstrip().split()[-1:]
    if last and last[0].rstrip("\"”’'»)")[-1:] in ".!?" and not _is_abbreviation(last[0]):
        return ""
    return _last_sentence(head)


def _reported_lead(text: str) -> int:
    """
    Where a quote that lost its opening mark starts: after the reported
    speech that leads the paragraph ("Doe said the outlook was good. We
    are...").
    """
    offset = 0
    length = len(text.rstrip())
    while True:
        end = _sentences_end(text, offset)
        if offset + end >= length or end == 0:
            return offset
        sentence = text[offset : offset + end]
        if _search_verbs(sentence) is None:
            return offset
        offset += end
        while offset < length and text[offset].isspace():
            offset += 1


# --- attribution -------------------------------------------------------------


def _verb_phrase(text: str, start: int, end: int) -> str:
    """The verb as printed, with "in a statement" when it follows."""
    channel = CHANNEL_RE.match(text, end)
    if channel:
        end = channel.end()
    return " ".join(text[start:end].split())


def match_tail(tail: str) -> _Attribution | None:
    """`, Doe said.` / `, said Doe, a spokeswoman.` / `, according to Doe.`"""
    found = _match_tail(tail)
    if found is not None:
        found.after = True
    return found


def _match_tail(tail: str) -> _Attribution | None:
    lead = re.match(r"[\s,;—–-]*", tail)
    rest = tail[lead.end() : lead.end() + SENTENCE_LIMIT]
    rest = rest[: _sentences_end(rest)]
    if not rest:
        return None
    put_it = re.match(r"as\s+(.{1,80}?)\s+put\s+it\b", rest)
    if put_it:
        speaker = whole_np(put_it.group(1))  # "..., as Doe put it."
        return _Attribution(speaker, "put it", True) if speaker else None
    according = re.match(r"according\s+to\s+", rest, re.IGNORECASE)
    if according:
        speaker = np_after(rest[according.end() :])
        return _Attribution(speaker, "according to", True) if speaker else None
    # The verb stands among the first words; the rest is never read.
    tokens = list(itertools.islice(_TOKEN.finditer(rest), 25))
    if tokens:
        first = tokens[0].group()
        bare = _verb_word(first)
        if bare in INVERTABLE and first.islower():
            speaker = np_after(rest[tokens[0].end() :])
            if speaker and speaker.lower() not in {"it", "that"}:
                return _Attribution(speaker, bare, True)
    for position, match in enumerate(tokens[:24]):
        token = match.group()
        bare = _verb_word(token)
        passive = PASSIVE_RE.match(rest, match.start())
        if passive:
            verb_start, verb_end = match.start(), passive.end()
        elif bare in SPEECH_VERBS and token[:1].islower():
            verb_start, verb_end = match.start(), match.start() + len(bare)
        elif bare.lower() == "according" and position > 0:
            # ", Doe said, according to ..." was caught above; here the
            # phrase before "according" is not a speaker.
            return None
        else:
            continue
        subject = rest[:verb_start]
        if not subject.strip():
            return None
        speaker = whole_np(subject)
        if speaker is None:
            return None
        return _Attribution(speaker, _verb_phrase(rest, verb_start, verb_end), True)
    return None


_OBJECT_VERBS = frozenset("told tells asked asks informed warned urged assured reminded".split())
_REPORTED_START = frozenset(
    "it he she they we i you that this there these those his her their its our".split()
)


def cut_at_attribution(text: str) -> int | None:
    """
    Where an unclosed quote should end: just after the comma of an
    attribution it runs into (`We will win, he said.` -> after "win,").
    An attribution ends its sentence; "people said it was over" is
    reported speech, not one.
    """
    for match in re.finditer(r"[,?!]\s+", text):
        rest = text[match.end() : match.end() + SENTENCE_LIMIT]
        attribution = match_tail(rest)
        if attribution is None or attribution.speaker is None:
            continue
        words = rest.split()
        if len(words) > 1 and _verb_word(words[0]) in INVERTABLE and words[0].islower() and (
            is_capitalised(words[1]) and _bare(words[1]).lower() not in PRONOUNS
        ):
            # "..., said Lucía Paredes, a student who ...": however long
            # the apposition, an inverted verb and a name end the quote.
            return match.start() + 1
        end = _sentences_end(rest)
        clause = rest[:end].rstrip()
        verb_at = clause.find(" " + attribution.verb.split()[0])
        if verb_at < 0:
            continue
        after = clause[verb_at + 1 + len(attribution.verb) :].split()
        if after and _verb_word(attribution.verb.split()[0]) in _OBJECT_VERBS:
            after = after[2:] if _bare(after[0]).lower() in DETERMINERS else after[1:]
        if after and _bare(after[0]).lower() in _REPORTED_START:
            continue
        if len(after) <= 8:
            return match.start() + 1
    return None


def _sentence_subject(sentence: str) -> str | None:
    """The subject that opens a sentence, after an introductory phrase."""
    text = sentence.lstrip()
    dateline = _DATELINE_END.search(text, 0, 120) or _CAPS_DATELINE.match(text)
    if dateline:
        text = text[dateline.end() :]
    words = text.split()
    if words and _bare(words[0]).lower() in _INTRO:
        comma = text.find(",")
        if 0 < comma < 80:
            text = text[comma + 1 :].lstrip()
    return np_after(text)


def _search_verbs(sentence: str) -> tuple[_Attribution, int] | None:
    """
    The speech verb nearest the end of `sentence` that has a subject, and
    how many words stand between it and the end.
    """
    return next(_speech_verbs(sentence), None)


def _speech_verbs(sentence: str):
    """Speech verbs of `sentence` with their subjects, last first."""
    if _VERB_HINTS.isdisjoint(_HINT_WORD.findall(sentence.lower())):
        return  # most text between stray marks: nothing to read
    tokens = list(_TOKEN.finditer(sentence))[-80:]
    quoted_as = list(QUOTED_AS_RE.finditer(sentence)) if "quoted" in sentence or (
        "cited" in sentence
    ) else []
    for position in range(len(tokens) - 1, -1, -1):
        match = tokens[position]
        token = match.group()
        bare = _verb_word(token)
        lower = bare.lower()
        after = len(tokens) - position - 1
        for found in quoted_as:
            if found.start("verb2") == match.start():
                speaker = whole_np(found.group("np")) or np_after(found.group("np"))
                if speaker:
                    verb = f"{found.group('verb1')} ... as {found.group('verb2')}"
                    yield _Attribution(speaker, verb, False), after
        if lower in {"saying", "telling"}:
            passive = None
            for candidate in PASSIVE_RE.finditer(sentence):
                if candidate.end() == match.start() + len(bare):
                    passive = candidate
            if passive:
                speaker = np_before(sentence[: passive.start()])
                if speaker:
                    yield _Attribution(speaker, " ".join(passive.group().split()), False), after
                    continue
        if lower == "to" and position > 0 and _bare(tokens[position - 1].group()).lower() == "according":
            speaker = np_after(sentence[match.end() :])
            if speaker:
                yield _Attribution(speaker, "according to", False), after
            continue
        if bare in PARTICIPLES and position > 0 and tokens[position - 1].group().endswith(","):
            # "..., the Joint Chiefs said in a statement, calling it": who
            # said it; else the subject of the sentence.
            clause = sentence[: tokens[position - 1].end()].rstrip(", ")
            said = next(
                (a for a, _ in _speech_verbs(clause) if a.verb.split()[0] not in PARTICIPLES),
                None,
            )
            speaker = said.speaker if said else _sentence_subject(clause + ",")
            if speaker:
                yield _Attribution(speaker, bare, False), after
            continue
        if bare in PARTICIPLES and token.islower():
            # "..., with Premier Jane Doe conceding that the result was".
            with_np = _WITH_SUBJECT.search(sentence, 0, match.start())
            speaker = whole_np(with_np.group(1)) if with_np else None
            if speaker:
                yield _Attribution(speaker, bare, False), after
            continue
        if lower == "put" and position + 1 < len(tokens) and _verb_word(
            tokens[position + 1].group()
        ) == "it":
            speaker = np_before(sentence[: match.start()])
            if speaker:
                yield _Attribution(speaker, "put it", False), after
            continue
        if bare in SPEECH_VERBS and token[:1].islower():
            previous_token = tokens[position - 1].group() if position else ""
            previous = _bare(previous_token).lower()
            if previous in _PASSIVE_AUXILIARIES:
                # "was described by union leaders as": the agent speaks.
                agent = _BY_AGENT.match(sentence, match.start() + len(bare))
                if agent:
                    words = agent.group(1).split()
                    speaker = whole_np(agent.group(1)) or np_after(agent.group(1)) or (
                        agent.group(1)
                        if len(words) <= 5 and _bare(words[-1]).lower() in BARE_SPEAKERS | TITLES
                        else None
                    )
                    if speaker:
                        yield _Attribution(speaker, f"{bare} by ... as", False), after
                continue  # "the plan was described as": not its speaker
            if previous in DETERMINERS or previous_token.endswith(("'s", "’s")) and not (
                previous_token[:1].isupper()
            ):
                continue  # "the claims", "his reports": nouns, not verbs
            if lower in _WEAK_VERBS and (
                after > 1
                and not (
                    position + 1 < len(tokens) and tokens[position + 1].group().lower() == "that"
                )
                or any(
                    _verb_word(t.group()) in SPEECH_VERBS - _WEAK_VERBS and t.group().islower()
                    for t in tokens[:position]
                )
            ):
                # "found parts of it", "had read the novel": no speech; "told
                # reporters that investigators had found": the teller's.
                continue
            if previous == "and":
                # "Doe inaugurated the garden and said ...": the subject
                # opens the sentence.
                speaker = _sentence_subject(sentence[: match.start()])
            elif previous == "who" and position > 1 and tokens[position - 2].group().endswith(","):
                # "... came from board member Orrin Wacker, who said": the
                # relative stands for the name before it.
                named = _NAME_BEFORE_WHO.search(sentence, 0, tokens[position - 2].end())
                speaker = named.group(1) if named else None
            else:
                speaker = np_before(sentence[: match.start()])
            if speaker is None and bare in INVERTABLE:
                speaker = np_after(sentence[match.start() + len(bare) :])
            if speaker and speaker.lower() not in {"that", "which", "this", "what", "who"}:
                if _document_issuer(speaker) == "" and position > 0:
                    continue  # "in an advisory posted": the verb before speaks
                verb = _verb_phrase(sentence, match.start(), match.start() + len(bare))
                yield _Attribution(speaker, verb, False), after


# Verbs that report speech only right before it or before "that": "the
# sign read", "the court found that".
_NAME_BEFORE_WHO = re.compile(
    r"((?:\b[a-z]+\s+){0,2}(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*),$"
)
_WEAK_VERBS = frozenset("found finds read reads".split())
_WITH_SUBJECT = re.compile(
    r"\bwith\s+((?:[\w.'’-]+\s+){0,6}?[\w.'’-]+)\s+(?:(?:on|late|early)\s+\w+\s+)?$"
)


def _sentences(text: str) -> list[str]:
    sentences = []
    offset = 0
    stop = len(text.rstrip())
    while offset < stop:
        end = _sentences_end(text, offset) or len(text) - offset
        sentences.append(text[offset : offset + end])
        offset += end
    return sentences


def _antecedent(pronoun: str, texts: Sequence[str], resolver) -> str | None:
    """
    What "it" or "they" stands for: the latest subject of a speech verb
    before it that is an organisation (it) or a plural (they).
    """
    pronoun = pronoun.lower()
    for text in reversed(texts):
        for sentence in reversed(_sentences(text)[-4:]):
            for attribution, _ in _speech_verbs(sentence):
                if _is_document(attribution):
                    continue
                subject = attribution.speaker
                # "Analysts at Bardsley Capital": the noun before the
                # preposition says whether "they" fits.
                words = re.split(r"\s+(?:at|of|for|from|with|in)\s+", subject)[0].split()
                last = words[-1].lower()
                if last in {"he", "she", "it", "they", "i", "we", "you"}:
                    continue
                if pronoun == "it" and not resolver.is_person(subject) and not (
                    last.endswith("s") and subject[:1].islower()
                ):
                    return subject
                if pronoun == "they" and (last.endswith("s") or last in {"police", "media", "people"}) and (
                    not resolver.is_person(subject)
                ):
                    return subject
                if pronoun == "they" and resolver.is_person(subject):
                    # "Walt and Marjorie Dunphy, both 78, said"
                    at = sentence.find(subject)
                    partner = _PARTNER.search(sentence, 0, at) if at > 0 else None
                    if partner and partner.end() == at:
                        return f"{partner.group(1)} and {subject}"
    return None


def match_head(head: str) -> _Attribution | None:
    """`Doe said: “` / `Doe said, “` / `Doe: “` / reported speech before a partial quote."""
    last = head.rstrip().split()[-1:] if head.strip() else []
    if last and last[0].rstrip("\"”’'»)")[-1:] in ".!?" and not _is_abbreviation(last[0]):
        return None  # the sentence before has ended; the quote starts anew
    sentence = _last_sentence(head.rstrip())
    stripped = sentence.rstrip()
    colon = stripped.endswith(":")
    clause = stripped[:-1] if colon else stripped
    according = re.search(r"\baccording\s+to\s+([^,]+),?\s*$", clause, re.IGNORECASE)
    if according:
        speaker = whole_np(according.group(1))
        if speaker:
            return _Attribution(speaker, "according to", True)
    found = _search_verbs(clause)
    if found is not None:
        attribution, after = found
        # Next to the quote: only an object or a time may follow the verb
        # ("told reporters:", "said Tuesday,").
        tail_words = clause.split()[len(clause.split()) - after :] if after else []
        attribution.direct = colon or clause.rstrip().endswith(",") and after <= 4 or after == 0 or (
            after <= 4 and not any(w.lower().strip(",") in {"that", "the", "a", "an", "was", "is", "were", "are", "be"} for w in tail_words)
        )
        return attribution
    if colon:
        speaker = whole_np(clause)
        if speaker:
            return _Attribution(speaker, ":", True)
    return None


def _follow_on(tail: str) -> _Attribution | None:
    """`... “dead on arrival” and must go, Doe said.`: the sentence's end."""
    sentence = tail[: _sentences_end(tail)]
    for match in re.finditer(r",\s+", sentence):
        attribution = match_tail(sentence[match.end() :])
        if attribution is not None:
            end = _sentences_end(sentence[match.end() :])
            rest = sentence[match.end() :][:end]
            if len(rest.split()) <= 8:
                attribution.direct = False
                return attribution
    return None


# Things that carry words but do not speak: "an advisory posted",
# "according to an excerpt of the interview".
_DOCUMENT_NOUNS = frozenset(
    """
    advisory statement report excerpt extract interview post release letter
    memo document study filing notice bulletin tweet message email e-mail
    note communique communiqué transcript survey video broadcast article
    editorial column headline banner sign placard poster leaflet website
    summary draft copy version passage
    """.split()
)
_DOCUMENT_SOURCE = re.compile(r"\b(?:from|by)\s+(.+)$")


def _document_issuer(speaker: str) -> str | None:
    """
    For a document as speaker, whoever issued it ("a statement from the
    ministry" -> "the ministry"), or "" when it names nobody; None when
    `speaker` is no document.
    """
    words = speaker.split()
    joint = next((w for w in words[1:] if w.lower() in {"of", "from", "by"}), None)
    noun = words[words.index(joint) - 1] if joint else words[-1]
    if _bare(noun).lower() not in _DOCUMENT_NOUNS:
        return None
    source = _DOCUMENT_SOURCE.search(speaker)
    if source and _bare(source.group(1).split()[-1]).lower() not in _DOCUMENT_NOUNS:
        return source.group(1)
    return ""


def _speaking(attribution: _Attribution | None) -> _Attribution | None:
    """The attribution, its speaker the issuer when a document speaks."""
    if attribution is not None and attribution.speaker:
        issuer = _document_issuer(attribution.speaker)
        if issuer:
            attribution.speaker = issuer
    return attribution


def _issuer_of(noun: str, texts: Sequence[str]) -> str | None:
    """Who last spoke "in a statement" (`noun`) in `texts`, latest first."""
    for text in reversed(texts):
        for sentence in reversed(_sentences(text)):
            for attribution, _ in _speech_verbs(sentence):
                if re.search(rf"\b{re.escape(noun)}\b", attribution.verb or "") and not (
                    _document_issuer(attribution.speaker) is not None
                ):
                    return attribution.speaker
    return None


def _is_document(attribution: _Attribution | None) -> bool:
    """Whether a document that names nobody is the attribution's speaker."""
    return bool(
        attribution and attribution.speaker and _document_issuer(attribution.speaker) == ""
    )


def _attribute(head: str, tail: str, text: str, span: Span) -> _Attribution | None:
    tail_first = text[-1:] in ",?!—–-" or tail[:1] == "," or (
        tail.lstrip()[:1].islower() and tail[:1].isspace()
    )
    after = match_tail(tail) if span.closed or span.missing_open or tail else None
    after = _speaking(after)
    before = _speaking(match_head(head)) if head.strip() else None
    # "the statement read" only when no one else is said to speak.
    if _is_document(after) and before is not None and not _is_document(before):
        after = None
    if _is_document(before) and after is not None and not _is_document(after):
        before = None
    if tail_first and after is not None:
        return after
    if before is not None and before.direct:
        return before
    if before is not None and after is not None and text.rstrip()[-1:] in ".!?" and (
        tail.lstrip()[:1].isupper()
    ):
        # `Doe said ... asked them to "let us work." Roe, a clerk, said
        # ...`: the quote ends Doe's sentence; Roe's opens the next.
        return before
    if after is not None:
        return after
    if before is not None:
        return before
    return _speaking(_follow_on(tail))


# --- what counts as a quotation ----------------------------------------------


def _is_quotation(
    span: Span,
    text: str,
    head: str,
    tail: str,
    attribution,
    *,
    at_end: bool = False,
    ends_paragraph: bool = False,
) -> bool:
    words = _WORD.findall(text)
    count = len(words)
    direct = attribution is not None and attribution.direct
    head_words = head.split()
    before = _bare(head_words[-1]).lower() if head_words else ""
    before2 = " ".join(w.lower() for w in head_words[-2:])
    tail_words = tail.split()
    after_word = tail_words[0] if tail_words and tail[:1].isspace() else ""

    if span.missing_open:
        # Without its opening mark only an attribution shows it is a quote;
        # "Council member Jane Doe, who proposed it,” said ...": a stray
        # mark after the subject of the sentence is none.
        return direct and attribution.speaker is not None and whole_np(text) is None
    if not span.closed and not span.continued and head.strip() and not at_end and not (
        attribution is not None and attribution.direct
    ) and not (
        # `said the city had “done everything it could.` at a paragraph's
        # end: a partial quote that lost its closing mark.
        ends_paragraph
        and attribution is not None
        and attribution.speaker
        and text[-1:] in ".!?"
        and _sentences_end(text) >= len(text)
    ):
        # An opening mark mid-paragraph that nothing closes or attributes
        # is a stray, unless the document was cut inside the quote.
        return False
    cue_words = [_bare(w).lower() for w in head_words[-4:]]
    if head_words and head_words[-1].endswith(",") and words and words[0].islower():
        # `agreed with the report, "and so does every member"`: a clause
        # carries on after the comma; titles do not open in lower case.
        cue_words, before, before2 = [], "", ""
    if len(cue_words) >= 3 and cue_words[-1] == "words" and cue_words[-3] in {"in", "own"} or (
        len(cue_words) >= 4 and cue_words[-1] == "words" and cue_words[-4] == "in"
    ):
        # "in its words", "in her own words": the speaker's, not a term
        before = ""
    if len(cue_words) > 2 and cue_words[-1] in {"the", "a", "an"}:
        # `known as the "Players' Voice"`
        cue_words.pop()
        if cue_words[-1] in NAMING_CUES | {"as", "called"} and (
            cue_words[-1] in NAMING_CUES or cue_words[-2] in NAMING_CUES
        ):
            return False
    if before in NAMING_CUES or before2 in {"known as", "referred to as", "so called"} or (
        before in {"as", "called", "the"} and head_words[-2:-1]
        and _bare(head_words[-2]).lower() in NAMING_CUES
    ):
        return False
    if before in {"called", "named"} and len(head_words) >= 2 and (
        head_words[-2].endswith(",") or _title_like(words, text.rstrip(",;:"))
    ):
        return False  # "an app, called “SafeWalk,”", "a group called “Free Voices”"
    # Cues count only in the quote's own sentence: `would sign the order on
    # Monday. "It is long overdue,"` is speech, not the text of a sign.
    if _names_a_slogan(_open_sentence(head).split()[-8:]) or (
        WRITTEN_ON_RE.search(head) and not direct
    ) or _bare(after_word).rstrip(".").lower() in _SLOGAN_NOUNS or (
        attribution is not None
        and attribution.verb in ("read", "reads")
        and _names_a_slogan(_open_sentence(head).split())
    ):
        return False  # a banner's words, or `the "no phones" sign`
    if _is_nickname(head, tail, words):
        return False
    ends_sentence = text.rstrip("’'\"")[-1:] in ".?!,…—–-"
    if _title_like(words, text) and not (
        direct and (attribution.after or head.rstrip().endswith(":"))
    ):
        return False  # `wrote "The Long Goodbye"`, `the film "Blue River"`
    if direct and (attribution.after or head.rstrip().endswith(":")):
        return True
    if count >= 4:
        return True
    # Short spans: partial quotes only when a speaker and verb attribute
    # them and they are not a term inside a noun phrase.
    last = head.split()[-1:] if head.strip() else []
    starts_sentence = not last or (
        last[0].rstrip("\"”’'»)")[-1:] in ".!?" and not _is_abbreviation(last[0])
    )
    introduced = head.rstrip().endswith(":")
    if (starts_sentence or introduced) and ends_sentence and text[-1:] != "-":
        return True  # a whole sentence in quotation marks
    if count == 1 and not (
        before in _PASSIVE_AUXILIARIES and words[0].endswith("ing") and attribution
    ):
        # A single word inside a sentence is a term, not a quotation: had
        # done "nothing", called the plan "reckless."
        return False
    if attribution is None:
        return False
    # `what Beijing called a “stern warning”`: the speaker's own words.
    if attribution.verb in _NAMING_VERBS and (
        # `she called "reckless" military drills`: an epithet, not her words
        before in _NAMING_VERBS and not after_word[:1].islower()
        or before in {"a", "an", "the", "it", "them", "this"}
        and len(head_words) >= 2
        and _bare(head_words[-2]).lower() in _NAMING_VERBS
    ):
        return True
    if before in {"a", "an"} and len(head_words) >= 2 and _bare(head_words[-2]).lower() in {
        "of", "like"
    } and attribution.speaker and not attribution.after:
        # `warned of a "serious risk"`, `accused it of acting like a "toll
        # booth"`: the speaker's words as the object of what they said.
        return True
    # A term inside a noun phrase: `the "reform"`, `its new "zero-COVID" push`.
    if before in DETERMINERS:
        return False
    runs_on = (
        not ends_sentence
        and after_word[:1].islower()
        and _bare(after_word).lower() not in _CONTINUATIONS
        and after_word[-1:] not in ",.;:!?"
    )
    if runs_on and count == 1 and before in _PASSIVE_AUXILIARIES and words[0].endswith("ing") and (
        attribution.speaker
    ):
        return True  # `told radio that rates were "choking" firms`: the speaker's verb
    if runs_on and (
        count == 1
        or len(head_words) >= 2
        and _bare(head_words[-2]).lower() in DETERMINERS
        and head_words[-1].islower()
    ):
        return False  # `criticized "woke" policies`, `the new "green" tax`
    return True


def _names_a_slogan(words: list[str]) -> bool:
    """
    Whether a banner, a sign or a chant is named just before the quote;
    "would sign the bill" or "to cap rents" use the word as a verb.
    """
    lowered = [_bare(w).lower() for w in words]
    return any(
        word in _SLOGAN_NOUNS
        and not (index and lowered[index - 1] in _VERB_CUES)
        for index, word in enumerate(lowered)
    )


_VERB_CUES = frozenset("to would will could should can must might may not".split())


def _is_nickname(head: str, tail: str, words: list[str]) -> bool:
    """Anthony "Tony" Doe: a quoted word between two parts of a name."""
    if len(words) > 2 or not words or not all(w[:1].isupper() for w in words):
        return False
    head_words, tail_words = head.split(), tail.split()
    return bool(
        head_words and tail_words and tail[:1].isspace() and head[-1:].isspace()
        and is_capitalised(head_words[-1]) and is_capitalised(tail_words[0])
        and head_words[-1][-1:].isalpha() and tail_words[0][:1].isalpha()
    )


def _title_like(words: list[str], text: str) -> bool:
    """"Blue River", "The Long Night of the Soul": capitalised, no clause."""
    if not words or text.rstrip("’'\"")[-1:] in ".?!":
        return False
    if len(words) > 8:
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in significant) and words[0][:1].isupper()


# --- speakers ----------------------------------------------------------------


def _reported_speaker(text: str) -> str | None:
    """Who the last sentence with a speech verb in `text` reports."""
    for sentence in reversed(_sentences(text)[-4:]):
        found = _search_verbs(sentence)
        if found is not None and found[0].speaker:
            return found[0].speaker
    return None


def _introduced_person(paragraph: str, resolver) -> str | None:
    """The person a paragraph opens with, named in full: a new speaker."""
    match = re.match(r"\s*((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*)(?=[\s,])", paragraph)
    if match is None:
        return None
    name = match.group(1)
    words = name.split()
    if any(w.lower() in TITLES or w.lower() in NATIONALITIES for w in words[:1]) and len(words) < 3:
        return None
    return name if resolver.is_person(name) else None


def _assign_speakers(found, resolver, paragraphs, heads) -> list[ParsedQuote]:
    quotes: list[ParsedQuote] = []
    # speaker, resolved, paragraph and end offset of the last attributed quote
    last: tuple[str, str, int, int] | None = None
    by_paragraph: dict[int, list[int]] = {}
    for position, (span, _, _) in enumerate(found):
        by_paragraph.setdefault(span.paragraph, []).append(position)
    head_of = heads
    paragraph_starts = list(itertools.accumulate((len(p) + 2 for p in paragraphs[:-1]), initial=0))
    resolved_cache: list[tuple[str | None, str | None, str | None]] = []
    for span, text, attribution in found:
        if attribution is not None and attribution.speaker:
            speaker = attribution.speaker
            resolved = None
            if speaker.lower() in {"it", "they"}:
                # The paragraph up to the quote: "The port authority said
                # that it had ... "open," but that ... were "unrealistic."
                opened = span.start - len(span.open_mark) - paragraph_starts[span.paragraph]
                texts = [paragraphs[span.paragraph][: max(0, opened)]]
                # "They" may reach back past a few single speakers to the
                # couple introduced before them.
                back = 1 if speaker.lower() == "it" else INHERIT_DISTANCE + 1
                texts[:0] = paragraphs[max(0, span.paragraph - back) : span.paragraph]
                antecedent = _antecedent(speaker, texts, resolver)
                if antecedent is None:
                    # "The ministry summoned the envoy over what it called
                    # ...": the subject of the sentence.
                    subject = _sentence_subject(_last_sentence(heads[len(resolved_cache)]))
                    if subject and subject.split()[-1].lower() not in PRONOUNS and not (
                        resolver.is_person(subject)
                    ) and (speaker.lower() == "it") != subject.split()[-1].lower().endswith("s"):
                        antecedent = subject
                if antecedent is not None:
                    resolved = resolver.resolve(antecedent, span.start)
            if resolved is None and speaker.lower() in {"he", "she"} and not attribution.after:
                # `Doe said he told Roe to "go"`: "he" means whoever was
                # named before the pronoun, not before the quote.
                head = heads[len(resolved_cache)]
                spot = [m.start() for m in re.finditer(rf"\b{speaker}\b", head)]
                if spot:
                    at = span.start - len(span.open_mark) - (len(head) - spot[-1])
                    found_at = resolver.resolve(speaker, at)
                    if found_at and found_at.lower() != speaker.lower():
                        resolved = found_at
            if resolved is None and _document_issuer(speaker) == "":
                # "X said in a statement ... “...,” the statement said": X.
                noun = _bare(speaker.split()[-1]).lower()
                texts = paragraphs[max(0, span.paragraph - 2) : span.paragraph] + [
                    heads[len(resolved_cache)]
                ]
                issuer = _issuer_of(noun, texts)
                if issuer:
                    resolved = resolver.resolve(issuer, span.start)
            resolved = resolved or resolver.resolve(speaker, span.start)
            if resolved == speaker and _GENERIC_BODY.match(speaker):
                # "The Kenya Red Cross said ... “...,” the society said":
                # the body that spoke just before, though its name lacks
                # the noun.
                texts = [heads[len(resolved_cache)]]
                if span.paragraph > 0:
                    texts.insert(0, paragraphs[span.paragraph - 1])
                antecedent = _antecedent("it", texts, resolver)
                # A name, not another description ("The union representing
                # porters").
                if antecedent is not None and any(
                    is_capitalised(w) and _bare(w).lower() not in DETERMINERS
                    for w in antecedent.split()
                ):
                    resolved = resolver.resolve(antecedent, span.start) or resolved
            verb = attribution.verb
            resolver.note_speaker(resolved, span.start)
        else:
            speaker = resolved = verb = None
        resolved_cache.append((speaker, resolved, verb))

    for position, (span, text, attribution) in enumerate(found):
        speaker, resolved, verb = resolved_cache[position]
        if speaker is None:
            inherited = None
            siblings = by_paragraph[span.paragraph]
            earlier = [i for i in siblings if i < position and resolved_cache[i][0]]
            later = [i for i in siblings if i > position and resolved_cache[i][0]]
            # A split quote's other part: same speaker, same verb.
            if earlier:
                inherited = resolved_cache[earlier[-1]]
                verb = inherited[2]
            elif later:
                inherited = resolved_cache[later[0]]
                verb = inherited[2]
            else:
                # "Doe said the plan was sound.\n\n“It will work.”"
                reported = _reported_speaker(head_of[position])
                if reported is None and span.paragraph > 0 and (
                    last is None or last[2] < span.paragraph - 1
                ):
                    reported = _reported_speaker(paragraphs[span.paragraph - 1])
                    if reported is None:
                        # "Mary Roe, 54, was less forgiving.\n\n“Never.”"
                        reported = _introduced_person(paragraphs[span.paragraph - 1], resolver)
                elif reported is None and last is not None and last[2] == span.paragraph - 1:
                    # "“...,” Doe said. Roe said it would fail.\n\n“It will.”"
                    previous = span.paragraph - 1
                    start = len("\n\n".join(paragraphs[:previous])) + (2 if previous else 0)
                    after = _sentences(paragraphs[previous][last[3] + 1 - start :])
                    if len(after) > 1:
                        reported = _reported_speaker("".join(after[1:]))
                if reported is not None:
                    inherited = (reported, resolver.resolve(reported, span.start), None)
                elif last is not None and span.paragraph - last[2] <= INHERIT_DISTANCE:
                    inherited = last
            if inherited is not None:
                speaker, resolved = inherited[0], inherited[1]
                resolved_cache[position] = (speaker, resolved, verb)
        if speaker is not None:
            last = (speaker, resolved, span.end_paragraph, span.end)
        quotes.append(ParsedQuote(text, span.paragraph, speaker, resolved, verb))
    return quotes


def _mixed_marks(spans: list[Span]) -> bool:
    kinds = set()
    for span in spans:
        for mark in (span.open_mark, span.close_mark):
            if mark:
                kinds.add("straight" if mark in "\"＂" else "curly")
    return len(kinds) > 1
