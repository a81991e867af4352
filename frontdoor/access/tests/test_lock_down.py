"""Lock-down, bars and emergency access (R-ACC-2, 002 s2), and what the access layer logs (R-ACC-1)."""

import datetime

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as acs
from frontdoor.access.policy import (
    Can,
    access_contact,
    access_person,
    can,
    contacts_visible_to,
    people_visible_to,
)
from frontdoor.accounts.models import Role
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.outbox.models import OutboxMessage
from frontdoor.people.models import Person
from frontdoor.people.selectors import people_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def head(make_user):  # noqa: ANN001, ANN201
    return make_user(Role.HEAD_OF_SERVICE, email="head@cambridgeshire.gov.uk")


@pytest.fixture
def child(record):  # noqa: ANN001, ANN201
    contact = record()
    return contact, contact.people.get().person


def _restrict(person, manager, named=()):  # noqa: ANN001, ANN202
    return acs.access_restrict(person=person, by=manager, reason="Sensitive.", manager=manager, named=list(named))


def test_r_acc_2_a_restricted_record_is_seen_only_by_the_named(child, manager, social_worker, officer) -> None:
    contact, person = child
    _restrict(person, manager, named=[officer])
    for user in (manager, officer):
        assert access_person(user, person.pk) == person
        assert access_contact(user, contact.reference) == contact
    with pytest.raises(Exception) as raised:  # noqa: PT011
        access_person(social_worker, person.pk)
    assert raised.typename == "Http404"
    assert not contacts_visible_to(social_worker).filter(pk=contact.pk).exists()
    assert not people_visible_to(social_worker).filter(pk=person.pk).exists()


def test_r_acc_2_a_restriction_from_the_case_system_alone_names_nobody(child, manager) -> None:
    contact, person = child
    Person.objects.filter(pk=person.pk).update(restricted=True)
    assert not contacts_visible_to(manager).filter(pk=contact.pk).exists()


def test_r_acc_2_a_bar_overrides_a_name_and_a_superuser(child, manager, make_user, client) -> None:
    contact, person = child
    boss = make_user(Role.TEAM_MANAGER, username="boss", is_superuser=True, is_staff=True)
    _restrict(person, manager, named=[boss])
    acs.access_bar(person=person, user=boss, by=manager, reason="Her own grandchild.")
    client.force_login(boss)
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    with pytest.raises(ServiceError, match="barred"):
        acs.access_break_glass(person=person, by=boss, reason="Emergency.")


def test_r_acc_2_a_barred_superuser_gets_404_on_an_unrestricted_record(child, manager, make_user, client) -> None:
    contact, person = child
    root = make_user(Role.DUTY_SOCIAL_WORKER, username="root", is_superuser=True, is_staff=True)
    acs.access_bar(person=person, user=root, by=manager, reason="His own child.")
    client.force_login(root)
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    documents = reverse("documents:new", args=[contact.reference])
    assert client.get(documents).status_code == 404


def test_administrators_see_no_case_records(child, make_user) -> None:
    contact, person = child
    admin = make_user(Role.SYSTEM_ADMIN, username="admin", is_superuser=True, is_staff=True)
    assert not contacts_visible_to(admin).exists()
    assert not people_visible_to(admin).exists()


def test_r_acc_2_search_shows_only_restricted_record_and_whom_to_ask(child, manager, social_worker, client) -> None:
    _, person = child
    _restrict(person, manager)
    found = people_search(user=social_worker, family_name="Smith", given_names="Alfie")
    assert [c.ask for c in found] == [manager.display_name]
    assert found[0].person.pk is None
    assert not found[0].person.full_name.strip()
    client.force_login(social_worker)
    page = client.post(reverse("people:search"), {"family_name": "Smith", "given_names": "Alfie"}).content.decode()
    assert "Restricted record" in page
    assert manager.display_name in page
    results = page.split("1 result")[1]  # after the search form, which shows what was typed
    for identifying in ("Alfie", "Smith", "2015", "Mill Road", "CB1", f"/people/{person.pk}/"):
        assert identifying not in results, identifying
    # the search is logged with its terms, kept in the audit detail (never in a log or a URL of ours)
    event = AuditEvent.objects.get(action="searched", actor=social_worker)
    assert event.detail["terms"]["family_name"] == "Smith"
    assert event.detail["results"] == 1


def test_r_acc_2_named_users_see_the_record_in_search(child, manager) -> None:
    _, person = child
    _restrict(person, manager)
    found = people_search(user=manager, family_name="Smith", given_names="Alfie")
    assert found[0].person == person
    assert not found[0].ask


