"""R-ACC-2, 002 s2: "A manager or relevant business support manager may request 'ACL' ... to limit access
to named individuals. This may include preventing a member of staff from accessing their own child's
record." A business support manager finds the record, locks it down and bars staff; they see no contact."""

import pytest
from django.urls import reverse

from frontdoor.access import services as acs
from frontdoor.access.policy import Can, can, contacts_visible_to, people_visible_to
from frontdoor.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_r_acc_2_a_business_support_manager_locks_a_record_down_and_bars_a_relative(
    record, make_user, manager, social_worker, client
) -> None:
    contact = record()
    person = contact.people.get().person
    bsm = make_user(Role.BUSINESS_SUPPORT_MANAGER, "bs-manager")
    assert can(bsm, Can.MANAGE_ACCESS)
    assert not can(bsm, Can.BREAK_GLASS)
    client.force_login(bsm)
    found = client.post(reverse("people:search"), {"family_name": "Smith", "given_names": "Alfie"}).content.decode()
    assert reverse("people:detail", args=[person.pk]) in found
    answer = client.post(
        reverse("access:restrict", args=[person.pk]),
        {"reason": "A member of staff's grandchild.", "manager": manager.pk, "named": [manager.pk]},
    )
    assert answer.status_code == 302
    person.refresh_from_db()
    assert person.restricted
    acs.access_bar(person=person, user=social_worker, by=bsm, reason="Her own grandchild.")
    assert not people_visible_to(social_worker).filter(pk=person.pk).exists()
    # the record's contacts stay out of their reach, restricted or not
    assert not contacts_visible_to(bsm).exists()
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404


def test_r_acc_2_business_support_without_the_manager_role_cannot(record, make_user) -> None:
    support = make_user(Role.BUSINESS_SUPPORT)
    assert not can(support, Can.MANAGE_ACCESS)
    assert not can(support, Can.SEARCH_PEOPLE)
