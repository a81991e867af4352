"""The demo data set: one user per role, contacts in every state and rating, reloading is idempotent."""

import pytest
from django.core.management import call_command

from frontdoor.accounts.models import Role, User
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact, ContactPerson, Status
from frontdoor.demo.loader import load_demo, seed_contacts_bulk
from frontdoor.people.models import Person, Relationship
from frontdoor.procedures.loader import get_profile

pytestmark = pytest.mark.django_db


def test_demo_data_covers_every_role_state_and_rating_and_reloads_idempotently() -> None:
    first = load_demo(people=200, contacts=40)
    assert not first.already
    users = {u.username: u for u in User.objects.filter(username__in=Role.values)}
    assert set(users) == set(Role.values)
    for role, user in users.items():
        assert user.groups.filter(name=role).exists()
        assert user.check_password("frontdoor-demo-2026")
        assert user.team_key == get_profile().duty_team().key
    assert users["mash_partner"].agency == "police"
    assert set(Contact.objects.values_list("status", flat=True)) == set(Status.values)
    assert set(Contact.objects.values_list("initial_rating", flat=True)) == {r.key for r in get_profile().ratings}
    assert Person.objects.filter(is_unborn=True, date_of_birth__isnull=True).exists() or Person.objects.count() < 400
    assert {"parent", "parental_responsibility", "sibling"} <= set(Relationship.objects.values_list("kind", flat=True))
    # recorded through the services: the 40, and the one a demo consultation was made into
    assert AuditEvent.objects.filter(action="contact.recorded").count() == Contact.objects.count() == 41

    counts = (Person.objects.count(), Contact.objects.count(), User.objects.count())
    assert load_demo(people=200, contacts=40).already
    assert (Person.objects.count(), Contact.objects.count(), User.objects.count()) == counts


def test_benchmark_bulk_seeding_writes_consistent_contacts() -> None:
    load_demo(people=60, contacts=0)
    child = Person.objects.filter(is_unborn=False).first()
    seed_contacts_bulk(16, [child.pk], User.objects.get(username="team_manager"))
    for contact in Contact.objects.all():
        assert contact.reference.endswith(f"-{contact.pk:07d}")
        assert contact.decision_due_at is not None
        assert (contact.due_at is None) != contact.is_open
    assert ContactPerson.objects.count() == 16
    assert set(Contact.objects.values_list("status", flat=True)) == set(Status.values)


def test_demo_data_command_prints_the_logins(capsys) -> None:  # noqa: ANN001
    call_command("demo-data", people=60, contacts=10)
    out = capsys.readouterr().out
    assert "frontdoor-demo-2026" in out
    assert "http://127.0.0.1:8000" in out
    for role in Role:
        assert role.value in out
    call_command("demo-data", people=60, contacts=10)
    assert "already loaded" in capsys.readouterr().out
