"""Production settings: Secure and HttpOnly cookies, HSTS, HTTPS redirect (health checks exempt), the
Content Security Policy with no inline script or style, CSRF on every form, and `frontdoor check
--deploy --fail-level WARNING` passing with production settings (issue 10, "Security hardening")."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from frontdoor.accounts.models import Role

pytestmark = pytest.mark.django_db
FRONTDOOR = Path(sys.executable).with_name("frontdoor")


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_with_debug_off_every_cookie_is_secure_and_the_session_cookie_http_only(make_user, settings) -> None:  # noqa: ANN001
    assert not settings.DEBUG
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    responses = [
        client.get(reverse("accounts:sign-in")),
        client.post(reverse("accounts:sign-in"), {"username": user.username, "password": "x-test-password-123"}),
        client.post(reverse("accounts:sign-out")),  # the "signed out" message
    ]
    # Every cookie set (a cookie deleted on signing out carries nothing and expires at once).
    cookies = {name: m for r in responses for name, m in r.cookies.items() if m.value and m["max-age"] != 0}
    assert {"sessionid", "csrftoken", "messages"} <= set(cookies)
    for name, morsel in cookies.items():
        assert morsel["secure"] is True, name
        assert morsel["samesite"] == "Lax", name
    assert cookies["sessionid"]["httponly"] is True


def test_hsts_and_the_content_security_policy_without_unsafe_inline(client, make_user) -> None:  # noqa: ANN001
    client.force_login(make_user(Role.TEAM_MANAGER))
    response = client.get("/contacts/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


@override_settings(SECURE_SSL_REDIRECT=True)
def test_plain_http_is_redirected_to_https_but_the_health_checks_are_not() -> None:
    client = Client()
    answer = client.get("/accounts/sign-in/")
    assert answer.status_code == 301
    assert answer.url.startswith("https://")
    for path in ("/healthz", "/readyz"):
        assert client.get(path).status_code != 301, path
    # Behind the TLS proxy: X-Forwarded-Proto says the browser used HTTPS.
    assert client.get("/accounts/sign-in/", headers={"x-forwarded-proto": "https"}).status_code == 200


def _check_deploy(**extra: str) -> subprocess.CompletedProcess:
    # Nothing the test run sets (the browser tests allow Django's ORM in Playwright's event loop).
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FRONTDOOR_", "DJANGO_ALLOW_ASYNC_UNSAFE"))}
    env.update(
        FRONTDOOR_SECRET_KEY=secrets.token_urlsafe(50),
        FRONTDOOR_ALLOWED_HOSTS="frontdoor.example.gov.uk",
        FRONTDOOR_DATA_DIR=os.environ.get("FRONTDOOR_DATA_DIR", str(Path(__file__).resolve().parents[3] / "data")),
        **extra,
    )
    command = [str(FRONTDOOR), "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)  # noqa: S603


def test_check_deploy_passes_with_production_settings_and_refuses_optional_two_factor() -> None:
    """On the database the suite runs on (DATABASE_URL is passed on: SQLite, or PostgreSQL in its run)."""
    production = _check_deploy()
    assert production.returncode == 0, production.stdout + production.stderr
    demo = _check_deploy(FRONTDOOR_TWO_FACTOR_OPTIONAL="1")
    assert demo.returncode != 0
    assert "frontdoor.E010" in demo.stderr + demo.stdout


def test_the_person_search_is_posted_and_names_never_reach_the_address(client, make_user, record) -> None:  # noqa: ANN001
    record()  # Alfie Smith, born 27 March 2015
    client.force_login(make_user(Role.DUTY_SOCIAL_WORKER))
    asked_in_address = client.get(reverse("people:search"), {"given_names": "Alfie", "family_name": "Smith"})
    text = asked_in_address.content.decode()
    assert "Alfie Smith" not in text  # a name in the address is not searched for
    assert re.search(r'<form method="post"', text)
    found = client.post(reverse("people:search"), {"given_names": "Alfie", "family_name": "Smith"}).content.decode()
    assert "Alfie Smith" in found
    assert 'value="Smith"' in found  # what was typed stays in the form
    assert 'method="get"' not in found.lower()
