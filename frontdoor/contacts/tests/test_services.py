"""Recording and screening contacts through the services (R-INT-*, R-CON-*, R-TIME-1)."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services
from frontdoor.contacts.models import Contact, ContactPerson, Status
from frontdoor.contacts.selectors import checklist_status, contact_warnings
from frontdoor.core.errors import ServiceError, StaleEdit
from frontdoor.people.models import Person

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def test_r_int_1_contact_records_who_when_how_about_whom_and_why(record, officer) -> None:
    contact = record()
    assert contact.reference.startswith("FD-")
    assert contact.received_at.second == 0 or contact.received_at is not None
    assert contact.channel == "phone"
    assert contact.referrer_name == "Sam Teacher"
    assert contact.people.get().person.full_name == "Alfie Smith"
    assert AuditEvent.objects.filter(action="contact.recorded", object_id=str(contact.pk), actor=officer).exists()


def test_r_sib_1_a_contact_can_be_about_several_children(record) -> None:
    kids = [
        services.ChildInput(given_names=n, family_name="Khan", date_of_birth=datetime.date(2016, 1, 1 + i))
        for i, n in enumerate(["Aisha", "Omar"])
    ]
    contact = record(children=kids)
    assert contact.people.filter(role=ContactPerson.Role.SUBJECT).count() == 2


def test_double_submit_with_the_same_key_creates_one_contact(record) -> None:
    key = uuid.uuid4()
    first = record(idempotency_key=key)
    second = record(idempotency_key=key)
    assert first.pk == second.pk
    assert Contact.objects.count() == 1


def test_a_contact_needs_at_least_one_child(officer) -> None:
    with pytest.raises(ServiceError, match="at least one child"):
        services.contact_record(
            recorded_by=officer,
            children=[],
            received_at=timezone.now(),
            channel="phone",
            referrer_kind="public",
            reason="x",
        )
    assert Contact.objects.count() == 0


def test_nothing_half_written_is_saved_when_a_child_is_invalid(officer) -> None:
    bad = services.ChildInput(given_names="A", family_name="B", is_unborn=True)  # unborn without EDD
    with pytest.raises(ValidationError):
        services.contact_record(
            recorded_by=officer,
            received_at=timezone.now(),
            channel="phone",
            referrer_kind="public",
            referrer_name="N",
            reason="x",
            children=[services.ChildInput(given_names="Ok", family_name="Child"), bad],
        )
    assert Contact.objects.count() == 0
    assert Person.objects.count() == 0


def test_r_int_9_unborn_child_has_expected_delivery_date(record) -> None:
    edd = timezone.localdate() + datetime.timedelta(days=60)
    contact = record(children=[services.ChildInput(family_name="Brown", is_unborn=True, expected_delivery_date=edd)])
    person = contact.people.get().person
    assert person.is_unborn
    assert person.date_of_birth is None
    assert person.full_name == "Unborn Brown"


def test_r_int_6_professional_phone_call_needs_written_follow_up(record, officer) -> None:
    contact = record()
    assert contact.written_follow_up_outstanding
    assert any("written follow-up has not arrived" in w for w in contact_warnings(contact))
    contact = services.contact_record_written_follow_up(contact=contact, by=officer)
    assert not contact.written_follow_up_outstanding


def test_r_int_6_public_caller_needs_no_written_follow_up(record) -> None:
    assert not record(referrer_kind="public", referrer_agency="").written_follow_up_required


def test_r_int_5_police_da_notification_without_dash_prompts_a_request(record, officer) -> None:
    contact = record(channel="police_notification", domestic_abuse=True, da_risk="high")
    assert contact.dash_missing
    assert any("DASH" in w for w in contact_warnings(contact))
    assert any("High-risk domestic abuse" in w for w in contact_warnings(contact))
    contact = services.contact_request_dash(contact=contact, by=officer)
    assert contact.dash_requested_at is not None


def test_r_con_8_anonymity_needs_the_warning_recorded(record) -> None:
    with pytest.raises(ValidationError, match="anonymity cannot be guaranteed"):
        record(referrer_kind="public", anonymity_requested=True, anonymity_warning_given=False)


def test_optimistic_locking_refuses_the_second_save(record, officer, social_worker) -> None:
    contact = record()
    opened_version = contact.version
    services.contact_update(contact=contact, by=officer, version=opened_version, screening_nature="First")
    with pytest.raises(StaleEdit, match="Someone else saved"):
        services.contact_update(contact=contact, by=social_worker, version=opened_version, screening_nature="Second")
    contact.refresh_from_db()
    assert contact.screening_nature == "First"


def test_r_int_3_checklist_shows_what_is_missing(record, officer) -> None:
    contact = record()
    missing = {line.key for line in checklist_status(contact) if line.missing}
    assert "parental_responsibility" in missing
    assert "cause_for_concern" not in missing
    contact = services.contact_update(
        contact=contact, by=officer, version=contact.version, checklist={"parental_responsibility": "Mother and father"}
    )
    missing = {line.key for line in checklist_status(contact) if line.missing}
    assert "parental_responsibility" not in missing


def test_r_int_4_household_questions_default_to_not_known(record) -> None:
    contact = record()
    assert contact.hh_domestic_abuse == contact.hh_mental_illness == "unknown"


def test_r_con_3_only_a_manager_authorises_sharing_without_consent(record, officer, manager) -> None:
    contact = record()
    with pytest.raises(ServiceError, match="Only a manager"):
        services.consent_authorise_share_without(contact=contact, manager=officer, reason="Risk")
    contact = services.consent_authorise_share_without(
        contact=contact, manager=manager, reason="Telling dad would raise risk"
    )
    assert contact.share_without_consent_by == manager


def test_r_con_5_no_sharing_without_consent_or_authorisation(record, officer) -> None:
    contact = record()
    with pytest.raises(ServiceError, match="child-protection reasons"):
        services.sharing_decision_record(
            contact=contact, by=officer, shared_with="GP", information="x", shared=True, reason="Needed"
        )
    # R-CON-6: a decision not to share is documented too.
    decision = services.sharing_decision_record(
        contact=contact, by=officer, shared_with="GP", information="x", shared=False, reason="Not necessary"
    )
    assert not decision.shared


def test_r_con_7_electronic_sharing_only_to_secure_domains(record, officer) -> None:
    contact = record(consent_status="obtained", consent_given_by="Mum")
    with pytest.raises(ServiceError, match="not a secure destination") as error:
        services.sharing_decision_record(
            contact=contact,
            by=officer,
            shared_with="GP",
            information="x",
            shared=True,
            reason="Needed",
            destination_email="gp@gmail.com",
        )
    assert error.value.field == "destination_email"
    services.sharing_decision_record(
        contact=contact,
        by=officer,
        shared_with="GP",
        information="x",
        shared=True,
        reason="Needed",
        destination_email="gp.surgery@nhs.net",
    )


def test_r_time_1_red_contact_is_due_within_4_working_hours(record) -> None:
    received = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
    contact = record(received_at=received, initial_rating="red")
    assert timezone.localtime(contact.action_due_at) == datetime.datetime(2026, 11, 24, 14, 0, tzinfo=LONDON)
    assert contact.due_at == contact.action_due_at


def test_r_route_3_agency_check_due_within_the_rating_timescale(record, officer) -> None:
    contact = record(initial_rating="amber", consent_status="obtained", consent_given_by="Mum")
    check = services.agency_check_request(contact=contact, by=officer, agency="police", question="Any callouts?")
    assert check.due_at == contact.action_due_at
    with pytest.raises(ServiceError, match="already been requested"):
        services.agency_check_request(contact=contact, by=officer, agency="police")


def test_r_dec_6_police_notification_time_cannot_be_in_the_future(record, officer) -> None:
    contact = record(suspected_crime=True)
    with pytest.raises(ServiceError, match="future"):
        services.contact_record_police_notified(
            contact=contact, by=officer, at=timezone.now() + datetime.timedelta(hours=1)
        )
    contact = services.contact_record_police_notified(contact=contact, by=officer, at=timezone.now())
    assert contact.police_notified_at is not None


def test_r_route_1_open_case_contact_is_passed_to_the_allocated_team(record, officer) -> None:
    from frontdoor.decisions.routing import open_case_routing

    child = Person.objects.create(
        given_names="Mia",
        family_name="Cole",
        family_name_norm="cole",
        open_case=True,
        allocated_worker="Jo Worker",
        allocated_team_key="cla",
    )
    contact = record(children=[services.ChildInput(person_id=child.pk)])
    suggestion = open_case_routing(contact)
    assert suggestion
    assert suggestion.team_key == "cla"
    contact = services.contact_pass_to_allocated_team(contact=contact, by=officer, team_key="cla", reason="Open case")
    assert contact.status == Status.PASSED_ON
    assert contact.team_key == "cla"
    assert contact.closed_at


def test_r_dec_2_referrer_acknowledgement_is_due_the_same_working_day(record, officer) -> None:
    received = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
    contact = record(received_at=received)
    assert contact.acknowledgement_due_at == datetime.datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)
    assert any("acknowledged" in w for w in contact_warnings(contact))
    contact = services.contact_acknowledge(contact=contact, by=officer)
    assert not contact.acknowledgement_outstanding
    with pytest.raises(ServiceError, match="already been acknowledged"):
        services.contact_acknowledge(contact=contact, by=officer)


@pytest.mark.parametrize(
    ("field", "value"), [("status", "decided"), ("rating", "red"), ("decided_at", "2026-11-24T10:00:00+00:00")]
)
def test_contact_record_cannot_set_what_the_workflow_sets(record, field: str, value: str) -> None:  # noqa: ANN001
    """A future API calling the service cannot record a contact straight into a later state."""
    with pytest.raises(ServiceError, match=field):
        record(**{field: value})
    assert not Contact.objects.exists()
