"""The import service: parsed stories into articles, photos, quotes and credits."""
import datetime
import hashlib
import zoneinfo

import pytest
from django.core.files.base import ContentFile
from django.db import DatabaseError
from django.utils import timezone

from articles import importing
from articles.importing import ImportRun, ImportStatus, import_seed_file, import_story
from articles.models import Article, Credit, Photo, Quote
from articles.parsing.story import ParsedPhoto, ParsedQuote, ParsedStory
from tests.factories import ArticleFactory, CreditAliasFactory, CreditFactory

pytestmark = pytest.mark.django_db

PARAGRAPHS = (
    "KESTREL BAY, Westmark (AP) — The lighthouse at Kestrel Bay will close for "
    "repairs this winter, the harbour board said Tuesday.",
    "“The lamp has turned every night for ninety years,” said Orla Fenn, who "
    "chairs the board. “It has earned a rest.”",
    "Fishermen said the closure worried them.",
)


def photo(caption="The lighthouse at dusk.", **fields):
    fields.setdefault("credit_line", "AP Photo/Tomas Wren")
    fields.setdefault("credit", "Tomas Wren")
    fields.setdefault("photographer", "Tomas Wren")
    fields.setdefault("agency", "AP")
    return ParsedPhoto(caption=caption, **fields)


def make_story(**fields):
    defaults = dict(
        date=datetime.date(2023, 11, 5),
        headline="Kestrel Bay lighthouse to close for repairs",
        headline_provisional=False,
        dateline="KESTREL BAY, Westmark",
        byline="By Ilse Marrow",
        paragraphs=PARAGRAPHS,
        photos=(
            photo(),
            photo(
                "FILE - Boats in the harbour.",
                credit_line="Ansel Brook/Harbour Light via AP, File",
                credit="Ansel Brook",
                photographer="Ansel Brook",
                agency="Harbour Light",
                distributor="AP",
                is_file_photo=True,
            ),
        ),
        quotes=(
            ParsedQuote(
                text="The lamp has turned every night for ninety years,",
                paragraph=1,
                speaker="Orla Fenn",
                speaker_resolved="Orla Fenn",
                verb="said",
            ),
            ParsedQuote(
                text="It has earned a rest.",
                paragraph=1,
                speaker=None,
                speaker_resolved=None,
                verb=None,
            ),
        ),
        warnings=("mixed quotation marks",),
    )
    defaults.update(fields)
    return ParsedStory(**defaults)


def text_hash(label):
    return hashlib.sha256(label.encode()).hexdigest()


def save(story=None, source="kestrel.txt", digest=None, **options):
    return import_story(
        story=story or make_story(),
        source_name=source,
        source_hash=digest or text_hash(source),
        **options,
    )


def row_counts():
    return {
        model.__name__: (model.objects.count(), model.history.count())
        for model in (Article, Photo, Quote, Credit)
    }


# Articles ----------------------------------------------------------------


def test_story_becomes_a_published_article_with_every_field(settings):
    settings.TIME_ZONE = "Pacific/Auckland"
    before = timezone.now()
    result = save(digest=text_hash("v1"))

    assert result.status == ImportStatus.CREATED
    assert result.error is None
    article = Article.objects.get(pk=result.article_id)
    assert article.headline == "Kestrel Bay lighthouse to close for repairs"
    assert article.headline_is_provisional is False
    assert article.slug == "kestrel-bay-lighthouse-to-close-for-repairs"
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime.datetime(
        2023, 11, 5, tzinfo=zoneinfo.ZoneInfo("Pacific/Auckland")
    )
    assert article.dateline == "KESTREL BAY, Westmark"
    assert article.byline == "By Ilse Marrow"
    assert article.body == "\n\n".join(PARAGRAPHS)
    assert article.paragraphs == list(PARAGRAPHS)
    assert article.source_name == "kestrel.txt"
    assert article.source_hash == text_hash("v1")
    assert article.imported_at >= before
    assert article.import_conflict is False
    assert "mixed quotation marks" in result.warnings


def test_story_without_a_date_is_a_draft_with_no_invented_date():
    result = save(make_story(date=None))
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert any("no date" in warning for warning in result.warnings)


def test_draft_option_imports_a_dated_story_as_a_draft():
    save(draft=True)
    article = Article.objects.get()
    assert article.status == Article.Status.DRAFT
    assert article.published_at is not None


