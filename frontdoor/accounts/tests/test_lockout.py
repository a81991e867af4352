"""Lock-out after wrong passwords behind the TLS proxy (django-axes; docs/SECURITY.md, "Lock-out"): the
client's address comes from X-Forwarded-For as the trusted proxy set it; one username from one address,
one username from anywhere, and one address spraying many usernames are each stopped, and a user is not
locked out by someone else's failures from elsewhere (below the account's own higher limit)."""

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from frontdoor.accounts.lockout import client_address
from frontdoor.accounts.models import Role

pytestmark = pytest.mark.django_db
PASSWORD = "x-test-password-123"


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:  # noqa: ANN001
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_in(username: str, secret: str = PASSWORD, *, via: str) -> int:
    """One sign-in from the client `via`, through the proxy on 127.0.0.1 (which appends the client's address)."""
    answer = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {via}").post(
        reverse("accounts:sign-in"), {"username": username, "password": secret}
    )
    return answer.status_code


@override_settings(FRONTDOOR_TRUSTED_PROXIES=["127.0.0.1", "10.0.0.0/8"])
def test_the_client_address_is_the_one_the_trusted_proxies_saw() -> None:
    make = RequestFactory().get
    # straight from a client: its own header is not believed
    assert client_address(make("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.9"
    # through the proxy: the address it appended; a forged one before it is ignored
    request = make("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"
    # through two proxies (a load balancer, then nginx), both trusted
    request = make("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.1.2.3")
    assert client_address(request) == "198.51.100.7"
    assert client_address(make("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"


def test_five_wrong_passwords_lock_one_username_at_one_address_and_not_the_user_elsewhere(make_user) -> None:
    user = make_user(Role.DUTY_SOCIAL_WORKER)
    for _ in range(4):
        assert sign_in(user.username, "wrong-password-1", via="198.51.100.7") == 200
    assert sign_in(user.username, "wrong-password-1", via="198.51.100.7") == 403
    assert sign_in(user.username, via="198.51.100.7") == 403  # even with the right password
    assert sign_in(user.username, via="192.0.2.44") == 302  # the user at their own desk


@override_settings(FRONTDOOR_ACCOUNT_FAILURE_LIMIT=8)
def test_guessing_one_username_from_many_addresses_locks_the_username(make_user) -> None:
    user = make_user(Role.TEAM_MANAGER)
    for n in range(8):
        sign_in(user.username, "wrong-password-1", via=f"198.51.100.{n + 1}")
    assert sign_in(user.username, via="192.0.2.44") == 403


@override_settings(FRONTDOOR_ADDRESS_FAILURE_LIMIT=6)
def test_spraying_many_usernames_from_one_address_locks_that_address_but_not_a_shared_one(
    make_user, settings  # noqa: ANN001
) -> None:
    victim = make_user(Role.INFORMATION_OFFICER)
    for n in range(5):
        assert sign_in(f"guess-{n}", "Winter2026!", via="203.0.113.50") == 200
    assert sign_in("guess-5", "Winter2026!", via="203.0.113.50") == 403  # the sixth wrong one
    assert sign_in(victim.username, via="203.0.113.50") == 403  # the address is stopped, right password or not
    assert sign_in(victim.username, via="192.0.2.44") == 302  # not the user elsewhere
    # an office's shared address (many staff behind one NAT) is not locked by everyone's typing
    settings.FRONTDOOR_SHARED_ADDRESSES = ["192.0.2.200"]
    colleague = make_user(Role.TEAM_MANAGER, "colleague")
    for n in range(6):
        sign_in(f"typo-{n}", "wrong-password-1", via="192.0.2.200")
    assert sign_in(colleague.username, via="192.0.2.200") == 302
