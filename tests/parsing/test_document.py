"""Whole documents: date prefix, paragraphs, junk, datelines, bylines, headlines."""
import datetime

import pytest

from articles.parsing import ParsedStory, UnreadableDocument, parse_wire_story
from articles.parsing import document

LEDE = "Ferry crews in Port Halvard returned to work on Tuesday after a two-day strike."
SECOND = "The union said members had accepted a revised pay offer by a wide margin."
THIRD = "Services on the island routes will run to a reduced timetable until Friday."


def story(*paragraphs, prefix=" date 2023-04-11 ", separator="\n\n"):
    return parse_wire_story(prefix + separator.join(paragraphs))


# Date prefix ---------------------------------------------------------------


def test_date_prefix_gives_the_date_and_the_first_paragraph_follows_it():
    parsed = story(LEDE, SECOND)
    assert parsed.date == datetime.date(2023, 4, 11)
    assert parsed.paragraphs == (LEDE, SECOND)


def test_date_prefix_on_a_line_of_its_own():
    parsed = story(LEDE, SECOND, prefix=" date 2023-04-11\n")
    assert parsed.date == datetime.date(2023, 4, 11)
    assert parsed.paragraphs == (LEDE, SECOND)


def test_partial_date_gives_no_date_and_a_warning():
    parsed = story(LEDE, SECOND, prefix=" date 2021-03 ")
    assert parsed.date is None
    assert parsed.paragraphs[0] == LEDE
    assert any("partial date" in warning for warning in parsed.warnings)


def test_impossible_date_gives_no_date_and_a_warning():
    parsed = story(LEDE, prefix=" date 2022-13-45 ")
    assert parsed.date is None
    assert any("invalid date" in warning for warning in parsed.warnings)


def test_year_alone_is_a_partial_date():
    parsed = story(LEDE, prefix=" date 2020 ")
    assert parsed.date is None
    assert parsed.paragraphs == (LEDE,)


def test_absent_prefix_gives_no_date_and_a_warning():
    parsed = story(LEDE, SECOND, prefix="")
    assert parsed.date is None
    assert parsed.paragraphs == (LEDE, SECOND)
    assert any("no date" in warning for warning in parsed.warnings)


def test_prefix_with_no_date_value_is_removed_without_a_date():
    parsed = story(LEDE, prefix=" date ")
    assert parsed.date is None
    assert parsed.paragraphs == (LEDE,)


def test_a_story_opening_with_a_quotation_mark_after_the_prefix():
    quote = "“We will sail again,” the captain said on the quay."
    assert story(quote, SECOND).paragraphs[0] == quote


# File layout ----------------------------------------------------------------


def test_crlf_bom_and_trailing_newline_give_identical_stories():
    text = " date 2023-04-11 " + "\n\n".join([LEDE, SECOND, THIRD])
    plain = parse_wire_story(text)
    for variant in (
        text.replace("\n", "\r\n"),
        "\ufeff" + text,
        text + "\n",
        "\ufeff" + text.replace("\n", "\r\n") + "\r\n",
        text.replace("\n", "\r"),
    ):
        assert parse_wire_story(variant) == plain


def test_single_newlines_throughout_separate_paragraphs():
    assert story(LEDE, SECOND, THIRD, separator="\n").paragraphs == (LEDE, SECOND, THIRD)


def test_hard_wrapped_sentences_are_rejoined():
    wrapped = (
        "Ferry crews in Port Halvard returned to work on Tuesday after a\n"
        "two-day strike that left hundreds of islanders stranded on the\n"
        "mainland. The union said members had accepted a revised offer.\n"
        "Services will run to a reduced timetable.\n"
        "\n"
        "Harbour officials expect the backlog of freight to clear by the\n"
        "weekend."
    )
    parsed = parse_wire_story(" date 2023-04-11 " + wrapped)
    assert parsed.paragraphs == (
        "Ferry crews in Port Halvard returned to work on Tuesday after a two-day "
        "strike that left hundreds of islanders stranded on the mainland. The union "
        "said members had accepted a revised offer. Services will run to a reduced "
        "timetable.",
        "Harbour officials expect the backlog of freight to clear by the weekend.",
    )


def test_hard_wrapped_block_keeps_its_dateline_paragraph_apart_from_the_headline():
    text = (
        " date 2023-04-11 Ferry strike ends in Port Halvard\n"
        "PORT HALVARD, Norland (AP) — Ferry crews returned to work on Tuesday\n"
        "after a two-day strike that left hundreds of islanders stranded on\n"
        "the mainland.\n\n" + SECOND
    )
    parsed = parse_wire_story(text)
    assert parsed.headline == "Ferry strike ends in Port Halvard"
    assert parsed.paragraphs[0].startswith("PORT HALVARD, Norland (AP) — Ferry crews")
    assert parsed.paragraphs[0].endswith("stranded on the mainland.")


