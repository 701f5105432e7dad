"""Captions and their credits, wherever a page puts them."""
import pytest

from articles.parsing import ParsedPhoto, parse_wire_story
from articles.parsing.captions import find_inline_credits, parse_caption

LEDE = "OSLO (AP) — Ferry crews in Port Halvard returned to work on Tuesday after a strike."
SECOND = "The union said members had accepted a revised pay offer by a wide margin."


def story(*paragraphs):
    return parse_wire_story(" date 2023-04-11 " + "\n\n".join(paragraphs))


def test_seed_layout_caption_with_credit_name():
    [photo] = parse_caption(
        "Caption A ferry leaves Port Halvard on Tuesday. (AP Photo/Odd Rasmussen) "
        "Credit: Odd Rasmussen"
    )
    assert photo == ParsedPhoto(
        caption="A ferry leaves Port Halvard on Tuesday.",
        credit_line="AP Photo/Odd Rasmussen",
        credit="Odd Rasmussen",
        photographer="Odd Rasmussen",
        agency="AP",
    )


def test_uncredited_credit_name_is_kept_but_is_not_a_photographer():
    [photo] = parse_caption(
        "Caption A map released by the ministry. (Norland Ministry of Transport via AP) "
        "Credit: Uncredited"
    )
    assert photo.credit == "Uncredited"
    assert photo.photographer is None
    assert photo.agency == "Norland Ministry of Transport"
    assert photo.distributor == "AP"


def test_credit_name_fills_in_the_photographer_missing_from_the_inline_credit():
    [photo] = parse_caption(
        "Caption Crowds on the quay. (Halvard Port Authority via AP) Credit: Sunniva Berg"
    )
    assert photo.photographer == "Sunniva Berg"
    assert photo.agency == "Halvard Port Authority"


def test_credit_name_without_an_inline_credit_is_read_as_the_credit():
    [photo] = parse_caption("Caption Crowds on the quay. Credit: Sunniva Berg")
    assert photo.caption == "Crowds on the quay."
    assert photo.credit_line is None
    assert photo.photographer == "Sunniva Berg"


def test_caption_goes_on_after_its_credit():
    [photo] = parse_caption(
        "A ferry leaves the harbour. (Odd Rasmussen/NTB via AP) The strike ended on Tuesday."
    )
    assert photo.caption == "A ferry leaves the harbour. The strike ended on Tuesday."
    assert photo.credit_line == "Odd Rasmussen/NTB via AP"
    assert photo.agency == "NTB"
    assert photo.distributor == "AP"


def test_credit_in_square_brackets():
    [photo] = parse_caption("Lanterns float on the river. [Photo by Li Wen/chinadaily.com.cn]")
    assert photo.caption == "Lanterns float on the river."
    assert (photo.photographer, photo.agency) == ("Li Wen", "chinadaily.com.cn")


def test_credit_without_brackets_at_the_end():
    [photo] = parse_caption("A ferry leaves the harbour on Tuesday. REUTERS/Odd Rasmussen/File Photo")
    assert photo.caption == "A ferry leaves the harbour on Tuesday."
    assert photo.credit_line == "REUTERS/Odd Rasmussen/File Photo"
    assert (photo.photographer, photo.agency, photo.is_file_photo) == ("Odd Rasmussen", "Reuters", True)


def test_photo_colon_credit_at_the_end():
    [photo] = parse_caption("Union members vote at the depot. Photo: Sunniva Berg, AP")
    assert photo.caption == "Union members vote at the depot."
    assert (photo.photographer, photo.agency) == ("Sunniva Berg", "AP")


def test_photo_colon_credit_with_an_agency_outside_the_known_list():
    [photo] = parse_caption("Union members vote at the depot. Photo: Sunniva Berg, Fjordbild")
    assert (photo.photographer, photo.agency) == ("Sunniva Berg", "Fjordbild")


def test_courtesy_credit_at_the_end_without_brackets():
    [photo] = parse_caption("Ivar Holm, 61, before the crossing. Courtesy of the Holm family")
    assert photo.caption == "Ivar Holm, 61, before the crossing."
    assert photo.agency == "the Holm family"


def test_a_sentence_opening_with_courtesy_is_not_a_credit():
    text = "The crew thanked the harbour. Courtesy of the calm weather, the ferry sailed early."
    assert find_inline_credits(text) == []


