"""Quotation extraction: marks, what counts as a quote, speakers and verbs."""
import random
from pathlib import Path

import pytest

from articles.parsing.quotes import cut_at_attribution, extract_quotes, match_head, match_tail

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_86f1e49a41e5fc48.txt"


def quotes_of(*paragraphs, context=()):
    found, _ = extract_quotes(list(paragraphs), context=list(context))
    return found


def only(*paragraphs, context=()):
    found = quotes_of(*paragraphs, context=context)
    assert len(found) == 1, found
    return found[0]


def assert_verbatim(paragraphs, found):
    joined = "\n\n".join(paragraphs)
    for quote in found:
        assert quote.text == quote.text.strip()
        assert quote.text in "\n\n".join(paragraphs[quote.paragraph :])
        if "\n\n" not in quote.text:
            assert quote.text in paragraphs[quote.paragraph]
        assert quote.text in joined


# --- the seed ---------------------------------------------------------------


def seed_parts():
    text = SEED.read_text(encoding="utf-8").replace(" date 2022-05-24 ", "", 1)
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    body = [p for p in paragraphs if not p.startswith("Caption ")]
    captions = [p for p in paragraphs if p.startswith("Caption ")]
    return body, captions


def test_seed_gives_four_quotes_from_the_body_with_their_speakers():
    body, captions = seed_parts()
    found, _ = extract_quotes(body, context=captions)
    assert [q.text.split()[0] for q in found] == ["many", "While", "Wang", "Multilateral"]
    assert [q.paragraph for q in found] == [0, 1, 2, 3]
    assert [q.speaker for q in found] == [
        "Bachelet", "Bachelet", "the Foreign Ministry", "the ministry"
    ]
    assert [q.speaker_resolved for q in found] == [
        "Michelle Bachelet", "Michelle Bachelet", "Foreign Ministry", "Foreign Ministry"
    ]
    assert found[0].verb == "quoted ... as telling"
    assert found[1].verb == "was quoted as saying"
    assert found[2].verb.startswith("said in a news release")
    assert_verbatim(body, found)


def test_seed_scare_quote_and_caption_quotes_are_left_out():
    body, captions = seed_parts()
    found, _ = extract_quotes(body, context=captions)
    texts = " ".join(q.text for q in found)
    assert "zero-COVID" not in [q.text for q in found]
    assert "Love the party" not in texts
    assert "politicizing" not in [q.text for q in found]


def test_seed_mixed_marks_give_a_warning():
    body, captions = seed_parts()
    _, warnings = extract_quotes(body, context=captions)
    assert any("mix" in w for w in warnings)


# --- marks --------------------------------------------------------------------


def test_curly_quote_after_the_speaker():
    quote = only("“We will reopen the bridge by June,” Mayor Lena Ortiz said.")
    assert quote.text == "We will reopen the bridge by June,"
    assert quote.speaker == "Mayor Lena Ortiz"
    assert quote.speaker_resolved == "Lena Ortiz"
    assert quote.verb == "said"


def test_straight_quotes():
    quote = only('"The water is safe to drink," Ortiz said.')
    assert quote.text == "The water is safe to drink,"
    assert quote.speaker == "Ortiz"


def test_curly_open_with_straight_close():
    quote = only("“The water is safe to drink.\" the utility said in a statement.")
    assert quote.text == "The water is safe to drink."
    assert quote.speaker == "the utility"
    assert quote.verb == "said in a statement"


def test_straight_open_with_curly_close():
    quote = only("\"We are not going anywhere,” said Ortiz.")
    assert quote.text == "We are not going anywhere,"
    assert quote.speaker == "Ortiz"


def test_nested_single_curly_quotes_stay_inside():
    quote = only("“He told me, ‘Run,’ and I ran,” said Piet Claes.")
    assert quote.text == "He told me, ‘Run,’ and I ran,"
    assert quote.speaker == "Piet Claes"


def test_nested_straight_single_quotes_stay_inside():
    quote = only("\"My father said 'never again' and meant it,\" Claes said.")
    assert quote.text == "My father said 'never again' and meant it,"


def test_apostrophes_are_not_marks():
    quote = only("“It’s the town’s ’90s rock 'n' roll spirit,” Claes said of Springfield's fair.")
    assert quote.text == "It’s the town’s ’90s rock 'n' roll spirit,"


def test_guillemets_with_inner_spaces():
    quote = only("« Nous ne céderons pas », a déclaré Ortiz. Ortiz said it in French.")
    assert quote.text == "Nous ne céderons pas"


def test_guillemets_without_spaces():
    quote = only("Ortiz told reporters: «We will not give in.»")
    assert quote.text == "We will not give in."
    assert quote.speaker == "Ortiz"
    assert quote.verb == "told"


def test_low_nine_opening_mark():
    quote = only("„Wir bleiben hier“, Ortiz told the crowd in German.")
    assert quote.text == "Wir bleiben hier"
    assert quote.speaker == "Ortiz"


