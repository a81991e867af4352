"""In Chromium: two-factor sign-in (set up an authenticator app, the recovery codes, sign in with a code
and with a recovery code), the idle warning and sign-out, and the main pages under the Content Security
Policy with no violation (this file's own browser context enforces it; the others bypass it for axe)."""

import base64
import re

import pytest

from .conftest import authenticator_code, axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def _user(make_user, role: str = "duty_social_worker"):  # noqa: ANN001, ANN202
    user = make_user(role)
    user.set_password(PASSWORD)
    user.save()
    return user


def _password(page, base: str, username: str) -> None:  # noqa: ANN001
    page.goto(f"{base}/accounts/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button:has-text('Sign in')")


def test_two_factor_set_up_recovery_codes_then_sign_in_with_a_code_and_with_a_recovery_code(
    page, live_server, make_user  # noqa: ANN001
) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = _user(make_user)
    base = live_server.url
    _password(page, base, user.username)
    page.wait_for_selector("h1:has-text('Set up two-factor sign-in')")
    assert page.locator(".app-qr-code svg").count() == 1
    assert axe_violations(page) == []
    key = base64.b32decode(page.inner_text("#two-factor-key").replace(" ", ""))
    page.fill("#id_code", "000000")
    page.click("button:has-text('Continue')")
    page.wait_for_selector("text=The code is not right")
    assert axe_violations(page) == []
    pending = TOTPDevice.objects.get(user=user)
    pending.throttle_reset()  # a wrong code makes the next wait a second; the test does not wait
    page.fill("#id_code", authenticator_code(key, pending.last_t))
    page.click("button:has-text('Continue')")
    page.wait_for_selector("h1:has-text('Two-factor sign-in is set up')")
    codes = [c.strip() for c in page.locator("#recovery-codes code").all_inner_texts()]
    assert len(codes) == 10
    assert axe_violations(page) == []
    page.click("a:has-text('Continue')")
    page.click("button:has-text('Sign out')")
    page.wait_for_selector("text=You have signed out")

    _password(page, base, user.username)
    page.wait_for_selector("h1:has-text('Enter your code')")
    assert axe_violations(page) == []
    device = TOTPDevice.objects.get(user=user)
    page.fill("#id_code", authenticator_code(device.bin_key, device.last_t))
    page.click("button:has-text('Continue')")
    page.wait_for_selector("text=Signed in as")
    page.click("button:has-text('Sign out')")

    _password(page, base, user.username)
    page.click("summary:has-text('If you do not have your phone')")
    page.fill("#id_code", codes[0])
    page.click("button:has-text('Continue')")
    page.wait_for_selector("text=Signed in as")
    assert "/accounts/" not in page.url


def test_the_idle_warning_then_the_sign_out(page, live_server, make_user, settings) -> None:  # noqa: ANN001
    settings.FRONTDOOR_IDLE_TIMEOUT_SECONDS = 5
    settings.FRONTDOOR_IDLE_WARNING_SECONDS = 3  # the warning after 2 seconds without activity
    user = _user(make_user, "team_manager")
    sign_in(page, live_server.url, user.username, PASSWORD)
    page.goto(f"{live_server.url}/contacts/")
    dialog = page.locator("dialog.app-idle-dialog")
    dialog.wait_for(state="visible", timeout=4000)
    assert "You are about to be signed out" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in"
    assert axe_violations(page) == []
    page.click("button:has-text('Stay signed in')")
    dialog.wait_for(state="hidden")
    assert "/contacts/" in page.url
    # Nothing more: the page reloads when the time is up and the server has signed the user out.
    page.wait_for_selector("text=You were signed out after 5 seconds without activity", timeout=10_000)
    assert "/accounts/sign-in/" in page.url


def test_the_main_pages_break_no_rule_of_the_content_security_policy(
    browser, live_server, make_user, record  # noqa: ANN001
) -> None:
    context = browser.new_context()  # the policy enforced (no bypass: axe is not added here)
    page = context.new_page()
    page.set_default_timeout(15_000)
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        contact = record()
        user = _user(make_user, "team_manager")
        sign_in(page, live_server.url, user.username, PASSWORD)
        for path in (
            "/",
            "/contacts/?queue=duty",
            "/contacts/new/",
            f"/contacts/{contact.reference}/",
            f"/contacts/{contact.reference}/screening/",
            "/people/",
            "/dashboard/",
        ):
            page.goto(f"{live_server.url}{path}")
            page.wait_for_load_state("networkidle")
            classes = page.evaluate("document.body.className")
            assert re.search(r"\bjs-enabled\b", classes), path  # GOV.UK Frontend's first step ran
            assert "govuk-frontend-supported" in classes
        assert not refused, refused
    finally:
        context.close()
