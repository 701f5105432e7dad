"""Inline photo credits: every shape in the wire-copy credit table."""
import pytest

from articles.parsing import ParsedCredit, looks_like_photo_credit, parse_credit_line
from articles.parsing.credits import normalise_agency

CREDIT_TABLE = [
    ("AP Photo/Jane Doe", ParsedCredit("Jane Doe", "AP", None, False)),
    ("AP Photo/Jane Doe, File", ParsedCredit("Jane Doe", "AP", None, True)),
    ("AP Photo/Jane Doe, Pool, File", ParsedCredit("Jane Doe", "AP", None, True)),
    ("Jane Doe/Xinhua via AP", ParsedCredit("Jane Doe", "Xinhua", "AP", False)),
    (
        "City Police Department via AP",
        ParsedCredit(None, "City Police Department", "AP", False),
    ),
    ("Xinhua/Jane Doe", ParsedCredit("Jane Doe", "Xinhua", None, False)),
    ("Photo by Jane Doe/Xinhua", ParsedCredit("Jane Doe", "Xinhua", None, False)),
    ("REUTERS/Jane Doe", ParsedCredit("Jane Doe", "Reuters", None, False)),
    ("REUTERS/Jane Doe/File Photo", ParsedCredit("Jane Doe", "Reuters", None, True)),
    (
        "Sputnik/Jane Doe/Kremlin via REUTERS",
        ParsedCredit("Jane Doe", "Sputnik", "Reuters", False),
    ),
    ("REUTERS/KCNA", ParsedCredit(None, "KCNA", "Reuters", False)),
    ("Photo by Jane Doe/Getty Images", ParsedCredit("Jane Doe", "Getty Images", None, False)),
    ("JANE DOE/AFP via Getty Images", ParsedCredit("JANE DOE", "AFP", "Getty Images", False)),
    ("AFP PHOTO / JANE DOE", ParsedCredit("JANE DOE", "AFP", None, False)),
    ("Photo by JANE DOE / AFP", ParsedCredit("JANE DOE", "AFP", None, False)),
    ("EPA-EFE/JANE DOE", ParsedCredit("JANE DOE", "EPA-EFE", None, False)),
    (
        "[Photo by Jane Doe/chinadaily.com.cn]",
        ParsedCredit("Jane Doe", "chinadaily.com.cn", None, False),
    ),
    ("[Photo/Xinhua]", ParsedCredit(None, "Xinhua", None, False)),
    (
        "Jane Doe | The Springfield Tribune",
        ParsedCredit("Jane Doe", "The Springfield Tribune", None, False),
    ),
    ("Photo: Jane Doe, AP", ParsedCredit("Jane Doe", "AP", None, False)),
    ("© 2022 AP Photo/Jane Doe", ParsedCredit("Jane Doe", "AP", None, False)),
    ("Photograph: Reuters", ParsedCredit(None, "Reuters", None, False)),
    ("Photo: AFP", ParsedCredit(None, "AFP", None, False)),
    ("Courtesy of the Doe family", ParsedCredit(None, "the Doe family", None, False)),
    ("Handout", ParsedCredit(None, "Handout", None, False)),
    ("U.S. Navy via AP", ParsedCredit(None, "U.S. Navy", "AP", False)),
]


@pytest.mark.parametrize(
    ("printed", "expected"), CREDIT_TABLE, ids=[row[0] for row in CREDIT_TABLE]
)
def test_credit_table_row_parses_to_its_people_and_agencies(printed, expected):
    assert parse_credit_line(printed) == expected


@pytest.mark.parametrize("printed", [row[0] for row in CREDIT_TABLE])
def test_every_credit_table_row_looks_like_a_photo_credit(printed):
    assert looks_like_photo_credit(printed)


@pytest.mark.parametrize(
    ("printed", "stored"),
    [
        ("Associated Press", "AP"),
        ("The Associated Press", "AP"),
        ("AP Photo", "AP"),
        ("Agence France-Presse", "AFP"),
        ("AFP PHOTO", "AFP"),
        ("REUTERS", "Reuters"),
        ("Xinhua News Agency", "Xinhua"),
        ("Getty Images", "Getty Images"),
        ("Harbourside Gazette", "Harbourside Gazette"),
        # Only the four wire agencies' spellings are folded.
        ("Kyodo News", "Kyodo News"),
    ],
)
def test_agency_names_are_normalised(printed, stored):
    assert normalise_agency(printed) == stored


def test_brackets_around_a_credit_are_ignored():
    assert parse_credit_line("(AP Photo/Tomasz Wierzba)") == parse_credit_line(
        "AP Photo/Tomasz Wierzba"
    )