def test_said_colon_without_space():
    quote = only('Chief engineer Ravi Menon said:"The dam held because it was built well."')
    assert quote.text == "The dam held because it was built well."
    assert quote.speaker == "Chief engineer Ravi Menon"
    assert quote.speaker_resolved == "Ravi Menon"
    assert quote.verb == "said"


def test_bare_colon_is_the_verb():
    quote = only("Menon: “The dam held.”", context=["Caption Ravi Menon inspects the dam."])
    assert quote.speaker == "Menon"
    assert quote.speaker_resolved == "Ravi Menon"
    assert quote.verb == ":"


def test_said_colon_has_verb_said():
    quote = only("Ravi Menon said: “The dam held.”")
    assert quote.verb == "said"
    assert quote.speaker == "Ravi Menon"


# --- where the speaker stands -------------------------------------------------


def test_inverted_speaker_with_apposition():
    quote = only("“The clinic will stay open,” said Dana Fuller, a spokeswoman for the county.")
    assert quote.speaker == "Dana Fuller"
    assert quote.verb == "said"


def test_speaker_with_age_apposition():
    quote = only("“I have lived here all my life,” Tomas Brandt, 71, said.")
    assert quote.speaker == "Tomas Brandt"


def test_split_quote_gives_two_quotes_with_one_speaker():
    paragraphs = ["“The first part is easy,” she said. “The second part is not.”"]
    found = quotes_of(*paragraphs)
    assert [q.text for q in found] == ["The first part is easy,", "The second part is not."]
    assert [q.speaker for q in found] == ["she", "she"]
    assert [q.verb for q in found] == ["said", "said"]
    assert_verbatim(paragraphs, found)


def test_speaker_inside_a_split_quote():
    found = quotes_of("“First we rebuild,” Kofi Mensah said, “then we remember.”")
    assert [q.text for q in found] == ["First we rebuild,", "then we remember."]
    assert [q.speaker for q in found] == ["Kofi Mensah", "Kofi Mensah"]


def test_according_to_after_the_quote():
    quote = only("“The vote was clean,” according to election chief Amara Diallo.")
    assert quote.speaker == "election chief Amara Diallo"
    assert quote.speaker_resolved == "Amara Diallo"
    assert quote.verb == "according to"


def test_according_to_before_the_quote():
    quote = only("According to Diallo, “every ballot was counted twice.”")
    assert quote.speaker == "Diallo"
    assert quote.verb == "according to"


def test_nested_attribution_belongs_to_the_inner_speaker():
    quote = only("“We saw nothing,” Diallo said, according to the Harbor Gazette.")
    assert quote.speaker == "Diallo"
    assert quote.verb == "said"


def test_passive_was_quoted_as_saying():
    quote = only("“The talks were useful,” Diallo was quoted as saying.")
    assert quote.verb == "was quoted as saying"
    assert quote.speaker == "Diallo"


def test_quoted_as_saying_with_the_speaker_as_object():
    quote = only("State radio quoted Diallo as saying the count was “beyond reproach.”")
    assert quote.speaker == "Diallo"
    assert quote.text == "beyond reproach."


def test_told_reporters():
    quote = only("“We are ready,” Diallo told reporters on Monday.")
    assert quote.verb == "told"
    assert quote.speaker == "Diallo"


def test_told_the_agency_before_the_quote():
    quote = only("Diallo told The Associated Press, “There is no plan B.”")
    assert quote.speaker == "Diallo"
    assert quote.verb == "told"


@pytest.mark.parametrize(
    "verb",
    ["added", "noted", "wrote", "tweeted", "insisted", "warned", "pledged", "vowed",
     "asked", "explained", "argued", "recalled", "conceded", "stressed", "declared"],
)
def test_attribution_verbs(verb):
    quote = only(f"“We will finish the road before winter,” Diallo {verb}.")
    assert quote.verb == verb
    assert quote.speaker == "Diallo"


def test_said_in_a_statement():
    quote = only("“The recall is voluntary,” the company said in a statement.")
    assert quote.verb == "said in a statement"
    assert quote.speaker == "the company"


def test_adverb_between_speaker_and_verb():
    quote = only("“That was a mistake,” Diallo later said.")
    assert quote.speaker == "Diallo"


def test_speaker_named_by_description():
    quote = only("“Nobody warned us,” a spokesman for the city said.")
    assert quote.speaker == "a spokesman for the city"


def test_lowercase_role_before_the_name_after_the_verb():
    quote = only("“The roof leaks,” said head librarian Wendell Marsh, 67, who runs the branch.")
    assert quote.speaker == "head librarian Wendell Marsh"
    assert quote.speaker_resolved == "Wendell Marsh"


def test_role_phrase_with_the_name_in_apposition():
    quote = only("“We will watch every step,” said the group's Asia director, Priya Raman.")
    assert quote.speaker_resolved == "Priya Raman"


def test_put_it_with_a_colon():
    quote = only(
        "The head of the chamber of commerce, Lindiwe Zulu, put it simply: “Nobody can plan.”"
    )
    assert quote.speaker == "Lindiwe Zulu"