def test_hyphenated_word_broken_by_the_wrap_is_rejoined():
    text = (
        "Ferry crews in Port Halvard returned to work on Tuesday after a two-\n"
        "day strike that left hundreds of islanders stranded on the mainland."
    )
    assert story(text, SECOND).paragraphs[0] == (
        "Ferry crews in Port Halvard returned to work on Tuesday after a two-day "
        "strike that left hundreds of islanders stranded on the mainland."
    )


def test_hard_wrapped_paragraphs_without_blank_lines_split_where_a_word_would_have_fitted():
    text = (
        "Ferry crews in Port Halvard returned to work on Tuesday after a\n"
        "two-day strike.\n"
        "The union said members had accepted a revised pay offer by a wide\n"
        "margin on Monday night."
    )
    assert story(text).paragraphs == (
        "Ferry crews in Port Halvard returned to work on Tuesday after a two-day strike.",
        "The union said members had accepted a revised pay offer by a wide margin on Monday night.",
    )


def test_short_paragraphs_on_single_lines_are_not_joined():
    lines = ["Officials said the bridge would reopen.", "Nobody was hurt.", "Traffic was diverted."]
    assert story(*lines, separator="\n").paragraphs == tuple(lines)


def test_mojibake_is_repaired_with_a_warning():
    broken = "“We are back,” said Ines Falk.".encode("utf-8").decode("sloppy-windows-1252")
    parsed = story(broken, SECOND)
    assert parsed.paragraphs[0] == "“We are back,” said Ines Falk."
    assert any("mis-encoded" in warning for warning in parsed.warnings)


def test_clean_text_has_no_mojibake_warning():
    assert not any("mis-encoded" in warning for warning in story(LEDE).warnings)


# Unreadable input -------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\r\n", "\ufeff", " date 2023-04-11 ", " date 2023-04-11 \n\n"])
def test_empty_documents_are_unreadable(text):
    with pytest.raises(UnreadableDocument):
        parse_wire_story(text)


def test_binary_text_is_unreadable():
    with pytest.raises(UnreadableDocument, match="binary"):
        parse_wire_story("GIF89a\x00\x01\x00\x00")


def test_bytes_are_refused_as_unreadable():
    with pytest.raises(UnreadableDocument):
        parse_wire_story(b"date 2023-04-11 Text")


def test_unexpected_failure_keeps_the_text_with_a_warning(monkeypatch):
    def broken(*args, **kwargs):
        raise IndexError("boom")

    monkeypatch.setattr(document, "_parse_body", broken)
    parsed = parse_wire_story(" date 2023-04-11 " + LEDE + "\n\n" + SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.date == datetime.date(2023, 4, 11)
    assert any("structure" in warning for warning in parsed.warnings)


# Junk -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "junk",
    [
        "___",
        "* * *",
        "Online:",
        "Online: https://www.porthalvard.example/ferries",
        "Related: Island ferry timetable changes for summer",
        "READ MORE: Why ferry fares keep rising",
        "Read more: Island economy braces for a quiet season",
        "(Reporting by Inga Solberg in Port Halvard; Editing by Tomas Rhee)",
        "Reporting by Inga Solberg; Editing by Tomas Rhee",
        "© 2023 Halvard Daily",
        "Copyright 2023 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
        "Advertisement",
        "Share",
        "Read more",
        "Comments",
        "Facebook Twitter Email",
        "ADVERTISEMENT",
        "Follow Inga Solberg on Twitter: https://twitter.example/ingasolberg",
        "https://www.porthalvard.example/news/ferries",
        "Associated Press writer Tomas Rhee in Oslo contributed to this report.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "The Associated Press’ ferry coverage receives support from the Halvard Trust. The AP is solely responsible for all content.",
        "(This story has been refiled to fix a typo in paragraph 3)",
        "Sign up for our morning newsletter.",
        "Last modified on Tue 11 Apr 2023 10.03 BST",
        "bur-jj/dw",
        "(ANI)",
        "Enditem",
        "Acquire Licensing Rights",
        "Supported by",
        "Continue reading the main story",
        "Sept. 14, 2022",
        "Updated: March 3, 2023, 5:12 p.m. ET",
        "14 September 2022",
        "Image",
        "1 of 5",
        "Associated Press writers Tomas Rhee and Edda Voss contributed.",
        "Contributing: Tomas Rhee, Halvard Daily",
        "The Associated Press is an independent global news organization dedicated to factual reporting.",
        "THIS IS A BREAKING NEWS UPDATE. AP’s earlier story follows below.",
        "Download The Halvard Post App for the latest island news.",
        "Get the Norland Daily app",
        "halvardpost.example | Updated: 2023-04-11 09:14",
        "Norland Daily | Published: April 11, 2023",
        "(Release ID: 4471029)",
        "Visitor Counter : 881",
        "RKT/MN/OL",
        "A+ A-",
        "00:00",
        "3:41 / 12:07",
        "Associated Press coverage of Norland: https://news.example/hub/norland",
        "Full text of the ruling: www.courts.example/ruling-114",
        "4 min read",
        "Reading time: 6 minutes",
        "Read this release in: Norlandic , Halvish",
        "Follow us on Google News",
        "Join our WhatsApp channel for island updates",
    ],
)
def test_crawl_junk_is_not_body(junk):
    assert story(LEDE, junk, SECOND).paragraphs == (LEDE, SECOND)


