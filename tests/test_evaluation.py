"""The parser scorer, the evaluate_parser command and the development set."""
import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles import evaluation, parsing
from articles.evaluation import (
    check_gold,
    match_quotes,
    normalize_speaker,
    quotes_match,
    score_document,
    story_as_dict,
)
from articles.parsing import ParsedPhoto, ParsedQuote, ParsedStory

# What the parser must at least reach on tests/data/devset. Set a little
# below the measured figures so that a regression fails the suite; raise
# them when the parser improves. See README.md, "Parser evaluation".
FLOORS = {
    "quote_precision": 0.98,
    "quote_recall": 0.97,
    "quote_f1": 0.97,
    "speaker_accuracy": 0.95,
    "raw_speaker_accuracy": 0.91,
    "credit_photographer": 0.98,
    "credit_agency": 0.98,
    "credit_distributor": 0.98,
    "credit_is_file_photo": 0.98,
    "credit_all_four": 0.98,
    "paragraphs": 0.98,
    "date": 0.98,
    "dateline": 0.98,
    "byline": 0.98,
    "headline": 0.98,
}

DEVSET = Path(__file__).parent / "data" / "devset"

# The same for tests/data/regression: batches scored once unseen, then used to
# find failures; see its README.md.
REGRESSION_FLOORS = {
    "quote_precision": 0.98,
    "quote_recall": 0.98,
    "quote_f1": 0.98,
    "speaker_accuracy": 0.93,
    "raw_speaker_accuracy": 0.82,
    "credit_photographer": 0.98,
    "credit_agency": 0.98,
    "credit_distributor": 0.98,
    "credit_is_file_photo": 0.98,
    "credit_all_four": 0.98,
    "paragraphs": 0.96,
    "date": 0.98,
    "dateline": 0.96,
    "byline": 0.96,
    "headline": 0.96,
}

REGRESSION_SET = Path(__file__).parent / "data" / "regression"

TEN_WORDS = "we will rebuild every house on this street next year"


def gold_document(**overrides):
    document = {
        "date": "2022-05-24",
        "headline": None,
        "dateline": "BEIJING",
        "byline": None,
        "paragraphs": ["BEIJING (AP) — First.", "Second."],
        "photos": [],
        "quotes": [],
    }
    document.update(overrides)
    return document


def gold_photo(caption="A man walks.", photographer="Jane Doe", **overrides):
    photo = {
        "caption": caption,
        "credit_line": f"AP Photo/{photographer}",
        "credit": None,
        "photographer": photographer,
        "agency": "AP",
        "distributor": None,
        "is_file_photo": False,
    }
    photo.update(overrides)
    return photo


def gold_quote(text, speaker="Doe", resolved="Jane Doe", paragraph=0):
    return {"text": text, "speaker": speaker, "speaker_resolved": resolved, "paragraph": paragraph}


# Quote matching


def test_identical_quote_matches():
    assert quotes_match("We are ready,", "we are ready")


def test_quote_covering_eighty_percent_of_gold_words_matches():
    assert quotes_match(TEN_WORDS, "we will rebuild every house on this street")


def test_quote_covering_seventy_percent_of_gold_words_does_not_match():
    assert not quotes_match(TEN_WORDS, "we will rebuild every house on this")


def test_quote_swallowing_the_rest_of_the_article_does_not_match():
    swallowed = TEN_WORDS + " the council said on Monday that work would start " * 3
    assert evaluation.quote_overlap(TEN_WORDS, swallowed)[0] == 1.0
    assert not quotes_match(TEN_WORDS, swallowed)


def test_quote_marks_case_and_punctuation_are_ignored():
    assert quotes_match("“We will, we WILL rebuild.”", "we will we will rebuild")


def test_each_gold_quote_matches_at_most_one_prediction():
    gold = [gold_quote("we are ready")]
    predicted = [gold_quote("we are ready"), gold_quote("we are ready")]
    assert match_quotes(gold, predicted) == [(0, 0)]


def test_split_quote_predicted_as_one_matches_neither_half():
    first, second = "it is not the bill I would have written", "but it keeps the lights on"
    predicted = [gold_quote(first + " " + second)]
    assert match_quotes([gold_quote(first), gold_quote(second)], predicted) == []