# --- partial quotes and what is not a quote -----------------------------------


def test_partial_quote_in_reported_speech():
    quote = only("She said the plan was “not acceptable.”")
    assert quote.text == "not acceptable."
    assert quote.speaker == "She"


def test_partial_quote_after_called():
    quote = only("Diallo called the plan “a disaster,” and left the room.")
    assert quote.text == "a disaster,"
    assert quote.speaker == "Diallo"
    assert quote.verb == "called"


def test_a_single_word_inside_a_sentence_is_a_term_not_a_quote():
    assert quotes_of("The ministry said the boat had “intruded” into its waters.") == []
    assert quotes_of('Union leader Ravi Menon said members were "shocked" by the vote.') == []
    assert quotes_of("The union called the plan “reckless.”") == []


def test_a_single_word_standing_as_a_sentence_is_a_quote():
    assert only("“Nobody,” she said.").text == "Nobody,"


def test_partial_quote_before_a_noun_after_a_verb():
    quote = only("The chamber said in a statement that it supported “ambitious but realistic” targets.")
    assert quote.text == "ambitious but realistic"


def test_partial_quote_followed_by_a_preposition():
    quote = only("Minister Eleni Kostas warned the risk would remain “very high” through the weekend.")
    assert quote.text == "very high"


def test_scare_quote_without_speech_verb_is_not_a_quote():
    assert quotes_of("Critics attacked its hardline \"zero-waste\" approach to the port.") == []


def test_scare_quote_after_a_determiner_is_not_a_quote():
    assert quotes_of("Ortiz said the “reform” would cost jobs.") == []


def test_so_called_term_is_not_a_quote():
    assert quotes_of("The so-called \"green corridor\" opened on Monday, officials said.") == []


def test_film_title_is_not_a_quote():
    assert quotes_of("The film “Blue River” opened in 300 theaters on Friday.") == []


def test_title_case_span_is_not_a_quote():
    assert quotes_of("Fans sang “The Long Road Home” as the bus left.") == []


def test_nickname_is_not_a_quote():
    assert quotes_of("Anthony \"Tony\" Marsh won the race on Sunday.") == []


def test_slogan_on_a_banner_is_not_a_quote():
    assert quotes_of("Protesters carried a banner that read “Hands off our river” to the hall.") == []


def test_short_attributed_quote_is_a_quote():
    quote = only("“No comment,” Diallo said.")
    assert quote.text == "No comment,"


def test_long_unattributed_quote_is_a_quote():
    quote = only("The note on the door said nothing else. “We will be back after the storm passes.”")
    assert quote.text == "We will be back after the storm passes."


def test_quotes_in_context_are_never_extracted():
    found = quotes_of("The river rose overnight.", context=["Caption A sign reads “Keep out, this means you” (AP Photo)"])
    assert found == []


# --- several paragraphs -------------------------------------------------------


def test_quote_only_paragraph_inherits_the_previous_speaker():
    paragraphs = [
        "“The water came in at night,” said Ines Moreau, who runs the bakery.",
        "“By morning the ovens were under a meter of mud.”",
    ]
    found = quotes_of(*paragraphs)
    assert [q.paragraph for q in found] == [0, 1]
    assert found[1].speaker == "Ines Moreau"
    assert found[1].speaker_resolved == "Ines Moreau"
    assert found[1].verb is None


def test_quote_only_paragraph_after_reported_speech_takes_that_speaker():
    paragraphs = [
        "Volcanologist Leilani Kahale said the pattern resembled the 1984 eruption.",
        "“We are not saying an eruption is imminent. We are saying the magma is moving.”",
    ]
    quote = only(*paragraphs)
    assert quote.speaker_resolved == "Leilani Kahale"


def test_unattributed_quote_far_from_any_speaker_has_none():
    paragraphs = ["The storm hit the coast at dawn."] * 6 + [
        "“Everything is gone, everything we built over thirty years.”"
    ]
    quote = only(*paragraphs)
    assert quote.speaker is None
    assert quote.speaker_resolved is None


def test_ap_multi_paragraph_quote_is_one_quote():
    paragraphs = [
        "Ines Moreau said:",
        "“We lost the ovens, the flour and the cash register.",
        "“We did not lose the recipes.”",
        "The bakery reopens next month.",
    ]
    found, _ = extract_quotes(paragraphs)
    assert len(found) == 1
    quote = found[0]
    assert quote.paragraph == 1
    assert quote.text == (
        "We lost the ovens, the flour and the cash register.\n\n“We did not lose the recipes."
    )
    assert quote.speaker == "Ines Moreau"
    assert_verbatim(paragraphs, found)


def test_three_paragraph_ap_quote_with_attribution_at_the_end():
    paragraphs = [
        "“The first paragraph of the statement.",
        "“The second paragraph of it.",
        "“And the last one,” the agency said.",
    ]
    quote = only(*paragraphs)
    assert quote.paragraph == 0
    assert quote.text.endswith("And the last one,")
    assert quote.text.count("\n\n") == 2
    assert quote.speaker == "the agency"