def test_r_int_7_contacts_about_staff_are_restricted_by_default(record, officer, make_user, manager) -> None:
    contact = record(staff_related=True)
    worker = make_user(Role.DUTY_SOCIAL_WORKER, username="other-worker")
    head = make_user(Role.HEAD_OF_SERVICE)
    for user in (officer, manager, head):  # the recorder and the managers
        assert contacts_visible_to(user).filter(pk=contact.pk).exists(), user
    assert not contacts_visible_to(worker).filter(pk=contact.pk).exists()


@override_settings(FRONTDOOR_BREAK_GLASS_MINUTES=30)
def test_r_acc_2_break_glass_needs_a_reason_expires_and_tells_the_manager(child, make_user, social_worker) -> None:
    contact, person = child
    boss = make_user(Role.TEAM_MANAGER, username="boss", email="boss@cambridgeshire.gov.uk")
    _restrict(person, boss)
    with pytest.raises(ServiceError) as raised:
        acs.access_break_glass(person=person, by=social_worker, reason="  ")
    assert raised.value.field == "reason"
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        grant = acs.access_break_glass(person=person, by=social_worker, reason="Child at A&E, manager unreachable.")
        assert grant.expires_at == start + datetime.timedelta(minutes=30)
        assert access_contact(social_worker, contact.reference) == contact
    message = OutboxMessage.objects.get(kind="break_glass")
    assert message.recipient == boss
    assert "Alfie" not in message.subject + message.body
    assert "Smith" not in message.subject + message.body
    assert AuditEvent.objects.filter(action="access.break_glass", actor=social_worker).count() == 1
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        assert not contacts_visible_to(social_worker).filter(pk=contact.pk).exists()


def test_r_acc_2_only_managers_restrict_and_only_some_break_glass(child, officer, make_user) -> None:
    _, person = child
    with pytest.raises(PermissionDenied):
        _restrict(person, officer)
    assert can(make_user(Role.ADVANCED_PRACTITIONER), Can.BREAK_GLASS)
    assert not can(officer, Can.BREAK_GLASS)


def test_r_acc_2_lifting_opens_the_record_again(child, manager, social_worker) -> None:
    contact, person = child
    _restrict(person, manager)
    acs.access_restriction_lift(person=person, by=manager, reason="Case closed.")
    assert contacts_visible_to(social_worker).filter(pk=contact.pk).exists()
    assert AuditEvent.objects.filter(action="access.restriction_lifted").count() == 1


def test_r_acc_2_pages_restrict_bar_and_emergency_access(child, manager, social_worker, client) -> None:
    contact, person = child
    client.force_login(manager)
    assert "Who may open this record" in client.get(reverse("people:detail", args=[person.pk])).content.decode()
    answer = client.post(
        reverse("access:restrict", args=[person.pk]), {"reason": "", "manager": manager.pk, "named": []}
    )
    assert answer.status_code == 200
    assert "Enter why" in answer.content.decode()
    answer = client.post(
        reverse("access:restrict", args=[person.pk]), {"reason": "Family member on staff.", "manager": manager.pk}
    )
    assert answer.status_code == 302
    client.force_login(social_worker)
    page = client.post(reverse("people:search"), {"family_name": "Smith", "given_names": "Alfie"}).content.decode()
    token = page.split("/access/emergency/")[1].split("/")[0]
    url = reverse("access:emergency", args=[token])
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Police at the door now."}).url == reverse("people:detail", args=[person.pk])
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_r_acc_1_a_denied_view_is_logged_and_kept(record, manager, social_worker, client) -> None:
    contact = record()
    person = contact.people.get().person
    _restrict(person, manager)
    client.force_login(social_worker)
    assert client.get(reverse("contacts:detail", args=[contact.reference])).status_code == 404
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("contacts:detail", args=["NO-SUCH-REF"])).status_code == 404
    denied = AuditEvent.objects.filter(action="denied", actor=social_worker)
    assert {(e.object_type, e.object_id, e.detail["why"]) for e in denied} == {
        ("contacts.contact", str(contact.pk), "restricted"),
        ("people.person", str(person.pk), "restricted"),
    }


def test_r_acc_1_a_document_download_is_logged_as_an_export(child, officer, client, settings, tmp_path) -> None:  # noqa: ANN001
    from django.core.files.uploadedfile import SimpleUploadedFile

    from frontdoor.documents.services import document_attach

    settings.MEDIA_ROOT = tmp_path
    contact, _ = child
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    upload = SimpleUploadedFile("note.pdf", pdf, content_type="application/pdf")
    document = document_attach(contact=contact, by=officer, kind="other", upload=upload, description="A note")
    client.force_login(officer)
    client.get(reverse("documents:download", args=[contact.reference, document.pk]))
    event = AuditEvent.objects.get(action="exported")
    assert event.detail == {
        "export": "contact.document",
        "filters": {"contact": contact.reference, "document": document.pk},
        "rows": 1,
    }


