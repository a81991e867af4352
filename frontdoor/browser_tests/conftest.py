"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser), axe-core from npm."""

import base64
import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls here are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():  # noqa: ANN201
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    # axe is added to each page as an inline script, which the Content Security Policy refuses: these
    # pages bypass it (test_sign_in_security.py visits the main pages with it enforced).
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:  # noqa: ANN001
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {runOnly: "
        "['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa']})).violations"
    )
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]} for v in result]


def authenticator_code(key: bytes, after: int = 0) -> str:
    """The code an authenticator app shows now (or for the next time step, when `after` was used already)."""
    from django_otp.oath import TOTP

    totp = TOTP(key)
    if totp.t() <= after:
        totp.drift = after + 1 - totp.t()
    return f"{totp.token():06d}"


def sign_in(page, base: str, username: str, password: str) -> None:  # noqa: ANN001
    """Password, then two-factor as the user would: set up an authenticator app from the key on the page
    (the recovery codes page follows), or enter the app's code. Nothing more where two-factor is optional."""
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button:has-text('Sign in')")
    page.wait_for_load_state()
    if "/accounts/two-factor/set-up/" in page.url:
        key = base64.b32decode(page.inner_text("#two-factor-key").replace(" ", ""))
        page.fill("#id_code", authenticator_code(key))
        page.click("button:has-text('Continue')")
        page.click("a:has-text('Continue')")
    elif "/accounts/two-factor/" in page.url:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("#id_code", authenticator_code(device.bin_key, device.last_t))
        page.click("button:has-text('Continue')")
    page.wait_for_load_state()
