"""The demo data set: one user per role, contacts in every state and rating, reloading is idempotent."""

import pytest
from django.core.management import call_command

from frontdoor.accounts.models import Role, User
from frontdoor.contacts.models import Contact, Status
from frontdoor.demo.loader import load_demo
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


def test_demo_data_covers_every_role_state_and_rating_and_reloads_idempotently() -> None:
    first = load_demo(people=150, contacts=45)
    assert not first.already
    assert set(User.objects.values_list("username", flat=True)) >= set(Role.values)
    assert set(Contact.objects.values_list("status", flat=True)) >= {
        Status.RECEIVED,
        Status.SCREENING,
        Status.AWAITING_DECISION,
        Status.DECIDED,
        Status.CLOSED,
        Status.PASSED_ON,
    }
    assert len(set(Contact.objects.values_list("initial_rating", flat=True))) == 4
    counts = (Person.objects.count(), Contact.objects.count())
    assert load_demo(people=150, contacts=45).already
    assert (Person.objects.count(), Contact.objects.count()) == counts


def test_demo_data_command_prints_the_logins(capsys) -> None:  # noqa: ANN001
    call_command("demo-data", people=60, contacts=10)
    out = capsys.readouterr().out
    assert "frontdoor-demo-2026" in out
    assert "team_manager" in out