def test_link_titles_under_a_related_header_are_not_body():
    parsed = story(
        LEDE, SECOND, "Related Coverage", "Island ferry fares to rise", "How the strike unfolded",
        separator="\n",
    )
    assert parsed.paragraphs == (LEDE, SECOND)


def test_link_titles_under_an_also_read_header_are_not_body():
    parsed = story(LEDE, SECOND, "Also Read", "Island ferry fares to rise next spring")
    assert parsed.paragraphs == (LEDE, SECOND)


def test_topic_tags_at_the_end_are_not_body():
    parsed = story(LEDE, SECOND, "Topics", "Shipping", "Labour unions")
    assert parsed.paragraphs == (LEDE, SECOND)


def test_reporting_trailer_glued_to_the_last_paragraph_is_removed():
    parsed = story(LEDE, SECOND + " (Reporting by Inga Solberg; Editing by Tomas Rhee)")
    assert parsed.paragraphs == (LEDE, SECOND)


def test_body_sentence_mentioning_shares_and_comments_is_kept():
    body = "Share prices fell after comments by the minister on Monday."
    assert story(LEDE, body).paragraphs == (LEDE, body)


@pytest.mark.parametrize(
    "body",
    [
        "Updated figures show 300 ferries were delayed in 2021.",
        "Follow-up talks are planned for June.",
        "Print editions of the island paper were halted.",
        "Online sales of tickets rose by a third.",
        "Related charges were dropped in 2019.",
    ],
)
def test_body_sentences_opening_with_trailer_words_are_kept(body):
    assert story(LEDE, body).paragraphs == (LEDE, body)


@pytest.mark.parametrize(
    "body",
    [
        "Download speeds on the island doubled after the new cable was laid.",
        "Get ready for a long wait, the ferry company told passengers.",
        "Writers and editors at the paper walked out on Monday.",
        "Turnout: 61,402",
        "Follow the money, the auditors told the council.",
        "Join us, the mayor urged residents at the rally.",
        "The council published the plan online at https://halvard.example/plan "
        "and invited comments until the end of May.",
        "The vote was 12/3 in favour.",
    ],
)
def test_body_lines_near_the_new_junk_shapes_are_kept(body):
    assert story(LEDE, body).paragraphs == (LEDE, body)


@pytest.mark.parametrize("token", ["AA", "Tt", "+", "f"])
def test_short_lone_token_above_the_lede_is_junk_and_the_dateline_is_found(token):
    parsed = story(
        "Ferry strike ends after two days",
        "By Inga Solberg",
        "Share",
        token,
        "PORT HALVARD: " + LEDE,
        SECOND,
    )
    assert parsed.headline == "Ferry strike ends after two days"
    assert parsed.dateline == "PORT HALVARD"
    assert parsed.paragraphs == ("PORT HALVARD: " + LEDE, SECOND)


@pytest.mark.parametrize(
    "role",
    [
        "Staff Writer",
        "Senior Correspondent",
        "Contributing Reporter",
        "Staff Writer, The Halvard Post",
    ],
)
def test_role_line_under_the_byline_is_not_body(role):
    parsed = story("Ferry strike ends after two days", "By Inga Solberg", role, LEDE, SECOND)
    assert parsed.byline == "Inga Solberg"
    assert parsed.headline == "Ferry strike ends after two days"
    assert parsed.paragraphs == (LEDE, SECOND)


def test_source_and_update_stamp_under_the_byline_are_not_body():
    parsed = story(
        "Ferry strike ends", "By Inga Solberg", "norlanddaily.example | Updated: 2023-04-11 09:14",
        LEDE, SECOND,
    )
    assert parsed.paragraphs == (LEDE, SECOND)


