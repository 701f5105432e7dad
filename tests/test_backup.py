"""A dumpdata backup loaded into an emptied database gives back every row."""
import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, Credit, Photo, Quote
from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CreditAliasFactory,
    CreditFactory,
    PhotoFactory,
    QuoteFactory,
)

# A real backup is taken of committed data; flushing inside the test's own
# transaction would also trip PostgreSQL's deferred foreign-key checks.
pytestmark = pytest.mark.django_db(transaction=True)

# Tables Django rebuilds itself after a flush (post_migrate); the natural keys
# in the dump point at them by name, not by id.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]

# Text that trips naive serialisers: quotes, backslashes, escapes, non-Latin
# scripts, combining marks, astral characters, a CR kept from a wire file.
AWKWARD = (
    "Mayor Søren Ødegård said “it’s done” — \\n is not a newline, "
    '"quoted" <b>tags</b> & ampersands; Ελλάδα, 東京, עברית, '
    "e\u0301 combining, 🚢 ferry\r\nline two"
)


def moment(day, micro=0):
    return datetime.datetime(2024, 5, day, 8, 15, 30, micro, tzinfo=datetime.timezone.utc)


def fill_newsroom():
    """Every kind of row the articles app keeps, history included."""
    editor = get_user_model().objects.create_user("desk.editor", password="x" * 20)

    photographer = CreditFactory(name="Ilse Marrow-Ødegård")
    agency = CreditFactory(organisation=True, name="Harbour Light Agency")
    distributor = CreditFactory(organisation=True, name="Kestrel Wire")
    CreditAliasFactory(credit=photographer, name="ILSE MARROW ODEGARD")
    CreditAliasFactory(credit=agency, name="Harbour Light")

    published = ArticleFactory(body=AWKWARD + "\n\nA second paragraph.")
    ArticleFactory(draft=True)
    ArticleFactory(
        draft=True,
        headline="Ferry returns to the island after a long winter",
        headline_is_provisional=True,
    )
    ArticleFactory(scheduled=True)
    ArticleFactory(withdrawn=True)
    ArticleFactory(embargo_until=timezone.now() + datetime.timedelta(hours=6))
    imported = ArticleFactory(
        imported=True,
        edited_at=timezone.now(),
        import_conflict=True,
        headline=AWKWARD[:200].replace("\r\n", " "),
    )

    for position, article in enumerate([published, imported]):
        PhotoFactory(
            article=article,
            position=position,
            caption=AWKWARD,
            photographer=photographer,
            agency=agency,
            distributor=distributor,
            is_file_photo=True,
            image="photos/2024/05/pier.jpg",
            alt_text="Passengers on the pier",
            taken_at=moment(3, 123456),
        )
    PhotoFactory(article=published, position=5, photographer=None, agency=agency,
                 credit_text="Uncredited")
    gone = PhotoFactory(article=imported, position=9)
    gone.delete()  # leaves a "-" history row behind

    QuoteFactory(text="The crossing is safe again, said the “captain”", speaker="Orla Fenn")
    QuoteFactory(article=published, position=0, text="second paragraph", paragraph=1,
                 speaker="", speaker_resolved="", verb=":")
    CorrectionFactory(article=published, text=AWKWARD, created_at=moment(4, 999999))
    CorrectionFactory(article=imported)

    # Edits by a named editor: history rows that point at a user.
    published._history_user = editor
    published.headline = "Ferry service to Kestrel Island resumes for summer"
    published.edited_at = moment(5, 500001)
    published.save()
    agency._history_user = editor
    agency.name = "Harbour Light Photo Agency"
    agency.save()

    # Rows as the importer writes them: bulk-created photos and quotes with
    # their history, credits found by the parser.
    call_command(
        "import_seeds", str(settings.BASE_DIR / "seeds"), stdout=StringIO(), stderr=StringIO()
    )


def snapshot():
    """Every row of every articles table, and the users history points at."""
    models = list(apps.get_app_config("articles").get_models()) + [get_user_model()]
    rows = {}
    for model in models:
        names = [field.attname for field in model._meta.concrete_fields]
        rows[model._meta.label] = list(
            model._base_manager.order_by("pk").values_list(*names)
        )
    return rows


def to_milliseconds(rows):
    def cut(value):
        if isinstance(value, datetime.datetime):
            return value.replace(microsecond=value.microsecond // 1000 * 1000)
        return value

    return {label: [tuple(cut(v) for v in row) for row in table] for label, table in rows.items()}


def dump_flush_load(tmp_path, fmt):
    out = StringIO()
    call_command(
        "dumpdata", natural_foreign=True, exclude=EXCLUDED, format=fmt, stdout=out
    )
    backup = tmp_path / f"backup.{fmt}"
    backup.write_text(out.getvalue(), encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    assert snapshot() == {label: [] for label in snapshot()}
    call_command("loaddata", str(backup), verbosity=0)


def test_every_table_is_filled_before_the_backup():
    fill_newsroom()
    rows = snapshot()
    empty = [label for label, table in rows.items() if not table]
    assert empty == []
    assert Article.history.filter(history_user__username="desk.editor").exists()
    assert Photo.history.filter(history_type="-").exists()
    assert set(Article.objects.values_list("status", flat=True)) == set(Article.Status.values)
    assert Article.objects.filter(source_name__startswith="000_").exists()


def test_json_backup_restores_every_row_with_times_to_the_millisecond(tmp_path):
    """
    Django's JSON encoder writes times to the millisecond (ECMA-262 format),
    so a JSON backup keeps everything but the microseconds. (The XML format
    keeps microseconds but turns CRLF into LF, which is worse for text.)
    """
    fill_newsroom()
    before = snapshot()
    dump_flush_load(tmp_path, "json")
    after = snapshot()
    assert to_milliseconds(after) == to_milliseconds(before)
    # Nothing but the sub-millisecond part of a time may differ.
    assert {label for label in before if after[label] != before[label]} <= {
        "articles.Article",
        "articles.HistoricalArticle",
        "articles.Photo",
        "articles.HistoricalPhoto",
        "articles.Credit",
        "articles.HistoricalCredit",
        "articles.Correction",
        "articles.HistoricalQuote",
        "auth.User",
    }


def test_restored_database_hands_out_fresh_ids(tmp_path):
    fill_newsroom()
    highest = Article.objects.order_by("-pk").first().pk
    dump_flush_load(tmp_path, "json")
    article = ArticleFactory()
    credit = CreditFactory()
    quote = QuoteFactory(article=article)
    assert article.pk > highest
    assert Credit.objects.filter(pk=credit.pk).count() == 1
    assert Quote.objects.filter(pk=quote.pk).get().article_id == article.pk


def test_restoring_writes_no_history_of_its_own(tmp_path):
    fill_newsroom()
    counts = {
        model: model.history.count() for model in (Article, Photo, Quote, Credit)
    }
    dump_flush_load(tmp_path, "json")
    assert {model: model.history.count() for model in counts} == counts
