"""`manage.py import_seeds`: files, folders and globs in; rows, reports and exit status out."""
import datetime
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles import importing
from articles.management.commands import import_seeds
from articles.models import Article, Credit, CreditAlias, Photo, Quote

pytestmark = pytest.mark.django_db

SEED = Path(settings.BASE_DIR) / "seeds" / "000_86f1e49a41e5fc48.txt"

FERRY = (
    " date 2023-11-05 Ferry Returns to Kestrel Island After Repairs\n\n"
    "By Ilse Marrow\n\n"
    "HARROWMERE, Westmark (AP) — The ferry to Kestrel Island "
    "returned to service on Sunday after a month of repairs to its engines.\n\n"
    "“We missed the island more than we expected,” said Orla Fenn, who runs "
    "the harbour cafe.\n\n"
    "Harbour officials said the crossing would run twice a day until spring.\n\n"
    "Caption Passengers board the ferry at Harrowmere, Westmark, on Sunday, "
    "Nov. 5, 2023. (AP Photo/Tomas Wren) Credit: Tomas Wren\n"
)
MARKET = (
    " date 2023-11-06 Night Market Reopens on the Old Quay\n\n"
    "PORT ALDER, Westmark (AP) — The night market on the old "
    "quay reopened on Monday with forty stalls and a brass band.\n\n"
    "Traders said the first evening drew more visitors than any since the war.\n\n"
    "Caption FILE - Lanterns hang over the quay at Port Alder, Westmark, on "
    "Aug. 2, 2021. (AP Photo/Tomas Wren, File) Credit: Tomas Wren\n"
)
# No headline: the import makes one from the lede and keeps it a draft.
ORCHARD = (
    " date 2023-11-07 BRACKENFORD, Westmark (AP) — Apple growers in the valley "
    "brought in their largest harvest in a decade this autumn.\n\n"
    "The cooperative said prices would stay low through the winter.\n"
)
MAX_BYTES = 5 * 1024 * 1024

TABLES = (Article, Photo, Quote, Credit)


def counts():
    return {
        model.__name__: (model.objects.count(), model.history.count()) for model in TABLES
    }


def nothing_written():
    return {model.__name__: (0, 0) for model in TABLES}


def write(folder, name, text, encoding="utf-8"):
    path = Path(folder) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


class Tty(io.StringIO):
    def isatty(self):
        return True


def run(*args, expect_failure=False):
    """Run the command; return (stdout, stderr), and the error when expected."""
    out, err = io.StringIO(), io.StringIO()
    if expect_failure:
        with pytest.raises(CommandError) as excinfo:
            call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), str(excinfo.value)
    call_command("import_seeds", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "wire"
    write(folder, "ferry.txt", FERRY)
    write(folder, "market.txt", MARKET)
    write(folder, "2023/orchard.txt", ORCHARD)
    return folder


# The seed, end to end -----------------------------------------------------


def test_the_seed_becomes_one_article_with_its_photos_quotes_and_credits():
    out, _ = run(SEED)
    assert "1 file: 1 created, 0 updated" in out

    article = Article.objects.get()
    assert article.source_name == SEED.name
    assert article.published_at.date() == datetime.date(2022, 5, 24)
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].startswith("The U.N. quoted Bachelet")

    photos = list(article.photos.order_by("position"))
    assert len(photos) == 6
    assert sum(photo.is_file_photo for photo in photos) == 4
    assert photos[0].credit_text == "Uncredited"
    assert photos[0].photographer is None

    people = set(Credit.objects.filter(kind="person").values_list("name", flat=True))
    organisations = set(
        Credit.objects.filter(kind="organisation").values_list("name", flat=True)
    )
    assert people == {"Deng Hua", "Mark Schiefelbein", "Ng Han Guan"}
    assert organisations == {"UN Human Rights Office", "Xinhua", "AP"}
    assert Credit.objects.count() == 6
    schiefelbein = Credit.objects.get(name="Mark Schiefelbein")
    assert schiefelbein.photos_taken.count() == 2
    assert not Credit.objects.filter(key="uncredited").exists()

    quotes = list(article.quotes.order_by("position"))
    assert len(quotes) == 4
    assert all(quote.text in article.body for quote in quotes)


def test_the_default_folder_is_the_seeds_setting(settings, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEED, seeds / SEED.name)
    settings.NEWSROOM_SEEDS_DIR = seeds
    run()
    assert Article.objects.get().source_name == SEED.name


