"""The whole family on a contact: children added later, parents, carers, household members and an
alleged perpetrator searched in the person index (R-CHK-1, R-SIB-1, R-INT-3), the young parent as the
subject of their own referral (R-INT-8), the baby born (R-INT-9), and what the referrer asks for (R-REF-1)."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import ContactPerson, Status
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.decisions.services import ChildDecision, decision_authorise
from frontdoor.people.models import DistinctPair, Person, Relationship
from frontdoor.people.selectors import people_search
from frontdoor.people.services import person_create, person_record_birth

pytestmark = pytest.mark.django_db

Role = ContactPerson.Role
MUM = cs.PersonInput(
    given_names="Kerry",
    family_name="Smith",
    date_of_birth=datetime.date(1990, 5, 1),
    sex="F",
    role=Role.PARENT,
    parental_responsibility=True,
    relationship="Mother",
)


def _decide(contact, manager, outcomes):  # noqa: ANN001, ANN202
    return decision_authorise(
        contact=contact,
        manager=manager,
        rating="amber",
        rationale="Assess the family.",
        children=[
            ChildDecision(person_id=pid, opened=True, need_level=need, outcome=outcome)
            for pid, (need, outcome) in outcomes.items()
        ],
        version=contact.version,
    )


def _awaiting(contact, officer):  # noqa: ANN001, ANN202
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
    return cs.contact_submit_for_decision(
        contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
    )


def test_r_chk_1_parents_household_and_alleged_perpetrator_are_people_on_the_contact(record, officer) -> None:
    dad = person_create(
        created_by=officer, given_names="Gary", family_name="Smith", date_of_birth=datetime.date(1985, 1, 2)
    )
    contact = record(
        people=[
            MUM,
            cs.PersonInput(person_id=dad.pk, role=Role.ALLEGED_PERPETRATOR, relationship="Stepfather"),
            cs.PersonInput(given_names="Nan", family_name="Smith", role=Role.HOUSEHOLD, relationship="Grandmother"),
        ],
        initial_rating="amber",
    )
    links = {link.role: link for link in contact.people.select_related("person")}
    assert set(links) == {Role.SUBJECT, Role.PARENT, Role.ALLEGED_PERPETRATOR, Role.HOUSEHOLD}
    assert links[Role.PARENT].parental_responsibility
    assert links[Role.PARENT].relationship == "Mother"
    assert not links[Role.PARENT].matched_existing
    assert links[Role.ALLEGED_PERPETRATOR].person == dad
    assert links[Role.ALLEGED_PERPETRATOR].matched_existing
    child = links[Role.SUBJECT].person
    kinds = set(Relationship.objects.filter(other=child).values_list("person__given_names", "kind"))
    assert ("Kerry", "parental_responsibility") in kinds
    assert ("Gary", "alleged_perpetrator") in kinds
    assert ("Nan", "household_member") in kinds
    # The mother is now in the index: the next contact about the family finds her.
    found = people_search(
        user=officer, given_names="Kerry", family_name="Smith", date_of_birth=datetime.date(1990, 5, 1)
    )
    assert found[0].person == links[Role.PARENT].person


def test_r_chk_1_a_new_parent_despite_a_likely_match_is_recorded_as_a_different_person(record, officer) -> None:
    other = person_create(
        created_by=officer, given_names="Kerry", family_name="Smith", date_of_birth=datetime.date(1990, 5, 1)
    )
    item = cs.PersonInput(**{**MUM.__dict__, "not_same_as": (other.pk,), "not_same_reason": "Different address"})
    contact = record(people=[item])
    mum = contact.people.get(role=Role.PARENT).person
    assert mum != other
    assert DistinctPair.objects.filter(first__in=[mum, other], second__in=[mum, other]).exists()


def test_r_chk_1_other_people_need_a_role_and_a_name(record) -> None:
    with pytest.raises(ServiceError):
        record(people=[cs.PersonInput(given_names="Kerry", family_name="Smith")])
    with pytest.raises(ServiceError):
        record(people=[cs.PersonInput(given_names="Kerry", family_name=" ", role=Role.PARENT)])


def test_r_sib_1_a_contact_holds_any_number_of_children(record) -> None:
    kids = [cs.ChildInput(given_names=f"Child{i}", family_name="Large", sex="U") for i in range(7)]
    contact = record(children=kids)
    assert contact.people.filter(role=Role.SUBJECT).count() == 7


def test_r_sib_1_a_child_added_later_needs_a_decision_too(record, officer, manager) -> None:
    contact = _awaiting(record(initial_rating="amber", consent_status="obtained", consent_given_by="Mum"), officer)
    first = contact.people.get().person_id
    _decide(contact, manager, {first: ("cin_moderate", "cfa")})
    contact.refresh_from_db()
    assert contact.status == Status.DECIDED

    link = cs.contact_add_person(
        contact=contact, by=officer, person=cs.ChildInput(given_names="Amy", family_name="Smith", sex="F")
    )
    contact.refresh_from_db()
    assert contact.status == Status.AWAITING_DECISION
    event = AuditEvent.objects.filter(action="contact.person_added").get()
    assert event.detail["decision_reopened"] is True
    with pytest.raises(ServiceError, match="every child"):
        _decide(contact, manager, {first: ("cin_moderate", "cfa")})
    made = _decide(contact, manager, {first: ("cin_moderate", "cfa"), link.person_id: ("not_cin", "nfa")})
    assert {d.child_id: d.outcome for d in made} == {first: "cfa", link.person_id: "nfa"}


def test_r_chk_1_a_parent_added_later_does_not_reopen_the_decision(record, officer) -> None:
    contact = record()
    cs.contact_add_person(contact=contact, by=officer, person=MUM)
    contact.refresh_from_db()
    assert contact.status == Status.RECEIVED
    assert contact.people.filter(role=Role.PARENT, parental_responsibility=True).count() == 1
    mum = contact.people.get(role=Role.PARENT).person_id
    with pytest.raises(ServiceError, match="already on this contact"):
        cs.contact_add_person(contact=contact, by=officer, person=cs.PersonInput(person_id=mum, role=Role.PARENT))


def test_r_sib_1_people_cannot_be_added_to_a_closed_contact(record, officer) -> None:
    contact = record()
    contact.status, contact.closed_at = Status.CLOSED, timezone.now()
    contact.save()
    with pytest.raises(ServiceError, match="no longer open"):
        cs.contact_add_person(contact=contact, by=officer, person=MUM)


YOUNG_MUM = cs.PersonInput(
    given_names="Jade",
    family_name="Smith",
    date_of_birth=timezone.localdate() - datetime.timedelta(days=16 * 366),
    sex="F",
    role=Role.PARENT,
    parental_responsibility=True,
    relationship="Mother",
)


def test_r_int_8_young_parent_becomes_the_subject_of_their_own_contact(record, officer) -> None:
    contact = record(people=[YOUNG_MUM])
    assert contact.parent_under_18
    link = contact.people.get(role=Role.PARENT)
    assert link.is_young_parent
    own = cs.contact_refer_young_parent(contact=contact, by=officer, link_id=link.pk)
    assert own.pk != contact.pk
    assert own.people.get().person == link.person
    assert own.people.get().role == Role.SUBJECT
    assert own.assigned_to is None
    assert contact.reference in own.reason
    link.refresh_from_db()
    assert link.own_contact == own
    with pytest.raises(ServiceError, match="already has a contact"):
        cs.contact_refer_young_parent(contact=contact, by=officer, link_id=link.pk)


def test_r_int_8_a_young_parents_refusal_is_recorded_by_a_manager(record, officer, manager) -> None:
    contact = record(people=[YOUNG_MUM, MUM.__class__(**{**MUM.__dict__, "given_names": "Older"})])
    young = contact.people.get(person__given_names="Jade")
    with pytest.raises(PermissionDenied):
        cs.contact_record_young_parent_declined(contact=contact, manager=officer, link_id=young.pk, reason="No")
    with pytest.raises(ServiceError):
        cs.contact_record_young_parent_declined(contact=contact, manager=manager, link_id=young.pk, reason=" ")
    adult = contact.people.get(person__given_names="Older")
    with pytest.raises(ServiceError, match="under 18"):
        cs.contact_record_young_parent_declined(contact=contact, manager=manager, link_id=adult.pk, reason="No")
    cs.contact_record_young_parent_declined(
        contact=contact, manager=manager, link_id=young.pk, reason="Jade declined when the worker offered it."
    )
    young.refresh_from_db()
    assert young.own_assessment_declined_by == manager
    assert young.own_assessment_declined_at is not None
    with pytest.raises(ServiceError, match="declined"):
        cs.contact_refer_young_parent(contact=contact, by=officer, link_id=young.pk)


def test_r_int_9_baby_born_turns_the_unborn_record_into_a_born_child(record, officer) -> None:
    edd = timezone.localdate() + datetime.timedelta(days=10)
    contact = record(children=[cs.ChildInput(family_name="Smith", is_unborn=True, expected_delivery_date=edd)])
    baby = contact.people.get().person
    born = timezone.localdate() - datetime.timedelta(days=1)
    person_record_birth(person=baby, by=officer, date_of_birth=born, sex="F", given_names="Lily")
    baby.refresh_from_db()
    assert not baby.is_unborn
    assert baby.date_of_birth == born
    assert baby.expected_delivery_date == edd
    assert baby.full_name == "Lily Smith"
    assert AuditEvent.objects.filter(action="person.born", object_id=str(baby.pk)).count() == 1
    assert people_search(user=officer, given_names="Lily", family_name="Smith", date_of_birth=born)[0].person == baby
    with pytest.raises(ServiceError, match="already recorded as born"):
        person_record_birth(person=baby, by=officer, date_of_birth=born, sex="F")


def test_r_int_9_baby_born_refuses_a_future_or_far_off_date(officer) -> None:
    edd = timezone.localdate() + datetime.timedelta(days=10)
    baby = person_create(
        created_by=officer, given_names="", family_name="Smith", is_unborn=True, expected_delivery_date=edd
    )
    with pytest.raises(ServiceError, match="future"):
        person_record_birth(
            person=baby, by=officer, date_of_birth=timezone.localdate() + datetime.timedelta(days=1), sex="F"
        )
    with pytest.raises(ServiceError, match="expected date"):
        person_record_birth(person=baby, by=officer, date_of_birth=edd - datetime.timedelta(days=400), sex="F")
    assert Person.objects.get(pk=baby.pk).is_unborn


def test_r_ref_1_requested_level_and_risks_to_visiting_staff_are_recorded(record, officer) -> None:
    contact = record(requested_level="s17", staff_risk="Father has been aggressive to visitors")
    assert contact.get_requested_level_display().startswith("Child in need")
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, requested_level="s47")
    assert contact.requested_level == "s47"
    with pytest.raises(Exception):  # noqa: B017, PT011 - model validation refuses a level outside the list
        cs.contact_update(contact=contact, by=officer, version=contact.version, requested_level="tier9")


def test_r_int_3_parental_responsibility_household_and_perpetrator_come_from_the_people_on_the_contact(
    record,
) -> None:
    from frontdoor.contacts.selectors import checklist_status

    contact = record()
    missing = {line.key for line in checklist_status(contact) if line.missing}
    assert {"parental_responsibility", "household_members", "alleged_perpetrator"} <= missing
    contact = record(
        people=[MUM, cs.PersonInput(given_names="Gary", family_name="Stone", role=Role.ALLEGED_PERPETRATOR)]
    )
    lines = {line.key: line for line in checklist_status(contact)}
    assert lines["parental_responsibility"].value == "Kerry Smith"
    assert lines["household_members"].value == "Kerry Smith, 01/05/1990"
    assert lines["alleged_perpetrator"].value == "Gary Stone"


def test_r_int_8_the_young_parent_prompt_ends_when_settled_and_warns_of_the_same_worker(
    record, officer, social_worker
) -> None:
    from frontdoor.contacts.selectors import contact_warnings

    contact = record(people=[YOUNG_MUM])
    assert any("A parent is under 18" in w for w in contact_warnings(contact))
    contact = cs.contact_assign(contact=contact, by=officer, assignee=social_worker)
    own = cs.contact_refer_young_parent(contact=contact, by=officer, link_id=contact.people.get(role=Role.PARENT).pk)
    assert not any("A parent is under 18" in w for w in contact_warnings(contact))
    assert not any("same worker" in w for w in contact_warnings(own))
    own = cs.contact_assign(contact=own, by=officer, assignee=social_worker)
    assert any("same worker" in w for w in contact_warnings(own))