def test_short_caption_with_a_bracketed_credit_is_a_caption_and_its_credit():
    parsed = story(LEDE, "Ferry terminal at dusk (Photo/WAM)", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert (photo.caption, photo.agency, photo.distributor) == ("Ferry terminal at dusk", "WAM", None)


def test_an_agency_alone_in_brackets_closes_a_caption_that_describes_a_picture():
    [photo] = parse_caption("Harbour Minister Oda Lie (C) speaks at the pier on May 3. (Kyodo)")
    assert (photo.caption, photo.agency) == ("Harbour Minister Oda Lie (C) speaks at the pier on May 3.", "Kyodo")
    assert find_inline_credits("The ministry said the pier would reopen. (Kyodo)") == []
    [photo] = parse_caption("A missile unit takes part in a drill near Oita. (Kyodo)")
    assert photo.agency == "Kyodo"


def test_a_labelled_credit_between_two_sentences_of_a_caption():
    [photo] = parse_caption(
        "Crews watch a flare-up near Pell on Tuesday. Photo: Kyle Brennan, AP. "
        "The fire has burned 12,000 acres."
    )
    assert photo.caption == "Crews watch a flare-up near Pell on Tuesday. The fire has burned 12,000 acres."
    assert (photo.photographer, photo.agency) == ("Kyle Brennan", "AP")


def test_a_short_description_above_the_lede_with_a_credit_below_is_a_caption():
    parsed = story(
        "Ferry fares to rise in spring", "A ferry at the Port Halvard pier.",
        "© 2024 AP Photo/Odd Rasmussen", LEDE, SECOND,
    )
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert (photo.caption, photo.photographer) == ("A ferry at the Port Halvard pier.", "Odd Rasmussen")


def test_a_sports_caption_runs_into_its_reuters_credit():
    [photo] = parse_caption(
        "Tennis - Harbour Open - Oslo - May 8, 2024 Ane Lie in action against Mira Holt "
        "REUTERS/Odd Rasmussen"
    )
    assert photo.caption.endswith("in action against Mira Holt")
    assert (photo.photographer, photo.agency) == ("Odd Rasmussen", "Reuters")


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("Photo by Ane Lie/Getty Images Cast members take a bow on stage.", ("Ane Lie", "Getty Images", None)),
        ("ANE LIE/AFP via Getty Images A composer attends a gala in Oslo.", ("ANE LIE", "AFP", "Getty Images")),
        ("Photo: Ane Lie, AP Boats sit on dry ground at the old marina.", ("Ane Lie", "AP", None)),
    ],
)
def test_a_wire_credit_printed_before_its_caption(text, credit):
    [photo] = parse_caption(text)
    assert (photo.photographer, photo.agency, photo.distributor) == credit
    assert photo.caption[:1].isupper() and photo.caption.endswith(".")


def test_a_state_source_with_initials_before_via():
    [photo] = parse_caption("The destroyer departs Naval Base San Diego. U.S. Navy via AP")
    assert (photo.agency, photo.distributor) == ("U.S. Navy", "AP")


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Courtesy of the Alvarez family Miguel Alvarez, left, meets his brother.", "the Alvarez family"),
        ("Handout Raymond Kess as a child with his father in Dayton in 1972.", "Handout"),
    ],
)
def test_a_source_printed_before_its_caption(text, agency):
    [photo] = parse_caption(text)
    assert photo.agency == agency
    assert photo.caption[:1].isupper() and not photo.caption.startswith(("Courtesy", "Handout"))


def test_a_paper_with_an_ampersand_and_its_photographer():
    [photo] = parse_caption("Officers inspect a car on Route 51. (Herald & Review/Ashton Greeley)")
    assert (photo.photographer, photo.agency) == ("Ashton Greeley", "Herald & Review")


def test_a_file_image_shown_on_a_screen_is_no_file_photo():
    [photo] = parse_caption("A TV screen shows a file image of a launch. (AP Photo/Ahn Sung-woo)")
    assert photo.is_file_photo is False
    [photo] = parse_caption("In this 2019 file image, a ship leaves port. (AP Photo/Ahn Sung-woo)")
    assert photo.is_file_photo is True


def test_picture_handout_at_the_end_is_a_credit():
    [photo] = parse_caption("The chair signs the papers at Mill Lane. Picture: Handout")
    assert (photo.caption, photo.agency) == ("The chair signs the papers at Mill Lane.", "Handout")


def test_handout_at_the_end_is_a_credit():
    [photo] = parse_caption("A chart of the new timetable released by the operator. Handout")
    assert photo.caption == "A chart of the new timetable released by the operator."
    assert photo.agency == "Handout"