def test_body_paragraph_starting_with_more_is_kept():
    body = "More than 300 passengers were stranded at the terminal."
    assert story(LEDE, body).paragraphs == (LEDE, body)


# Datelines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lede", "dateline"),
    [
        ("NAIROBI, Kenya (AP) — Officials said the talks would resume.", "NAIROBI, Kenya"),
        ("WASHINGTON — Senators met late into the night.", "WASHINGTON"),
        ("Lagos [Nigeria], July 8 (ANI): The state government said on Friday.", "Lagos [Nigeria]"),
        ("Abu Dhabi [UAE], May 2 (ANI/WAM): The port reopened on Tuesday.", "Abu Dhabi [UAE]"),
        ("Pune, Jan 5 (PTI) The railway will add ten trains.", "Pune"),
        ("Guwahati (Assam) [India], Aug 3 (ANI): The state said.", "Guwahati (Assam) [India]"),
        ("(SPRINGFIELD, Ill.) — Lawmakers returned to the capitol.", "SPRINGFIELD, Ill."),
        ("LONDON, May 24 (Reuters) - Britain's economy grew faster than expected.", "LONDON"),
        ("PARIS (AFP) - French unions called a new strike.", "PARIS"),
        ("BEIJING, May 24 (Xinhua) -- China launched a new satellite.", "BEIJING"),
        ("KYIV, Ukraine – Air raid sirens sounded across the city.", "KYIV, Ukraine"),
        ("ST. LOUIS (AP) — A federal judge ruled on Monday.", "ST. LOUIS"),
        ("Rio de Janeiro, March 3 (Reuters) - Carnival parades were cancelled.", "Rio de Janeiro"),
        ("UNITED NATIONS (AP) — The Security Council met on Tuesday.", "UNITED NATIONS"),
        ("NEW DELHI: The government announced new rules on Friday.", "NEW DELHI"),
        ("HAVANA (AP) _ Cuba's government said Monday.", "HAVANA"),
        ("ÎLE-D'ORLÉANS, Quebec (AP) — Farmers began the harvest.", "ÎLE-D'ORLÉANS, Quebec"),
        ("BRASÍLIA, Brazil (AP) — Congress voted on Tuesday.", "BRASÍLIA, Brazil"),
        ("(WASHINGTON) — Senators met late into the night.", "WASHINGTON"),
        ("NEW YORK, May 24 (Reuters Breakingviews) - Banks are cheap.", "NEW YORK"),
        ("Port Halvard, Apr 11: The island council approved the budget.", "Port Halvard"),
        ("Mumbai, 11 April: The high court adjourned the hearing.", "Mumbai"),
        (
            "HALVARD, Norland, April 11, 2023 /PRNewswire/ -- Kestrel Marine opened a yard.",
            "HALVARD, Norland",
        ),
        (
            "Port Halvard, April 11, 2023 /PRNewswire-USNewswire/ -- The trust said.",
            "Port Halvard",
        ),
        ("TORONTO, April 11, 2023 /CNW/ - Kestrel Marine said on Tuesday.", "TORONTO"),
        ("Halvard, April 11, 2023 (BUSINESS WIRE) -- Kestrel Marine said.", "Halvard"),
        ("OSLO, April 11, 2023 /EINPresswire.com/ -- Kestrel Marine said.", "OSLO"),
        ("Kyiv — Air raid sirens sounded across the city overnight.", "Kyiv"),
        ("Kyiv, March 3 — Air raid sirens sounded again.", "Kyiv"),
        ("Kyiv, Monday — Air raid sirens sounded again.", "Kyiv"),
        ("PORT HALVARD, APR 11: The island council approved the budget.", "PORT HALVARD"),
        ("Port Halvard, April 11, 2023: The island council approved the budget.", "Port Halvard"),
        (
            "HALVARD, Norland / ACCESSWIRE / April 11, 2023 / Kestrel Marine said.",
            "HALVARD, Norland",
        ),
        ("Port Halvard, Norland — The ferries ran again on Tuesday.", "Port Halvard, Norland"),
    ],
)
def test_dateline_is_the_place_as_printed(lede, dateline):
    parsed = story(lede, SECOND)
    assert parsed.dateline == dateline
    assert parsed.paragraphs[0] == lede


