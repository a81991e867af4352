"""R-ACC-1, R-ACC-2: for random users (roles, bars, names, emergency access) and records (restricted or
not, about staff or not), every list and search agrees with the answer for the single record: a contact
is in `contacts_visible_to` and the queues exactly when `access_contact` opens it, and a person is shown
by name in a search exactly when `access_person` opens them."""

import datetime

import pytest
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from frontdoor.access.models import Bar, BreakGlass, Restriction
from frontdoor.access.policy import access_contact, access_person, contacts_visible_to
from frontdoor.accounts.models import Role
from frontdoor.contacts.selectors import QUEUES, queue_contacts
from frontdoor.contacts.services import ChildInput
from frontdoor.people.models import Person
from frontdoor.people.selectors import people_search

pytestmark = pytest.mark.django_db

FAMILY = "Quill"
NAMES = ["Ada", "Bea", "Cal", "Dot"]
ROLES = [
    Role.INFORMATION_OFFICER,
    Role.DUTY_SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.HEAD_OF_SERVICE,
    Role.BUSINESS_SUPPORT,
    Role.REFERRER,
    Role.SYSTEM_ADMIN,
]
PER_PERSON = st.sampled_from(["none", "named", "barred", "glass", "glass_expired"])


def _opens(fn, *args) -> bool:  # noqa: ANN001
    try:
        fn(*args, log=False)
    except Http404:
        return False
    return True


def test_r_acc_2_lists_and_searches_agree_with_single_records(record, make_user, manager) -> None:  # noqa: ANN001
    contacts = [
        record(children=[ChildInput(given_names=name, family_name=FAMILY, date_of_birth=datetime.date(2014, 1, 1 + i))])
        for i, name in enumerate(NAMES)
    ]
    people = [c.people.get().person for c in contacts]
    users = {role: make_user(role, username=f"p-{role}") for role in ROLES}

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure prints its example as drawn
    )
    @given(
        role=st.sampled_from(ROLES),
        superuser=st.booleans(),
        restricted=st.lists(st.booleans(), min_size=4, max_size=4),
        staff=st.lists(st.booleans(), min_size=4, max_size=4),
        relation=st.lists(PER_PERSON, min_size=4, max_size=4),
        recorded_by_user=st.booleans(),
    )
    def check(role, superuser, restricted, staff, relation, recorded_by_user) -> None:  # noqa: ANN001
        user = users[role]
        now = timezone.now()
        with transaction.atomic():
            type(user).objects.filter(pk=user.pk).update(is_superuser=superuser)
            for person, locked, how in zip(people, restricted, relation, strict=True):
                Person.objects.filter(pk=person.pk).update(restricted=locked)
                if how == "named":
                    named = Restriction.objects.create(
                        person=person, reason="x", manager=manager, set_by=manager, set_at=now
                    )
                    named.named_users.add(user)
                elif how == "barred":
                    Bar.objects.create(person=person, user=user, reason="x", set_by=manager, set_at=now)
                elif how.startswith("glass"):
                    ends = now + datetime.timedelta(minutes=-1 if how == "glass_expired" else 30)
                    BreakGlass.objects.create(person=person, user=user, reason="x", granted_at=now, expires_at=ends)
            for contact, about_staff in zip(contacts, staff, strict=True):
                type(contact).objects.filter(pk=contact.pk).update(
                    staff_related=about_staff, created_by=user if recorded_by_user else contact.created_by
                )
            user.refresh_from_db()
            listed = set(contacts_visible_to(user).filter(pk__in=[c.pk for c in contacts]).values_list("pk", flat=True))
            opened = {c.pk for c in contacts if _opens(access_contact, user, c.reference)}
            assert listed == opened
            for queue in QUEUES:
                queued = {c.pk for c in queue_contacts(user=user, queue=queue, filters={})}
                assert queued & {c.pk for c in contacts} <= opened, queue
            found = people_search(user=user, family_name=FAMILY)
            named = {c.person.pk for c in found if c.hidden_id is None}
            hidden = {c.hidden_id for c in found if c.hidden_id is not None}
            opened_people = {p.pk for p in people if _opens(access_person, user, p.pk)}
            assert named == opened_people
            assert not named & hidden
            if named or hidden:
                assert named | hidden == {p.pk for p in people}
            transaction.set_rollback(True)

    check()