def test_dated_story_with_provisional_headline_is_published_and_marked():
    result = save(make_story(headline="The lighthouse at Kestrel Bay will close", headline_provisional=True))
    article = Article.objects.get()
    assert article.headline_is_provisional is True
    assert article.status == Article.Status.PUBLISHED
    assert any("provisional headline" in warning for warning in result.warnings)


def test_overlong_fields_are_shortened_with_a_warning():
    result = save(make_story(dateline="X" * 250))
    article = Article.objects.get()
    assert len(article.dateline) == 200
    assert any("dateline longer than 200" in warning for warning in result.warnings)


def test_story_with_no_paragraphs_fails_and_writes_nothing():
    result = save(make_story(paragraphs=()))
    assert result.status == ImportStatus.FAILED
    assert "kestrel.txt" in result.error and "no story text" in result.error
    assert not Article.objects.exists()


def test_headline_clash_gets_a_suffix_that_depends_on_the_file_not_the_order():
    save(source="first.txt")
    clash = save(source="second.txt")
    slug = Article.objects.get(pk=clash.article_id).slug
    assert slug != "kestrel-bay-lighthouse-to-close-for-repairs"
    assert slug.startswith("kestrel-bay-lighthouse-to-close-for-repairs-")

    Article.objects.all().delete()
    save(source="another.txt")
    again = save(source="second.txt")
    assert Article.objects.get(pk=again.article_id).slug == slug


# Photos and quotes -------------------------------------------------------


def test_photos_are_saved_in_order_with_their_credits():
    save()
    article = Article.objects.get()
    first, second = article.photos.order_by("position")
    assert (first.position, second.position) == (0, 1)
    assert first.caption == "The lighthouse at dusk."
    assert first.credit_line == "AP Photo/Tomas Wren"
    assert first.credit_text == "Tomas Wren"
    assert first.photographer.name == "Tomas Wren"
    assert first.photographer.kind == Credit.Kind.PERSON
    assert first.agency.name == "AP"
    assert first.agency.kind == Credit.Kind.ORGANISATION
    assert first.distributor is None
    assert first.is_file_photo is False
    assert second.is_file_photo is True
    assert second.agency.name == "Harbour Light"
    assert second.distributor == first.agency
    assert second.history.count() == 1


def test_quotes_are_saved_in_order_and_stand_verbatim_in_the_body():
    save()
    article = Article.objects.get()
    first, second = article.quotes.order_by("position")
    assert (first.position, first.paragraph, first.text) == (
        0,
        1,
        "The lamp has turned every night for ninety years,",
    )
    assert (first.speaker, first.speaker_resolved, first.verb) == ("Orla Fenn", "Orla Fenn", "said")
    assert (second.speaker, second.speaker_resolved, second.verb) == ("", "", "")
    assert Quote.objects.verbatim().count() == 2
    assert second.history.count() == 1


def test_a_quote_missing_from_the_body_is_kept_with_a_warning():
    story = make_story(quotes=(ParsedQuote(text="Words nobody wrote", paragraph=0),))
    result = save(story)
    assert Quote.objects.get().text == "Words nobody wrote"
    assert any("not found word for word" in warning for warning in result.warnings)


# Credits -----------------------------------------------------------------


def test_uncredited_and_similar_values_are_never_credits():
    story = make_story(
        photos=(
            photo(credit="Uncredited", photographer="Uncredited", agency=None),
            photo(credit="Handout", photographer=None, agency="HANDOUT"),
            photo(credit="", photographer="  ", agency="Unknown"),
        )
    )
    save(story)
    assert not Credit.objects.exists()
    assert list(Photo.objects.values_list("credit_text", flat=True)) == [
        "Uncredited",
        "Handout",
        "",
    ]


def test_one_person_spelled_in_capitals_and_in_title_case_is_one_credit():
    story = make_story(
        photos=(photo(photographer="JANE DOE"), photo(photographer="Jane  Doe"))
    )
    save(story)
    save(make_story(photos=(photo(photographer="jane doe"),)), source="other.txt")
    assert Credit.objects.filter(kind=Credit.Kind.PERSON).count() == 1
    credit = Credit.objects.get(kind=Credit.Kind.PERSON)
    assert credit.name == "JANE DOE"
    assert Photo.objects.filter(photographer=credit).count() == 3