@pytest.mark.parametrize(
    "lede",
    [
        "Officials — including the mayor — said the port would reopen.",
        "Residents said the ferry was late again on Tuesday.",
        "The ministry (which runs the ferries) said nothing.",
        "President Ana Duarte (center) — flanked by aides — spoke briefly.",
        "BREAKING: The ferry strike is over.",
        "FACT CHECK: The ferry did not sink.",
        "EDITOR'S NOTE: This story contains strong language.",
        "Jane Doe (R-Texas) - a longtime critic - voted no.",
        "(CNN) — The ferry strike is over, the union said.",
        "On Apr 11: The ferry strike ended.",
        "Monday, April 11: The ferry strike ended.",
        "Officials — Including the mayor — said the port would reopen.",
        "Residents — Many of them retired — packed the hall.",
        "The strike — It lasted two days.",
        "Norland’s ferries — Once the pride of the fleet — are rusting.",
    ],
)
def test_sentences_that_start_with_capitals_have_no_dateline(lede):
    assert story(lede, SECOND).dateline is None


@pytest.mark.parametrize("separator", ["\n", "\n\n"])
def test_dateline_on_a_line_of_its_own_joins_the_lede(separator):
    parsed = story("PORT HALVARD (AP) —" + separator + LEDE, SECOND)
    assert parsed.dateline == "PORT HALVARD"
    assert parsed.paragraphs == ("PORT HALVARD (AP) — " + LEDE, SECOND)


def test_dateline_is_only_read_from_the_first_paragraph():
    assert story(LEDE, "OSLO (AP) — A second paragraph.").dateline is None


def test_mixed_case_place_and_dash_is_a_dateline_only_on_the_lede():
    parsed = story(LEDE, "Kyiv — Air raid sirens sounded again.")
    assert parsed.dateline is None
    assert parsed.paragraphs == (LEDE, "Kyiv — Air raid sirens sounded again.")


def test_mixed_case_place_before_an_en_dash_is_not_a_dateline():
    assert story("Kyiv – Air raid sirens sounded.", SECOND).dateline is None


# Bylines ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By JANE DOE", "JANE DOE"),
        ("By Jane Doe and John Roe, Associated Press", "Jane Doe and John Roe, Associated Press"),
        ("By Jane Doe Associated Press", "Jane Doe Associated Press"),
        ("The Associated Press", "The Associated Press"),
        ("BY INGA SOLBERG | Halvard Daily", "INGA SOLBERG | Halvard Daily"),
        ("By J.T. Ramsey Jr.", "J.T. Ramsey Jr."),
        ("By Inga Solberg | Updated April 11, 2023 3:15 PM", "Inga Solberg"),
        ("Written by Inga Solberg", "Inga Solberg"),
    ],
)
def test_byline_paragraph_gives_the_byline_and_is_not_body(line, byline):
    parsed = story(line, LEDE, SECOND)
    assert parsed.byline == byline
    assert parsed.paragraphs == (LEDE, SECOND)


def test_byline_under_a_headline():
    parsed = story("Ferry strike ends in Port Halvard", "By Inga Solberg", LEDE, SECOND)
    assert parsed.headline == "Ferry strike ends in Port Halvard"
    assert parsed.byline == "Inga Solberg"
    assert parsed.paragraphs == (LEDE, SECOND)


@pytest.mark.parametrize(
    "body",
    [
        "By the end of the week, most ferries were running again.",
        "By Monday, the backlog had cleared.",
        "By contrast, the airport stayed open.",
    ],
)
def test_sentences_starting_with_by_are_body(body):
    parsed = story(LEDE, body)
    assert parsed.byline is None
    assert parsed.paragraphs == (LEDE, body)


def test_no_byline_gives_none():
    assert story(LEDE, SECOND).byline is None


# Headlines --------------------------------------------------------------------


def test_real_headline_line_is_used_and_kept_out_of_the_body():
    parsed = story("Ferry strike ends in Port Halvard", LEDE, SECOND)
    assert parsed.headline == "Ferry strike ends in Port Halvard"
    assert parsed.headline_provisional is False
    assert parsed.paragraphs == (LEDE, SECOND)


def test_headline_ending_with_its_attribution():
    headline = "Ferry fares to rise in spring, operator says"
    parsed = story(headline, "By Mira Holt", LEDE, SECOND)
    assert parsed.headline == headline
    assert parsed.paragraphs == (LEDE, SECOND)


def test_headline_opening_with_a_quotation():
    parsed = story("‘We will sail again’: Ferry strike ends", LEDE, SECOND)
    assert parsed.headline == "‘We will sail again’: Ferry strike ends"
    assert parsed.paragraphs == (LEDE, SECOND)


