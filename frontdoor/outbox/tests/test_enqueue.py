"""Writing to the outbox: the Message-ID fixed at once, R-CON-7 secure domains only, once keys."""

import pytest
from django.db import transaction

from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.outbox.models import OutboxMessage
from frontdoor.outbox.rules import hold_reason
from frontdoor.outbox.services import outbox_enqueue

pytestmark = pytest.mark.django_db


def _enqueue(to, **extra):  # noqa: ANN001, ANN003, ANN202
    values = {"subject": "Contact passed to your team: C-1", "body": "Open the contact.", "kind": "test"}
    values.update(extra)
    return outbox_enqueue(to=to, **values)


def test_the_message_id_is_fixed_when_the_message_is_written_and_no_audit_event(settings) -> None:  # noqa: ANN001
    settings.DEFAULT_FROM_EMAIL = "Front Door <frontdoor@cambridgeshire.gov.uk>"
    events = AuditEvent.objects.count()
    message = _enqueue("sam.worker@cambridgeshire.gov.uk")
    again = _enqueue("sam.worker@cambridgeshire.gov.uk")
    assert message.message_id.startswith("<")
    assert message.message_id.endswith("@cambridgeshire.gov.uk>")
    assert message.message_id != again.message_id
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.held_reason == ""
    assert AuditEvent.objects.count() == events


def test_a_user_is_sent_to_at_their_own_email(make_user) -> None:  # noqa: ANN001
    user = make_user(Role.TEAM_MANAGER, email="pat.manager@cambridgeshire.gov.uk")
    message = _enqueue(user)
    assert message.recipient == user
    assert message.to_address == "pat.manager@cambridgeshire.gov.uk"
    assert message.status == OutboxMessage.Status.PENDING


def test_r_con_7_an_address_outside_the_secure_domains_is_held_with_the_reason() -> None:
    message = _enqueue("someone@x.com")
    assert message.status == OutboxMessage.Status.HELD
    assert message.held_reason == "x.com is not a secure address for this authority: send it another way"


@pytest.mark.parametrize(
    ("address", "held"),
    [
        ("duty@nhs.net", False),
        ("ChildScreening@Leeds.gcsx.gov.uk", False),  # a subdomain of a secure domain
        ("officer@NHS.NET", False),
        ("someone@notnhs.net", True),  # not a subdomain: only the end of the name matches
        ("someone@nhs.net.example.com", True),
        ("someone@gmail.com", True),
        ("not an address", True),
    ],
)
def test_r_con_7_only_the_profiles_secure_domains_and_their_subdomains(address: str, held: bool) -> None:
    message = _enqueue(address)
    assert (message.status == OutboxMessage.Status.HELD) is held, message.held_reason


def test_r_con_7_a_user_with_no_email_is_held(make_user) -> None:  # noqa: ANN001
    user = make_user(Role.DUTY_SOCIAL_WORKER, email="")
    message = _enqueue(user)
    assert message.status == OutboxMessage.Status.HELD
    assert message.held_reason == "Duty Social Worker Tester has no email address in Front Door: send it another way"


def test_r_con_7_the_domains_are_the_profiles(settings) -> None:  # noqa: ANN001
    from frontdoor.procedures.loader import clear_profile_cache

    settings.FRONTDOOR_PROFILE = "cambridgeshire"
    clear_profile_cache()
    assert hold_reason("duty@cambridgeshire.gov.uk") == ""
    settings.FRONTDOOR_PROFILE = "kent"
    clear_profile_cache()
    try:
        assert hold_reason("duty@cambridgeshire.gov.uk").startswith("cambridgeshire.gov.uk is not a secure address")
        assert hold_reason("duty@kent.gov.uk") == ""
    finally:
        settings.FRONTDOOR_PROFILE = "cambridgeshire"
        clear_profile_cache()


def test_a_once_key_never_makes_a_second_message() -> None:
    first = _enqueue("duty@nhs.net", once_key="deadline:contact:1:2026-12-01T10:00")
    second = _enqueue("duty@nhs.net", once_key="deadline:contact:1:2026-12-01T10:00", subject="Another")
    assert second.pk == first.pk
    assert OutboxMessage.objects.filter(once_key="deadline:contact:1:2026-12-01T10:00").count() == 1
    # Messages without a key are never merged.
    _enqueue("duty@nhs.net")
    _enqueue("duty@nhs.net")
    assert OutboxMessage.objects.filter(once_key="").count() == 2


def test_the_about_record_is_named(make_user) -> None:  # noqa: ANN001
    user = make_user(Role.TEAM_MANAGER, email="pat@nhs.net")
    message = _enqueue("duty@nhs.net", about=user)
    message.refresh_from_db()
    assert message.about == user
    assert message.about_label == str(user)


def test_a_message_about_a_contact_names_its_reference(record) -> None:  # noqa: ANN001
    contact = record()
    message = _enqueue("duty@nhs.net", about=contact)
    assert message.about_label == f"Contact {contact.reference}"


@pytest.mark.django_db(transaction=True)
def test_it_runs_only_inside_the_callers_transaction() -> None:
    with pytest.raises(RuntimeError, match="inside the calling service"):
        _enqueue("duty@nhs.net")
    with transaction.atomic():
        _enqueue("duty@nhs.net")
    assert OutboxMessage.objects.count() == 1
