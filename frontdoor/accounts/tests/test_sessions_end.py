"""Whatever changes how a user signs in ends every session they have, on every device (docs/SECURITY.md,
"Ending a user's sessions"): a reset of a lost authenticator, the user replacing their own, an
administrator deactivating the account or setting its password. The session of whoever makes the change
stays signed in. (Issue 10: two-factor sign-in; ADR 0014.)"""

import base64
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts import services
from frontdoor.accounts.models import Role, User
from frontdoor.accounts.tests.test_two_factor import code_for, password, set_up
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import ServiceError

pytestmark = pytest.mark.django_db

PAGE = "accounts:two-factor-replace"  # any page a signed-in user of any role may open


def signed_in_as(user: User) -> Client:
    client = Client()
    client.force_login(User.objects.get(pk=user.pk))  # the session hash as it stands now
    assert client.get(reverse(PAGE)).status_code == 200
    return client


def assert_signed_out(client: Client) -> None:
    answer = client.get(reverse(PAGE))
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("accounts:sign-in"))  # not the two-factor step: signed out


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.HEAD_OF_SERVICE])
def test_a_reset_authenticator_ends_every_session_of_the_user(make_user, role) -> None:  # noqa: ANN001
    worker = make_user(Role.DUTY_SOCIAL_WORKER)
    desk, laptop = signed_in_as(worker), signed_in_as(worker)
    resetter = make_user(role, "resetter")
    acting = signed_in_as(resetter)
    answer = acting.post(reverse("accounts:two-factor-reset"), {"username": worker.username, "reason": "Phone stolen."})
    assert answer.status_code == 302
    assert_signed_out(desk)
    assert_signed_out(laptop)
    assert acting.get(reverse("accounts:two-factor-reset")).status_code == 200  # the resetter is not signed out
    # the user signs in again with their password and sets up a new app
    assert password(Client(), worker.username).url.startswith(reverse("accounts:two-factor-set-up"))


def test_replacing_ones_own_authenticator_ends_the_other_sessions_but_not_this_one(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    own = Client()
    password(own, user.username)
    set_up(own, user)
    assert own.get(reverse(PAGE)).status_code == 200  # setting up kept the session that set it up
    other = signed_in_as(user)
    old = TOTPDevice.objects.get(user=user, confirmed=True)
    page = own.get(reverse(PAGE)).content.decode()
    key = base64.b32decode(re.search(r'id="two-factor-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", ""))  # type: ignore[union-attr]
    shown = own.post(reverse(PAGE), {"current": code_for(old.bin_key, after=old.last_t), "code": code_for(key)})
    assert len(re.findall(r"<li><code>([a-z0-9]+)</code></li>", shown.content.decode())) == 10
    assert_signed_out(other)
    assert own.get(reverse(PAGE)).status_code == 200  # the user who replaced it stays signed in


def test_new_recovery_codes_end_the_other_sessions(make_user) -> None:
    user = make_user(Role.INFORMATION_OFFICER)
    other = signed_in_as(user)
    services.recovery_codes_issue(user=user, reason="replaced")
    assert_signed_out(other)


def test_an_administrator_deactivating_an_account_ends_its_sessions_for_good(make_user) -> None:
    worker = make_user(Role.DUTY_SOCIAL_WORKER)
    admin = make_user(Role.SYSTEM_ADMIN, "admin")
    desk = signed_in_as(worker)
    acting = signed_in_as(admin)
    with pytest.raises(ServiceError, match="Enter the reason"):
        services.account_deactivate(user=worker, by=admin, reason=" ")
    services.account_deactivate(user=worker, by=admin, reason="Left the council.")
    assert_signed_out(desk)
    assert acting.get(reverse(PAGE)).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_DEACTIVATED)
    assert (event.actor, event.object_id, event.detail) == (admin, str(worker.pk), {"reason": "Left the council."})
    # made active again (say by mistake), the old session stays ended
    User.objects.filter(pk=worker.pk).update(is_active=True)
    assert_signed_out(desk)


def test_the_account_command_deactivates_and_ends_the_sessions(make_user) -> None:
    worker = make_user(Role.INFORMATION_OFFICER)
    desk = signed_in_as(worker)
    call_command("account", "deactivate", worker.username, "--reason", "Account thought compromised.")
    assert_signed_out(desk)
    worker.refresh_from_db()
    assert not worker.is_active
    assert AuditEvent.objects.get(action=AuditAction.ACCOUNT_DEACTIVATED).actor is None


def test_an_administrator_setting_a_password_ends_the_users_sessions(make_user, monkeypatch) -> None:  # noqa: ANN001
    worker = make_user(Role.DUTY_SOCIAL_WORKER)
    admin = make_user(Role.SYSTEM_ADMIN, "admin")
    desk = signed_in_as(worker)
    acting = signed_in_as(admin)
    with pytest.raises(ServiceError):
        services.account_password_set(user=worker, by=admin, password="short", reason="Forgotten.")
    assert desk.get(reverse(PAGE)).status_code == 200  # a refused password changes nothing
    services.account_password_set(user=worker, by=admin, password="a-new-long-passphrase-42", reason="Forgotten.")
    assert_signed_out(desk)
    assert acting.get(reverse(PAGE)).status_code == 200
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_PASSWORD_SET)
    assert "passphrase" not in str(event.detail)
    assert password(Client(), worker.username, "a-new-long-passphrase-42").status_code == 302
    # and by the command, which asks for it twice
    again = signed_in_as(worker)
    answers = iter(["another-long-passphrase-7", "another-long-passphrase-7"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("account", "set-password", worker.username, "--reason", "Leaked.")
    assert_signed_out(again)