def test_headline_followed_by_captions_then_the_lede():
    parsed = story(
        "Ferry strike ends in Port Halvard",
        "A ferry leaves the terminal at dawn. (AP Photo/Odd Rasmussen)",
        "PORT HALVARD (AP) — " + LEDE,
        SECOND,
    )
    assert parsed.headline == "Ferry strike ends in Port Halvard"
    assert parsed.dateline == "PORT HALVARD"
    assert len(parsed.photos) == 1
    assert parsed.paragraphs[0] == "PORT HALVARD (AP) — " + LEDE


def test_without_a_headline_one_is_derived_from_the_lede():
    parsed = story(LEDE, SECOND)
    assert parsed.headline_provisional is True
    assert parsed.headline == LEDE.rstrip(".")
    assert parsed.paragraphs == (LEDE, SECOND)


def test_a_lone_first_line_without_body_after_it_is_not_a_headline():
    parsed = story("Ferry strike ends in Port Halvard")
    assert parsed.paragraphs == ("Ferry strike ends in Port Halvard",)
    assert parsed.headline_provisional is True


def test_a_first_paragraph_ending_a_sentence_is_never_taken_for_a_headline():
    parsed = story("Ferry crews returned to work.", SECOND)
    assert parsed.paragraphs == ("Ferry crews returned to work.", SECOND)


def test_a_long_first_line_without_full_stop_stays_the_lede():
    first = "Officials in Port Halvard on Tuesday announced new ferry schedules for the summer season"
    parsed = story(first, SECOND)
    assert parsed.paragraphs == (first, SECOND)
    assert parsed.headline_provisional is True


@pytest.mark.parametrize(
    "after",
    [["By Inga Solberg"], []],
)
def test_a_long_headline_is_confirmed_by_a_byline_or_a_dateline(after):
    headline = "Officials in Port Halvard announce new ferry schedules for the busy summer season ahead"
    lede = "PORT HALVARD (AP) — " + LEDE
    parsed = story(headline, *after, lede, SECOND)
    assert parsed.headline == headline
    assert parsed.paragraphs == (lede, SECOND)


def test_a_long_title_case_headline_is_a_headline():
    headline = "Officials in Port Halvard Announce New Ferry Schedules for the Busy Summer Season Ahead"
    assert story(headline, LEDE, SECOND).headline == headline


def test_a_first_line_cut_off_mid_sentence_is_not_a_headline():
    first = "The harbour master said the ferries would"
    assert story(first, SECOND).paragraphs == (first, SECOND)


def test_agency_alone_on_a_line_is_a_byline():
    parsed = story("AP", LEDE, SECOND)
    assert parsed.byline == "AP"
    assert parsed.paragraphs == (LEDE, SECOND)


@pytest.mark.parametrize(
    "headline",
    [
        "Bakery shuts after 40 years: 'We loved every minute'",
        'Bakery shuts after 40 years: "We loved every minute"',
        "Bakery shuts after 40 years: “We loved every minute”",
        "Bakery shuts after 40 years — ‘We’ll miss the regulars’",
    ],
)
def test_headline_ending_on_a_quoted_phrase_after_a_colon_is_a_headline(headline):
    parsed = story(headline, "By Inga Solberg", LEDE, SECOND)
    assert parsed.headline == headline
    assert not parsed.headline_provisional
    assert parsed.paragraphs == (LEDE, SECOND)


def test_a_first_paragraph_ending_in_a_quote_is_not_a_headline():
    first = "The captain called the deal “a fair result”"
    assert story(first, SECOND).paragraphs == (first, SECOND)


def test_derived_headline_is_short_and_cut_at_a_word_boundary():
    lede = (
        "Ferry crews in the northern port of Port Halvard and on the outlying islands "
        "returned to work on Tuesday after a two-day strike over pay and rosters, "
        "ending disruption for thousands."
    )
    headline = story(lede, SECOND).headline
    assert len(headline) <= 100
    assert lede.startswith(headline)
    assert lede[len(headline)] == " "
    assert not headline.endswith((",", " and", " the", " of"))


def test_derived_headline_drops_the_dateline():
    parsed = story("PORT HALVARD (AP) — " + LEDE, SECOND)
    assert parsed.headline == LEDE.rstrip(".")


def test_derived_headline_is_the_first_sentence_and_respects_abbreviations():
    lede = "The U.S. Coast Guard towed the ferry to Port Halvard. No one was hurt."
    assert story(lede, SECOND).headline == "The U.S. Coast Guard towed the ferry to Port Halvard"


def test_derived_headline_leaves_no_unbalanced_quotation_mark():
    lede = (
        "The harbour master told reporters on Tuesday that the settlement was "
        "“a relief for everyone on the islands and on the mainland who depends on us”."
    )
    headline = story(lede, SECOND).headline
    assert headline.count("“") == headline.count("”")