def test_photographer_and_paper_at_the_start_of_the_caption():
    [photo] = parse_caption("Sunniva Berg | The Halvard Herald Passengers queue at the terminal.")
    assert photo.caption == "Passengers queue at the terminal."
    assert (photo.photographer, photo.agency) == ("Sunniva Berg", "The Halvard Herald")


def test_agency_first_credit_at_the_start_of_the_caption():
    [photo] = parse_caption("Xinhua/Wu Lan A cargo ship docks at the port, April 3, 2023.")
    assert photo.caption == "A cargo ship docks at the port, April 3, 2023."
    assert (photo.photographer, photo.agency) == ("Wu Lan", "Xinhua")


def test_several_captions_run_together_in_one_paragraph():
    photos = parse_caption(
        "A ferry at dawn. (AP Photo/Odd Rasmussen) Passengers queue. (AP Photo/Sunniva Berg)"
    )
    assert [(p.caption, p.photographer) for p in photos] == [
        ("A ferry at dawn.", "Odd Rasmussen"),
        ("Passengers queue.", "Sunniva Berg"),
    ]


def test_leading_and_trailing_credits_split_the_text_between_them():
    photos = parse_caption(
        "Xinhua/Wu Lan A ship docks at the port, April 3. A crane unloads timber, "
        "April 4. Photo by Li Wen/Xinhua"
    )
    assert [(p.caption, p.photographer) for p in photos] == [
        ("A ship docks at the port, April 3.", "Wu Lan"),
        ("A crane unloads timber, April 4.", "Li Wen"),
    ]


@pytest.mark.parametrize(
    "caption",
    [
        "FILE - A ferry leaves Port Halvard, May 2, 2019. (AP Photo/Odd Rasmussen)",
        "A ferry leaves Port Halvard. (AP Photo/Odd Rasmussen, File)",
        "A ferry leaves Port Halvard. (REUTERS/Odd Rasmussen/File Photo)",
        "FILE PHOTO: A ferry leaves Port Halvard. (REUTERS/Odd Rasmussen)",
        "**FILE** A ferry leaves Port Halvard. (AP Photo/Odd Rasmussen)",
        "In this 2019 file photo, a ferry leaves Port Halvard. (AP Photo/Odd Rasmussen)",
    ],
)
def test_file_photo_markers(caption):
    [photo] = parse_caption(caption)
    assert photo.is_file_photo


def test_file_prefix_stays_in_the_caption():
    [photo] = parse_caption("FILE - A ferry leaves Port Halvard. (AP Photo/Odd Rasmussen, File)")
    assert photo.caption == "FILE - A ferry leaves Port Halvard."


def test_recent_photo_is_not_a_file_photo():
    [photo] = parse_caption("A ferry leaves Port Halvard. (AP Photo/Odd Rasmussen)")
    assert not photo.is_file_photo


def test_dateline_agency_is_not_an_inline_credit():
    assert find_inline_credits(LEDE) == []


# In whole documents -------------------------------------------------------------


