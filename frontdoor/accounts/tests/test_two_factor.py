"""Two-factor sign-in (django-otp) for every staff role, recovery codes, and the lock-out after wrong
passwords (django-axes). Issue 10, "Security hardening"; docs/SECURITY.md."""

import base64
import re

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "x-test-password-123"
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:  # noqa: ANN001
    settings.PASSWORD_HASHERS = FAST_HASHER


def code_for(key: bytes, after: int = -1) -> str:
    totp = TOTP(key)
    if totp.t() <= after:
        totp.drift = after + 1 - totp.t()
    return f"{totp.token():06d}"


def actions(user) -> list[str]:  # noqa: ANN001
    return list(AuditEvent.objects.filter(actor=user).order_by("pk").values_list("action", flat=True))


def password(client: Client, username: str, secret: str = PASSWORD, next_url: str = ""):  # noqa: ANN201
    return client.post(reverse("accounts:sign-in"), {"username": username, "password": secret, "next": next_url})


def set_up(client: Client, user) -> list[str]:  # noqa: ANN001
    """Password, then the set-up page: scan (here: read the key), enter the code, get the recovery codes."""
    page = client.get(reverse("accounts:two-factor-set-up")).content.decode()
    key = re.search(r'id="two-factor-key">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")  # type: ignore[union-attr]
    shown = client.post(reverse("accounts:two-factor-set-up"), {"code": code_for(base64.b32decode(key))})
    assert shown.status_code == 200
    return re.findall(r"<li><code>([a-z0-9]+)</code></li>", shown.content.decode())


def test_a_user_with_no_authenticator_sets_one_up_and_is_shown_ten_recovery_codes_once(make_user) -> None:
    user = make_user(Role.DUTY_SOCIAL_WORKER)
    client = Client()
    answer = password(client, user.username, next_url="/contacts/")
    assert answer.url.startswith(reverse("accounts:two-factor-set-up"))
    page = client.get(answer.url).content.decode()
    assert "<svg" in page
    assert "QR code" in page
    assert client.get("/contacts/").url.startswith(reverse("accounts:two-factor"))  # not signed in yet
    codes = set_up(client, user)
    assert len(codes) == 10 == len(set(codes))
    assert set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True)) == set(codes)
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get("/contacts/").status_code == 200
    assert actions(user) == [
        AuditAction.TWO_FACTOR_SET_UP,
        AuditAction.RECOVERY_CODES_ISSUED,
        AuditAction.SIGNED_IN,
    ]
    # Shown once: the set-up page is gone once the app is set up.
    again = client.get(reverse("accounts:two-factor-set-up"))
    assert again.status_code == 302


