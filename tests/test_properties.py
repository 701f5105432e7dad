"""Properties of the wire parser and the import that hold for any input."""
import datetime
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from articles import parsing
from articles.models import Article

parse_wire_story = parsing.parse_wire_story
decode_wire_bytes = parsing.decode_wire_bytes
content_hash = parsing.content_hash
UnreadableDocument = parsing.UnreadableDocument

PARSER = settings(max_examples=200, deadline=None)
# Each example imports a small corpus twice into a real database.
DATABASE = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Invented vocabulary: no real people, places or events.
WORDS = """
harbour ferry council lantern orchard bridge river market winter summer
festival library tram station island valley engineers farmers teachers
residents rain storm repairs budget schedule crossing lighthouse quarry
school museum garden tower square canal pier boats fishermen harvest
""".split()
NAMES = [
    "Orla Fenn", "Tomas Wren", "Ilse Marrow", "Kasimir Dunmore", "Nerys Oakhurst",
    "Ugo Valcourt", "Sindre Quarrie", "Delphine Ashdown", "Caius Merriweather",
]
PLACES = ["Port Alder", "Kestrel Island", "Greyfen", "Saltmarsh", "Northmere"]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug."]
# Fragments that steer arbitrary text into the parser's special cases.
FRAGMENTS = [
    " date 2022-05-24 ", " date 2021-03 ", " date 2022-13-45 ", "\n\n", "\n",
    "\r\n", "\r", "\ufeff", "\u00a0", "\t", " ", "“", "”", '"', "'", "‘", "’",
    "«", "»", "« ", " »", " said", " said:", ":", ", ", ". ", "Caption ",
    "Credit: ", "Credit:", "(AP Photo/", "AP Photo/", ", File)", ")", "(", "[",
    "]", "Ng Han Guan", "Orla Fenn", "/Xinhua via AP", " via AP", "By ",
    "The Associated Press", "BEIJING (AP) — ", "PORT ALDER, Westmark — ",
    "Lagos [Nigeria], July 8 (ANI): ", "FILE - ", "FILE PHOTO: ", "**FILE**",
    "Uncredited", "REUTERS/", "Getty Images", "___", "Online:",
    "(Reporting by Tomas Wren; Editing by Ilse Marrow)", "© 2022 ", "Share",
    "Advertisement", "the ministry", "according to", "Ã©", "â€œ", "â€", "Õ",
    "—", "–", "-", "...", "\u200b", "\u0301", "🚢", "x" * 120,
]


def sentence(words, capital=True):
    text = " ".join(words)
    return text[:1].upper() + text[1:] if capital else text


word_lists = st.lists(st.sampled_from(WORDS), min_size=6, max_size=16)
# Whole pieces of wire copy, for the fragments to break up.
PIECES = [
    "“We will stay until the work is done,” Orla Fenn said.",
    "Tomas Wren said: “The harbour is open.”",
    "“The first part,” she said, “and the second.”",
    "Caption Boats in the harbour at dawn. (AP Photo/Ilse Marrow, File) Credit: Ilse Marrow",
    "Caption A crowd outside the library (Ugo Valcourt/Xinhua via AP) Credit: Ugo Valcourt",
    "PORT ALDER, Westmark (AP) — The council met on Tuesday.",
    "By Nerys Oakhurst and Caius Merriweather, Associated Press",
]
tokens = (
    st.sampled_from(FRAGMENTS)
    | st.sampled_from(WORDS).map(lambda w: w + " ")
    | st.sampled_from(NAMES)
    | st.sampled_from(PIECES)
    | st.text(max_size=3)
)
wire_like_paragraphs = st.lists(tokens, min_size=1, max_size=12).map("".join)
wire_like_text = st.builds(
    lambda prefix, paragraphs, separator, end: prefix + separator.join(paragraphs) + end,
    st.sampled_from(["", " date 2022-05-24 ", " date 2021-03 ", "\ufeff date 2019-11-02 "]),
    st.lists(wire_like_paragraphs, max_size=8),
    st.sampled_from(["\n\n", "\n", "\r\n\r\n", "\n\n\n", " "]),
    st.sampled_from(["", "\n", "\r\n"]),
)