def test_credits_are_shared_by_every_later_import():
    save(source="a.txt")
    save(make_story(headline="Another story"), source="b.txt", run=ImportRun())
    assert sorted(Credit.objects.values_list("name", flat=True)) == [
        "AP",
        "Ansel Brook",
        "Harbour Light",
        "Tomas Wren",
    ]


def test_a_merged_spelling_attaches_later_imports_to_the_surviving_credit():
    survivor = CreditFactory(name="Tomas Wren-Hale", slug="tomas-wren-hale")
    CreditAliasFactory(credit=survivor, name="Tomas Wren")
    save()
    photo_row = Photo.objects.get(position=0)
    assert photo_row.photographer == survivor
    assert not Credit.objects.filter(name="Tomas Wren").exists()


def test_credit_slugs_stay_unique_when_two_names_slugify_alike():
    save(make_story(photos=(photo(photographer="Jo Ann Pike"), photo(photographer="Jo-Ann Pike"))))
    slugs = list(Credit.objects.filter(kind="person").values_list("slug", flat=True))
    assert len(slugs) == 2 and len(set(slugs)) == 2


def test_a_credit_created_by_another_import_meanwhile_is_reused_not_duplicated(monkeypatch):
    """The unique key decides a race; the losing document still lands whole."""
    real_find = ImportRun._find_credit
    raced = []

    def find_after_a_rival(key):
        if key == "tomas wren" and not raced:
            raced.append(key)
            # The rival commits its row between this lookup and the insert.
            CreditFactory(name="Tomas Wren", slug="tomas-wren-rival")
            return None
        return real_find(key)

    monkeypatch.setattr(ImportRun, "_find_credit", staticmethod(find_after_a_rival))
    result = save()
    assert result.status == ImportStatus.CREATED
    assert raced
    assert Credit.objects.filter(key="tomas wren").count() == 1
    assert Photo.objects.get(position=0).photographer.slug == "tomas-wren-rival"
    assert Photo.objects.count() == 2


def test_credits_of_a_document_that_failed_are_not_reused_from_the_cache(monkeypatch):
    run = ImportRun()
    real_bulk = importing.bulk_create_with_history

    def failing_bulk(objs, model, **kwargs):
        if model is Quote:
            raise DatabaseError("disk full")
        return real_bulk(objs, model, **kwargs)

    monkeypatch.setattr(importing, "bulk_create_with_history", failing_bulk)
    failed = save(source="a.txt", run=run)
    assert failed.status == ImportStatus.FAILED
    assert "a.txt" in failed.error and "disk full" in failed.error
    assert row_counts() == {name: (0, 0) for name in ("Article", "Photo", "Quote", "Credit")}

    monkeypatch.setattr(importing, "bulk_create_with_history", real_bulk)
    assert save(source="b.txt", run=run).status == ImportStatus.CREATED
    assert Photo.objects.filter(photographer__name="Tomas Wren").count() == 1


def test_credits_are_looked_up_once_per_run(django_assert_max_num_queries):
    run = ImportRun(preload=True)
    save(source="a.txt", run=run)
    # Savepoint, slug check, article + history, photos + history, quotes +
    # history, release: the credits come from the run's cache.
    with django_assert_max_num_queries(10) as queries:
        save(make_story(headline="Second story"), source="b.txt", run=run)
    assert not [q for q in queries.captured_queries if "articles_credit" in q["sql"]]


# Re-imports --------------------------------------------------------------


def test_same_text_again_is_unchanged_and_writes_nothing():
    save()
    before = row_counts()
    result = save()
    assert result.status == ImportStatus.UNCHANGED
    assert row_counts() == before


def test_changed_text_updates_the_article_and_replaces_photos_and_quotes():
    first = save(digest=text_hash("v1"))
    article = Article.objects.get()
    slug = article.slug
    changed = make_story(
        headline="Kestrel Bay lighthouse closure delayed",
        paragraphs=(*PARAGRAPHS[:2], "The work will now start in spring."),
        photos=(photo("The lighthouse in fog."),),
        quotes=(ParsedQuote(text="It has earned a rest.", paragraph=1),),
    )
    result = save(changed, digest=text_hash("v2"))

    assert result.status == ImportStatus.UPDATED
    assert result.article_id == first.article_id
    article.refresh_from_db()
    assert article.headline == "Kestrel Bay lighthouse closure delayed"
    assert article.slug == slug
    assert article.body.endswith("The work will now start in spring.")
    assert article.source_hash == text_hash("v2")
    assert list(article.photos.values_list("caption", flat=True)) == ["The lighthouse in fog."]
    assert list(article.quotes.values_list("text", flat=True)) == ["It has earned a rest."]
    # Credits stay: one row each, still there even if no longer used.
    assert Credit.objects.filter(name="Ansel Brook").exists()
    assert Article.objects.count() == 1


