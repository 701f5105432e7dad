"""Decoding, mojibake repair, normalisation and hashing of wire files."""
import codecs
import hashlib

import ftfy
import hypothesis
import pytest
from hypothesis import strategies as st

from articles.parsing import (
    UnreadableDocument,
    content_hash,
    decode_wire_bytes,
    normalise_text,
)
from articles.parsing import text as text_module
from articles.parsing.text import repair_text


def read_as_cp1252(text):
    """UTF-8 bytes of `text` shown as Windows-1252, as a browser would."""
    return text.encode("utf-8").decode("sloppy-windows-1252")

STORY = " date 2024-02-03 “We are ready,” said Tove Lindqvist, the harbour master.\n\nShips waited."


def test_utf8_bytes_decode_as_utf8():
    assert decode_wire_bytes(STORY.encode("utf-8")) == STORY


def test_utf8_byte_order_mark_is_dropped():
    assert decode_wire_bytes(codecs.BOM_UTF8 + STORY.encode("utf-8")) == STORY


def test_utf16_with_a_byte_order_mark_decodes():
    assert decode_wire_bytes(STORY.encode("utf-16")) == STORY


def test_non_utf8_bytes_fall_back_to_windows_1252():
    data = "Caf\u00e9 owners said the \u201cnew\u201d rules hurt.".encode("cp1252")
    assert decode_wire_bytes(data) == "Caf\u00e9 owners said the \u201cnew\u201d rules hurt."


def test_bytes_undefined_in_windows_1252_do_not_raise():
    assert decode_wire_bytes(b"Plain text \x81\x8d with odd bytes.").startswith("Plain text")


def test_decoding_repairs_mojibake():
    data = read_as_cp1252("“Not today,” she said.").encode("utf-8")
    assert decode_wire_bytes(data) == "“Not today,” she said."


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", codecs.BOM_UTF8 + b"\n\n"])
def test_empty_or_blank_documents_are_unreadable(data):
    with pytest.raises(UnreadableDocument, match="empty"):
        decode_wire_bytes(data)


def test_nul_bytes_mean_binary():
    with pytest.raises(UnreadableDocument, match="binary"):
        decode_wire_bytes(b"PK\x03\x04\x00\x00\x08\x00 some zip")


def test_mostly_control_bytes_mean_binary():
    with pytest.raises(UnreadableDocument, match="binary"):
        decode_wire_bytes(bytes(range(1, 32)) * 20 + b"text")


def test_unreadable_document_is_a_value_error():
    assert issubclass(UnreadableDocument, ValueError)


def test_unreadable_message_is_one_line():
    with pytest.raises(UnreadableDocument) as caught:
        decode_wire_bytes(b"\x00\x01\x02")
    assert "\n" not in str(caught.value)


def test_utf8_read_as_windows_1252_is_repaired():
    broken = read_as_cp1252("The mayor’s office said “no”.")
    assert repair_text(broken) == ("The mayor’s office said “no”.", True)


def test_utf8_read_as_mac_roman_is_repaired():
    broken = "“Ça va,” dit-elle.".encode("utf-8").decode("mac_roman")
    assert repair_text(broken) == ("“Ça va,” dit-elle.", True)


def test_mac_roman_read_as_latin1_is_repaired():
    broken = "“We don’t know,” she said – twice.".encode("mac_roman").decode("latin-1")
    assert repair_text(broken) == ("“We don’t know,” she said – twice.", True)


def test_mac_roman_accents_are_repaired_on_a_page_with_mac_roman_quotes():
    page = "“It’s over,” he said.\nThe village of Alcàntera was spared."
    broken = page.encode("mac_roman").decode("latin-1")
    assert repair_text(broken) == (page, True)


def test_cyrillic_in_windows_1251_read_as_latin1_is_repaired():
    broken = "Глава города Светлогорск сказал нет.".encode("cp1251").decode("latin-1")
    assert repair_text(broken) == ("Глава города Светлогорск сказал нет.", True)


def test_two_encodings_on_one_page_are_both_repaired():
    first = read_as_cp1252("“Yes,” said Ana.")
    second = "Dijo: “Sí”.".encode("mac_roman").decode("latin-1")
    fixed, repaired = repair_text(first + "\n" + second)
    assert repaired
    assert fixed == "“Yes,” said Ana.\nDijo: “Sí”."


