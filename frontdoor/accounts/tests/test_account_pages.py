"""An administrator's *Accounts* pages (docs/SECURITY.md, "Ending a user's sessions"; docs/ACCESS.md): deactivate,
reactivate and set the password of someone else's account from the web, with a reason, audited in the same
transaction, every session of the user ended; nobody changes their own account here, and no other role reaches
the pages (R-ACC-1: administrators configure the system and see no case records)."""

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.accounts import services
from frontdoor.accounts.models import Role, User
from frontdoor.accounts.tests.test_sessions_end import assert_signed_out, signed_in_as
from frontdoor.accounts.tests.test_two_factor import password
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import ServiceError

pytestmark = pytest.mark.django_db

PAGES = ("accounts:manage", "accounts:deactivate", "accounts:reactivate", "accounts:set-password")
NEW_PASSWORD = "a-new-long-passphrase-42"  # noqa: S105 - a test's password


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin(make_user) -> User:  # noqa: ANN001
    return make_user(Role.SYSTEM_ADMIN, "admin")


@pytest.fixture
def acting(admin: User) -> Client:
    return signed_in_as(admin)


def test_the_administrator_reaches_accounts_from_the_menu_and_finds_every_change(acting: Client) -> None:
    page = acting.get(reverse("home")).content.decode()
    assert f'href="{reverse("accounts:manage")}"' in page
    hub = acting.get(reverse("accounts:manage")).content.decode()
    for name in PAGES[1:] + ("accounts:two-factor-reset",):
        assert f'href="{reverse(name)}"' in hub


def test_deactivating_from_the_page_signs_the_user_out_everywhere_and_is_audited(make_user, admin, acting) -> None:  # noqa: ANN001
    worker = make_user(Role.DUTY_SOCIAL_WORKER)
    desk, laptop = signed_in_as(worker), signed_in_as(worker)
    answer = acting.post(reverse("accounts:deactivate"), {"username": worker.username, "reason": "Left on Friday."})
    assert answer.status_code == 302
    assert_signed_out(desk)  # the user's other signed-in clients are sent to sign in
    assert_signed_out(laptop)
    assert acting.get(reverse("accounts:manage")).status_code == 200  # the administrator stays signed in
    worker.refresh_from_db()
    assert not worker.is_active
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_DEACTIVATED)
    assert (event.actor, event.object_id, event.detail) == (admin, str(worker.pk), {"reason": "Left on Friday."})
    assert password(Client(), worker.username).status_code == 200  # the sign-in form again: refused


def test_a_reactivated_account_signs_in_again_with_its_password_but_its_old_sessions_stay_ended(
    make_user,
    admin,
    acting,  # noqa: ANN001
) -> None:
    worker = make_user(Role.INFORMATION_OFFICER)
    desk = signed_in_as(worker)
    services.account_deactivate(user=worker, by=admin, reason="Long absence.")
    answer = acting.post(reverse("accounts:reactivate"), {"username": worker.username, "reason": "Back at work."})
    assert answer.status_code == 302
    worker.refresh_from_db()
    assert worker.is_active
    assert_signed_out(desk)
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_REACTIVATED)
    assert (event.actor, event.object_id, event.detail) == (admin, str(worker.pk), {"reason": "Back at work."})
    assert password(Client(), worker.username).status_code == 302  # on to the second step


def test_setting_a_password_from_the_page_ends_the_users_sessions_and_never_keeps_the_password(
    make_user,
    admin,
    acting,  # noqa: ANN001
) -> None:
    worker = make_user(Role.TEAM_MANAGER)
    desk = signed_in_as(worker)
    form = {"username": worker.username, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "reason": "Forgot."}
    assert acting.post(reverse("accounts:set-password"), form).status_code == 302
    assert_signed_out(desk)
    assert password(Client(), worker.username, NEW_PASSWORD).status_code == 302
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_PASSWORD_SET)
    assert event.actor == admin
    assert NEW_PASSWORD not in str(event.detail)


@pytest.mark.parametrize(
    ("page", "sent", "field", "message"),
    [
        ("accounts:deactivate", {"username": "", "reason": ""}, "username", "Enter the username of the account"),
        ("accounts:deactivate", {"username": "worker", "reason": " "}, "reason", "Enter why the account is being"),
        ("accounts:deactivate", {"username": "nobody", "reason": "Left."}, "username", "There is no active account"),
        ("accounts:deactivate", {"username": "admin", "reason": "Left."}, "username", "cannot deactivate your own"),
        ("accounts:reactivate", {"username": "worker", "reason": "Back."}, "username", "no deactivated account"),
        (
            "accounts:set-password",
            {"username": "worker", "password": "short", "password_again": "short", "reason": "Forgot."},
            "password",
            "too short",
        ),
        (
            "accounts:set-password",
            {"username": "worker", "password": NEW_PASSWORD, "password_again": "other", "reason": "Forgot."},
            "password_again",
            "The two passwords are different",
        ),
        (
            "accounts:set-password",
            {"username": "admin", "password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "reason": "Forgot."},
            "username",
            "cannot set your own password",
        ),
    ],
)
def test_a_refusal_is_shown_next_to_its_field_and_keeps_what_was_typed_but_the_passwords(
    make_user,
    acting,
    page,
    sent,
    field,
    message,  # noqa: ANN001
) -> None:
    worker = make_user(Role.DUTY_SOCIAL_WORKER, "worker")
    desk = signed_in_as(worker)
    answer = acting.post(reverse(page), sent)
    assert answer.status_code == 200
    html = answer.content.decode()
    assert message in answer.context["form"].errors[field][0]
    assert f'id="id_{field}-error"' in html  # next to the field (GOV.UK error message)
    if sent.get("reason", "").strip():
        assert sent["reason"] in html
    assert 'value="a-new-long' not in html
    assert 'value="short"' not in html
    assert desk.get(reverse("accounts:two-factor-replace")).status_code == 200  # nothing changed
    assert not AuditEvent.objects.filter(action__startswith="account.").exists()


def test_an_operator_reactivates_from_the_command_line_and_nobody_reactivates_an_active_account(make_user) -> None:
    from django.core.management import call_command

    worker = make_user(Role.INFORMATION_OFFICER)
    with pytest.raises(ServiceError, match="not deactivated"):
        services.account_reactivate(user=worker, by=None, reason="Back.")
    services.account_deactivate(user=worker, by=None, reason="Left.")
    with pytest.raises(ServiceError, match="already deactivated"):
        services.account_deactivate(user=worker, by=None, reason="Left.")
    call_command("account", "reactivate", worker.username, "--reason", "Deactivated by mistake.")
    worker.refresh_from_db()
    assert worker.is_active
    assert AuditEvent.objects.get(action=AuditAction.ACCOUNT_REACTIVATED).actor is None


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM_ADMIN])
def test_no_other_role_reaches_the_account_pages_nor_changes_an_account(make_user, role) -> None:  # noqa: ANN001
    other = make_user(role, "other")
    worker = make_user(Role.DUTY_SOCIAL_WORKER, "worker")
    client = signed_in_as(other)
    for page in PAGES:
        assert client.get(reverse(page)).status_code == 404
    assert client.post(reverse("accounts:deactivate"), {"username": "worker", "reason": "x"}).status_code == 404
    worker.refresh_from_db()
    assert worker.is_active