def test_update_keeps_an_uploaded_image_where_position_and_caption_are_unchanged():
    save(digest=text_hash("v1"))
    kept, replaced = Photo.objects.order_by("position")
    kept.image.save("lamp.jpg", ContentFile(b"jpeg"), save=False)
    kept.alt_text = "A white lighthouse"
    kept.save()
    replaced.image.save("boats.jpg", ContentFile(b"jpeg"), save=False)
    replaced.save()

    changed = make_story(
        paragraphs=(*PARAGRAPHS, "A new paragraph."),
        photos=(photo(), photo("A different caption.")),
    )
    assert save(changed, digest=text_hash("v2")).status == ImportStatus.UPDATED
    first, second = Photo.objects.order_by("position")
    assert first.image.name == kept.image.name
    assert first.alt_text == "A white lighthouse"
    assert not second.image
    assert second.alt_text == ""


def test_editor_edit_then_changed_file_is_a_conflict_and_the_editor_wins():
    save(digest=text_hash("v1"))
    article = Article.objects.get()
    article.body = "An editor rewrote this."
    article.edited_at = timezone.now() + datetime.timedelta(seconds=1)
    article.save()

    result = save(make_story(paragraphs=("New wire text.",), quotes=()), digest=text_hash("v2"))
    assert result.status == ImportStatus.CONFLICT
    assert any("editor" in warning for warning in result.warnings)
    article.refresh_from_db()
    assert article.body == "An editor rewrote this."
    assert article.import_conflict is True
    assert article.source_hash == text_hash("v1")
    assert article.quotes.count() == 2


def test_editor_edit_before_the_last_import_is_no_conflict():
    save(digest=text_hash("v1"))
    Article.objects.update(edited_at=timezone.now() - datetime.timedelta(days=1))
    result = save(make_story(paragraphs=("New wire text.",), quotes=()), digest=text_hash("v2"))
    assert result.status == ImportStatus.UPDATED
    assert Article.objects.get().body == "New wire text."


def test_same_text_under_another_file_name_is_a_duplicate():
    save(source="a.txt", digest=text_hash("same"))
    before = row_counts()
    result = save(source="copy-of-a.txt", digest=text_hash("same"))
    assert result.status == ImportStatus.DUPLICATE
    assert result.duplicate_of == "a.txt"
    assert row_counts() == before


# Dry run -----------------------------------------------------------------


def test_dry_run_reports_what_would_happen_and_writes_nothing():
    result = save(dry_run=True)
    assert result.status == ImportStatus.CREATED
    assert result.story == make_story()
    assert row_counts() == {name: (0, 0) for name in ("Article", "Photo", "Quote", "Credit")}

    save(digest=text_hash("v1"))
    before = row_counts()
    changed = make_story(paragraphs=("Changed.",), quotes=())
    assert save(changed, digest=text_hash("v2"), dry_run=True).status == ImportStatus.UPDATED
    Article.objects.update(edited_at=timezone.now() + datetime.timedelta(hours=1))
    assert save(changed, digest=text_hash("v2"), dry_run=True).status == ImportStatus.CONFLICT
    assert Article.objects.get().import_conflict is False
    assert row_counts() == before


# Files -------------------------------------------------------------------


def test_file_whose_bytes_were_imported_is_skipped_without_queries_or_decoding(
    tmp_path, monkeypatch, django_assert_num_queries
):
    data = b" date 2023-11-05 The lighthouse will close."
    (tmp_path / "kestrel.txt").write_bytes(data)
    ArticleFactory(
        imported=True,
        source_name="kestrel.txt",
        source_bytes_hash=hashlib.sha256(data).hexdigest(),
    )
    run = ImportRun(preload=True)
    run.known_bytes("warm-up", "")

    def no_decoding(data):
        raise AssertionError("an unchanged file was decoded")

    monkeypatch.setattr(importing.parsing, "decode_wire_bytes", no_decoding, raising=False)
    with django_assert_num_queries(0):
        result = import_seed_file(path=tmp_path / "kestrel.txt", run=run)
    assert result.status == ImportStatus.UNCHANGED
    assert result.story is None