def test_curly_quotes_are_never_straightened():
    assert repair_text("“Fine,” she said, ‘quite fine’.") == (
        "“Fine,” she said, ‘quite fine’.",
        False,
    )


@pytest.mark.parametrize(
    "clean",
    [
        "Café Zürich reopened in Malmö.",
        "ÓSCAR and ÁNGELA arrived.",
        "Ørsted and Æon signed — finally.",
        "Москва, 5 мая.",
    ],
)
def test_clean_text_is_left_alone(clean):
    assert repair_text(clean) == (clean, False)


def test_normalise_removes_bom_crlf_and_trailing_spaces():
    assert normalise_text("\ufeffFirst line  \r\nSecond\t\rThird\n\n") == "First line\nSecond\nThird"


def test_normalise_keeps_the_leading_space_of_the_date_prefix():
    assert normalise_text(" date 2024-02-03 Text") == " date 2024-02-03 Text"


@pytest.mark.parametrize(
    "variant",
    [
        STORY.replace("\n", "\r\n"),
        "\ufeff" + STORY,
        STORY + "\n",
        STORY.replace("\n", "\r"),
        "\ufeff" + STORY.replace("\n", "\r\n") + "\r\n",
        STORY.replace(".", ".   "),
    ],
)
def test_line_ending_bom_and_trailing_space_variants_hash_the_same(variant):
    assert content_hash(variant) == content_hash(STORY)


def test_mojibake_variant_hashes_like_the_clean_story():
    broken = read_as_cp1252(STORY)
    assert content_hash(broken) == content_hash(STORY)


def test_content_hash_is_sha256_of_the_normalised_text():
    expected = hashlib.sha256(normalise_text(STORY).encode("utf-8")).hexdigest()
    assert content_hash(STORY) == expected


def test_different_stories_hash_differently():
    assert content_hash(STORY) != content_hash(STORY.replace("ready", "late"))


def test_mojibake_beside_correct_quotes_in_one_line_is_repaired():
    broken = "He said “yes” and then " + read_as_cp1252("“no”")
    assert repair_text(broken) == ("He said “yes” and then “no”", True)


def test_raw_mac_roman_bytes_decode():
    data = "“Café,” she said – it’s Zürich.".encode("mac_roman")
    assert decode_wire_bytes(data) == "“Café,” she said – it’s Zürich."


def test_raw_windows_1251_bytes_decode():
    data = "Мэр Светлогорска заявил, что паром придёт.".encode("cp1251")
    assert decode_wire_bytes(data) == "Мэр Светлогорска заявил, что паром придёт."


CLEAN_ALPHABET = (
    "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) != "&") + "\t“”‘’–—…"
)


@hypothesis.given(st.text(alphabet=CLEAN_ALPHABET, max_size=60))
@hypothesis.settings(max_examples=300, deadline=None)
def test_lines_taken_as_clean_are_ones_ftfy_leaves_alone(line):
    assert text_module._CLEAN_LINE.fullmatch(line)
    assert ftfy.fix_and_explain(line, text_module.FTFY_CONFIG).text == line


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("Rock &amp; roll night", "Rock & roll night"),
        ("Red \x1b[31malert\x1b[0m", "Red alert"),
        ("The ﬁnal whistle", "The final whistle"),
    ],
)
def test_ascii_lines_ftfy_would_change_still_go_through_it(line, fixed):
    assert repair_text(line)[0] == fixed


def test_repairing_a_document_again_does_not_run_ftfy_again(monkeypatch):
    calls = []
    real = ftfy.fix_and_explain

    def counting(line, config):
        calls.append(line)
        return real(line, config)

    monkeypatch.setattr(text_module.ftfy, "fix_and_explain", counting)
    text = "Ósk Brynjarsdóttir met the crew at Höfn.\nThey sailed at dawn."
    first, _ = repair_text(text)
    assert calls == ["Ósk Brynjarsdóttir met the crew at Höfn."]
    assert repair_text(first) == (first, False)
    assert normalise_text(first) == first
    assert len(calls) == 1


def test_control_characters_are_counted_once_per_occurrence():
    # Exactly at the limit is readable; one more control code is binary.
    at_limit = "a" * 95 + "\x01" * 5
    text_module.check_readable(at_limit)
    with pytest.raises(UnreadableDocument):
        text_module.check_readable("a" * 94 + "\x01" * 6)
