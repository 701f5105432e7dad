"""Scoring the wire-story parser against hand-annotated gold documents."""
import dataclasses
import datetime
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

# A predicted quote matches a gold quote when it covers this share of the
# gold quote's words AND this share of its own words lie inside the gold
# quote. The second condition keeps a quote that swallowed the rest of the
# article (an unbalanced mark) from matching the quote it started with.
QUOTE_COVER = 0.8
QUOTE_INSIDE = 0.8

# Two captions belong to the same photo when the Dice overlap of their
# words (caption plus inline credit) reaches this.
PHOTO_SIMILARITY = 0.3

PHOTO_FIELDS = ("photographer", "agency", "distributor", "is_file_photo")
DOCUMENT_FIELDS = ("date", "dateline", "byline", "paragraphs")

_WORD = re.compile(r"\w+")
_LEADING_THE = re.compile(r"^the\s+")
_TRAILING_PUNCT = re.compile(r"[\s.,;:!?'\"‘’“”«»()\-–—]+$")


def words(text):
    """Word tokens of `text`, case-folded; punctuation and marks dropped."""
    return _WORD.findall(unicodedata.normalize("NFC", text or "").casefold())


def normalize_text(text):
    """`text` in NFC with runs of whitespace made one space; None is ''."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def normalize_speaker(name):
    """
    A speaker name for comparison: case-folded, spacing collapsed, a leading
    "the" and trailing punctuation dropped. None becomes ''.
    """
    name = normalize_text(name).casefold()
    name = _LEADING_THE.sub("", name)
    return _TRAILING_PUNCT.sub("", name)


def normalize_organisation(name):
    """
    An agency or distributor for comparison: spacing collapsed and a leading
    "the" dropped ("The Canadian Press" is "Canadian Press"); case is kept.
    """
    return re.sub(r"^[Tt]he\s+", "", normalize_text(name))


def quote_overlap(gold_text, predicted_text):
    """
    How a predicted quote sits on a gold one: (cover, inside).

    cover is the share of the gold quote's words found in the prediction,
    inside the share of the prediction's words found in the gold quote
    (word multisets, so a repeated word counts as often as it occurs).
    """
    gold, predicted = Counter(words(gold_text)), Counter(words(predicted_text))
    common = sum((gold & predicted).values())
    gold_total, predicted_total = sum(gold.values()), sum(predicted.values())
    if not gold_total or not predicted_total:
        return 0.0, 0.0
    return common / gold_total, common / predicted_total


def quotes_match(gold_text, predicted_text):
    """True when the predicted quote is close enough to count as the gold one."""
    cover, inside = quote_overlap(gold_text, predicted_text)
    return cover >= QUOTE_COVER and inside >= QUOTE_INSIDE


def match_quotes(gold_quotes, predicted_quotes):
    """
    Pair gold and predicted quotes one to one.

    Every pair that passes `quotes_match` is a candidate; the best pairs
    (harmonic mean of cover and inside) are taken first. Returns a list of
    (gold index, predicted index) pairs.
    """
    candidates = []
    for g, gold in enumerate(gold_quotes):
        for p, predicted in enumerate(predicted_quotes):
            cover, inside = quote_overlap(gold["text"], predicted["text"])
            if cover >= QUOTE_COVER and inside >= QUOTE_INSIDE:
                score = 2 * cover * inside / (cover + inside)
                candidates.append((-score, abs(g - p), g, p))
    return _take_best(candidates)


def _take_best(candidates):
    used_gold, used_predicted, pairs = set(), set(), []
    for *_, g, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return sorted(pairs)


def _photo_words(photo):
    return Counter(words(photo.get("caption")) + words(photo.get("credit_line")))


def photo_similarity(gold_photo, predicted_photo):
    """Dice overlap of two photos' caption and credit words, 0 to 1."""
    gold, predicted = _photo_words(gold_photo), _photo_words(predicted_photo)
    total = sum(gold.values()) + sum(predicted.values())
    if not total:
        return 0.0
    return 2 * sum((gold & predicted).values()) / total