# Quotes hand-off ---------------------------------------------------------------


def test_quote_extractor_gets_the_body_and_the_captions_as_context(monkeypatch):
    from articles.parsing import quotes

    calls = []

    def fake_extract(paragraphs, *, context=()):
        calls.append((tuple(paragraphs), list(context)))
        return [], ["checked"]

    monkeypatch.setattr(quotes, "extract_quotes", fake_extract)
    parsed = story(
        "Ferry strike ends in Port Halvard",
        LEDE,
        "Union leader Edda Voss speaks at the quay. (AP Photo/Odd Rasmussen)",
        SECOND,
    )
    assert calls == [
        (
            (LEDE, SECOND),
            [
                "Ferry strike ends in Port Halvard",
                "Union leader Edda Voss speaks at the quay. (AP Photo/Odd Rasmussen)",
            ],
        )
    ]
    assert "checked" in parsed.warnings


def test_a_failing_quote_extractor_costs_only_the_quotes(monkeypatch):
    from articles.parsing import quotes

    def broken(paragraphs, *, context=()):
        raise RuntimeError("unbalanced")

    monkeypatch.setattr(quotes, "extract_quotes", broken)
    parsed = story(LEDE, SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.quotes == ()
    assert any("quote extraction failed" in warning for warning in parsed.warnings)


def test_result_is_a_parsed_story_with_string_warnings():
    parsed = story(LEDE, prefix=" date 2021-03 ")
    assert isinstance(parsed, ParsedStory)
    assert parsed.warnings and all(isinstance(w, str) and "\n" not in w for w in parsed.warnings)


# Properties ---------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

WIRE_BITS = [
    " date 2023-04-11 ", " date 2021-03 ", "\n", "\n\n", "\r\n", "\ufeff", "Caption ",
    "(AP Photo/Odd Rasmussen)", "Credit: ", "Uncredited", "By ", "OSLO (AP) — ", "“", "”",
    '"', "(", ")", "[", "]", "___", "FILE - ", "Getty Images", " | ", "/", "via AP",
    "Ferry crews returned.", "Related: ", "© 2023", "â€œ", "Õ", "Ïðèâåò", " said.",
]
wire_text = st.lists(
    st.one_of(st.sampled_from(WIRE_BITS), st.text(max_size=12)), max_size=30
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), wire_text))
def test_parse_raises_only_unreadable_document(text):
    try:
        parsed = parse_wire_story(text)
    except UnreadableDocument:
        return
    assert isinstance(parsed, ParsedStory)
    assert all(paragraph.strip() for paragraph in parsed.paragraphs)
    assert all(isinstance(warning, str) for warning in parsed.warnings)


body_paragraph = st.lists(
    st.sampled_from(["Ferry", "crews", "returned", "on", "Tuesday", "the", "union", "said", "Halvard"]),
    min_size=3,
    max_size=12,
).map(lambda words: " ".join(words).capitalize() + ".")


@settings(max_examples=100, deadline=None)
@given(st.lists(body_paragraph, min_size=1, max_size=6), st.booleans())
def test_crlf_and_bom_variants_give_identical_paragraphs(paragraphs, trailing_newline):
    text = " date 2023-04-11 " + "\n\n".join(paragraphs) + ("\n" if trailing_newline else "")
    plain = parse_wire_story(text)
    assert plain.paragraphs == tuple(paragraphs)
    assert parse_wire_story("\ufeff" + text.replace("\n", "\r\n")) == plain


@settings(max_examples=100, deadline=None)
@given(st.lists(body_paragraph, min_size=2, max_size=6))
def test_single_newline_and_blank_line_layouts_agree(paragraphs):
    blank = parse_wire_story(" date 2023-04-11 " + "\n\n".join(paragraphs))
    single = parse_wire_story(" date 2023-04-11 " + "\n".join(paragraphs))
    assert single.paragraphs == blank.paragraphs


def test_headline_after_page_furniture_is_still_the_headline():
    parsed = story("Advertisement", "Supported by", "Ferry Strike Ends in Port Halvard", LEDE, SECOND)
    assert parsed.headline == "Ferry Strike Ends in Port Halvard"
    assert parsed.headline_provisional is False
    assert parsed.paragraphs == (LEDE, SECOND)


