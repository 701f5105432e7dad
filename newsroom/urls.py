"""URLs: the editors' admin, the readers' API and feeds."""
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from articles import feeds

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/", include("articles.urls")),
    path("feeds/rss/", feeds.rss, name="feed-rss"),
    path("feeds/atom/", feeds.atom, name="feed-atom"),
]

# JSON for the API and feeds, Django's pages elsewhere.
handler404 = "articles.views.not_found"
handler500 = "articles.views.server_error"

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
        ),
    ]