@dataclass(frozen=True)
class Caption:
    paragraph: str
    scene: str
    credit_line: str
    credit: str
    photographer: str | None
    agency: str
    distributor: str | None
    is_file: bool


@dataclass(frozen=True)
class Quoted:
    text: str
    speaker: str
    paragraph: int


@dataclass(frozen=True)
class WireDocument:
    text: str
    date: datetime.date
    body: tuple[str, ...]
    captions: tuple[Caption, ...]
    quotes: tuple[Quoted, ...]


@st.composite
def captions(draw):
    """A caption paragraph in the seed's layout, with one of the usual credits."""
    name = draw(st.sampled_from(NAMES))
    place = draw(st.sampled_from(PLACES))
    is_file = draw(st.booleans())
    scene = (
        f"{sentence(draw(word_lists))} in {place} on "
        f"{draw(st.sampled_from(MONTHS))} {draw(st.integers(1, 28))}, 2021."
    )
    kind = draw(st.sampled_from(["ap", "via", "handout"]))
    if kind == "ap":
        credit_line = f"AP Photo/{name}" + (", File" if is_file else "")
        photographer, agency, distributor, credit = name, "AP", None, name
    elif kind == "via":
        credit_line = f"{name}/Xinhua via AP"
        photographer, agency, distributor, credit = name, "Xinhua", "AP", name
    else:
        credit_line = f"{place} Harbour Police via AP"
        photographer, agency, distributor = None, f"{place} Harbour Police", "AP"
        credit = "Uncredited"
    lead = "FILE - " if is_file else ""
    paragraph = f"Caption {lead}{scene} ({credit_line}) Credit: {credit}"
    return Caption(
        paragraph, scene, credit_line, credit, photographer, agency, distributor,
        is_file and kind == "ap",
    )


@st.composite
def quote_paragraphs(draw):
    """A paragraph quoting a named person, and the words quoted."""
    words = sentence(draw(word_lists))
    name = draw(st.sampled_from(NAMES))
    shape = draw(st.sampled_from(["after", "said-after", "before"]))
    if shape == "after":
        return f"“{words},” {name} said.", words, name
    if shape == "said-after":
        place = draw(st.sampled_from(PLACES))
        return f"“{words},” said {name}, who lives in {place}.", words, name
    return f"{name} said: “{words}.”", words, name


@st.composite
def wire_documents(draw):
    """A whole document in the seed's layout: prefix, body, captions."""
    date = draw(st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)))
    body, quotes = [], []
    first = sentence(draw(word_lists)) + f" in {draw(st.sampled_from(PLACES))} on Tuesday."
    body.append(first)
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.booleans()):
            paragraph, words, name = draw(quote_paragraphs())
            quotes.append(Quoted(words, name, len(body)))
            body.append(paragraph)
        else:
            body.append(f"{sentence(draw(word_lists))}, officials said on Monday.")
    photos = draw(st.lists(captions(), max_size=4))
    # Captions at the end as in the seed, or one before the body's second
    # paragraph as on many pages.
    layout = list(body)
    if photos and len(body) > 1 and draw(st.booleans()):
        layout[1:1] = [photos[0].paragraph]
        layout += [c.paragraph for c in photos[1:]]
    else:
        layout += [c.paragraph for c in photos]
    text = f" date {date.isoformat()} " + "\n\n".join(layout)
    if draw(st.booleans()):
        text += "\n"
    return WireDocument(text, date, tuple(body), tuple(photos), tuple(quotes))


def parse_or_none(text):
    try:
        return parse_wire_story(text)
    except UnreadableDocument:
        return None


def words(text):
    return Counter(re.findall(r"\w+", text))