def test_multi_paragraph_gold_quote_matches_prediction_across_the_break():
    gold = [gold_quote("We said it.\n\n“We meant it.")]
    assert match_quotes(gold, [gold_quote("We said it. We meant it.")]) == [(0, 0)]


# Speakers


@pytest.mark.parametrize(
    "written, normalised",
    [
        ("The Foreign Ministry", "foreign ministry"),
        ("  Jane   DOE, ", "jane doe"),
        ("Ministry of Water Resources.", "ministry of water resources"),
        ("theresa gagnon", "theresa gagnon"),
        (None, ""),
    ],
)
def test_speakers_are_normalised_before_comparison(written, normalised):
    assert normalize_speaker(written) == normalised


def test_wrong_resolved_speaker_is_a_miss_even_when_the_quote_matches():
    gold = gold_document(quotes=[gold_quote("we are ready", "she", "Jane Doe")])
    predicted = gold_document(quotes=[gold_quote("we are ready", "she", "John Doe")])
    report = score_document("doc", gold, predicted)
    figures = report.figures()
    assert figures["quote_f1"] == 1.0
    assert figures["speaker_accuracy"] == 0.0
    assert figures["raw_speaker_accuracy"] == 1.0
    assert [(m.field, m.expected, m.got) for m in report.misses] == [
        ("speaker of “we are ready”", "Jane Doe", "John Doe")
    ]


def test_organisation_speaker_matches_with_or_without_the():
    gold = gold_document(quotes=[gold_quote("we said no", "the ministry", "Foreign Ministry")])
    predicted = gold_document(
        quotes=[gold_quote("we said no", "ministry", "the Foreign Ministry")]
    )
    assert score_document("doc", gold, predicted).figures()["speaker_accuracy"] == 1.0


def test_quote_precision_recall_and_f1_are_micro_averaged():
    gold_a = gold_document(quotes=[gold_quote("one two three"), gold_quote("four five six")])
    predicted_a = gold_document(quotes=[gold_quote("one two three")])
    gold_b = gold_document(quotes=[gold_quote("seven eight nine")])
    predicted_b = gold_document(
        quotes=[gold_quote("seven eight nine"), gold_quote("ten eleven twelve")]
    )
    figures = evaluation.evaluate(
        [("a", gold_a, predicted_a), ("b", gold_b, predicted_b)]
    ).figures()
    assert figures["quote_precision"] == pytest.approx(2 / 3)
    assert figures["quote_recall"] == pytest.approx(2 / 3)
    assert figures["quote_f1"] == pytest.approx(2 / 3)


def test_no_predicted_quotes_scores_zero_not_nothing():
    gold = gold_document(quotes=[gold_quote("we are ready")])
    figures = score_document("doc", gold, gold_document()).figures()
    assert (figures["quote_precision"], figures["quote_recall"], figures["quote_f1"]) == (0, 0, 0)
    assert figures["speaker_accuracy"] is None


# Photos


def test_missing_photo_counts_against_every_credit_field():
    gold = gold_document(photos=[gold_photo("A man walks."), gold_photo("A dog runs.", "Ann Roe")])
    predicted = gold_document(photos=[gold_photo("A man walks.")])
    report = score_document("doc", gold, predicted)
    assert report.missing_photos == 1
    assert report.extra_photos == 0
    assert report.figures()["credit_photographer"] == 0.5
    assert report.figures()["credit_all_four"] == 0.5
    assert [m.field for m in report.misses] == ["photo missing"]


def test_extra_photo_is_counted():
    gold = gold_document(photos=[gold_photo()])
    predicted = gold_document(photos=[gold_photo(), gold_photo("Storage tanks at a port.")])
    report = score_document("doc", gold, predicted)
    assert (report.missing_photos, report.extra_photos) == (0, 1)
    assert report.figures()["credit_all_four"] == 1.0


def test_identical_captions_are_matched_by_their_credits():
    gold = gold_document(
        photos=[
            gold_photo("Nurses march.", "Erin Haldane"),
            gold_photo("Nurses march.", "Glen Stubbe"),
        ]
    )
    predicted = gold_document(
        photos=[
            gold_photo("Nurses march.", "Glen Stubbe"),
            gold_photo("Nurses march.", "Erin Haldane"),
        ]
    )
    assert score_document("doc", gold, predicted).figures()["credit_photographer"] == 1.0