def test_photographer_case_is_kept_as_printed():
    assert parse_credit_line("MIRELA ODOBESCU/AFP").photographer == "MIRELA ODOBESCU"


def test_pool_is_never_a_photographer():
    credit = parse_credit_line("Pool/Reuters")
    assert credit.photographer is None
    assert credit.agency == "Reuters"


@pytest.mark.parametrize("word", ["Uncredited", "Handout", "Staff", "Stringer"])
def test_placeholder_words_are_not_people(word):
    assert parse_credit_line("AP Photo/%s" % word).photographer is None


def test_staff_after_an_agency_is_the_agency():
    assert parse_credit_line("Reuters Staff") == ParsedCredit(None, "Reuters", None, False)


def test_institution_with_initials_via_an_agency_is_not_a_person():
    credit = parse_credit_line("U.S. Geological Survey via AP")
    assert credit.photographer is None
    assert credit.agency == "U.S. Geological Survey"


def test_lone_name_via_an_agency_is_the_supplier_not_the_photographer():
    credit = parse_credit_line("Ilse Varga via AP")
    assert credit == ParsedCredit(None, "Ilse Varga", "AP", False)


@pytest.mark.parametrize(
    "supplier", ["Halvard Sea Rescue", "Friends Of The Fjord", "Norland Red Cross"]
)
def test_organisation_without_a_keyword_via_an_agency_is_the_agency(supplier):
    assert parse_credit_line(f"({supplier} via AP)") == ParsedCredit(
        None, supplier, "AP", False
    )


def test_name_and_agency_via_a_distributor_keep_the_photographer():
    assert parse_credit_line("Ilse Varga/NTB via AP") == ParsedCredit(
        "Ilse Varga", "NTB", "AP", False
    )


def test_handout_via_an_agency_is_a_credit():
    assert looks_like_photo_credit("Handout via REUTERS")
    assert parse_credit_line("Handout via REUTERS") == ParsedCredit(
        None, "Handout", "Reuters", False
    )


def test_file_mark_before_via_marks_a_file_photo():
    assert parse_credit_line("Norland Coast Guard, File via AP") == ParsedCredit(
        None, "Norland Coast Guard", "AP", True
    )


def test_backslash_between_photographer_and_agency_reads_as_a_slash():
    credit = parse_credit_line("Photo by Oskar Lindqvist\\TASS via Getty Images")
    assert credit == ParsedCredit("Oskar Lindqvist", "TASS", "Getty Images", False)
    assert looks_like_photo_credit("Photo by Oskar Lindqvist\\TASS via Getty Images")


def test_one_word_name_before_an_agency_is_a_credit():
    assert looks_like_photo_credit("Brannok/AP")
    assert parse_credit_line("Brannok/AP") == ParsedCredit("Brannok", "AP", None, False)


@pytest.mark.parametrize("code", ["SNC/PK/AS", "RK/TV", "MJPS/NB/RT"])
def test_initials_only_slash_codes_are_not_credits(code):
    assert not looks_like_photo_credit(code)


def test_empty_credit_gives_nothing():
    assert parse_credit_line("  ") == ParsedCredit()


@pytest.mark.parametrize("mark", ["AP", "Reuters", "AFP", "Xinhua"])
def test_bare_news_agency_is_a_dateline_mark_not_a_credit(mark):
    assert not looks_like_photo_credit(mark)


@pytest.mark.parametrize(
    "aside",
    [
        "R-Texas",
        "1/2",
        "and/or",
        "see below",
        "the Reuters/Ipsos poll",
        "Reuters/Ipsos poll",
        "UNHCR",
        "which the ministry denies",
        "about 40 miles",
        "photos of the event went viral",
        "Photo released by the ministry. It shows the site",
        "see https://example.org/photo",
    ],
)
def test_ordinary_bracketed_asides_are_not_credits(aside):
    assert not looks_like_photo_credit(aside)


@pytest.mark.parametrize(
    "credit",
    ["Getty Images", "Handout", "AP Photo", "Courtesy of Orla Brennan", "Photo: Kestrel Observatory"],
)
def test_credits_without_a_person_still_look_like_credits(credit):
    assert looks_like_photo_credit(credit)


def test_name_then_an_unknown_paper_gives_the_paper_as_agency():
    credit = parse_credit_line("Ilse Varga/Halvard Tidings via AP")
    assert (credit.photographer, credit.agency, credit.distributor) == (
        "Ilse Varga",
        "Halvard Tidings",
        "AP",
    )