def test_captions_before_the_first_paragraph_are_photos():
    parsed = story("A ferry at dawn. (AP Photo/Odd Rasmussen)", LEDE, SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert [p.caption for p in parsed.photos] == ["A ferry at dawn."]
    assert parsed.dateline == "OSLO"


def test_captions_between_body_paragraphs_are_photos():
    parsed = story(LEDE, "A ferry at dawn. (AP Photo/Odd Rasmussen)", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert len(parsed.photos) == 1


def test_labelled_caption_without_credit_is_a_photo_with_a_warning():
    parsed = story(LEDE, "Caption Passengers queue at the terminal.", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.photos == (ParsedPhoto(caption="Passengers queue at the terminal."),)
    assert any("no credit" in warning for warning in parsed.warnings)


def test_caption_split_over_two_paragraphs_is_one_photo():
    parsed = story(
        LEDE,
        "FILE - Passengers queue at the ferry terminal in Port Halvard,",
        "on Tuesday, May 2, 2019. (AP Photo/Odd Rasmussen)",
        SECOND,
    )
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert photo.caption == (
        "FILE - Passengers queue at the ferry terminal in Port Halvard, on Tuesday, May 2, 2019."
    )
    assert photo.photographer == "Odd Rasmussen"


def test_labelled_caption_split_with_the_credit_alone_below():
    parsed = story(LEDE, "Caption Passengers queue at the terminal.", "(AP Photo/Odd Rasmussen)", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert (photo.caption, photo.photographer) == ("Passengers queue at the terminal.", "Odd Rasmussen")


def test_identical_captions_with_different_photographers_are_two_photos():
    parsed = story(
        LEDE,
        "Passengers queue at the terminal. (AP Photo/Odd Rasmussen)",
        "Passengers queue at the terminal. (AP Photo/Sunniva Berg)",
        SECOND,
    )
    assert [p.photographer for p in parsed.photos] == ["Odd Rasmussen", "Sunniva Berg"]


def test_credit_alone_under_the_headline_is_a_photo_without_caption():
    parsed = story("Ferry strike ends in Port Halvard", "Getty Images", LEDE, SECOND)
    assert parsed.headline == "Ferry strike ends in Port Halvard"
    assert parsed.photos == (ParsedPhoto(caption="", credit_line="Getty Images", agency="Getty Images"),)
    assert parsed.paragraphs == (LEDE, SECOND)


def test_body_paragraph_with_an_ap_dateline_is_body():
    parsed = story("BEIJING (AP) — China said on Tuesday it would reopen the port.", SECOND)
    assert parsed.photos == ()
    assert len(parsed.paragraphs) == 2


def test_body_paragraph_naming_a_photographer_is_body():
    body = "The photo, taken by AP photographer Odd Rasmussen, shows the empty quay."
    parsed = story(LEDE, body)
    assert parsed.paragraphs == (LEDE, body)
    assert parsed.photos == ()


def test_caption_lead_without_credit_is_a_photo():
    parsed = story(LEDE, "In this photo provided by the port authority, a tug guides the ferry.", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert len(parsed.photos) == 1


def test_captions_are_passed_on_with_their_credit_line():
    parsed = story(LEDE, "Union leader Edda Voss at the quay. (AP Photo/Odd Rasmussen)", SECOND)
    assert parsed.photos[0].credit_line == "AP Photo/Odd Rasmussen"


def test_credit_name_on_its_own_line_under_a_caption_joins_it():
    parsed = parse_wire_story(
        " date 2023-04-11 " + LEDE + "\nA ferry at dawn. (AP Photo/Odd Rasmussen)\nCredit: Odd Rasmussen\n" + SECOND
    )
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert (photo.caption, photo.credit) == ("A ferry at dawn.", "Odd Rasmussen")


def test_image_source_line_above_an_image_caption_is_one_photo():
    parsed = story(LEDE, "Image source, Getty Images", "Image caption, Passengers queue at the terminal", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.photos == (
        ParsedPhoto(
            caption="Passengers queue at the terminal",
            credit_line="Image source, Getty Images",
            agency="Getty Images",
        ),
    )


@pytest.mark.parametrize(
    "body",
    [
        "This image of the comet was released by the observatory on Monday.",
        "This is the first photo taken from the new telescope, officials said.",
        "The Environmental Protection Agency (EPA) said the water was safe.",
        "Reuters/Ipsos polling shows the mayor trailing by six points.",
        "A poll by the paper (Reuters/Ipsos) found support had slipped.",
    ],
)
def test_body_paragraphs_that_look_a_little_like_captions_stay_body(body):
    parsed = story(LEDE, body)
    assert parsed.paragraphs == (LEDE, body)
    assert parsed.photos == ()


def test_labelled_captions_run_together_are_split_at_each_label():
    parsed = story(
        LEDE,
        "Caption A ferry at dawn. (AP Photo/Odd Rasmussen) Credit: Odd Rasmussen "
        "Caption Passengers queue. (AP Photo/Sunniva Berg) Credit: Sunniva Berg",
        SECOND,
    )
    assert [(p.caption, p.credit) for p in parsed.photos] == [
        ("A ferry at dawn.", "Odd Rasmussen"),
        ("Passengers queue.", "Sunniva Berg"),
    ]


def test_labelled_caption_split_with_only_the_credit_name_below():
    parsed = story(
        LEDE, "Caption Passengers queue at the terminal in Port", "Halvard on Tuesday. Credit: Sunniva Berg", SECOND
    )
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert photo.caption == "Passengers queue at the terminal in Port Halvard on Tuesday."
    assert photo.photographer == "Sunniva Berg"


def test_credit_dots_after_the_caption_name_the_photographer_and_paper():
    parsed = story(LEDE, "Passengers queue at the terminal.Credit...Ilse Varga for The Daily Ledger", SECOND)
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert (photo.caption, photo.credit) == ("Passengers queue at the terminal.", "Ilse Varga for The Daily Ledger")
    assert (photo.photographer, photo.agency) == ("Ilse Varga", "The Daily Ledger")


def test_photo_label_with_copyright_credit_leading_the_caption():
    [photo] = parse_caption("Photo: © UNICEF/Ilse Varga A nurse checks a child at the clinic.")
    assert photo.caption == "A nurse checks a child at the clinic."
    assert (photo.photographer, photo.agency) == ("Ilse Varga", "UNICEF")


def test_credit_line_under_a_caption_dated_like_a_caption_joins_it():
    parsed = parse_wire_story(
        " date 2023-04-11 " + LEDE + "\nPassengers queue at the terminal in Port Halvard, "
        "Tuesday, April 11, 2023.\nAP Photo/Odd Rasmussen\n" + SECOND
    )
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert photo.caption == "Passengers queue at the terminal in Port Halvard, Tuesday, April 11, 2023."
    assert photo.photographer == "Odd Rasmussen"


def test_credit_line_under_an_ordinary_body_paragraph_does_not_take_it():
    parsed = parse_wire_story(" date 2023-04-11 " + LEDE + "\n" + SECOND + "\nGetty Images\nThe port reopened.")
    assert parsed.paragraphs == (LEDE, SECOND, "The port reopened.")
    assert parsed.photos[0].caption == ""


def test_photograph_line_under_a_short_descriptive_paragraph_is_its_credit():
    parsed = story(LEDE, SECOND, "Spray blows over the harbour wall in Port Halvard on Monday.",
                   "Photograph: Reuters", "The ferries stayed in port.")
    assert parsed.paragraphs == (LEDE, SECOND, "The ferries stayed in port.")
    [photo] = parsed.photos
    assert photo.caption == "Spray blows over the harbour wall in Port Halvard on Monday."
    assert (photo.photographer, photo.agency) == (None, "Reuters")


def test_photo_label_line_under_a_quotation_does_not_take_it_as_caption():
    quoted = "“We have never seen waves like this,” said the harbour master, Ola Brekke."
    parsed = story(LEDE, SECOND, quoted, "Photo: AFP", "The ferries stayed in port.")
    assert parsed.paragraphs == (LEDE, SECOND, quoted, "The ferries stayed in port.")
    [photo] = parsed.photos
    assert (photo.caption, photo.agency) == ("", "AFP")


def test_copyright_credit_leading_a_caption_is_a_photo_not_junk():
    parsed = story(LEDE, SECOND, "© 2021 AP Photo/Edda Voss The new terminal at Port Halvard.")
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert photo.caption == "The new terminal at Port Halvard."
    assert (photo.photographer, photo.agency) == ("Edda Voss", "AP")


def test_copyright_line_without_a_caption_is_still_junk():
    parsed = story(LEDE, SECOND, "© 2023 The Associated Press. All rights reserved.")
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.photos == ()


def test_bare_name_and_agency_ends_a_caption_and_keeps_the_next_one_apart():
    parsed = story(
        LEDE,
        "A crane lifts a container at the damaged pier in Port Halvard, Norland. Brannok/AP",
        "Dock workers march through the old town. (AP Photo/Edda Voss)",
        SECOND,
    )
    assert parsed.paragraphs == (LEDE, SECOND)
    first, second = parsed.photos
    assert first.caption == "A crane lifts a container at the damaged pier in Port Halvard, Norland."
    assert (first.photographer, first.agency) == ("Brannok", "AP")
    assert (second.photographer, second.agency) == ("Edda Voss", "AP")


def test_organisation_via_an_agency_in_a_caption_is_the_agency():
    [photo] = parse_caption("Rescuers carry a man through the floodwater. (Norland Red Cross via AP)")
    assert (photo.photographer, photo.agency, photo.distributor) == (None, "Norland Red Cross", "AP")


def test_getty_credit_with_a_backslash_names_photographer_agency_and_distributor():
    [photo] = parse_caption(
        "Troops parade in the capital. (Photo by Oskar Lindqvist\\TASS via Getty Images)"
    )
    assert (photo.photographer, photo.agency, photo.distributor) == (
        "Oskar Lindqvist", "TASS", "Getty Images"
    )


def test_bare_agency_line_under_a_caption_is_its_credit_not_the_byline():
    parsed = story(
        LEDE, "FILE - A ferry leaves Port Halvard, March 3, 2021.", "Reuters", SECOND
    )
    assert parsed.byline is None
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert photo.caption == "FILE - A ferry leaves Port Halvard, March 3, 2021."
    assert (photo.credit_line, photo.agency, photo.is_file_photo) == ("Reuters", "Reuters", True)


def test_release_trailer_with_desk_initials_is_neither_photo_nor_body():
    parsed = story(LEDE, SECOND, "****", "RKT/MN/OL", "(Release ID: 4471029)", "Visitor Counter : 881")
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.photos == ()


def test_copyright_name_leading_a_caption_is_the_photographer():
    parsed = story(LEDE, SECOND, "© 2020 Edda Voss The old ferry terminal before its demolition.")
    assert parsed.paragraphs == (LEDE, SECOND)
    [photo] = parsed.photos
    assert photo.caption == "The old ferry terminal before its demolition."
    assert (photo.credit_line, photo.photographer) == ("© 2020 Edda Voss", "Edda Voss")


@pytest.mark.parametrize(
    "footer",
    [
        "© 2023 Halvard Daily",
        "© 2024 AFP",
        "© 2022 Halvard Daily News. Reproduction of this article is forbidden.",
    ],
)
def test_copyright_footer_is_neither_photo_nor_body(footer):
    parsed = story(LEDE, SECOND, footer)
    assert parsed.paragraphs == (LEDE, SECOND)
    assert parsed.photos == ()


def test_copyright_credit_naming_a_photo_alone_on_its_line_is_a_photo():
    [photo] = story(LEDE, SECOND, "© 2022 AP Photo/Edda Voss").photos
    assert (photo.caption, photo.photographer, photo.agency) == ("", "Edda Voss", "AP")


def test_bare_agency_line_under_a_short_description_in_the_body_is_its_credit():
    parsed = story(
        "Ferry strike ends", LEDE, SECOND,
        "A ferry leaves the harbour in Port Halvard on Tuesday.", "Reuters",
        "Services will run to a reduced timetable until Friday.",
    )
    assert parsed.byline is None
    assert parsed.paragraphs == (
        LEDE, SECOND, "Services will run to a reduced timetable until Friday."
    )
    [photo] = parsed.photos
    assert (photo.caption, photo.agency) == (
        "A ferry leaves the harbour in Port Halvard on Tuesday.", "Reuters"
    )


@pytest.mark.parametrize(
    "layout",
    [
        ("Ferry strike ends", "Reuters", LEDE, SECOND),
        ("Ferry strike ends", LEDE, "Reuters", SECOND),
        ("Ferry strike ends", LEDE, SECOND, "The port reopened on Friday.", "Reuters"),
    ],
)
def test_agency_line_near_the_top_or_closing_the_story_is_the_byline(layout):
    parsed = story(*layout)
    assert parsed.byline == "Reuters"
    assert parsed.photos == ()


def test_a_middle_initial_in_a_trailing_credit_is_not_a_sentence_end():
    (photo,) = parse_caption(
        "Ferry crews gather on the quay in Port Halvard on May 2, 2024. "
        "MIRA J. HOLT/AFP via Getty Images"
    )
    assert photo.caption == "Ferry crews gather on the quay in Port Halvard on May 2, 2024."
    assert (photo.photographer, photo.agency, photo.distributor) == (
        "MIRA J. HOLT",
        "AFP",
        "Getty Images",
    )


def test_an_abbreviation_before_a_trailing_credit_stays_in_the_caption():
    (photo,) = parse_caption("Mr. Lind waves from the deck. OSKAR BERG/AFP")
    assert photo.caption == "Mr. Lind waves from the deck."
    assert photo.photographer == "OSKAR BERG"


def test_a_submitted_photo_label_before_the_caption_is_its_credit():
    (photo,) = parse_caption(
        "Submitted photo A sketch shows the planned ferry terminal on the north quay."
    )
    assert photo.caption == "A sketch shows the planned ferry terminal on the north quay."
    assert photo.credit_line == "Submitted photo"


def test_a_sentence_opening_with_staff_photo_words_is_not_split_without_a_caption():
    assert not find_inline_credits("Staff photo day")


def test_a_ledger_title_ends_the_paper_name_in_a_leading_pipe_credit():
    (photo,) = parse_caption(
        "Mira Holt | The Halvard Ledger Harbour board member Ann Lee speaks on Tuesday."
    )
    assert photo.agency == "The Halvard Ledger"
    assert photo.caption == "Harbour board member Ann Lee speaks on Tuesday."