def test_each_credit_field_is_scored_on_its_own():
    gold = gold_document(photos=[gold_photo(is_file_photo=True, distributor="AP")])
    predicted = gold_document(photos=[gold_photo(is_file_photo=False, distributor="AP")])
    figures = score_document("doc", gold, predicted).figures()
    assert figures["credit_photographer"] == 1.0
    assert figures["credit_agency"] == 1.0
    assert figures["credit_distributor"] == 1.0
    assert figures["credit_is_file_photo"] == 0.0
    assert figures["credit_all_four"] == 0.0


def test_photographer_case_matters_but_agency_leading_the_does_not():
    gold = gold_document(photos=[gold_photo(photographer="JANE DOE", agency="The Canadian Press")])
    predicted = gold_document(
        photos=[gold_photo(photographer="Jane Doe", agency="Canadian Press")]
    )
    figures = score_document("doc", gold, predicted).figures()
    assert figures["credit_photographer"] == 0.0
    assert figures["credit_agency"] == 1.0


def test_credit_figures_are_none_without_gold_photos():
    figures = score_document("doc", gold_document(), gold_document()).figures()
    assert figures["credit_agency"] is None


# Document fields


def test_paragraphs_compare_after_whitespace_normalisation():
    gold = gold_document(paragraphs=["BEIJING (AP) — First  line\nwrapped.", "Second."])
    predicted = gold_document(paragraphs=["BEIJING (AP) — First line wrapped.", " Second. "])
    assert score_document("doc", gold, predicted).figures()["paragraphs"] == 1.0


def test_a_caption_left_in_the_body_fails_paragraphs_and_says_where():
    gold = gold_document()
    predicted = gold_document(
        paragraphs=["BEIJING (AP) — First.", "Second.", "A man walks. (AP Photo/X)"]
    )
    report = score_document("doc", gold, predicted)
    assert report.figures()["paragraphs"] == 0.0
    assert [m.field for m in report.misses] == ["paragraph count", "paragraph 2 extra"]


def test_changed_paragraph_miss_shows_where_the_texts_part():
    gold = gold_document(paragraphs=["The town of Alcàntera burned."])
    predicted = gold_document(paragraphs=["The town of AlcË†ntera burned."])
    (miss,) = score_document("doc", gold, predicted).misses
    assert miss.field == "paragraph 0 differs at character 15"
    assert miss.expected.startswith("The town of Alcà")


def test_date_dateline_and_byline_are_scored():
    gold = gold_document(byline="Jane Doe, Associated Press")
    predicted = gold_document(date=None, dateline="BEIJING", byline="JANE DOE")
    report = score_document("doc", gold, predicted)
    figures = report.figures()
    assert (figures["date"], figures["dateline"], figures["byline"]) == (0.0, 1.0, 0.0)
    assert {m.field for m in report.misses} == {"date", "byline"}


def test_provisional_headline_is_not_graded():
    predicted = gold_document(headline="BEIJING (AP) — First.", headline_provisional=True)
    report = score_document("doc", gold_document(), predicted)
    assert report.headlines_graded == 0
    assert report.figures()["headline"] is None


def test_headline_claimed_where_the_page_has_none_is_wrong():
    predicted = gold_document(headline="Second.", headline_provisional=False)
    assert score_document("doc", gold_document(), predicted).figures()["headline"] == 0.0


def test_story_as_dict_reads_a_parsed_story():
    story = ParsedStory(
        date=datetime.date(2022, 5, 24),
        headline="Talks stall",
        headline_provisional=False,
        dateline="BEIJING",
        byline=None,
        paragraphs=("BEIJING (AP) — First.",),
        photos=(ParsedPhoto(caption="A man walks.", photographer="Jane Doe", agency="AP"),),
        quotes=(
            ParsedQuote(text="First", paragraph=0, speaker="Doe", speaker_resolved="Jane Doe"),
        ),
    )
    document = story_as_dict(story)
    assert document["date"] == "2022-05-24"
    assert document["paragraphs"] == ["BEIJING (AP) — First."]
    assert document["photos"][0]["photographer"] == "Jane Doe"
    assert document["quotes"][0]["speaker_resolved"] == "Jane Doe"