# --- broken marks -------------------------------------------------------------


def test_missing_closing_mark_ends_at_the_attribution():
    paragraphs = [
        "“This is a dangerous act and we will protest it, coast guard spokesman Ramon Villa said at a news conference.",
        "No crew members were hurt.",
    ]
    found, warnings = extract_quotes(paragraphs)
    assert len(found) == 1
    assert found[0].text == "This is a dangerous act and we will protest it,"
    assert found[0].speaker_resolved == "Ramon Villa"
    assert warnings


def test_missing_closing_mark_never_swallows_the_next_paragraph():
    paragraphs = [
        "“We will not leave this place and we will not be quiet about it",
        "Police said three people were arrested.",
        "“It was calm,” an officer said.",
    ]
    found, warnings = extract_quotes(paragraphs)
    assert all("\n\n" not in q.text for q in found)
    assert found[-1].text == "It was calm,"
    assert any("not closed" in w for w in warnings)


def test_missing_opening_mark_starts_after_the_reported_speech():
    paragraph = (
        "Chief executive Gareth Penn said the outlook was the best in a decade. "
        "The demand we are seeing is broad. It is not one market,” he said."
    )
    quote = only(paragraph)
    assert quote.text == "The demand we are seeing is broad. It is not one market,"
    assert quote.speaker == "he"


def test_stray_closing_mark_makes_no_quote():
    found, warnings = extract_quotes(["Shares in the fund rose 2.4%.\" Analysts had expected less."])
    assert found == []


def test_unclosed_mark_with_an_attribution_before_it_is_a_quote():
    paragraphs = ["Ortiz said: “We will stay until the bridge is open", "The bridge reopened."]
    found = quotes_of(*paragraphs)
    assert [q.text for q in found] == ["We will stay until the bridge is open"]
    assert found[0].speaker == "Ortiz"


def test_document_cut_inside_a_quote_keeps_the_words():
    paragraphs = ["“The workers at these plants deserve a real plan, a date and a"]
    found, warnings = extract_quotes(paragraphs)
    assert found[0].text.startswith("The workers at these plants")
    assert warnings


def test_stray_opening_mark_near_the_top_of_a_long_document():
    paragraphs = ["The council met on “Tuesday and voted on the budget for the year."]
    paragraphs += [f"Paragraph {i} describes the budget line by line." for i in range(298)]
    paragraphs += ["“We balanced it without new taxes,” treasurer Mona Ekberg said."]
    found, _ = extract_quotes(paragraphs)
    assert len(found) == 1
    last = found[-1]
    assert last.text == "We balanced it without new taxes,"
    assert last.paragraph == 299
    assert last.speaker_resolved == "Mona Ekberg"
    assert all("\n\n" not in q.text for q in found)


def test_random_text_never_raises_and_keeps_the_invariant():
    rng = random.Random(20220524)
    alphabet = "abc XYZ.,;:!?'\"“”‘’«»„-—\n" + "said told Doe ".replace(" ", "")
    for _ in range(300):
        paragraphs = [
            "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
            for _ in range(rng.randint(0, 6))
        ]
        found, warnings = extract_quotes(paragraphs, context=paragraphs[:1])
        assert isinstance(warnings, list)
        assert_verbatim(paragraphs, found)


def test_random_words_with_marks_never_raise():
    rng = random.Random(7)
    words = ["Doe", "said", "“", "”", '"', "the", "ministry", ",", ".", ":", "he", "she",
             "according", "to", "Mr.", "Jane", "«", "»", "told", "reporters", "'", "as", "saying"]
    for _ in range(300):
        paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 25)))
                      for _ in range(rng.randint(1, 5))]
        found, _ = extract_quotes(paragraphs)
        assert_verbatim(paragraphs, found)


def test_empty_input_gives_nothing():
    assert extract_quotes([]) == ([], [])
    assert extract_quotes(["", "   "]) == ([], [])


# --- the attribution functions -----------------------------------------------


def test_match_tail_reads_speaker_and_verb():
    attribution = match_tail(" the Foreign Ministry said in a news release posted online.")
    assert attribution.speaker == "the Foreign Ministry"
    assert attribution.verb == "said in a news release"


def test_match_tail_refuses_a_clause_that_is_not_an_attribution():
    assert match_tail(" and the crowd cheered as the bus left.") is None


def test_match_head_reads_a_colon():
    attribution = match_head("Ravi Menon said: ")
    assert (attribution.speaker, attribution.verb) == ("Ravi Menon", "said")


def test_cut_at_attribution_finds_the_comma():
    text = "We will win, he said. Then he left."
    assert cut_at_attribution(text) == len("We will win,")


def test_cut_at_attribution_ignores_reported_clauses():
    assert cut_at_attribution("When we got there, people said it was over.") is None


