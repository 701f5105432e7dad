"""Imports running at once, and an editor saving during an import, on PostgreSQL."""
import re
import threading
import time
from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from articles.models import Article, Credit, Photo, Quote, credit_key
from articles.parsing import parse_wire_story

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite takes one writer at a time: races need PostgreSQL",
    ),
    # Each thread works through its own connection, so the rows must be
    # committed for the others to see them.
    pytest.mark.django_db(transaction=True),
]

PEOPLE = ["Tomas Wren", "Orla Fenn", "Ilse Marrow", "Kasimir Dunmore", "Nerys Oakhurst"]
AGENCIES = ["Harbour Light Agency", "Kestrel Wire", "Saltmarsh Pictures"]
PLACES = ["Port Alder", "Greyfen", "Northmere", "Saltmarsh", "Kestrel Island"]


def wire_story(number):
    """A story whose photos share photographers and agencies with the others."""
    place = PLACES[number % len(PLACES)]
    captions = []
    for photo in range(3):
        person = PEOPLE[(number + photo) % len(PEOPLE)]
        agency = AGENCIES[(number * 2 + photo) % len(AGENCIES)]
        captions.append(
            f"Caption Workers repair the sea wall in {place}, photo {photo} of story "
            f"{number}. ({person}/{agency} via AP) Credit: {person}"
        )
    speaker = PEOPLE[number % len(PEOPLE)]
    return (
        f" date 2024-03-{number % 28 + 1:02d} The council in {place} approved "
        f"repairs to the sea wall on Tuesday, in decision number {number}.\n\n"
        f"“The wall has stood for a century and it will stand for another,” "
        f"{speaker} said.\n\n" + "\n\n".join(captions) + "\n"
    )


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number in range(24):
        (folder / f"story-{number:03d}.txt").write_text(wire_story(number), encoding="utf-8")
    return folder


def import_in_thread(arguments, barrier, outcome):
    """Run import_seeds in a thread of its own, on its own connection."""

    def run():
        out, err = StringIO(), StringIO()
        try:
            barrier.wait()
            call_command("import_seeds", *map(str, arguments), stdout=out, stderr=err)
            outcome["status"] = 0
        except CommandError as exc:
            outcome["status"] = exc.returncode
            outcome["error"] = str(exc)
        except BaseException as exc:  # noqa: BLE001 - the test reports any crash
            outcome["status"] = "crash"
            outcome["error"] = repr(exc)
        finally:
            outcome["stdout"], outcome["stderr"] = out.getvalue(), err.getvalue()
            connection.close()

    return threading.Thread(target=run)