# Gold self-check


def test_check_gold_accepts_a_sound_document():
    gold = gold_document(
        paragraphs=["“We said it.", "“We meant it,” Doe said."],
        quotes=[gold_quote("We said it.\n\n“We meant it,")],
        photos=[gold_photo()],
    )
    assert check_gold(gold) == []


def test_check_gold_catches_a_quote_not_in_its_paragraph():
    gold = gold_document(quotes=[gold_quote("Second.", paragraph=0)])
    assert len(check_gold(gold)) == 1


def test_check_gold_catches_a_paragraph_index_out_of_range():
    gold = gold_document(quotes=[gold_quote("Second.", paragraph=2)])
    assert "out of range" in check_gold(gold)[0]


def test_check_gold_catches_a_bad_date_and_missing_keys():
    assert check_gold(gold_document(date="2022-05"))
    document = gold_document()
    del document["photos"]
    assert check_gold(document)


# The command


def fake_story(text):
    """Parse nothing: every document comes back as one paragraph, no date."""
    return ParsedStory(
        date=None,
        headline="",
        headline_provisional=True,
        dateline=None,
        byline=None,
        paragraphs=(text.strip(),),
    )


@pytest.fixture
def tiny_devset(tmp_path):
    (tmp_path / "one.txt").write_bytes("“We are ready,” she said.\n".encode("utf-8"))
    (tmp_path / "one.gold.json").write_text(
        json.dumps(
            gold_document(
                date=None,
                dateline=None,
                paragraphs=["“We are ready,” she said."],
                quotes=[gold_quote("We are ready,", "she", "she")],
            )
        ),
        encoding="utf-8",
    )
    (tmp_path / "two.txt").write_bytes(b"\xef\xbb\xbf date 2022-05-24 Words.")
    (tmp_path / "two.gold.json").write_text(
        json.dumps(gold_document(date="2022-05-24", dateline=None, paragraphs=["Words."])),
        encoding="utf-8",
    )
    return tmp_path


