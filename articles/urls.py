"""The readers' API: articles, photos, credits and quotes, read-only."""
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("photos", views.PhotoViewSet, basename="photo")
router.register("credits", views.CreditViewSet, basename="credit")
router.register("quotes", views.QuoteViewSet, basename="quote")

urlpatterns = router.urls