def test_two_speakers_joined_by_and():
    paragraphs = ["Agency director Paula Grant met Mayor Tom Hale.",
                  "“We agree,” Grant and Hale said in a joint statement."]
    quote = only(*paragraphs)
    assert quote.speaker == "Grant and Hale"
    assert quote.speaker_resolved == "Paula Grant and Tom Hale"
    assert quote.verb == "said in a joint statement"


def test_possessive_response_with_a_colon_names_the_owner():
    quote = only("Tom Hale spoke last. Hale's response: “We will see.”")
    assert quote.speaker == "Hale"
    assert quote.speaker_resolved == "Tom Hale"


def test_whole_sentence_after_a_colon_is_a_quote():
    quote = only("Her message to residents was simple: “Stay home.”")
    assert quote.text == "Stay home."


def test_chanted_slogan_is_not_a_quote():
    assert quotes_of("The students chanted \"Down with the dam\" as police watched.") == []


def test_shouted_words_are_a_quote():
    quote = only("“Get out now!” officers shouted through megaphones.")
    assert quote.speaker == "officers"
    assert quote.verb == "shouted"


def test_single_marks_are_quotes_when_the_text_has_no_double_marks():
    paragraphs = [
        "‘We’re not leaving,’ said Ciara Byrne, who has farmed here since the ’90s.",
        "The council called the plan ‘premature’. Byrne added: ‘We will fight it in court.’",
    ]
    found = quotes_of(*paragraphs)
    assert [q.text for q in found] == ["We’re not leaving,", "We will fight it in court."]
    assert [q.speaker_resolved for q in found] == ["Ciara Byrne", "Ciara Byrne"]
    assert_verbatim(paragraphs, found)


def test_single_marks_inside_double_marks_stay_nested():
    found = quotes_of("“She said ‘no’ and walked out,” Byrne said. The ‘plan’ failed.")
    assert [q.text for q in found] == ["She said ‘no’ and walked out,"]


def test_a_name_after_called_is_not_a_quote():
    assert quotes_of("The app, called “SafeWalk,” lets users share their route.") == []
    assert quotes_of("She founded a group called “Free Voices” in 2019, officials said.") == []


def test_what_someone_called_is_a_partial_quote():
    quote = only("The mayor defended what he called “a necessary sacrifice.”")
    assert quote.text == "a necessary sacrifice."
    assert quote.speaker == "he"


def test_called_in_a_relative_clause_is_a_partial_quote():
    quote = only("It was a pass that his own team owner called “borderline crazy.”")
    assert quote.text == "borderline crazy."


def test_thousands_of_unclosed_marks_in_one_paragraph_are_handled():
    paragraph = " ".join(["“word"] * 2000) + " “We are done,” Ortiz said."
    found, warnings = extract_quotes([paragraph])
    assert found[-1].text == "We are done,"
    assert found[-1].speaker == "Ortiz"


def test_as_someone_put_it():
    quote = only("“We will not be intimidated,” as Mayor Rosa Lind put it.")
    assert quote.speaker == "Mayor Rosa Lind"
    assert quote.verb == "put it"


def test_participle_apposition_is_skipped_back_to_the_speaker():
    found = quotes_of(
        "Lind, speaking at a rally, said: “This city belongs to all of us.”",
        "Lind, asked about the budget, said the city would “find a way.”",
    )
    assert [q.speaker for q in found] == ["Lind", "Lind"]


def test_the_statement_read():
    quote = only("“That is the plan,” the statement read.")
    assert (quote.speaker, quote.verb) == ("the statement", "read")


def test_title_after_wrote_is_not_a_quote():
    assert quotes_of("Chandra Bose wrote “The Long Goodbye” in a single winter.") == []


def test_capitalised_reply_with_the_speaker_after_is_a_quote():
    quote = only("“Absolutely,” Bose said.")
    assert quote.text == "Absolutely,"


def test_one_word_term_before_a_noun_is_not_a_quote():
    assert quotes_of("The senator criticized “woke” policies at the rally.") == []


def test_quote_only_paragraph_after_a_new_person_is_introduced():
    found = quotes_of(
        "“We will rebuild,” said Mayor Tom Hale.",
        "Mary Roe, 54, who has lived on the street for 30 years, was less hopeful.",
        "“I have never seen the river this high.”",
    )
    assert [q.speaker_resolved for q in found] == ["Tom Hale", "Mary Roe"]


def test_stray_mark_mid_sentence_does_not_join_the_next_paragraphs_quote():
    paragraphs = [
        "The council met on “Tuesday and voted on the budget for the year.",
        "“We balanced it without new taxes,” treasurer Mona Ekberg said.",
    ]
    found = quotes_of(*paragraphs)
    assert found[-1].text == "We balanced it without new taxes,"
    assert found[-1].paragraph == 1


def test_passive_speech_verb_does_not_make_its_subject_a_speaker():
    found = quotes_of("Ortiz spoke first. The plan was described as “a last resort” by critics.")
    assert all(q.speaker != "The plan" for q in found)


