"""`import_seeds` on hostile files: each is reported, the rest go in whole."""
import builtins
import io
import json
import os
import random
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, transaction
from django.db.models.query import QuerySet
from django.urls import reverse

from articles import importing
from articles.models import Article, Quote
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

GOOD = (
    " date 2024-03-14 The ferry to Kestrel Island ran again on Thursday after a "
    "winter of repairs to the pier at Port Alder.\n\n"
    "“We are back, and the crossing is safe,” said Orla Fenn, the harbour master.\n\n"
    "Caption Passengers wait on the pier at Port Alder on March 14, 2024. "
    "(AP Photo/Tomas Wren) Credit: Tomas Wren\n"
)
MEGABYTE = 1024 * 1024


def run_import(*paths, options=()):
    """The command's exit status, standard output and standard error."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_seeds", *map(str, paths), *options, stdout=out, stderr=err)
        status = 0
    except CommandError as exc:
        status = exc.returncode
        err.write(f"{exc}\n")
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue()


def row_counts():
    """How many rows every table of every app holds."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


@pytest.fixture
def good_only(tmp_path):
    """The row counts an import of the good file alone leaves behind."""
    folder = tmp_path / "reference"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    with transaction.atomic():
        status, _, err = run_import(folder)
        assert status == 0, err
        counts = row_counts()
        transaction.set_rollback(True)
    assert counts["articles.Article"] == 1
    assert counts["articles.Quote"] == 1
    assert counts["articles.Photo"] == 1
    return counts


@pytest.fixture
def wire(tmp_path):
    """A folder holding the good file, for hostile files to join."""
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def write_bytes(data, name="bad.txt"):
    def make(folder):
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def sparse_file(size):
    def make(folder):
        path = folder / "huge.txt"
        with path.open("wb") as handle:
            handle.seek(size - 1)
            handle.write(b"\n")
        return path

    return make


def big_text_file(folder):
    """Over the limit, but real text all the way: the size alone refuses it."""
    path = folder / "long-story.txt"
    paragraph = ("The council debated the harbour budget again. " * 40 + "\n\n").encode()
    with path.open("wb") as handle:
        for _ in range(6 * MEGABYTE // len(paragraph) + 1):
            handle.write(paragraph)
    return path


def dangling_symlink(folder):
    path = folder / "gone.txt"
    path.symlink_to(folder / "was-never-there.txt")
    return path


def symlink_to_itself(folder):
    path = folder / "self.txt"
    path.symlink_to(path)
    return path


def folder_named_txt(folder):
    """A folder called like a wire file, holding a bad file."""
    inner = folder / "nested.txt"
    inner.mkdir()
    (inner / "inner-empty.txt").write_bytes(b"")
    return inner / "inner-empty.txt"


noise = random.Random(20240314)
HOSTILE = {
    "empty": write_bytes(b""),
    "whitespace only": write_bytes(b" \n\r\n\t \n"),
    "byte-order mark only": write_bytes(b"\xef\xbb\xbf\n"),
    "binary with NUL bytes": write_bytes(bytes(range(256)) * 8),
    "PNG image named .txt": write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + noise.randbytes(2048)
    ),
    "control characters, no NUL": write_bytes(
        bytes(b % 31 + 1 for b in noise.randbytes(4096))
    ),
    "UTF-16 BOM then odd bytes": write_bytes(b"\xff\xfe" + b"\x00\xd8" * 3 + b"A"),
    "sparse 50 MB file": sparse_file(50 * MEGABYTE),
    "6 MB of real text": big_text_file,
    "dangling symlink": dangling_symlink,
    "symlink to itself": symlink_to_itself,
    "bad file inside a folder named .txt": folder_named_txt,
    "empty file with spaces and unicode in its name": write_bytes(
        b"", name="Bad file – Kestrel Ø 東京.txt"
    ),
}


