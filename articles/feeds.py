"""RSS and Atom feeds of the latest published articles."""
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from . import caching
from .models import Article

ITEMS = 30
EXCERPT_CHARS = 400


class LatestArticlesFeed(Feed):
    title = "newsroom: latest stories"
    description = "The latest published stories."

    def link(self):
        return reverse("api:article-list")

    def items(self):
        return Article.objects.published()[:ITEMS]

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        paragraphs = article.paragraphs
        return Truncator(paragraphs[0]).chars(EXCERPT_CHARS) if paragraphs else ""

    def item_link(self, article):
        return article.get_absolute_url()

    def item_author_name(self, article):
        return article.byline or None

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at


class LatestArticlesAtomFeed(LatestArticlesFeed):
    feed_type = Atom1Feed
    subtitle = LatestArticlesFeed.description


def cached_feed(feed):
    """A view serving `feed` through the response cache, GET and HEAD only."""

    def view(request):
        if request.method not in ("GET", "HEAD"):
            return JsonResponse(
                {"detail": f'Method "{request.method}" not allowed.'},
                status=405,
                headers={"Allow": "GET, HEAD"},
            )
        return caching.cached_response(
            request, lambda: feed(request), now=timezone.now()
        )

    return view


rss = cached_feed(LatestArticlesFeed())
atom = cached_feed(LatestArticlesAtomFeed())