def test_quote_only_paragraph_after_another_person_reported_speech():
    found = quotes_of(
        "“The plan is sound,” Mayor Tom Hale said. Council member Ana Ruiz said it would fail.",
        "“It will collapse within a year.”",
    )
    assert [q.speaker_resolved for q in found] == ["Tom Hale", "Ana Ruiz"]


def test_quote_only_paragraph_after_the_same_speaker_keeps_them():
    found = quotes_of(
        "“The plan is sound,” Mayor Tom Hale said at the meeting.",
        "“It will work within a year.”",
    )
    assert [q.speaker_resolved for q in found] == ["Tom Hale", "Tom Hale"]


# --- work grows with the text, not with its square ----------------------------


class _CountingPattern:
    """A compiled pattern that counts the characters its searches may read."""

    def __init__(self, pattern, counter):
        self._pattern = pattern
        self._counter = counter

    def _charge(self, string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        self._counter[0] += max(0, end - pos)

    def finditer(self, string, *args):
        self._charge(string, *args)
        return self._pattern.finditer(string, *args)

    def findall(self, string, *args):
        self._charge(string, *args)
        return self._pattern.findall(string, *args)

    def search(self, string, *args):
        self._charge(string, *args)
        return self._pattern.search(string, *args)

    def match(self, string, *args):
        self._charge(string, *args)
        return self._pattern.match(string, *args)


def _work_for(monkeypatch, paragraphs):
    from articles.parsing import quotes

    counter = [0]
    for name in ("_TOKEN", "_WORD", "_ENDING_TOKEN", "_STOP_TOKEN"):
        monkeypatch.setattr(quotes, name, _CountingPattern(getattr(quotes, name), counter))
    extract_quotes(paragraphs)
    monkeypatch.undo()
    return counter[0]


STRAY_LAYOUTS = {
    "one paragraph of stray opening marks": lambda n: ["The crowd said “" + " “x" * n],
    "stray marks touching each other": lambda n: ["x".join("“" * n)],
    "an unclosed quote full of commas": lambda n: ["He said “" + "yes, " * n],
    "a stray mark in every paragraph": lambda n: [f"Line {i} “stray words" for i in range(n)],
    "stray straight marks": lambda n: [" ".join('"stray word' for _ in range(n))],
}


@pytest.mark.parametrize("layout", sorted(STRAY_LAYOUTS))
def test_thousands_of_stray_marks_cost_work_linear_in_their_number(monkeypatch, layout):
    build = STRAY_LAYOUTS[layout]
    small = _work_for(monkeypatch, build(600))
    large = _work_for(monkeypatch, build(1200))
    # Doubling the marks may double the text read, plus slack; a quadratic
    # scan reads four times as much.
    assert large <= 2.5 * small, (small, large)


def test_thousands_of_stray_marks_swallow_nothing_and_warn():
    found, warnings = extract_quotes(
        ["The crowd gathered “" + " “stray" * 3000, "“We are ready,” Doe said."]
    )
    assert [q.text for q in found] == ["We are ready,"]
    assert warnings


def test_a_name_in_marks_after_known_as_the_is_not_a_quote():
    assert quotes_of('The squad, known as the "Harbour Hounds," said the pitch was fine.') == []


# --- more than one partial quote in a sentence ---------------------------------


def test_accused_of_introduces_a_partial_quote():
    quote = only('Farmers leader Iris Mbeki accused the board of "changing the rules mid-game."')
    assert (quote.text, quote.speaker) == ("changing the rules mid-game.", "Farmers leader Iris Mbeki")


def test_a_second_partial_quote_in_a_sentence_shares_its_speaker():
    found = quotes_of("He said the council “will not back down” and called the vote “a stitch-up”.")
    assert [(q.text, q.speaker) for q in found] == [
        ("will not back down", "He"),
        ("a stitch-up", "He"),
    ]


def test_a_partial_quote_after_adding_that_shares_the_speaker():
    found = quotes_of(
        "The guild said the fee was “an insult,” adding that writers would “walk out first.”"
    )
    assert [(q.text, q.speaker) for q in found] == [
        ("an insult,", "The guild"),
        ("walk out first.", "The guild"),
    ]


def test_a_partial_quote_after_what_someone_called_a_is_a_quote():
    found = quotes_of(
        "Oslo recalled its envoy in what Norway's premier called a “grave breach.”",
        "Ankara announced what it called an “unjustified and punitive” tariff on timber.",
    )
    assert [q.text for q in found] == ["grave breach.", "unjustified and punitive"]


def test_an_epithet_right_after_called_is_not_a_quote():
    assert quotes_of('She condemned what she called "reckless" naval drills near the coast.') == []


def test_it_without_an_earlier_speaker_is_the_subject_of_its_sentence():
    quote = only("The Interior Ministry on Monday expelled two attachés over what it called “hostile and illegal” acts.")
    assert quote.speaker_resolved == "Interior Ministry"


# --- broken marks, passives and slogans ----------------------------------------


def test_a_missing_closing_mark_stops_before_an_inverted_verb_and_a_long_apposition():
    quote = only(
        "“Enough of the delays, enough of the excuses, said Tomás Ibarra, a 31-year-old "
        "bus driver who has waited two years for the new depot."
    )
    assert (quote.text, quote.speaker) == ("Enough of the delays, enough of the excuses,", "Tomás Ibarra")


def test_a_sentence_final_partial_quote_without_its_closing_mark_is_kept():
    quote = only("The harbour master said the crews had “done all that could be done.")
    assert (quote.text, quote.speaker) == ("done all that could be done.", "The harbour master")


def test_an_unclosed_mark_mid_sentence_is_still_a_stray():
    assert quotes_of(
        "The harbour master said the “storm was over and boats could sail soon",
        "The ferry resumed on Tuesday.",
    ) == []


def test_the_agent_of_described_by_as_is_the_speaker():
    quote = only("The pay deal was described by nurses as “a slap in the face”.")
    assert (quote.speaker, quote.verb) == ("nurses", "described by ... as")


def test_a_second_slogan_on_the_same_banners_is_not_a_quote():
    assert quotes_of(
        'Marchers held placards reading "Hands off our forest" and "Trees, not trucks" all afternoon.'
    ) == []


def test_in_its_words_introduces_the_speakers_words_not_a_term():
    quote = only("The charity said the cuts were, in its words, “a disaster for carers.”")
    assert (quote.text, quote.speaker) == ("a disaster for carers.", "The charity")


def test_the_word_before_a_quoted_term_still_marks_a_term():
    assert quotes_of("The word “resilience” appears on every page of the plan.") == []


def test_the_sentence_before_a_quote_starts_after_the_last_full_stop_between_initials():
    quote = only("The hearing ended. Q. R. Lindell said: “We will appeal.”")
    assert quote.speaker == "Q. R. Lindell"


def test_a_paragraph_of_many_unclosed_marks_is_reported_as_noise():
    found, warnings = extract_quotes(
        ["Readers wrote “" + " “".join(["yes"] * 100), "“We read them all,” the editor said."]
    )
    assert [(q.text, q.speaker) for q in found] == [("We read them all,", "the editor")]
    assert any("unclosed quotation marks ignored" in w for w in warnings)


def test_a_sign_cue_in_the_previous_sentence_does_not_drop_the_quote():
    paragraph = (
        'Priya Castellan said the governor would sign the levee bill on Thursday. '
        '"We have waited eleven years for this," she said.'
    )
    quote = only(paragraph)
    assert quote.text == "We have waited eleven years for this,"
    assert quote.speaker == "she"


def test_a_sign_cue_in_the_same_sentence_still_marks_a_slogan():
    assert quotes_of('Marchers outside the depot waved signs reading "Fair Fares Now."') == []


def test_a_lowercase_clause_after_a_comma_is_not_a_title():
    quote = only(
        'Trustee Omar Velasco said he stood by the audit, '
        '"and so does every parent who reads it."'
    )
    assert quote.text == "and so does every parent who reads it."


def test_a_capitalised_title_after_a_comma_is_still_a_title():
    assert quotes_of('The library lent out her second novel, "Salt Harbour Nights" most often.') == []


def test_a_quote_ending_a_sentence_keeps_its_speaker_over_the_next_sentences():
    quote = only(
        'Cray, a ferry captain, said the crossings would resume but urged riders to '
        '"bring a warm coat." The port\'s manager, Ilse Moor, said tickets stay valid.'
    )
    assert quote.speaker == "Cray"


def test_a_short_quote_after_of_a_is_a_quote_when_a_speaker_warned_of_it():
    quote = only(
        "The Lakeside Fire Brigade said its crews had cleared the dam road "
        'and warned of a "real danger" of rockfalls overnight.'
    )
    assert quote.text == "real danger"
    assert quote.speaker == "The Lakeside Fire Brigade"


def test_a_short_term_after_of_a_without_a_speaker_is_not_a_quote():
    assert quotes_of('The museum keeps the bones of a "sea dragon" found in 1890.') == []


def test_a_quoted_verb_after_an_auxiliary_is_the_speakers_word():
    quote = only('Trade Minister Ola Brenn told reporters that the tariffs were "strangling" local mills.')
    assert quote.text == "strangling"


def test_a_quoted_adjective_before_a_noun_is_still_a_scare_quote():
    assert quotes_of('Ola Brenn said the tariffs were "green" measures that fooled nobody.') == []


def test_a_document_posted_after_the_speaker_does_not_take_the_quote():
    found = quotes_of(
        "“The tide is not done,” the harbour office said in an advisory posted shortly after 6 a.m. "
        "“More water is on its way.”"
    )
    assert [q.speaker for q in found] == ["the harbour office", "the harbour office"]


def test_according_to_an_excerpt_gives_way_to_who_told_the_paper():
    quote = only(
        "Lindqvist told the Harbour Ledger on Monday that the yard had “no other option,” "
        "according to an excerpt of the interview published online."
    )
    assert quote.speaker == "Lindqvist"


def test_a_statement_from_a_body_is_that_bodys_words():
    quote = only("“We will appeal,” a statement from the Pier Authority said.")
    assert quote.speaker_resolved == "Pier Authority"
    assert only("“That is the plan,” the statement read.").speaker == "the statement"


def test_it_in_reported_speech_is_the_subject_of_the_sentence():
    found = quotes_of(
        "The Norvik Ferry Company said it had made an offer.",
        'The port board said in a statement that it had offered a raise and was '
        '"open to talks," but that the union\'s demands were "unrealistic this year."',
    )
    assert [q.speaker_resolved for q in found] == ["port board", "port board"]


def test_the_statement_is_the_words_of_whoever_issued_it():
    found = quotes_of(
        "Harbour Master Ines Falk, who took over in May, said in a statement that the pier was safe.",
        "“We cannot undo what happened,” the statement said.",
    )
    assert [(q.speaker, q.speaker_resolved) for q in found] == [("the statement", "Ines Falk")]


def test_a_participle_after_with_names_its_subject_as_speaker():
    quote = only(
        "The party lost the seat, with Premier Tomas Rell conceding on Sunday that the "
        "result was \u201ca clear message.\u201d"
    )
    assert quote.speaker_resolved == "Tomas Rell"


def test_he_continues_past_a_name_in_a_sentence_that_opens_with_he():
    found = quotes_of(
        "“Trains will run every ten minutes,” railway spokesman Ravi Kulkarni told reporters.",
        "He said the trains would run between Victoria Harbour Terminus and Kalwa Junction.",
        "“Fares will not change,” he added.",
    )
    assert [q.speaker_resolved for q in found] == ["Ravi Kulkarni", "Ravi Kulkarni"]


def test_a_stray_closing_mark_after_the_subject_makes_no_quote_and_hides_no_name():
    found = quotes_of(
        "Council member Ines Varga, who proposed the change,” said officers were sent "
        "to too many calls. “An officer with a gun is not the right person,” she said.",
    )
    assert [(q.text, q.speaker_resolved) for q in found] == [
        ("An officer with a gun is not the right person,", "Ines Varga")
    ]


def test_who_said_attributes_to_the_name_before_the_relative():
    quote = only(
        "The lone vote against came from board member Orrin Falk, who said he had read the "
        "book twice and found parts of it “not right for a 13-year-old.”"
    )
    assert quote.speaker_resolved == "Orrin Falk"


def test_sign_as_a_verb_does_not_make_the_quote_a_slogan():
    quote = only(
        "Gov. Ana Ruiz said she would sign the bill but called it “a floor, not a ceiling” "
        "for the schools."
    )
    assert quote.text == "a floor, not a ceiling"
    assert quotes_of("Parents carried signs reading “Hands off our schools” outside.") == []


def test_words_naming_the_sign_they_are_on_are_no_quote():
    assert quotes_of('The artist said the hardest part was the diner\'s "no phones at the counter" sign.') == []


def test_a_working_title_is_no_quote():
    assert quotes_of('Demir said he was already working on a film with the working title "Tide Tables."') == []


def test_a_paper_that_quoted_someone_is_not_who_he_is():
    found = quotes_of(
        "Club captain Ben Ash was quoted by the Castleford Echo as saying the players had "
        "“let the manager down badly.” He added: “That's on us, not on him.”"
    )
    assert [q.speaker_resolved for q in found] == ["Ben Ash", "Ben Ash"]


def test_an_actor_may_be_a_she():
    found = quotes_of(
        "The jury, led by Danish actor Signe Rask, met for hours.",
        "Rask said the jury argued. “We argued about a lot of films,” she said.",
    )
    assert found[-1].speaker_resolved == "Signe Rask"


def test_a_participle_after_a_speech_verb_takes_its_speaker():
    quote = only(
        "The missile flew 600 km before landing, the Joint Chiefs of Staff said in a "
        'statement, calling the launch "a grave provocation that threatens peace."'
    )
    assert quote.speaker_resolved == "Joint Chiefs of Staff"


def test_what_investigators_found_in_a_told_sentence_is_the_tellers():
    quote = only(
        "Rear Adm. Colleen Hart told reporters that investigators had found “a common "
        "thread” between the crashes."
    )
    assert quote.speaker_resolved == "Colleen Hart"


def test_what_a_sign_in_a_window_reads_is_no_quote():
    assert quotes_of(
        'A sign in the window of the hardware store across the street reads "Save the Bakery."'
    ) == []


def test_they_after_analysts_at_a_firm():
    found = quotes_of(
        'Analysts at Bardsley Capital said the closures would save money. "Cost discipline '
        'is the story here," they wrote in a note to clients.'
    )
    assert found[0].speaker_resolved == "Analysts at Bardsley Capital"


def test_an_acronym_spelling_a_pronoun_opens_a_speakers_title():
    quote = only("“This is not the end,” WHO Director of Immunization Dr. Ama Okon told a briefing.")
    assert quote.speaker_resolved == "Ama Okon"