def mentions(err, path):
    """The lines of `err` that name the file at `path`."""
    return [line for line in err.splitlines() if path.name in line]


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_file_in_a_folder_is_reported_and_the_rest_imported(wire, good_only, make):
    bad = make(wire)
    status, _, err = run_import(wire)
    assert status != 0
    assert len(mentions(err, bad)) >= 1, err
    assert row_counts() == good_only
    assert list(Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_file_named_on_the_command_line_is_reported(wire, good_only, make):
    bad = make(wire)
    status, _, err = run_import(wire / "good.txt", bad)
    assert status != 0
    assert len(mentions(err, bad)) >= 1, err
    assert row_counts() == good_only


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_file_gives_a_json_error_record(wire, make):
    bad = make(wire)
    status, out, _ = run_import(wire, options=["--format", "json"])
    assert status != 0
    records = [json.loads(line) for line in out.splitlines()]
    errors = [r for r in records if "error" in r]
    assert len(errors) == 1
    assert errors[0]["error"]
    assert Path(errors[0]["source"]).name == bad.name
    assert [r["source"] for r in records if "error" not in r] == ["good.txt"]


def test_each_error_is_one_line_naming_the_file(wire):
    names = ["empty.txt", "also empty.txt", "leer – Ø.txt"]
    for name in names:
        (wire / name).write_bytes(b"")
    status, out, err = run_import(wire)
    assert status != 0
    for name in names:
        assert len([line for line in err.splitlines() if f"/{name}:" in line]) == 1, err


def test_a_name_with_a_newline_is_reported_on_one_line(wire, good_only):
    try:
        bad = wire / "first line\nsecond line.txt"
        bad.write_bytes(b"")
    except OSError:
        pytest.skip("this filesystem refuses newlines in file names")
    status, _, err = run_import(wire)
    assert status != 0
    lines = [line for line in err.splitlines() if "first line" in line]
    assert len(lines) == 1 and "second line.txt" in lines[0], err
    assert row_counts() == good_only


@pytest.mark.parametrize(
    "name",
    [
        "with spaces in it.txt",
        "Kestrel – Ø 東京 ferry.txt",
        "quote's \"double\" $(dollar) `tick`.txt",
        "-leading-dash.txt",
        "newline\nin the name.txt",
    ],
)
def test_a_good_file_with_an_odd_name_is_imported_under_that_name(tmp_path, name):
    folder = tmp_path / "odd"
    folder.mkdir()
    try:
        (folder / name).write_text(GOOD, encoding="utf-8")
    except OSError:
        pytest.skip("this filesystem refuses the name")
    status, _, err = run_import(folder)
    assert status == 0, err
    assert list(Article.objects.values_list("source_name", flat=True)) == [name]
    # A second run knows the file by the same odd name.
    status, _, err = run_import(folder)
    assert status == 0, err
    assert Article.objects.count() == 1


def test_a_folder_symlink_loop_neither_hangs_nor_imports_twice(wire, good_only):
    (wire / "sub").mkdir()
    (wire / "sub" / "loop").symlink_to(wire, target_is_directory=True)
    (wire / "sub" / "deeper").symlink_to(wire / "sub", target_is_directory=True)
    status, _, err = run_import(wire)
    # The loop holds no file of its own to fail; the good file goes in once.
    assert status == 0, err
    assert row_counts() == good_only


def test_a_symlink_loop_given_as_a_glob_neither_hangs_nor_imports_twice(wire, good_only):
    (wire / "loop").symlink_to(wire, target_is_directory=True)
    status, _, err = run_import(f"{wire}/**/*.txt")
    assert status == 0, err
    assert row_counts() == good_only


def test_a_file_that_vanishes_after_listing_is_reported(wire, good_only, monkeypatch):
    victim = wire / "vanishing.txt"
    victim.write_text(GOOD.replace("Kestrel Island", "Greyfen"), encoding="utf-8")
    real_open, real_io_open = builtins.open, io.open

    def vanish_then(opener):
        def open_(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and Path(file).name == victim.name:
                Path(file).unlink(missing_ok=True)
            return opener(file, *args, **kwargs)

        return open_

    # Reading goes through open() whether it is called as a builtin, from io
    # or from pathlib, so the file is gone at the moment it is opened.
    monkeypatch.setattr(builtins, "open", vanish_then(real_open))
    monkeypatch.setattr(io, "open", vanish_then(real_io_open))
    status, _, err = run_import(wire)
    monkeypatch.undo()
    assert status != 0
    assert len(mentions(err, victim)) >= 1, err
    assert row_counts() == good_only


def test_readable_text_in_a_wrong_encoding_is_imported_not_refused(tmp_path):
    folder = tmp_path / "encodings"
    folder.mkdir()
    cp1252 = GOOD.replace("Orla Fenn", "Orla Fenné").encode("cp1252")
    (folder / "cp1252.txt").write_bytes(cp1252)
    broken_utf8 = GOOD.encode("utf-8").replace(b"Port Alder on", b"Port Alder\xe2\x80 on")
    (folder / "broken-utf8.txt").write_bytes(broken_utf8)
    status, _, err = run_import(folder)
    assert status == 0, err
    assert Article.objects.count() == 2
    for article in Article.objects.all():
        assert "“We are back" in article.body
        assert "â€" not in article.body


def test_a_story_whose_save_fails_midway_leaves_no_rows(wire, monkeypatch):
    """A database error after the article row is written rolls it all back."""
    before = row_counts()
    real_bulk_create, real_insert = QuerySet.bulk_create, importing._insert_rows

    def failing_bulk_create(self, objs, *args, **kwargs):
        if self.model is Quote:
            raise DatabaseError("could not extend file: No space left on device")
        return real_bulk_create(self, objs, *args, **kwargs)

    def failing_insert(model, rows, **kwargs):
        if model is Quote:
            raise DatabaseError("could not extend file: No space left on device")
        return real_insert(model, rows, **kwargs)

    def failing_save(self, *args, **kwargs):
        raise DatabaseError("could not extend file: No space left on device")

    # Quotes are written after the article, its history and its photos,
    # by the plain insert or (on a database without RETURNING) bulk_create.
    monkeypatch.setattr(QuerySet, "bulk_create", failing_bulk_create)
    monkeypatch.setattr(importing, "_insert_rows", failing_insert)
    monkeypatch.setattr(Quote, "save", failing_save)
    status, _, err = run_import(wire)
    monkeypatch.undo()
    assert status != 0
    assert "good.txt" in err
    assert row_counts() == before


def post_admin_change(client, article, **changes):
    """Submit the article's admin page as a browser would, with `changes`."""
    url = reverse("admin:articles_article_change", args=[article.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is not None:
            data[name] = value
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({
            f"{prefix}-TOTAL_FORMS": 0,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        })
    data.update(changes)
    response = client.post(url, data)
    if response.status_code != 302:
        pytest.fail(f"the admin did not save: {response.context['errors']}")


def test_an_admin_save_with_browser_line_breaks_is_stored(admin_client):
    article = ArticleFactory(draft=True)
    post_admin_change(admin_client, article, body="First paragraph.\r\n\r\nSecond paragraph.")
    article.refresh_from_db()
    assert "First paragraph." in article.body and "Second paragraph." in article.body
    assert article.edited_at is not None


def test_a_body_saved_from_a_browser_keeps_its_paragraphs(admin_client):
    article = ArticleFactory(draft=True)
    post_admin_change(admin_client, article, body="First paragraph.\r\n\r\nSecond paragraph.")
    article.refresh_from_db()
    assert article.paragraphs == ["First paragraph.", "Second paragraph."]


def test_a_dry_run_over_hostile_files_writes_nothing_and_still_fails(wire):
    bad = {make(wire) for make in HOSTILE.values()}
    before = row_counts()
    status, _, err = run_import(wire, options=["--dry-run"])
    assert status != 0
    for path in bad:
        assert mentions(err, path), (path, err)
    assert row_counts() == before