@pytest.mark.parametrize(
    "after",
    [
        ("By Inga Solberg", LEDE),
        ("PORT HALVARD, April 11 (Reuters) - " + LEDE,),
    ],
)
def test_headline_ending_on_a_quoted_phrase_after_a_word_is_a_headline_under_a_byline_or_dateline(
    after,
):
    headline = "Ferry union accepts offer, calls talks 'long and bruising'"
    parsed = story(headline, *after, SECOND)
    assert parsed.headline == headline
    assert not parsed.headline_provisional
    assert parsed.paragraphs[-1] == SECOND
    assert len(parsed.paragraphs) == 2


def test_a_first_line_ending_on_a_quoted_phrase_with_no_byline_or_dateline_stays_in_the_body():
    first = "Ferry union accepts offer, calls talks 'long and bruising'"
    assert story(first, LEDE, SECOND).paragraphs == (first, LEDE, SECOND)


def test_dateline_survives_a_headline_ending_on_a_quoted_phrase():
    parsed = story(
        "Harbour board freezes fees, warns costs 'far too steep'",
        "VESTRAVIK, May 2 (Reuters) - " + LEDE,
        SECOND,
    )
    assert parsed.headline == "Harbour board freezes fees, warns costs 'far too steep'"
    assert parsed.dateline == "VESTRAVIK"


RELEASE_LEDE = (
    "PORT HALVARD, May 2, 2024 /Nordwire/ -- Harbour Tools Ltd. today opened a "
    "new workshop for ferry engines on the north quay."
)


def test_press_release_furniture_is_kept_out_of_the_body():
    about = "Harbour Tools Ltd. builds marine engines and has 300 staff in Port Halvard."
    parsed = story(
        "Harbour Tools Opens Engine Workshop in Port Halvard",
        "NEWS PROVIDED BY",
        "Harbour Tools Ltd.",
        RELEASE_LEDE,
        SECOND,
        "About Harbour Tools",
        about,
        "Media Contact:",
        "Oskar Lind",
        "press@harbourtools.example",
        "SOURCE Harbour Tools Ltd.",
    )
    assert parsed.headline == "Harbour Tools Opens Engine Workshop in Port Halvard"
    assert parsed.paragraphs == (RELEASE_LEDE, SECOND, about)


def test_an_about_line_not_heading_its_subject_stays_in_the_body():
    line = "About Turn"
    parsed = story(LEDE, line, "The crew voted on Monday evening.", SECOND)
    assert line in parsed.paragraphs


def test_a_hard_wrapped_quote_keeps_its_attribution_on_the_next_line():
    text = (
        " date 2024-03-02 OSLO (AP) — Ferry crews in Port Halvard returned to work on\n"
        "Tuesday after a two-day strike over pay and the length of their shifts.\n"
        "“Nobody on this crew ever once felt like they did not belong on the boat,”\n"
        "Lindqvist said.\n"
    )
    parsed = parse_wire_story(text)
    assert parsed.paragraphs[-1].endswith("belong on the boat,” Lindqvist said.")


def test_a_byline_may_carry_the_writers_role():
    assert document.byline_of("By Rowena Ashby, political correspondent") == (
        "Rowena Ashby, political correspondent"
    )


def test_a_guillemet_quote_paragraph_is_not_taken_into_the_caption_below():
    text = (
        " date 2024-01-29 PARIS (AFP) — Farmers blocked roads on Monday.\n\n"
        "«It is about prices, about paperwork,» Lestrade told AFP.\n\n"
        "A farmer stands on his tractor near Paris on January 29, 2024. "
        "ANNE LEMAIRE/AFP via Getty Images\n"
    )
    parsed = parse_wire_story(text)
    assert parsed.paragraphs[-1] == "«It is about prices, about paperwork,» Lestrade told AFP."
    assert parsed.photos[0].caption.startswith("A farmer stands")


def test_a_short_last_line_between_blank_lines_is_still_the_same_paragraph():
    text = (
        " date 2024-03-02 OSLO (AP) — Ferry crews returned to work on Tuesday.\n\n"
        "The union said members had accepted a revised offer by a wide margin.\n\n"
        "“I said no last time because I thought they were asking for too much.\n"
        "They listened,” he said.\n\n"
        "The operator said timetables would return to normal on Friday.\n\n"
        "Talks on a longer deal will resume in the spring, both sides said.\n"
    )
    parsed = parse_wire_story(text)
    assert parsed.paragraphs[2] == (
        "“I said no last time because I thought they were asking for too much. "
        "They listened,” he said."
    )


def test_a_bare_name_under_the_headline_is_the_byline():
    parsed = story("Ferry strike ends in Port Halvard", "Helen Pryce", LEDE, SECOND)
    assert parsed.byline == "Helen Pryce"
    assert parsed.paragraphs == (LEDE, SECOND)