def test_a_wrong_set_up_code_is_refused_and_nothing_is_set_up(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    password(client, user.username)
    client.get(reverse("accounts:two-factor-set-up"))
    page = client.post(reverse("accounts:two-factor-set-up"), {"code": "000000"})
    assert page.status_code == 200
    assert "The code is not right" in page.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/contacts/").status_code == 302


@pytest.mark.parametrize("role", [Role.MASH_PARTNER, Role.HEAD_OF_SERVICE, Role.SYSTEM_ADMIN, Role.REFERRER])
def test_every_role_needs_the_second_step(make_user, role: Role) -> None:  # noqa: ANN001
    user = make_user(role, username=f"u-{role}")
    client = Client()
    assert password(client, user.username).url.startswith(reverse("accounts:two-factor-set-up"))
    assert client.get(reverse("home")).url.startswith(reverse("accounts:two-factor"))


def test_signing_in_with_the_app_then_with_a_recovery_code_which_is_used_up(make_user) -> None:
    user = make_user(Role.INFORMATION_OFFICER)
    client = Client()
    password(client, user.username)
    codes = set_up(client, user)
    client.post(reverse("accounts:sign-out"))
    device = TOTPDevice.objects.get(user=user)

    # With the app: the password leads to the code, the code to the page asked for.
    answer = password(client, user.username, next_url="/contacts/")
    assert answer.url.startswith(reverse("accounts:two-factor"))
    assert client.get("/contacts/").status_code == 302
    wrong = client.post(answer.url, {"code": "12345"})
    assert "The code is not right" in wrong.content.decode()
    # The wrong code slowed down the next attempt on the app and on the recovery codes; skip the wait.
    for slowed in (*TOTPDevice.objects.filter(user=user), *StaticDevice.objects.filter(user=user)):
        slowed.throttle_reset()
    device.refresh_from_db()
    right = client.post(answer.url, {"code": code_for(device.bin_key, device.last_t)})
    assert right.url == "/contacts/"
    assert client.get("/contacts/").status_code == 200
    client.post(reverse("accounts:sign-out"))

    # With a recovery code: accepted once, then gone.
    password(client, user.username)
    assert client.post(reverse("accounts:two-factor"), {"code": codes[0].upper()}).status_code == 302
    assert client.get("/contacts/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post(reverse("accounts:sign-out"))
    password(client, user.username)
    reused = client.post(reverse("accounts:two-factor"), {"code": codes[0]})
    assert reused.status_code == 200
    assert "The code is not right" in reused.content.decode()

    used = AuditEvent.objects.get(actor=user, action=AuditAction.RECOVERY_CODE_USED)
    assert used.detail == {"codes_left": 9}
    assert actions(user)[3:] == [
        AuditAction.SIGNED_OUT,
        AuditAction.SIGNED_IN,
        AuditAction.SIGNED_OUT,
        AuditAction.RECOVERY_CODE_USED,
        AuditAction.SIGNED_OUT,
    ]


def test_a_password_alone_reaches_the_two_factor_pages_static_files_and_health_checks_only(make_user) -> None:
    user = make_user(Role.DUTY_SOCIAL_WORKER)
    client = Client()
    password(client, user.username)
    for path in ("/", "/contacts/", "/people/", "/dashboard/"):
        assert client.get(path).url.startswith(reverse("accounts:two-factor")), path
    assert client.post(reverse("accounts:keep-alive")).status_code == 302
    for path in ("/healthz", "/readyz", "/static/build/app.css"):
        response = client.get(path)
        assert response.status_code in (200, 404, 503), path  # never sent to the two-factor page


@override_settings(FRONTDOOR_TWO_FACTOR_OPTIONAL=True)
def test_the_demo_setting_lets_a_password_alone_sign_in(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    client = Client()
    assert password(client, user.username).url == reverse("home")
    assert client.get("/contacts/").status_code == 200
    event = AuditEvent.objects.get(actor=user, action=AuditAction.SIGNED_IN)
    assert "optional" in event.detail["method"]


def test_five_wrong_passwords_lock_the_account_out_for_30_minutes_even_with_the_right_one(make_user) -> None:
    user = make_user(Role.DUTY_SOCIAL_WORKER)
    client = Client()
    for _ in range(4):
        page = password(client, user.username, secret="wrong-password-1")
        assert page.status_code == 200
        assert "Enter a correct username and password" in page.content.decode()
    locked = password(client, user.username, secret="wrong-password-1")
    assert locked.status_code == 403
    assert "locked for 30 minutes after 5 wrong passwords" in locked.content.decode()
    right = password(client, user.username)
    assert right.status_code == 403
    assert "_auth_user_id" not in client.session
    # Another user on the same computer is not locked out.
    other = make_user(Role.TEAM_MANAGER)
    assert password(client, other.username).status_code == 302


def test_a_right_password_clears_the_count_of_wrong_ones(make_user) -> None:
    user = make_user(Role.DUTY_SOCIAL_WORKER)
    client = Client()
    for _ in range(4):
        password(client, user.username, secret="wrong-password-1")
    assert password(client, user.username).status_code == 302
    client.post(reverse("accounts:sign-out"))
    for _ in range(4):
        assert password(client, user.username, secret="wrong-password-1").status_code == 200