def match_photos(gold_photos, predicted_photos):
    """
    Pair gold and predicted photos one to one by caption overlap.

    Ties (identical captions with different photographers) are broken by
    the credit words and then by order. Returns (gold, predicted) pairs.
    """
    candidates = []
    for g, gold in enumerate(gold_photos):
        for p, predicted in enumerate(predicted_photos):
            similarity = photo_similarity(gold, predicted)
            if similarity >= PHOTO_SIMILARITY:
                candidates.append((-similarity, abs(g - p), g, p))
    return _take_best(candidates)


@dataclasses.dataclass(frozen=True)
class Miss:
    """One thing the parser got wrong in one document."""

    document: str
    field: str
    expected: object
    got: object


@dataclasses.dataclass
class Report:
    """Counts over one or more documents, and the figures made from them."""

    documents: int = 0
    gold_quotes: int = 0
    predicted_quotes: int = 0
    matched_quotes: int = 0
    speakers_right: int = 0
    raw_speakers_right: int = 0
    gold_photos: int = 0
    predicted_photos: int = 0
    missing_photos: int = 0
    extra_photos: int = 0
    photo_fields_right: Counter = dataclasses.field(default_factory=Counter)
    document_fields_right: Counter = dataclasses.field(default_factory=Counter)
    headlines_graded: int = 0
    misses: list = dataclasses.field(default_factory=list)

    def merge(self, other):
        """Add the counts and misses of `other` to this report."""
        for f in dataclasses.fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, Counter):
                mine.update(theirs)
            elif isinstance(mine, list):
                mine.extend(theirs)
            else:
                setattr(self, f.name, mine + theirs)
        return self

    def figures(self):
        """
        The figures as a flat dict of shares between 0 and 1; None where
        there is nothing to measure (no gold quotes, no photos...).
        """
        precision = _share(self.matched_quotes, self.predicted_quotes)
        if precision is None and self.gold_quotes:
            # Finding nothing where there is something to find scores 0.
            precision = 0.0
        recall = _share(self.matched_quotes, self.gold_quotes)
        if precision is None or recall is None:
            f1 = None
        elif precision + recall == 0:
            f1 = 0.0
        else:
            f1 = 2 * precision * recall / (precision + recall)
        figures = {
            "quote_precision": precision,
            "quote_recall": recall,
            "quote_f1": f1,
            "speaker_accuracy": _share(self.speakers_right, self.matched_quotes),
            "raw_speaker_accuracy": _share(self.raw_speakers_right, self.matched_quotes),
        }
        for name in PHOTO_FIELDS + ("all_four",):
            figures[f"credit_{name}"] = _share(self.photo_fields_right[name], self.gold_photos)
        for name in DOCUMENT_FIELDS:
            figures[name] = _share(self.document_fields_right[name], self.documents)
        figures["headline"] = _share(self.document_fields_right["headline"], self.headlines_graded)
        return figures

    def counts(self):
        """The raw counts behind the figures."""
        return {
            "documents": self.documents,
            "gold_quotes": self.gold_quotes,
            "predicted_quotes": self.predicted_quotes,
            "matched_quotes": self.matched_quotes,
            "gold_photos": self.gold_photos,
            "predicted_photos": self.predicted_photos,
            "missing_photos": self.missing_photos,
            "extra_photos": self.extra_photos,
            "headlines_graded": self.headlines_graded,
        }


def _share(part, whole):
    return part / whole if whole else None


def story_as_dict(story):
    """
    A parsed story (any object with ParsedStory's attributes) as a dict in
    the gold format, so gold and prediction are read the same way.
    """
    date = getattr(story, "date", None)
    if isinstance(date, datetime.date):
        date = date.isoformat()
    return {
        "date": date,
        "headline": getattr(story, "headline", None),
        "headline_provisional": getattr(story, "headline_provisional", False),
        "dateline": getattr(story, "dateline", None),
        "byline": getattr(story, "byline", None),
        "paragraphs": list(getattr(story, "paragraphs", ())),
        "photos": [_attributes(photo) for photo in getattr(story, "photos", ())],
        "quotes": [_attributes(quote) for quote in getattr(story, "quotes", ())],
    }