def run_at_once(*argument_lists):
    barrier = threading.Barrier(len(argument_lists))
    outcomes = [{} for _ in argument_lists]
    threads = [
        import_in_thread(arguments, barrier, outcome)
        for arguments, outcome in zip(argument_lists, outcomes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def assert_imported_once(folder):
    files = sorted(folder.glob("*.txt"))
    assert sorted(Article.objects.values_list("source_name", flat=True)) == [
        f.name for f in files
    ]
    assert Article.history.filter(history_type="+").count() == len(files)
    assert Photo.objects.count() == 3 * len(files)
    assert Quote.objects.count() == len(files)
    keys = Counter(credit_key(c.name) for c in Credit.objects.all())
    assert [key for key, n in keys.items() if n > 1] == []
    # Whatever names the parser makes of the credits, each is one row.
    expected = {
        credit_key(name)
        for path in files
        for photo in parse_wire_story(path.read_text(encoding="utf-8")).photos
        for name in (photo.photographer, photo.agency, photo.distributor)
        if name
    }
    assert len(expected) >= len(PEOPLE) + 1
    assert set(keys) == expected
    assert Credit.history.filter(history_type="+").count() == len(expected)


def test_two_imports_of_one_folder_at_once_import_each_story_once(corpus):
    outcomes = run_at_once([corpus], [corpus])
    for outcome in outcomes:
        assert outcome["status"] == 0, outcome
    assert_imported_once(corpus)


def test_two_imports_in_opposite_orders_import_each_story_once(corpus):
    """Credits shared across files, taken in opposite orders, must not deadlock an import."""
    files = sorted(corpus.glob("*.txt"))
    outcomes = run_at_once(files, list(reversed(files)))
    for outcome in outcomes:
        assert outcome["status"] == 0, outcome
    assert_imported_once(corpus)


def test_three_imports_at_once_leave_nothing_twice(corpus):
    files = sorted(corpus.glob("*.txt"))
    outcomes = run_at_once([corpus], files, list(reversed(files)))
    for outcome in outcomes:
        assert outcome["status"] != "crash", outcome
    assert_imported_once(corpus)


def backend_waiting_on_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_an_editor_saving_during_an_import_keeps_the_edit(corpus):
    path = corpus / "story-000.txt"
    call_command("import_seeds", str(path), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get(source_name=path.name)
    path.write_text(
        wire_story(0).replace("approved repairs", "postponed repairs"), encoding="utf-8"
    )
    edited_body = "Corrected by the desk: the council met on Wednesday.\n\n" + article.body

    editor_saved, editor_may_commit = threading.Event(), threading.Event()
    editor = {}

    def edit():
        from django.db import transaction

        try:
            with transaction.atomic():
                mine = Article.objects.get(pk=article.pk)
                mine.headline = "Sea wall repairs approved"
                mine.headline_is_provisional = False
                mine.body = edited_body
                mine.edited_at = timezone.now()
                mine.save()
                editor_saved.set()
                # Hold the row until the import has reached it.
                editor_may_commit.wait()
            editor["ok"] = True
        except BaseException as exc:  # noqa: BLE001
            editor["error"] = repr(exc)
            editor_saved.set()
        finally:
            connection.close()

    editor_thread = threading.Thread(target=edit)
    editor_thread.start()
    editor_saved.wait()
    importer = {}
    import_thread = import_in_thread([path], threading.Barrier(1), importer)
    import_thread.start()
    # Bounded wait for the import to queue behind the editor's row lock; the
    # outcome is asserted either way, this only makes the race happen.
    for _ in range(200):
        if backend_waiting_on_a_lock() or not import_thread.is_alive():
            break
        time.sleep(0.02)
    editor_may_commit.set()
    editor_thread.join()
    import_thread.join()

    assert editor.get("ok"), editor
    assert importer["status"] != "crash", importer
    article.refresh_from_db()
    assert article.body == edited_body
    assert article.headline == "Sea wall repairs approved"
    assert article.import_conflict
    assert re.search(r"\b1 conflict", importer["stdout"] + importer["stderr"]), importer


def test_an_editor_saving_after_an_import_keeps_the_edit_on_the_next_import(corpus):
    path = corpus / "story-001.txt"
    call_command("import_seeds", str(path), stdout=StringIO(), stderr=StringIO())
    article = Article.objects.get(source_name=path.name)
    article.body = "The desk rewrote this story."
    article.edited_at = timezone.now()
    article.save()
    path.write_text(wire_story(1).replace("approved", "rejected"), encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_seeds", str(path), stdout=out, stderr=err)
    article.refresh_from_db()
    assert article.body == "The desk rewrote this story."
    assert article.import_conflict


def test_a_credit_merge_during_an_import_loses_no_photo(corpus, monkeypatch):
    """
    An import that has just credited a photo to a spelling an editor is
    merging away: whichever commits second must end with the photo on the
    survivor (the merge takes it along, or the import finds the spelling
    gone and retries onto the alias).
    """
    from django.contrib.auth import get_user_model

    from articles import editing, importing

    # Both stories credit a photo to Tomas Wren, spelled here the old way.
    first, second = corpus / "story-000.txt", corpus / "story-004.txt"
    first.write_text(wire_story(0).replace("Tomas Wren", "Tom Wren"), encoding="utf-8")
    call_command("import_seeds", str(first), stdout=StringIO(), stderr=StringIO())
    survivor = Credit.objects.create(name="Tomas Wren", slug="tomas-wren", kind=Credit.Kind.PERSON)
    merged = Credit.objects.get(name="Tom Wren")
    editor = get_user_model().objects.create_superuser("desk", password="x" * 20)
    second.write_text(wire_story(4).replace("Tomas Wren", "Tom Wren"), encoding="utf-8")
    photos_in_second = len(parse_wire_story(second.read_text(encoding="utf-8")).photos)

    photos_written, may_commit = threading.Event(), threading.Event()
    real_bulk_create = importing.bulk_create_with_history

    def bulk_create_then_hold(objs, model, **kwargs):
        created = real_bulk_create(objs, model, **kwargs)
        if model is Photo and threading.current_thread().name == "import":
            photos_written.set()
            may_commit.wait()
        return created

    monkeypatch.setattr(importing, "bulk_create_with_history", bulk_create_then_hold)
    importer = {}
    import_thread = import_in_thread([second], threading.Barrier(1), importer)
    import_thread.name = "import"
    import_thread.start()
    photos_written.wait()

    merge = {}

    def run_merge():
        try:
            merge["result"] = editing.merge_credits(
                survivor=survivor, merged=[merged], user=editor
            )
        except BaseException as exc:  # noqa: BLE001
            merge["error"] = repr(exc)
        finally:
            connection.close()

    merge_thread = threading.Thread(target=run_merge)
    merge_thread.start()
    for _ in range(200):
        if backend_waiting_on_a_lock() or not merge_thread.is_alive():
            break
        time.sleep(0.02)
    may_commit.set()
    import_thread.join()
    merge_thread.join()

    assert importer["status"] == 0, importer
    assert "error" not in merge, merge
    assert not Credit.objects.filter(pk=merged.pk).exists()
    wren = Photo.objects.filter(photographer=survivor).count()
    # Every photo of both stories credited to the old spelling now names the survivor.
    assert wren == sum(
        1
        for path in (first, second)
        for photo in parse_wire_story(path.read_text(encoding="utf-8")).photos
        if photo.photographer == "Tom Wren"
    )
    assert Photo.objects.count() == 3 + photos_in_second
