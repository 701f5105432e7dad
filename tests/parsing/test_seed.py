"""The seed story comes out exactly as the desk expects."""
import datetime
import textwrap
from pathlib import Path

import pytest

from articles.parsing import decode_wire_bytes, parse_wire_story

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_86f1e49a41e5fc48.txt"


@pytest.fixture(scope="module")
def seed():
    return parse_wire_story(decode_wire_bytes(SEED.read_bytes()))


def test_seed_date(seed):
    assert seed.date == datetime.date(2022, 5, 24)


def test_seed_has_six_body_paragraphs_without_captions(seed):
    assert len(seed.paragraphs) == 6
    assert seed.paragraphs[0].startswith("The U.N. quoted Bachelet")
    assert seed.paragraphs[-1].startswith("Beijing has also come under criticism")
    assert not any(p.startswith("Caption") for p in seed.paragraphs)


def test_seed_headline_is_provisional_and_derived_from_the_lede(seed):
    assert seed.headline_provisional is True
    assert seed.headline
    assert len(seed.headline) <= 100
    assert seed.headline.startswith("The U.N. quoted Bachelet as telling Wang")


def test_seed_has_no_dateline_or_byline(seed):
    assert seed.dateline is None
    assert seed.byline is None


def test_seed_has_six_photos_and_the_last_four_are_file_photos(seed):
    assert len(seed.photos) == 6
    assert [p.is_file_photo for p in seed.photos] == [False, False, True, True, True, True]


def test_seed_photo_credits(seed):
    assert [(p.photographer, p.agency, p.distributor) for p in seed.photos] == [
        (None, "UN Human Rights Office", "AP"),
        ("Deng Hua", "Xinhua", "AP"),
        ("Mark Schiefelbein", "AP", None),
        ("Ng Han Guan", "AP", None),
        ("Ng Han Guan", "AP", None),
        ("Mark Schiefelbein", "AP", None),
    ]


def test_seed_credit_lines_and_credit_names(seed):
    assert seed.photos[3].credit_line == "AP Photo/Ng Han Guan, File"
    assert seed.photos[0].credit == "Uncredited"
    assert [p.credit for p in seed.photos[1:]] == [
        "Deng Hua",
        "Mark Schiefelbein",
        "Ng Han Guan",
        "Ng Han Guan",
        "Mark Schiefelbein",
    ]


def test_seed_captions_lose_label_and_credits_but_keep_file_prefix(seed):
    first, second, third = seed.photos[:3]
    assert first.caption.startswith("In this photo released by UN Human Rights Office")
    assert first.caption.endswith("on Monday, May 23, 2022.")
    assert second.caption.endswith("in the northwestern region of Xinjiang.")
    assert third.caption.startswith("FILE - A man holds a child")
    assert not any("Credit:" in p.caption or "AP Photo" in p.caption for p in seed.photos)


def test_seed_has_no_warnings_about_structure(seed):
    assert not any("credit" in w or "date" in w for w in seed.warnings)


def test_seed_quotes(seed):
    assert len(seed.quotes) == 4
    assert [q.speaker for q in seed.quotes[:2]] == ["Bachelet", "Bachelet"]
    assert [q.speaker_resolved for q in seed.quotes[:2]] == ["Michelle Bachelet"] * 2
    assert all("Foreign Ministry" in q.speaker_resolved for q in seed.quotes[2:])
    assert [q.paragraph for q in seed.quotes] == [0, 1, 2, 3]


def _layouts():
    text = SEED.read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    wrapped = "\n\n".join("\n".join(textwrap.wrap(p, 72)) for p in paragraphs)
    captions_first = " date 2022-05-24 " + "\n\n".join(
        paragraphs[6:] + [paragraphs[0].replace(" date 2022-05-24 ", "")] + paragraphs[1:6]
    )
    return {
        "crlf": text.replace("\n", "\r\n"),
        "bom": "\ufeff" + text,
        "single newlines": text.replace("\n\n", "\n"),
        "hard-wrapped at 72": wrapped,
        "hard-wrapped, single newlines": wrapped.replace("\n\n", "\n"),
        "captions first": captions_first,
        "mojibake": text.encode("utf-8").decode("sloppy-windows-1252"),
    }


@pytest.mark.parametrize("layout", sorted(_layouts()))
def test_seed_in_other_layouts_gives_the_same_story(seed, layout):
    variant = parse_wire_story(_layouts()[layout])
    assert variant.date == seed.date
    assert variant.paragraphs == seed.paragraphs
    assert variant.photos == seed.photos