def _attributes(item):
    if dataclasses.is_dataclass(item):
        return dataclasses.asdict(item)
    return dict(item)


def _same_text(a, b):
    return normalize_text(a) == normalize_text(b)


def _short(text, limit=80):
    text = normalize_text(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def score_document(name, gold, predicted):
    """
    Score one document. `gold` is a gold dict, `predicted` a dict as made by
    `story_as_dict`. Returns a Report for this document alone.
    """
    report = Report(documents=1)
    _score_fields(report, name, gold, predicted)
    _score_quotes(report, name, gold.get("quotes", []), predicted.get("quotes", []))
    _score_photos(report, name, gold.get("photos", []), predicted.get("photos", []))
    return report


def _score_fields(report, name, gold, predicted):
    checks = {
        "date": (gold.get("date"), predicted.get("date")),
        "dateline": (gold.get("dateline"), predicted.get("dateline")),
        "byline": (gold.get("byline"), predicted.get("byline")),
    }
    for field, (expected, got) in checks.items():
        if _same_text(expected, got):
            report.document_fields_right[field] += 1
        else:
            report.misses.append(Miss(name, field, expected, got))

    expected = [normalize_text(p) for p in gold.get("paragraphs", [])]
    got = [normalize_text(p) for p in predicted.get("paragraphs", [])]
    if expected == got:
        report.document_fields_right["paragraphs"] += 1
    else:
        report.misses.extend(_paragraph_misses(name, expected, got))

    # A provisional headline (made up from the body) is not graded; a
    # headline the parser claims is real is, even where gold has none.
    claimed = None if predicted.get("headline_provisional") else predicted.get("headline")
    if gold.get("headline") or claimed:
        report.headlines_graded += 1
        if _same_text(gold.get("headline"), claimed):
            report.document_fields_right["headline"] += 1
        else:
            report.misses.append(Miss(name, "headline", gold.get("headline"), claimed))


def _paragraph_misses(name, expected, got):
    misses = []
    if len(expected) != len(got):
        misses.append(Miss(name, "paragraph count", len(expected), len(got)))
    got_set, expected_set = set(got), set(expected)
    missing = {i: p for i, p in enumerate(expected) if p not in got_set}
    extra = {i: p for i, p in enumerate(got) if p not in expected_set}
    for index in sorted(missing.keys() & extra.keys()):
        # Same place, different text: show where they part.
        a, b = missing.pop(index), extra.pop(index)
        at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        start = max(0, at - 30)
        misses.append(Miss(name, f"paragraph {index} differs at character {at}",
                           a[start : at + 40], b[start : at + 40]))
    for index, paragraph in missing.items():
        misses.append(Miss(name, f"paragraph {index} missing", _short(paragraph), None))
    for index, paragraph in extra.items():
        misses.append(Miss(name, f"paragraph {index} extra", None, _short(paragraph)))
    if not misses:
        misses.append(Miss(name, "paragraph order", None, None))
    return misses


def _score_quotes(report, name, gold_quotes, predicted_quotes):
    report.gold_quotes += len(gold_quotes)
    report.predicted_quotes += len(predicted_quotes)
    pairs = match_quotes(gold_quotes, predicted_quotes)
    report.matched_quotes += len(pairs)
    for g, p in pairs:
        gold, predicted = gold_quotes[g], predicted_quotes[p]
        expected, got = gold.get("speaker_resolved"), predicted.get("speaker_resolved")
        if normalize_speaker(expected) == normalize_speaker(got):
            report.speakers_right += 1
        else:
            report.misses.append(
                Miss(name, f"speaker of “{_short(gold['text'], 40)}”", expected, got)
            )
        if normalize_speaker(gold.get("speaker")) == normalize_speaker(predicted.get("speaker")):
            report.raw_speakers_right += 1
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g, gold in enumerate(gold_quotes):
        if g not in matched_gold:
            report.misses.append(Miss(name, "quote missed", _short(gold["text"]), None))
    for p, predicted in enumerate(predicted_quotes):
        if p not in matched_predicted:
            report.misses.append(Miss(name, "quote extra", None, _short(predicted["text"])))


def _score_photos(report, name, gold_photos, predicted_photos):
    report.gold_photos += len(gold_photos)
    report.predicted_photos += len(predicted_photos)
    pairs = match_photos(gold_photos, predicted_photos)
    for g, p in pairs:
        gold, predicted = gold_photos[g], predicted_photos[p]
        all_right = True
        for field in PHOTO_FIELDS:
            expected, got = gold.get(field), predicted.get(field)
            if field == "is_file_photo":
                right = bool(expected) == bool(got)
            elif field == "photographer":
                right = _same_text(expected, got)
            else:
                right = normalize_organisation(expected) == normalize_organisation(got)
            if right:
                report.photo_fields_right[field] += 1
            else:
                all_right = False
                label = f"photo {g} {field} ({_short(gold.get('credit_line'), 50)})"
                report.misses.append(Miss(name, label, expected, got))
        if all_right:
            report.photo_fields_right["all_four"] += 1
    matched_gold = {g for g, _ in pairs}
    matched_predicted = {p for _, p in pairs}
    for g, gold in enumerate(gold_photos):
        if g not in matched_gold:
            report.missing_photos += 1
            shown = _short(gold.get("caption") or gold.get("credit_line"))
            report.misses.append(Miss(name, "photo missing", shown, None))
    for p, predicted in enumerate(predicted_photos):
        if p not in matched_predicted:
            report.extra_photos += 1
            shown = _short(predicted.get("caption") or predicted.get("credit_line"))
            report.misses.append(Miss(name, "photo extra", None, shown))


def evaluate(documents: Iterable[tuple[str, Mapping, Mapping]]):
    """Score (name, gold, predicted) triples; returns one merged Report."""
    report = Report()
    for name, gold, predicted in documents:
        report.merge(score_document(name, gold, predicted))
    return report


def load_gold(path):
    """Read one NAME.gold.json file. Raises ValueError if it is not valid JSON."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ValueError(f"{path}: not valid JSON ({error})") from error


GOLD_KEYS = {"date", "headline", "dateline", "byline", "paragraphs", "photos", "quotes"}
PHOTO_KEYS = {"caption", "credit_line", "credit", "photographer", "agency", "distributor",
              "is_file_photo"}
QUOTE_KEYS = {"text", "speaker", "speaker_resolved", "paragraph"}


def check_gold(gold):
    """
    Annotation errors in one gold dict, as a list of messages (empty when
    sound): missing keys, a bad date, a quote whose text is not found in the
    paragraphs from its index on, a paragraph index out of range.
    """
    problems = []
    if set(gold) != GOLD_KEYS:
        problems.append(f"keys {sorted(gold)} are not {sorted(GOLD_KEYS)}")
        return problems
    if gold["date"] is not None:
        try:
            datetime.date.fromisoformat(gold["date"])
        except (TypeError, ValueError):
            problems.append(f"date {gold['date']!r} is not YYYY-MM-DD")
    paragraphs = gold["paragraphs"]
    if not paragraphs or not all(isinstance(p, str) and p.strip() for p in paragraphs):
        problems.append("paragraphs must be a non-empty list of non-empty strings")
    for index, photo in enumerate(gold["photos"]):
        if set(photo) != PHOTO_KEYS:
            problems.append(f"photo {index} keys {sorted(photo)}")
    for index, quote in enumerate(gold["quotes"]):
        if set(quote) != QUOTE_KEYS:
            problems.append(f"quote {index} keys {sorted(quote)}")
            continue
        at = quote["paragraph"]
        if not isinstance(at, int) or not 0 <= at < len(paragraphs):
            problems.append(f"quote {index} paragraph {at!r} out of range")
            continue
        # A multi-paragraph quote runs on into the following paragraphs.
        if quote["text"] not in "\n\n".join(paragraphs[at:]) or not paragraphs[at].count(
            quote["text"].split("\n\n")[0]
        ):
            problems.append(f"quote {index} text not found from paragraph {at}: {quote['text']!r}")
        if not quote["speaker_resolved"]:
            problems.append(f"quote {index} has no speaker_resolved")
    return problems