def test_copy_of_an_imported_file_is_a_duplicate_without_decoding(tmp_path, monkeypatch):
    data = b" date 2023-11-05 The lighthouse will close."
    (tmp_path / "copy.txt").write_bytes(data)
    ArticleFactory(
        imported=True,
        source_name="kestrel.txt",
        source_bytes_hash=hashlib.sha256(data).hexdigest(),
    )
    monkeypatch.setattr(
        importing.parsing, "decode_wire_bytes", lambda data: 1 / 0, raising=False
    )
    result = import_seed_file(path=tmp_path / "copy.txt", run=ImportRun(preload=True))
    assert result.status == ImportStatus.DUPLICATE
    assert result.duplicate_of == "kestrel.txt"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.write_bytes(b""), "empty file"),
        (lambda path: path.write_bytes(b"x" * (5 * 1024 * 1024 + 1)), "larger than 5 MB"),
        (lambda path: None, "no such file"),
        (lambda path: path.mkdir(), "is a folder"),
    ],
    ids=["empty", "over-5-MB", "missing", "folder"],
)
def test_unreadable_file_fails_with_its_name_and_reason_and_writes_nothing(
    tmp_path, make, reason
):
    path = tmp_path / "bad.txt"
    make(path)
    result = import_seed_file(path=path)
    assert result.status == ImportStatus.FAILED
    assert result.error.startswith(f"{path}: ")
    assert reason in result.error
    assert "\n" not in result.error
    assert not Article.objects.exists()


def test_file_of_exactly_5_mb_is_not_refused_for_its_size(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (5 * 1024 * 1024))
    assert importing.read_file_bytes(path) == b"a" * (5 * 1024 * 1024)


def test_imports_leave_history_created_then_changed():
    save(digest=text_hash("v1"))
    save(make_story(paragraphs=("Changed.",), quotes=()), digest=text_hash("v2"))
    article = Article.objects.get()
    assert [h.history_type for h in article.history.order_by("history_date", "history_id")] == [
        "+",
        "~",
    ]
    # The replaced photos and quotes leave "deleted" history behind.
    assert Photo.history.filter(history_type="-").count() == 2
    assert Quote.history.filter(history_type="-").count() == 2
    assert Photo.history.filter(history_type="+").count() == 4