def test_r_acc_2_a_bar_follows_a_merged_record_and_undoing_the_merge_lifts_it(
    record, officer, manager, social_worker, make_user  # noqa: ANN001
) -> None:
    from frontdoor.contacts.services import ChildInput
    from frontdoor.people.merging import person_merge, person_merge_undo

    contact = record()
    duplicate = contact.people.get().person
    kept = record(children=[ChildInput(given_names="Alfred", family_name="Smith", sex="M")]).people.get().person
    acs.access_bar(person=duplicate, user=social_worker, by=manager, reason="His own son.")
    merge = person_merge(duplicate=duplicate, kept=kept, merged_by=manager, reason="The same child.")
    # the duplicate's contact is now the kept record's: the bar holds there too
    assert not people_visible_to(social_worker).filter(pk=kept.pk).exists()
    assert not contacts_visible_to(social_worker).filter(pk=contact.pk).exists()
    event = AuditEvent.objects.get(action="person.merged")
    assert event.detail["bars_carried"] == list(merge.moved["bars"])
    person_merge_undo(merge=merge, undone_by=manager, reason="Different children after all.")
    assert people_visible_to(social_worker).filter(pk=kept.pk).exists()
    assert not people_visible_to(social_worker).filter(pk=duplicate.pk).exists()


def test_r_acc_2_a_lock_down_follows_a_merged_record_with_its_named_people_and_undoing_the_merge_lifts_it(
    record, manager, social_worker, officer  # noqa: ANN001
) -> None:
    from frontdoor.contacts.services import ChildInput
    from frontdoor.people.merging import person_merge, person_merge_undo

    duplicate = record().people.get().person
    kept = record(children=[ChildInput(given_names="Alfred", family_name="Smith", sex="M")]).people.get().person
    acs.access_restrict(person=duplicate, by=manager, reason="Sensitive.", manager=manager, named=[social_worker])
    merge = person_merge(duplicate=duplicate, kept=kept, merged_by=manager, reason="The same child.")
    kept.refresh_from_db()
    restriction = acs.current_restriction(kept)
    assert kept.restricted
    assert restriction is not None
    assert restriction.manager == manager
    assert set(restriction.named_users.all()) == {manager, social_worker}
    assert people_visible_to(social_worker).filter(pk=kept.pk).exists()
    assert not people_visible_to(officer).filter(pk=kept.pk).exists()
    assert not acs.restricted_by_case_system(kept)  # a lock-down set here, lifted here
    person_merge_undo(merge=merge, undone_by=manager, reason="Different children after all.")
    kept.refresh_from_db()
    assert not kept.restricted
    assert acs.current_restriction(kept) is None
    assert people_visible_to(officer).filter(pk=kept.pk).exists()
    assert acs.current_restriction(Person.objects.get(pk=duplicate.pk)) is not None


def test_r_acc_2_merging_two_locked_down_records_names_both_records_people_until_it_is_undone(
    record, manager, social_worker, officer, make_user  # noqa: ANN001
) -> None:
    from frontdoor.contacts.services import ChildInput
    from frontdoor.people.merging import person_merge, person_merge_undo

    advanced = make_user(Role.ADVANCED_PRACTITIONER, "advanced")
    duplicate = record().people.get().person
    kept = record(children=[ChildInput(given_names="Alfred", family_name="Smith", sex="M")]).people.get().person
    acs.access_restrict(person=kept, by=manager, reason="Kept's own.", manager=manager, named=[advanced])
    acs.access_restrict(person=duplicate, by=manager, reason="Sensitive.", manager=manager, named=[social_worker])
    merge = person_merge(duplicate=duplicate, kept=kept, merged_by=manager, reason="The same child.")
    restriction = acs.current_restriction(kept)
    assert restriction is not None
    assert restriction.reason == "Kept's own."
    assert set(restriction.named_users.all()) == {manager, advanced, social_worker}
    person_merge_undo(merge=merge, undone_by=manager, reason="Different children after all.")
    assert set(acs.current_restriction(kept).named_users.all()) == {manager, advanced}  # type: ignore[union-attr]
    assert not people_visible_to(social_worker).filter(pk=kept.pk).exists()