def test_image_source_prefix_is_not_part_of_the_credit():
    assert parse_credit_line("Image source, Getty Images") == ParsedCredit(agency="Getty Images")


def test_photographer_working_for_a_paper():
    assert parse_credit_line("Ilse Varga for The Daily Ledger") == ParsedCredit(
        "Ilse Varga", "The Daily Ledger", None, False
    )


def test_client_after_an_agency_credit_is_dropped():
    assert parse_credit_line("Ilse Varga/Getty Images for Halvard Ferries") == ParsedCredit(
        "Ilse Varga", "Getty Images", None, False
    )


def test_copyright_sign_after_a_photo_label_is_not_part_of_the_agency():
    assert parse_credit_line("Photo: © UNICEF/Ilse Varga") == ParsedCredit(
        "Ilse Varga", "UNICEF", None, False
    )


@pytest.mark.parametrize("word", ["Image", "Photos", "Photo", "Picture"])
def test_a_picture_word_alone_is_not_a_credit(word):
    assert not looks_like_photo_credit(word)


def test_photo_provided_to_a_site_credits_the_site():
    credit = parse_credit_line("[Photo provided to chinadaily.com.cn]")
    assert credit == ParsedCredit(agency="chinadaily.com.cn")
    assert looks_like_photo_credit("Photo provided to chinadaily.com.cn")


def test_agency_video_credit_is_the_agency():
    assert parse_credit_line("AP Video/Edda Voss") == ParsedCredit("Edda Voss", "AP", None, False)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("NORDPIX/HALVARD NEWS EDITORIAL USE ONLY", (None, "HALVARD NEWS", "NORDPIX")),
        ("Mira Holt/AP, MANDATORY CREDIT, NO RESALES", ("Mira Holt", "AP", None)),
        ("Harbour Board via REUTERS NO RESALES. NO ARCHIVES", (None, "Harbour Board", "Reuters")),
    ],
)
def test_trailing_usage_labels_are_not_names(line, expected):
    credit = parse_credit_line(line)
    assert (credit.photographer, credit.agency, credit.distributor) == expected


def test_a_credit_that_is_only_a_usage_label_names_no_one():
    credit = parse_credit_line("EDITORIAL USE ONLY")
    assert credit.photographer is None and credit.agency is None


def test_a_submitted_photo_credit_is_kept_whole_as_the_source():
    credit = parse_credit_line("Submitted photo")
    assert (credit.photographer, credit.agency) == (None, "Submitted photo")


def test_a_release_wire_picture_prefix_leaves_the_issuer_as_the_agency():
    credit = parse_credit_line("PRNewsfoto/Harbour Tools Inc.")
    assert credit.photographer is None
    assert credit.agency == "Harbour Tools Inc"
    assert looks_like_photo_credit("PRNewsfoto/Harbour Tools Inc.")


def test_a_name_and_its_agency_may_be_separated_by_a_dash():
    assert parse_credit_line("Oskar Lindqvist — Reuters") == ParsedCredit(
        "Oskar Lindqvist", "Reuters", None, False
    )
    assert looks_like_photo_credit("Oskar Lindqvist — Reuters")


def test_a_dash_before_lower_case_words_is_not_a_credit():
    assert not looks_like_photo_credit("Oskar Lindqvist - the harbour master")


def test_a_pool_photographer_before_via_is_the_photographer():
    assert parse_credit_line("Mirela Stan/Pool Photo via AP") == ParsedCredit(
        "Mirela Stan", None, "AP", False
    )
    assert parse_credit_line("Mirela Stan, Pool via AP") == ParsedCredit(
        "Mirela Stan", None, "AP", False
    )


def test_text_wires_signing_a_story_are_not_a_photo_credit():
    assert not looks_like_photo_credit("ANI/WAM")
    assert looks_like_photo_credit("Photo/WAM")


def test_photographer_label_and_a_trailing_image_word():
    assert parse_credit_line("Photographer: Kenta Ono/Bloomberg") == ParsedCredit(
        "Kenta Ono", "Bloomberg", None, False
    )
    assert parse_credit_line("AAP Image/Lachlan Reid") == ParsedCredit("Lachlan Reid", "AAP", None, False)
    assert parse_credit_line("Getty Images") == ParsedCredit(None, "Getty Images", None, False)


def test_a_wire_after_a_second_agency_distributes_the_picture():
    assert parse_credit_line("Photo by Ansel Tremont/Invision/AP") == ParsedCredit(
        "Ansel Tremont", "Invision", "AP", False
    )
    assert normalise_agency("THE CANADIAN PRESS") == "The Canadian Press"