def test_a_parser_crash_fails_that_file_only(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(" date 2023-11-05 Some text.")

    def crash(text):
        raise RuntimeError("unexpected layout")

    monkeypatch.setattr(importing.parsing, "parse_wire_story", crash)
    result = import_seed_file(path=tmp_path / "a.txt")
    assert result.status == ImportStatus.FAILED
    assert result.error == f"{tmp_path / 'a.txt'}: cannot parse: unexpected layout"
    assert not Article.objects.exists()


def test_an_import_makes_readers_cached_responses_stale():
    from django.core.cache import cache

    from articles import caching

    before = cache.get(caching.VERSION_KEY)
    save()
    assert cache.get(caching.VERSION_KEY) != before


# The demo fixture ----------------------------------------------------------


def test_demo_fixture_loads_into_an_empty_database_with_articles_in_every_state():
    from django.core.management import call_command

    from articles.models import Correction, CreditAlias

    assert not Article.objects.exists()
    call_command("loaddata", "demo", verbosity=0)

    states = dict(Article.objects.values_list("slug", "status"))
    assert set(states.values()) == {"published", "draft", "withdrawn"}
    published = set(Article.objects.published().values_list("slug", flat=True))
    assert published == {
        "ferry-returns-to-kestrel-island-after-winter-repairs",
        "night-market-reopens-on-the-old-quay-in-port-alder",
        "harbour-board-elects-its-first-woman-chair",
    }
    scheduled = Article.objects.get(slug="new-footbridge-to-link-both-banks-of-the-sallow")
    assert scheduled.status == "published" and scheduled.published_at > timezone.now()
    withdrawn = Article.objects.get(status="withdrawn")
    assert withdrawn.withdrawn_reason
    draft = Article.objects.get(status="draft")
    assert draft.headline_is_provisional

    assert Photo.objects.count() == 6
    assert Photo.objects.filter(is_file_photo=True).count() == 1
    assert Quote.objects.count() == 7
    assert Quote.objects.verbatim().count() == 7
    assert Correction.objects.count() == 1
    assert set(Credit.objects.values_list("name", "kind")) == {
        ("AP", "organisation"),
        ("Harbour Light", "organisation"),
        ("Port Alder City Council", "organisation"),
        ("Sallowmouth Town Council", "organisation"),
        ("Ansel Brook", "person"),
        ("Tomas Wren", "person"),
    }
    assert CreditAlias.objects.get().credit.name == "Tomas Wren"
    for article in Article.objects.all():
        article.full_clean()


# Two imports at once (PostgreSQL) ----------------------------------------


def _import_in_threads(jobs):
    """Run each job (a list of import_story kwargs) in its own thread at once."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def work(job):
        try:
            barrier.wait(timeout=10)
            run = ImportRun()
            for kwargs in job:
                results.append(import_story(run=run, **kwargs))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    return results


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_share_credits_and_never_duplicate_a_file(db):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite allows one writer at a time")
    photographers = [f"Lena Voss {n}" for n in range(8)]

    def story(n):
        return make_story(
            headline=f"Harbour story {n}",
            photos=tuple(photo(f"Caption {n}-{p}", photographer=p) for p in photographers),
        )

    shared = [dict(story=story(n), source_name=f"{n}.txt", source_hash=text_hash(str(n))) for n in range(6)]
    results = _import_in_threads([shared, list(reversed(shared))])

    statuses = sorted(result.status for result in results)
    assert statuses.count(ImportStatus.CREATED) == 6
    assert statuses.count(ImportStatus.UNCHANGED) == 6
    assert Article.objects.count() == 6
    assert Credit.objects.filter(name__startswith="Lena Voss").count() == 8
    assert Credit.objects.count() == 8 + 1  # and AP
    assert Photo.objects.count() == 6 * 8


def test_a_database_error_is_reported_on_one_line(monkeypatch):
    def failing_bulk(objs, model, **kwargs):
        raise DatabaseError("could not extend file\nDETAIL: No space left on device")

    monkeypatch.setattr(importing, "bulk_create_with_history", failing_bulk)
    result = save()
    assert result.error == (
        "kestrel.txt: not saved: could not extend file DETAIL: No space left on device"
    )


@pytest.mark.django_db(transaction=True)
def test_fast_commits_relaxes_waiting_for_the_disk_only_while_it_lasts():
    from django.db import connection

    from articles.importing import fast_commits

    if connection.vendor == "postgresql":
        setting = "SHOW synchronous_commit"
        relaxed, normal = "off", "on"
    else:
        setting = "PRAGMA synchronous"
        relaxed, normal = 1, 2  # NORMAL, FULL

    def current():
        with connection.cursor() as cursor:
            cursor.execute(setting)
            return cursor.fetchone()[0]

    with fast_commits():
        assert current() == relaxed
        assert save().status == ImportStatus.CREATED
    assert current() == normal


def test_a_new_document_costs_one_insert_per_table_and_no_lookup(
    django_assert_max_num_queries,
):
    run = ImportRun(preload=True)
    save(source="a.txt", run=run)
    # Savepoint; article, photos, quotes and the history of each; release.
    with django_assert_max_num_queries(8) as queries:
        result = save(make_story(headline="Second story"), source="b.txt", run=run)
    assert result.status == ImportStatus.CREATED
    assert not [q for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert Article.objects.get(source_name="b.txt").slug == "second-story"


def test_a_slug_taken_since_the_run_began_is_not_reused(django_assert_max_num_queries):
    run = ImportRun(preload=True)
    save(source="a.txt", run=run)
    # Known to the run: no failed insert, no second try.
    with django_assert_max_num_queries(8):
        save(source="b.txt", digest=text_hash("b"), run=run)
    slugs = set(Article.objects.values_list("slug", flat=True))
    assert len(slugs) == 2
    assert "kestrel-bay-lighthouse-to-close-for-repairs" in slugs


def test_history_rows_hold_what_was_saved():
    save()
    article = Article.objects.get()
    record = article.history.get()
    assert (record.headline, record.slug, record.body, record.history_type) == (
        article.headline,
        article.slug,
        article.body,
        "+",
    )
    assert record.history_date == article.imported_at
    photo = Photo.history.order_by("position").first()
    assert photo.photographer_id == Credit.objects.get(name="Tomas Wren").pk
    assert photo.is_file_photo is False
    assert [q.text for q in Quote.history.order_by("position")] == [
        "The lamp has turned every night for ninety years,",
        "It has earned a rest.",
    ]