def check_quote_invariants(story):
    for quote in story.quotes:
        assert 0 <= quote.paragraph < len(story.paragraphs), quote
        assert quote.text, quote
        assert quote.text in "\n\n".join(story.paragraphs[quote.paragraph:]), quote


def check_photo_invariants(story, source_text):
    """Caption and credit are cut from the text (or its repair), never invented."""
    available = words(source_text) | words(parsing.normalise_text(source_text))
    for photo in story.photos:
        used = words(photo.caption) + words(photo.credit_line or "")
        assert not used - available, photo


# --- any input ---------------------------------------------------------------


@PARSER
@given(st.text(max_size=3000))
@example("")
@example("\ufeff")
@example(" date 2022-05-24 ")
@example("“")
@example("Caption (AP Photo/) Credit:")
def test_parse_raises_nothing_but_unreadable_for_any_text(text):
    story = parse_or_none(text)
    if story is not None:
        check_quote_invariants(story)
        check_photo_invariants(story, text)


@PARSER
@given(wire_like_text)
def test_parse_raises_nothing_but_unreadable_for_wire_like_text(text):
    story = parse_or_none(text)
    if story is not None:
        check_quote_invariants(story)
        check_photo_invariants(story, text)


@PARSER
@given(
    st.binary(max_size=3000)
    | wire_like_text.map(lambda t: t.encode("utf-8", "surrogatepass"))
    | wire_like_text.map(lambda t: t.encode("cp1252", "replace"))
    | wire_like_text.map(lambda t: "\ufeff".encode() + t.encode("utf-16-le", "surrogatepass"))
    | wire_like_text.map(lambda t: t.encode("utf-16", "surrogatepass"))
)
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe")
@example(b"\xfe\xff\x00")
@example(b"\x81\x8d\x8f\x90\x9d")
def test_decode_raises_nothing_but_unreadable_for_any_bytes(data):
    try:
        text = decode_wire_bytes(data)
    except UnreadableDocument:
        return
    assert isinstance(text, str)
    assert text.strip()
    parse_or_none(text)


@PARSER
@given(wire_like_text | st.text(max_size=1000))
def test_parse_is_deterministic(text):
    assert parse_or_none(text) == parse_or_none(text)


@PARSER
@given(wire_like_text.map(lambda t: t.replace("\r", "").replace("\ufeff", "")))
def test_crlf_and_bom_leave_paragraphs_of_any_text_unchanged(text):
    plain = parse_or_none(text)
    assume(plain is not None)
    crlf = parse_wire_story(text.replace("\n", "\r\n"))
    bom = parse_wire_story("\ufeff" + text)
    assert crlf.paragraphs == plain.paragraphs
    assert bom.paragraphs == plain.paragraphs
    assert content_hash(text.replace("\n", "\r\n")) == content_hash(text)
    assert content_hash("\ufeff" + text) == content_hash(text)


# --- documents in the seed's layout -------------------------------------------


@PARSER
@given(wire_documents(), st.booleans(), st.booleans())
def test_crlf_and_bom_leave_the_parse_unchanged(doc, crlf, bom):
    text = doc.text.replace("\n", "\r\n") if crlf else doc.text
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    variant = parse_wire_story(decode_wire_bytes(data))
    plain = parse_wire_story(doc.text)
    assert variant.paragraphs == plain.paragraphs
    assert variant.photos == plain.photos
    assert variant.quotes == plain.quotes
    assert variant.date == plain.date
    assert content_hash(decode_wire_bytes(data)) == content_hash(doc.text)


@PARSER
@given(wire_documents())
def test_body_and_date_come_through_as_written_every_time(doc):
    story = parse_wire_story(doc.text)
    assert story.date == doc.date
    assert story.paragraphs == doc.body
    assert parse_wire_story(doc.text) == story


