"""Production settings: secure by default, refusing to run half-configured."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

BASE_DIR = Path(__file__).resolve().parent.parent


def run_manage(*args, **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    clean_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="news.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = run_manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_debug_is_off_unless_asked():
    result = run_manage(
        "diffsettings", "--all", DJANGO_SECRET_KEY=secrets.token_urlsafe(50)
    )
    assert "### DEBUG = False\n" in result.stdout
    assert "SECURE_SSL_REDIRECT = True" in result.stdout
    assert "SESSION_COOKIE_SECURE = True" in result.stdout


@pytest.mark.django_db
def test_repeated_failed_admin_logins_lock_the_account_out(client, settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_user(
        "desk", password="right-password-123", is_staff=True
    )
    for _ in range(3):
        client.post(
            "/admin/login/?next=/admin/",
            {"username": "desk", "password": "wrong"},
            REMOTE_ADDR="127.0.0.9",
        )
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "desk", "password": "right-password-123"},
        REMOTE_ADDR="127.0.0.9",
    )
    assert response.status_code == 429
