"""An editor and a reporter at the desk, in a real headless Chromium."""
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.urls import reverse

from articles.importing import import_seed_file
from articles.models import Article
from tests.test_admin import staff_in

CHROMIUM = os.environ.get("NEWSROOM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED = Path(django_settings.BASE_DIR) / "seeds" / "000_86f1e49a41e5fc48.txt"
SCREENSHOT = Path(django_settings.BASE_DIR) / "docs" / "editor-article.png"
PASSWORD = "a-long-browser-test-password"

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (requirements-dev.txt)"
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not shutil.which(CHROMIUM),
        reason=f"no Chromium at {CHROMIUM}: `apt-get install -y chromium` (see .ci/run)",
    ),
]


@pytest.fixture
def browser(monkeypatch, settings):
    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # the test makes between page steps are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # The live server speaks plain HTTP.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # While Playwright's loop runs, the ORM works in another context and so
        # on another connection; close it, or the test database stays in use.
        connections.close_all()


def log_in(browser, live_server, username):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")
    return page


def seed_article():
    """The seed as a desk that imports wire copy with --draft has it."""
    result = import_seed_file(path=SEED, draft=True)
    assert result.status == "created", result
    article = Article.objects.get(source_name=SEED.name)
    assert article.headline_is_provisional and article.status == Article.Status.DRAFT
    return article


def test_editor_replaces_the_provisional_headline_publishes_and_readers_get_it(
    browser, live_server, tmp_path
):
    staff_in("Editor", "ines", password=PASSWORD)
    article = seed_article()
    api_url = f"{live_server.url}{reverse('api:article-detail', args=[article.slug])}"
    page = log_in(browser, live_server, "ines")
    assert page.request.get(api_url).status == 404

    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}")
    assert page.input_value("#id_headline") == article.headline
    assert page.is_checked("#id_headline_is_provisional")
    page.fill("#id_headline", "UN rights chief meets China's foreign minister in Guangzhou")
    assert not page.is_checked("#id_headline_is_provisional")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "was changed successfully" in page.inner_text(".messagelist")

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert not article.headline_is_provisional
    response = page.request.get(api_url)
    assert response.status == 200
    assert response.json()["headline"] == (
        "UN rights chief meets China's foreign minister in Guangzhou"
    )

    # The page as the editor now sees it: the screenshot in the README.
    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}")
    assert not page.is_checked("#id_headline_is_provisional")
    shot = tmp_path / "editor-article.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes().startswith(b"\x89PNG")
    if os.environ.get("NEWSROOM_WRITE_SCREENSHOT"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, SCREENSHOT)
    page.close()


def test_reporter_cannot_publish_from_the_browser(browser, live_server):
    staff_in("Reporter", "tam", password=PASSWORD)
    article = seed_article()
    page = log_in(browser, live_server, "tam")
    changelist = f"{live_server.url}{reverse('admin:articles_article_changelist')}"
    page.goto(changelist)
    assert page.locator("select[name=action] option[value=publish_selected]").count() == 0

    page.goto(f"{live_server.url}{reverse('admin:articles_article_change', args=[article.pk])}")
    page.fill("#id_headline", "A headline the reporter wrote")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".errornote")
    assert "You do not have permission to publish articles" in page.content()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    page.close()