@PARSER
@given(wire_documents())
def test_each_caption_paragraph_is_one_photo_with_its_credits(doc):
    story = parse_wire_story(doc.text)
    assert len(story.photos) == len(doc.captions)
    for photo, caption in zip(story.photos, doc.captions):
        # Rebuild check: nothing in caption or credit line that the caption
        # paragraph does not hold.
        used = words(photo.caption) + words(photo.credit_line or "")
        assert not used - words(caption.paragraph), (photo, caption.paragraph)
        assert caption.scene in photo.caption
        assert "Credit" not in photo.caption
        assert (
            photo.credit_line,
            photo.credit,
            photo.photographer,
            photo.agency,
            photo.distributor,
        ) == (
            caption.credit_line,
            caption.credit,
            caption.photographer,
            caption.agency,
            caption.distributor,
        ), caption.paragraph
        if caption.is_file:
            assert photo.is_file_photo, caption.paragraph


@PARSER
@given(wire_documents())
def test_quotes_are_found_verbatim_with_their_speaker(doc):
    story = parse_wire_story(doc.text)
    check_quote_invariants(story)
    found = [
        (q.text.rstrip(",."), q.speaker, q.speaker_resolved, q.paragraph)
        for q in story.quotes
    ]
    expected = [(q.text, q.speaker, q.speaker, q.paragraph) for q in doc.quotes]
    assert found == expected


# --- the import ---------------------------------------------------------------


def snapshot():
    """Every row of every articles table, history included."""
    rows = {}
    for model in apps.get_app_config("articles").get_models():
        names = [field.attname for field in model._meta.concrete_fields]
        rows[model._meta.label] = list(
            model._base_manager.order_by("pk").values_list(*names)
        )
    return rows


def run_import(folder):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_seeds", str(folder), stdout=out, stderr=err)
    except (CommandError, SystemExit) as exc:
        pytest.fail(f"import failed: {exc}\n{err.getvalue()}")
    return out.getvalue()


@pytest.mark.django_db
@DATABASE
@given(st.lists(wire_documents(), min_size=1, max_size=4, unique_by=lambda d: d.text.strip()))
def test_importing_twice_is_the_same_as_importing_once(docs):
    with tempfile.TemporaryDirectory() as folder, transaction.atomic():
        for number, doc in enumerate(docs):
            Path(folder, f"{number:03d}.txt").write_text(doc.text, encoding="utf-8")
        run_import(folder)
        once = snapshot()
        assert len(once["articles.Article"]) == len(docs)
        run_import(folder)
        assert snapshot() == once
        # Each example starts from an empty database.
        transaction.set_rollback(True)


def article_content(source_name):
    """What readers and editors see of one imported article, ids left out."""
    article = Article.objects.get(source_name=source_name)
    return {
        "article": {
            field: getattr(article, field)
            for field in (
                "headline", "headline_is_provisional", "status", "published_at",
                "dateline", "byline", "body", "source_hash", "import_conflict",
            )
        },
        "photos": [
            (
                p.position, p.caption, p.credit_line, p.credit_text, p.is_file_photo,
                *(c.name if c else None for c in (p.photographer, p.agency, p.distributor)),
            )
            for p in article.photos.select_related(
                "photographer", "agency", "distributor"
            ).order_by("position")
        ],
        "quotes": list(
            article.quotes.order_by("position").values_list(
                "position", "text", "speaker", "speaker_resolved", "verb", "paragraph"
            )
        ),
    }


@pytest.mark.django_db
@DATABASE
@given(wire_documents(), wire_documents())
def test_updating_a_story_gives_what_importing_it_fresh_gives(old, new):
    assume(old.text.strip() != new.text.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "story.txt")
        with transaction.atomic():
            path.write_text(new.text, encoding="utf-8")
            run_import(folder)
            fresh = article_content("story.txt")
            transaction.set_rollback(True)
        with transaction.atomic():
            path.write_text(old.text, encoding="utf-8")
            run_import(folder)
            path.write_text(new.text, encoding="utf-8")
            run_import(folder)
            assert Article.objects.count() == 1
            assert article_content("story.txt") == fresh
            transaction.set_rollback(True)
