"""A lost authenticator app (docs/SECURITY.md): an administrator or the head of service resets another
user's two-factor sign-in from a page, never the user alone; recovery codes are revoked, it is audited,
and the user is emailed. A signed-in user replaces their own app with a code from the old one."""

import base64
import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts import services
from frontdoor.accounts.models import Role
from frontdoor.accounts.tests.test_two_factor import code_for, password, set_up
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import ServiceError
from frontdoor.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.HEAD_OF_SERVICE])
def test_an_administrator_or_the_head_of_service_resets_a_lost_authenticator(make_user, role) -> None:  # noqa: ANN001
    worker = make_user(Role.DUTY_SOCIAL_WORKER, email="worker@cambridgeshire.gov.uk")
    own = Client()
    password(own, worker.username)
    assert len(set_up(own, worker)) == 10
    resetter = make_user(role, "resetter")
    client = Client()
    client.force_login(resetter)
    page = client.get(reverse("accounts:two-factor-reset"))
    assert page.status_code == 200
    answer = client.post(
        reverse("accounts:two-factor-reset"), {"username": worker.username, "reason": "Phone lost; called back."}
    )
    assert answer.status_code == 302
    assert not TOTPDevice.objects.filter(user=worker).exists()
    assert not StaticToken.objects.filter(device__user=worker).exists()  # recovery codes revoked
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_RESET)
    assert (event.actor, event.object_id) == (resetter, str(worker.pk))
    assert event.detail["reason"] == "Phone lost; called back."
    assert event.detail["recovery_codes_revoked"] == 10
    message = OutboxMessage.objects.get(kind="two_factor_reset")
    assert message.to_address == worker.email
    assert "reset your two-factor sign-in" in message.body
    # the next sign-in sets up a new app
    again = password(Client(), worker.username)
    assert again.url.startswith(reverse("accounts:two-factor-set-up"))


def test_nobody_resets_their_own_authenticator_and_an_unknown_username_is_refused(make_user, client) -> None:
    admin = make_user(Role.SYSTEM_ADMIN)
    with pytest.raises(ServiceError, match="cannot reset your own"):
        services.two_factor_reset(user=admin, by=admin, reason="Lost.")
    client.force_login(admin)
    page = client.post(reverse("accounts:two-factor-reset"), {"username": "nobody-here", "reason": "Lost."})
    assert "There is no active user with that username" in page.content.decode()
    page = client.post(reverse("accounts:two-factor-reset"), {"username": admin.username, "reason": "Lost."})
    assert "cannot reset your own" in page.content.decode()
    assert TOTPDevice.objects.filter(user=admin).exists()  # the test sign-in's app is untouched
    assert not AuditEvent.objects.filter(action=AuditAction.TWO_FACTOR_RESET).exists()


def test_a_signed_in_user_replaces_their_own_authenticator_with_a_code_from_the_old_one(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    password(client, user.username)
    set_up(client, user)
    old = TOTPDevice.objects.get(user=user, confirmed=True)
    page = client.get(reverse("accounts:two-factor-replace")).content.decode()
    key = base64.b32decode(re.search(r'id="two-factor-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", ""))  # type: ignore[union-attr]
    wrong = client.post(reverse("accounts:two-factor-replace"), {"current": "000000", "code": code_for(key)})
    assert "not right" in wrong.content.decode()
    assert TOTPDevice.objects.get(user=user, confirmed=True) == old
    old.refresh_from_db()
    old.throttle_reset()  # django-otp slows guessing after the wrong code; the test does not wait
    shown = client.post(
        reverse("accounts:two-factor-replace"),
        {"current": code_for(old.bin_key, after=old.last_t), "code": code_for(key)},
    )
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", shown.content.decode())
    assert len(codes) == 10
    new = TOTPDevice.objects.get(user=user)
    assert new.confirmed
    assert new.pk != old.pk
    assert AuditEvent.objects.filter(actor=user, action=AuditAction.RECOVERY_CODES_ISSUED, detail__reason="replaced")
