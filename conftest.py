"""Shared test fixtures: one signed-in user per role, and contacts made through the real services."""

import datetime
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from frontdoor.accounts.models import Role, User


@pytest.fixture(scope="session", autouse=True)
def _quick_password_hashing():  # noqa: ANN202
    """Argon2 is slow by design; tests hash with MD5 (still checking Argon2 hashes, such as the demo's)."""
    from django.test.utils import override_settings

    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.Argon2PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        yield


@pytest.fixture(autouse=True, scope="session")
def _two_factor_sessions() -> Iterator[None]:
    """Two-factor sign-in is required in every test, as in production: `client.force_login(user)` gives a
    session verified with the user's authenticator app, as if they had entered its code (django-otp's
    session key for the device). One insert per user, the first time they sign in."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    original = Client.force_login

    def force_login(self: Client, user: User, backend: str | None = None) -> None:
        original(self, user, backend)
        device_id = getattr(user, "_test_authenticator", None)
        if device_id is None:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            device = device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
            device_id = user._test_authenticator = device.persistent_id  # type: ignore[attr-defined]
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device_id
        session.save()

    Client.force_login = force_login  # type: ignore[method-assign]
    yield
    Client.force_login = original  # type: ignore[method-assign]


@pytest.fixture
def make_user(db):  # noqa: ANN001, ANN201
    def make(role: str, username: str | None = None, **extra: object) -> User:
        user = User.objects.create_user(
            username=username or role,
            password="x-test-password-123",  # noqa: S106
            first_name=role.replace("_", " ").title(),
            last_name="Tester",
            **extra,
        )
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        return user

    return make


@pytest.fixture
def officer(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.INFORMATION_OFFICER)


@pytest.fixture
def manager(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.TEAM_MANAGER)


@pytest.fixture
def social_worker(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.DUTY_SOCIAL_WORKER)


@pytest.fixture
def record(officer):  # noqa: ANN001, ANN201
    """Record a contact about the given children through the service."""
    from frontdoor.contacts.services import ChildInput, contact_record

    def make(children=None, by=None, **fields):  # noqa: ANN001, ANN003, ANN202
        values = {
            "received_at": timezone.now() - datetime.timedelta(minutes=5),
            "channel": "phone",
            "referrer_kind": "professional",
            "referrer_name": "Sam Teacher",
            "referrer_agency": "Oak School",
            "reason": "Child came to school with a bruise and said dad hit him.",
        }
        values.update(fields)
        kids = children or [
            ChildInput(
                given_names="Alfie",
                family_name="Smith",
                date_of_birth=datetime.date(2015, 3, 27),
                sex="M",
                postcode="CB1 2AB",
                address="1 Mill Road, Cambridge",
            )
        ]
        return contact_record(recorded_by=by or officer, children=kids, **values)

    return make