def test_a_missing_default_folder_is_an_operator_error(settings, tmp_path):
    settings.NEWSROOM_SEEDS_DIR = tmp_path / "nowhere"
    with pytest.raises(CommandError, match="nowhere"):
        call_command("import_seeds", stdout=io.StringIO(), stderr=io.StringIO())


# Re-running ---------------------------------------------------------------


def test_a_second_run_finds_everything_unchanged_and_adds_no_row(corpus):
    run(corpus)
    before = counts()
    assert before["Article"] == (3, 3)
    out, err = run(corpus)
    assert "3 unchanged" in out
    assert "0 created" in out
    assert counts() == before


def test_an_unchanged_corpus_costs_a_fixed_number_of_queries(
    corpus, django_assert_max_num_queries
):
    for n in range(20):
        write(corpus, f"extra/{n:02d}.txt", ORCHARD.replace("decade", f"decade ({n})"))
    run(corpus)
    # Loading the known sources is the only query, however many files.
    with django_assert_max_num_queries(1):
        out, _ = run(corpus)
    assert "23 unchanged" in out


def test_a_changed_file_updates_its_article(corpus):
    run(corpus)
    article = Article.objects.get(source_name="ferry.txt")
    write(corpus, "ferry.txt", FERRY.replace("twice a day", "three times a day"))
    out, _ = run(corpus)
    assert "1 updated" in out
    assert "2 unchanged" in out
    updated = Article.objects.get(source_name="ferry.txt")
    assert updated.pk == article.pk
    assert updated.slug == article.slug
    assert "three times a day" in updated.body
    assert Article.objects.count() == 3


