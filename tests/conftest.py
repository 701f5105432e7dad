import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a fresh folder per test, never into media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
