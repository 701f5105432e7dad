"""Page furniture: lines the parser never keeps as story text."""
import pytest

from articles.parsing import parse_wire_story
from articles.parsing.junk import is_junk

LEDE = "Ferry crews in Port Halvard returned to work on Tuesday after a two-day strike."
SECOND = "The union said members had accepted a revised pay offer by a wide margin."


@pytest.mark.parametrize(
    "line",
    [
        "Related Article: Why the ferry talks stalled",
        "Related Story: Island fares to rise in spring",
        "Trending Stories",
        "Popular Videos",
        "Contact Mira Holt at mholt@harbourpost.example or 555-201-3344.",
        "Reach Oskar Lind at 555-310-7788.",
        "oskar.lind@harbourpost.example",
        "This story was auto-generated from a syndicated wire feed. The Harbour Post "
        "holds no responsibility for its content.",
        "Source: Nordwire| 2024-06-01 09:12:44|Editor: kmoss",
        "NEWS PROVIDED BY",
        "Media Contact:",
        "SOURCE Harbour Tools Ltd.",
        "Purchase Licensing Rights",
        "Advertisement · Scroll to continue",
        "Also Read",
        "(This story has not been edited by our staff and is published from a syndicated feed.)",
        "==Kyodo",
        "We use cookies to improve your experience. By continuing to browse you agree. Accept",
        "Accept all cookies   Manage preferences",
        "14 Comments",
        "Comments (3)",
        "Share your feedback to help improve our site experience!",
        "Share on Facebook   Share on X   Copy link",
        "Business",
        "Mira Holt covers public safety for The Harbour Post. Reach her at mholt@post.example.",
        "Oskar Lind is a business reporter covering retail. Follow him on X.",
        "--With assistance from Mira Holt.",
        "PTI AKM NP",
        "Most Read from Bloomberg",
        "Garrett Lind can be reached at 218-555-0147.",
        "Bello reported from Worcester, Massachusetts.",
        "-- BERNAMA",
        "This report by The Canadian Press was first published Aug. 16, 2023.",
    ],
)
def test_page_furniture_is_junk(line):
    assert is_junk(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related talks between the unions broke down in March after a row over rosters.",
        "Trending upward, ferry bookings rose for a third month.",
        "Contact between the two crews was limited during the strike, the union said.",
        "Call 555-201-3344 for timetable updates, the operator said in a statement.",
        "The operator said the source of the leak was found on Monday.",
        "Source: the operator said talks would resume on Friday.",
        "Mira Holt covers the night shift at the harbour, the union said.",
        "The bakery's cookies sold out by noon, the owner said.",
        "Bello reported from Worcester that the plant had closed, the union said.",
    ],
)
def test_story_sentences_that_look_a_little_like_furniture_are_kept(line):
    assert not is_junk(line)


def test_contact_and_related_lines_are_dropped_from_the_body():
    text = " date 2024-06-01 " + "\n\n".join(
        [
            LEDE,
            "Related Article: Why the ferry talks stalled",
            SECOND,
            "Trending Stories",
            "Contact Mira Holt at mholt@harbourpost.example or 555-201-3344.",
        ]
    )
    assert parse_wire_story(text).paragraphs == (LEDE, SECOND)


@pytest.mark.parametrize("role", ["Staff writer", "Staff Writer", "Senior correspondent"])
def test_a_writers_role_under_the_byline_is_neither_headline_nor_body(role):
    text = " date 2024-06-01 By Mira Holt\n\n" + "\n\n".join([role, LEDE, SECOND])
    parsed = parse_wire_story(text)
    assert parsed.headline != role
    assert parsed.paragraphs == (LEDE, SECOND)


def test_a_lowercase_role_word_inside_a_sentence_is_not_a_byline_role():
    assert not is_junk("Harbour staff writer Mira Holt filed the first report on Monday.")