def test_a_changed_file_does_not_overwrite_an_editors_edit(corpus):
    run(corpus)
    Article.objects.filter(source_name="ferry.txt").update(
        body="The editor's own text.", edited_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    write(corpus, "ferry.txt", FERRY.replace("twice a day", "three times a day"))
    out, err = run(corpus)
    assert "1 conflicts" in out
    assert "ferry.txt" in err and "editor" in err
    article = Article.objects.get(source_name="ferry.txt")
    assert article.body == "The editor's own text."
    assert article.import_conflict is True


def test_the_same_text_under_another_name_is_a_duplicate(corpus):
    run(corpus)
    shutil.copy(corpus / "ferry.txt", corpus / "ferry-again.txt")
    out, _ = run(corpus)
    assert "1 duplicates" in out
    assert Article.objects.count() == 3
    assert not Article.objects.filter(source_name="ferry-again.txt").exists()


def test_a_copy_with_other_line_endings_is_a_duplicate_too(corpus):
    run(corpus)
    write(corpus, "ferry-crlf.txt", FERRY.replace("\n", "\r\n"))
    out, _ = run(corpus)
    assert "1 duplicates" in out
    assert Article.objects.count() == 3


# Options ------------------------------------------------------------------


def test_draft_option_imports_dated_stories_as_drafts(corpus):
    run(corpus, "--draft")
    assert set(Article.objects.values_list("status", flat=True)) == {"draft"}
    assert not Article.objects.published().exists()


def test_without_draft_option_dated_stories_are_published(corpus):
    _, err = run(corpus)
    assert set(Article.objects.published().values_list("source_name", flat=True)) == {
        "ferry.txt",
        "market.txt",
        "2023/orchard.txt",
    }
    orchard = Article.objects.get(source_name="2023/orchard.txt")
    assert orchard.headline_is_provisional
    assert "orchard.txt: warning: provisional headline derived from the lede" in err


def test_dry_run_writes_nothing(corpus):
    out, _ = run(corpus, "--dry-run")
    assert "Dry run" in out
    assert "3 created" in out
    assert counts() == nothing_written()


def test_verbosity_0_prints_no_summary_and_2_names_every_file(corpus):
    out, _ = run(corpus, "--verbosity", "0")
    assert out == ""
    out, _ = run(corpus, "--verbosity", "2")
    assert "unchanged: ferry.txt" in out
    assert "unchanged: 2023/orchard.txt" in out


def test_no_progress_bar_unless_stderr_is_a_terminal(corpus):
    _, err = run(corpus)
    assert "file/s" not in err and "%" not in err
    out, err = io.StringIO(), Tty()
    call_command("import_seeds", str(corpus), stdout=out, stderr=err)
    assert "3/3" in err.getvalue()


# Paths --------------------------------------------------------------------


def test_folders_are_searched_recursively_and_named_relative_to_the_folder(corpus):
    write(corpus, "notes.md", "Not a wire file.")
    run(corpus)
    assert set(Article.objects.values_list("source_name", flat=True)) == {
        "ferry.txt",
        "market.txt",
        "2023/orchard.txt",
    }


def test_a_glob_and_a_single_file_keep_the_folders_source_names(corpus):
    run(corpus / "*.txt")
    assert Article.objects.count() == 2
    out, _ = run(corpus / "**" / "*.txt", corpus / "ferry.txt")
    assert "1 created" in out and "2 unchanged" in out
    assert Article.objects.filter(source_name="2023/orchard.txt").exists()
    out, _ = run(corpus)
    assert "3 unchanged" in out


def test_a_glob_matching_nothing_is_an_error(tmp_path):
    _, err, error = run(tmp_path / "*.txt", expect_failure=True)
    assert "no files match" in err
    assert "No file could be imported" in error


def test_an_empty_folder_is_an_operator_error(tmp_path):
    with pytest.raises(CommandError, match="No \\*.txt files"):
        call_command("import_seeds", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())


# Bad input ----------------------------------------------------------------

BAD_FILES = {
    "empty.txt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 40,
    "huge.txt": b"a" * (MAX_BYTES + 1),
    "invalid.txt": b"\xff\xfe\x00\xd8\x00\xd8" + b"\x00" * 33,
}


@pytest.mark.parametrize("name", [*BAD_FILES, "missing.txt"])
def test_a_bad_file_is_reported_by_name_and_the_others_are_imported(corpus, name):
    if name in BAD_FILES:
        write(corpus, name, BAD_FILES[name])
        args = [corpus]
    else:
        args = [corpus, corpus / name]
    out, err, error = run(*args, expect_failure=True)

    lines = [line for line in err.splitlines() if name in line]
    assert len(lines) == 1, err
    assert "3 created" in out and "1 failed" in out
    assert "1 of 4 files failed" in error
    assert not Article.objects.filter(source_name=name).exists()
    assert Article.objects.count() == 3


def test_every_kind_of_bad_file_in_one_run_fails_alone(corpus):
    for name, data in BAD_FILES.items():
        write(corpus, name, data)
    out, err, _ = run(corpus, corpus / "missing.txt", expect_failure=True)
    for name in [*BAD_FILES, "missing.txt"]:
        assert name in err
    assert "3 created" in out and "5 failed" in out


def test_only_missing_paths_means_nothing_could_be_imported(tmp_path):
    _, err, error = run(tmp_path / "a.txt", tmp_path / "b.txt", expect_failure=True)
    assert "a.txt: no such file or folder" in err
    assert "b.txt: no such file or folder" in err
    assert "No file could be imported" in error


# Credits across files -----------------------------------------------------


def test_one_photographer_in_capitals_and_title_case_is_one_credit(tmp_path):
    write(tmp_path, "a.txt", FERRY.replace("AP Photo/Tomas Wren", "AP Photo/TOMAS WREN"))
    write(tmp_path, "b.txt", MARKET)
    run(tmp_path)
    assert Credit.objects.filter(kind="person").count() == 1
    assert Photo.objects.filter(photographer__isnull=False).values("photographer").distinct().count() == 1


def test_an_alias_left_by_a_merge_attaches_later_imports_to_the_survivor(tmp_path):
    write(tmp_path, "a.txt", FERRY)
    run(tmp_path)
    # An editor merges "Tomas Wren" into "Tomas Wren-Hale".
    survivor = Credit.objects.create(name="Tomas Wren-Hale", slug="tomas-wren-hale", kind="person")
    merged = Credit.objects.get(name="Tomas Wren")
    Photo.objects.filter(photographer=merged).update(photographer=survivor)
    merged.delete()
    CreditAlias.objects.create(credit=survivor, name="Tomas Wren")

    write(tmp_path, "b.txt", MARKET)
    run(tmp_path)
    assert Photo.objects.get(article__source_name="b.txt").photographer == survivor
    assert not Credit.objects.filter(name="Tomas Wren").exists()


# JSON lines ---------------------------------------------------------------

STORY_KEYS = {
    "source",
    "date",
    "headline",
    "headline_provisional",
    "dateline",
    "byline",
    "paragraphs",
    "photos",
    "quotes",
    "warnings",
}
PHOTO_KEYS = {
    "caption",
    "credit_line",
    "credit",
    "photographer",
    "agency",
    "distributor",
    "is_file_photo",
}
QUOTE_KEYS = {"text", "speaker", "speaker_resolved", "verb", "paragraph"}


def json_lines(out):
    return [json.loads(line) for line in out.splitlines()]


def test_json_format_prints_one_object_per_document_in_the_public_shape(tmp_path):
    from articles.parsing import parse_wire_story

    write(tmp_path, "ferry.txt", FERRY)
    out, err = run(tmp_path, "--format", "json")
    (record,) = json_lines(out)
    story = parse_wire_story(FERRY)

    assert set(record) == STORY_KEYS
    assert record == {
        "source": "ferry.txt",
        "date": "2023-11-05",
        "headline": story.headline,
        "headline_provisional": story.headline_provisional,
        "dateline": story.dateline,
        "byline": story.byline,
        "paragraphs": list(story.paragraphs),
        "photos": [
            {
                "caption": photo.caption,
                "credit_line": photo.credit_line,
                "credit": photo.credit,
                "photographer": photo.photographer,
                "agency": photo.agency,
                "distributor": photo.distributor,
                "is_file_photo": photo.is_file_photo,
            }
            for photo in story.photos
        ],
        "quotes": [
            {
                "text": quote.text,
                "speaker": quote.speaker,
                "speaker_resolved": quote.speaker_resolved,
                "verb": quote.verb,
                "paragraph": quote.paragraph,
            }
            for quote in story.quotes
        ],
        "warnings": record["warnings"],
    }
    assert record["headline"] == "Ferry Returns to Kestrel Island After Repairs"
    assert record["headline_provisional"] is False
    assert record["dateline"] == "HARROWMERE, Westmark"
    assert record["byline"] == "Ilse Marrow"
    assert len(record["paragraphs"]) == 3
    (photo,) = record["photos"]
    assert photo["credit"] == "Tomas Wren"
    assert photo["photographer"] == "Tomas Wren"
    assert photo["agency"] == "AP"
    assert photo["distributor"] is None
    assert photo["is_file_photo"] is False
    assert all(isinstance(warning, str) for warning in record["warnings"])
    # The summary goes to stderr, so stdout stays pure JSON lines.
    assert "1 created" in err
    assert Article.objects.count() == 1


def test_json_format_for_the_seed(tmp_path):
    out, _ = run(SEED, "--format", "json", "--dry-run")
    (record,) = json_lines(out)
    assert set(record) == STORY_KEYS
    assert record["source"] == SEED.name
    assert record["date"] == "2022-05-24"
    assert len(record["paragraphs"]) == 6
    assert len(record["photos"]) == 6
    assert all(set(photo) == PHOTO_KEYS for photo in record["photos"])
    assert [photo["is_file_photo"] for photo in record["photos"]].count(True) == 4
    assert record["photos"][0]["credit"] == "Uncredited"
    assert record["photos"][0]["photographer"] is None
    assert len(record["quotes"]) == 4
    assert all(set(quote) == QUOTE_KEYS for quote in record["quotes"])
    assert all(isinstance(quote["paragraph"], int) for quote in record["quotes"])


def test_json_format_gives_source_and_error_for_a_failed_document(corpus):
    write(corpus, "empty.txt", b"")
    out, err, _ = run(corpus, corpus / "gone.txt", "--format", "json", expect_failure=True)
    records = json_lines(out)
    assert len(records) == 5
    failed = [record for record in records if "error" in record]
    assert failed == [
        {"source": "empty.txt", "error": f"{corpus / 'empty.txt'}: empty file"},
        {"source": str(corpus / "gone.txt"), "error": f"{corpus / 'gone.txt'}: no such file or folder"},
    ]
    assert "failed" in err


def test_json_format_reports_unchanged_documents_too(corpus):
    run(corpus)
    out, _ = run(corpus, "--format", "json")
    assert [record["source"] for record in json_lines(out)] == [
        "2023/orchard.txt",
        "ferry.txt",
        "market.txt",
    ]


def test_json_dry_run_writes_nothing(corpus):
    out, _ = run(corpus, "--format", "json", "--dry-run")
    assert len(json_lines(out)) == 3
    assert counts() == nothing_written()


def test_a_broken_link_in_a_folder_is_reported_not_skipped(corpus):
    (corpus / "gone.txt").symlink_to(corpus / "never-there.txt")
    out, err, _ = run(corpus, expect_failure=True)
    assert f"{corpus / 'gone.txt'}: no such file" in err
    assert "3 created" in out and "1 failed" in out


def test_a_file_name_with_a_newline_is_reported_on_one_line(corpus):
    write(corpus, "two\nlines.txt", b"")
    _, err, _ = run(corpus, expect_failure=True)
    (line,) = [line for line in err.splitlines() if "two" in line]
    assert line == f"{corpus}/two\\nlines.txt: empty file"


def test_a_named_pipe_in_a_folder_is_refused_without_hanging(corpus):
    import os

    os.mkfifo(corpus / "pipe.txt")
    out, err, _ = run(corpus, expect_failure=True)
    assert f"{corpus / 'pipe.txt'}: not a regular file" in err
    assert "3 created" in out


# Worker processes ---------------------------------------------------------

PARENT_PID = os.getpid()


def _crash_in_a_worker(items):
    """analyse_wire_batch, except that a worker process dies on it."""
    if os.getpid() != PARENT_PID:
        os._exit(1)
    return [importing.analyse_wire_bytes(data) for data in items]


@pytest.fixture
def wide_corpus(corpus, monkeypatch):
    """The corpus plus enough stories, a bad file and a copy to use a pool."""
    monkeypatch.setattr(import_seeds, "POOL_MIN_FILES", 4)
    monkeypatch.setattr(import_seeds, "CHUNK_FILES", 3)
    for n in range(12):
        write(corpus, f"more/{n:02d}.txt", ORCHARD.replace("decade", f"decade ({n})"))
    write(corpus, "more/05b.txt", b"\x00\x01binary")
    write(corpus, "more/06b.txt", FERRY.replace("\n", "\r\n"))
    return corpus


def test_workers_import_exactly_what_one_process_imports_in_the_same_order(
    wide_corpus,
):
    one_out, one_err, _ = run(wide_corpus, "--workers", "1", "-v", "2", expect_failure=True)
    one_rows = counts()
    one_articles = list(
        Article.objects.order_by("source_name").values_list("source_name", "slug", "body")
    )
    Article.objects.all().delete()
    Credit.objects.all().delete()
    for model in TABLES:
        model.history.all().delete()
    two_out, two_err, _ = run(wide_corpus, "--workers", "2", "-v", "2", expect_failure=True)
    assert two_out == one_out
    assert two_err == one_err
    assert "more/05b.txt: the document is binary" in two_err
    assert "duplicate: more/06b.txt (same text as ferry.txt)" in two_out
    assert counts() == one_rows
    assert one_articles == list(
        Article.objects.order_by("source_name").values_list("source_name", "slug", "body")
    )


def test_json_records_come_in_file_order_with_workers(wide_corpus):
    out, _, _ = run(wide_corpus, "--workers", "2", "--format", "json", expect_failure=True)
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert len(sources) == 17
    assert sources == [t.source_name for t in import_seeds.find_targets([str(wide_corpus)])]


def test_a_worker_that_dies_leaves_its_files_to_this_process(wide_corpus, monkeypatch):
    monkeypatch.setattr(importing, "analyse_wire_batch", _crash_in_a_worker)
    monkeypatch.setattr(import_seeds, "analyse_wire_batch", _crash_in_a_worker)
    out, err, _ = run(wide_corpus, "--workers", "2", expect_failure=True)
    assert "15 created" in out
    assert "1 failed" in out


def test_few_files_are_parsed_without_starting_workers(corpus, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for three files")

    monkeypatch.setattr(import_seeds, "ProcessPoolExecutor", no_pool)
    out, _ = run(corpus, "--workers", "4")
    assert "3 created" in out


def test_zero_workers_is_an_operator_error(corpus):
    _, _, error = run(corpus, "--workers", "0", expect_failure=True)
    assert "--workers" in error
    assert counts() == nothing_written()


def test_work_sent_ahead_of_the_saving_is_bounded(monkeypatch):
    class Pending:
        data = b"x"

    class CountingPipeline(import_seeds.AnalysisPipeline):
        def __init__(self):
            super().__init__(1)
            self.max_in_flight = 2
            self.most = 0

        def submit(self, items):
            self.most = max(self.most, len(self.in_flight) + 1)
            return super().submit(items)

        def result(self, future, items):
            return ["analysis"] * len(items)

    monkeypatch.setattr(import_seeds, "CHUNK_FILES", 5)
    pipeline = CountingPipeline()
    entries = ((n, Pending()) for n in range(1000))
    done = list(
        import_seeds.Command._results(entries, pipeline, lambda pending, analysis: analysis)
    )
    assert [target for target, _ in done] == list(range(1000))
    assert pipeline.most <= 3
