"""In Chromium: an administrator deactivates a worker's account from *Accounts*, without JavaScript being
needed, the errors next to the fields first; the worker's browser, signed in elsewhere, is sent to sign in at
its next page. The pages pass axe (WCAG 2.2 AA)."""

import pytest

from frontdoor.accounts.models import Role

from .conftest import axe_violations, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-test-password"  # noqa: S105


def _user(make_user, role: str, username: str):  # noqa: ANN001, ANN202
    user = make_user(role, username)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_an_administrator_deactivates_an_account_and_its_open_browser_is_signed_out(
    browser, page, live_server, make_user  # noqa: ANN001
) -> None:
    admin = _user(make_user, Role.SYSTEM_ADMIN, "admin")
    worker = _user(make_user, Role.DUTY_SOCIAL_WORKER, "worker")
    base = live_server.url
    desk = browser.new_context(bypass_csp=True).new_page()
    sign_in(desk, base, worker.username, PASSWORD)
    desk.goto(f"{base}/accounts/two-factor/replace/")
    assert "/accounts/sign-in/" not in desk.url

    sign_in(page, base, admin.username, PASSWORD)
    page.click("nav a:has-text('Accounts')")
    page.click("a:has-text('Deactivate an account')")
    assert axe_violations(page) == []
    page.click("button:has-text('Deactivate the account')")
    page.wait_for_selector(".govuk-error-summary")
    assert page.locator("#id_username-error").count() == 1
    assert page.locator("#id_reason-error").count() == 1
    assert axe_violations(page) == []
    page.fill("#id_username", worker.username)
    page.fill("#id_reason", "Left the council on Friday.")
    page.click("button:has-text('Deactivate the account')")
    page.wait_for_selector("text=is deactivated and signed out everywhere")

    desk.goto(f"{base}/accounts/two-factor/replace/")
    assert "/accounts/sign-in/" in desk.url
    desk.context.close()