def run_command(*args):
    stdout, stderr = StringIO(), StringIO()
    call_command("evaluate_parser", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def test_command_prints_the_figures_as_a_table(tiny_devset, monkeypatch):
    monkeypatch.setattr(parsing, "parse_wire_story", fake_story)
    out, _ = run_command(str(tiny_devset))
    assert "2 documents, 1 gold quotes (0 predicted, 0 matched)" in out
    assert "quote F1" in out
    assert "dateline                        1.000" in out
    assert "  date                            0.500" in out
    assert "credit: agency                  n/a" in out


def test_command_prints_json(tiny_devset, monkeypatch):
    monkeypatch.setattr(parsing, "parse_wire_story", fake_story)
    out, _ = run_command(str(tiny_devset), "--json")
    payload = json.loads(out)
    assert payload["counts"]["documents"] == 2
    assert payload["figures"]["quote_recall"] == 0.0
    assert payload["figures"]["dateline"] == 1.0
    assert payload["figures"]["paragraphs"] == 0.5
    assert "misses" not in payload


def test_command_verbose_lists_every_miss(tiny_devset, monkeypatch):
    monkeypatch.setattr(parsing, "parse_wire_story", fake_story)
    out, _ = run_command(str(tiny_devset), "--verbose")
    assert "one  quote missed\n    expected: 'We are ready,'\n    got:      None" in out
    assert "two  date\n    expected: '2022-05-24'\n    got:      None" in out
    payload = json.loads(run_command(str(tiny_devset), "--verbose", "--json")[0])
    assert {"document": "two", "field": "date", "expected": "2022-05-24", "got": None} in payload[
        "misses"
    ]


def test_command_decodes_bytes_with_the_parser_decoder(tiny_devset, monkeypatch):
    seen = []
    def recording_parser(text):
        seen.append(text)
        return fake_story(text)

    monkeypatch.setattr(parsing, "parse_wire_story", recording_parser)
    run_command(str(tiny_devset))
    assert not any(text.startswith("\ufeff") for text in seen)


def test_command_runs_the_real_parser(tiny_devset):
    payload = json.loads(run_command(str(tiny_devset), "--json")[0])
    assert payload["counts"]["documents"] == 2
    assert payload["figures"]["date"] == 1.0


def test_command_scores_an_unreadable_document_as_finding_nothing(tiny_devset, monkeypatch):
    def unreadable(text):
        raise parsing.UnreadableDocument("binary junk")

    monkeypatch.setattr(parsing, "parse_wire_story", unreadable)
    out, err = run_command(str(tiny_devset), "--json")
    assert "Unreadable one.txt: binary junk" in err
    figures = json.loads(out)["figures"]
    assert figures["paragraphs"] == 0.0
    assert figures["quote_recall"] == 0.0


def test_command_skips_and_reports_a_text_without_gold(tiny_devset, monkeypatch):
    monkeypatch.setattr(parsing, "parse_wire_story", fake_story)
    (tiny_devset / "three.txt").write_text("No gold here.", encoding="utf-8")
    out, err = run_command(str(tiny_devset), "--json")
    assert "Skipped three.txt" in err
    assert json.loads(out)["skipped"] == ["three.txt"]
    assert json.loads(out)["counts"]["documents"] == 2


def test_command_rejects_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        run_command(str(tmp_path / "nowhere"))


def test_command_rejects_a_folder_without_annotated_documents(tmp_path):
    (tmp_path / "lonely.txt").write_text("Text only.", encoding="utf-8")
    with pytest.raises(CommandError, match="No annotated documents"):
        run_command(str(tmp_path))


def test_command_rejects_unreadable_gold(tiny_devset):
    (tiny_devset / "one.gold.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="not valid JSON"):
        run_command(str(tiny_devset))


# The development set


DEVSET_TEXTS = sorted(DEVSET.glob("*.txt"))


def test_development_set_is_large_enough_and_fully_annotated():
    assert len(DEVSET_TEXTS) >= 45
    for text in DEVSET_TEXTS:
        assert text.with_name(text.stem + ".gold.json").exists(), text.name
    assert len(list(DEVSET.glob("*.gold.json"))) == len(DEVSET_TEXTS)


@pytest.mark.parametrize("text", DEVSET_TEXTS, ids=lambda path: path.stem)
def test_gold_agrees_with_itself(text):
    gold = evaluation.load_gold(text.with_name(text.stem + ".gold.json"))
    assert check_gold(gold) == []


def test_development_set_readme_lists_every_document():
    readme = (DEVSET / "README.md").read_text(encoding="utf-8")
    for text in DEVSET_TEXTS:
        assert f"| {text.stem} |" in readme


@pytest.fixture(scope="module")
def devset_figures():
    out = StringIO()
    call_command("evaluate_parser", str(DEVSET), "--json", stdout=out)
    return json.loads(out.getvalue())["figures"]


def test_every_figure_has_a_floor(devset_figures):
    assert set(FLOORS) == set(devset_figures)


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_parser_stays_above_its_floor_on_the_development_set(devset_figures, figure):
    measured = devset_figures[figure]
    assert measured is not None and measured >= FLOORS[figure], (
        f"{figure} fell to {measured}, floor {FLOORS[figure]}"
    )


# The regression set


@pytest.mark.parametrize(
    "text", sorted(REGRESSION_SET.glob("*.txt")), ids=lambda path: path.stem
)
def test_regression_gold_agrees_with_itself(text):
    gold = evaluation.load_gold(text.with_name(text.stem + ".gold.json"))
    assert check_gold(gold) == []


@pytest.fixture(scope="module")
def regression_figures():
    out = StringIO()
    call_command("evaluate_parser", str(REGRESSION_SET), "--json", stdout=out)
    return json.loads(out.getvalue())["figures"]


@pytest.mark.parametrize("figure", sorted(REGRESSION_FLOORS))
def test_parser_stays_above_its_floor_on_the_regression_set(regression_figures, figure):
    assert set(REGRESSION_FLOORS) == set(regression_figures)
    measured = regression_figures[figure]
    assert measured is not None and measured >= REGRESSION_FLOORS[figure], (
        f"{figure} fell to {measured}, floor {REGRESSION_FLOORS[figure]}"
    )
