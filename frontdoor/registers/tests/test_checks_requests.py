"""R-CHK-2: requests for checks from other professionals (002 s2). Not contacts."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import Contact
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.people.models import Person, Relationship
from frontdoor.people.services import person_create
from frontdoor.procedures.loader import get_profile
from frontdoor.registers.forms import ChecksRequestForm
from frontdoor.registers.models import ChecksRequest, ChecksStatus, Fact
from frontdoor.registers.selectors import shareable_facts
from frontdoor.registers.services import (
    DetailedRequest,
    checks_request_answer,
    checks_request_authorise,
    checks_request_record,
)

pytestmark = pytest.mark.django_db


def ask(by, **overrides) -> ChecksRequest:  # noqa: ANN001
    values = {
        "by": by,
        "agency": "CAFCASS",
        "caller_name": "Chris Guardian",
        "caller_role": "Family court adviser",
        "verification": "confirmed",
        "active_involvement_confirmed": True,
        "child_given_names": "Alfie",
        "child_family_name": "Smith",
    }
    values.update(overrides)
    return checks_request_record(**values)


WRITTEN = DetailedRequest(
    in_writing=True, purpose="Court proceedings about contact with the father", consent_obtained=True
)


def test_r_chk_2_an_agency_not_on_the_list_is_refused_and_the_reason_kept(officer) -> None:
    request = ask(officer, agency="The Daily Bugle")
    assert request.status == ChecksStatus.REFUSED
    assert not request.agency_on_list
    assert "The Daily Bugle is not one of the agencies we may share information with" in request.refused_reason
    assert request.facts_shared == {}
    event = AuditEvent.objects.get(object_id=str(request.pk), action=AuditAction.CHECKS_REQUEST_REFUSED)
    assert event.detail["reason"] == request.refused_reason
    with pytest.raises(ServiceError, match="refused"):
        checks_request_answer(by=officer, request=request, person=None, share=[Fact.KNOWN])
    assert not Contact.objects.exists()  # a request for checks is not a contact


def test_r_chk_2_the_list_is_the_profiles(officer, settings) -> None:
    form = ChecksRequestForm()
    assert [v for v, _ in form.fields["agency"].choices] == [*get_profile().checks_allow_list, "another"]
    assert ask(officer, agency="cafcass").agency == "CAFCASS"
    assert ask(officer, agency="Kent Police").status == ChecksStatus.REFUSED
    settings.FRONTDOOR_PROFILE = "kent"
    assert ask(officer, agency="Kent Police").status == ChecksStatus.OPEN


def test_r_chk_2_identity_and_involvement_are_confirmed_or_the_request_is_refused(officer) -> None:
    assert "identity could not be confirmed" in ask(officer, verification="not_confirmed").refused_reason
    assert "active involvement" in ask(officer, active_involvement_confirmed=False).refused_reason
    with pytest.raises(ServiceError, match="switchboard number") as raised:
        ask(officer, verification="called_back")
    assert raised.value.field == "caller_phone"
    with pytest.raises(ServiceError, match="how the caller's identity"):
        ask(officer, verification="")
    with time_now() as now:
        called_back = ask(officer, verification="called_back", caller_phone="01223 700 000")
    assert called_back.status == ChecksStatus.OPEN
    assert called_back.called_back_at == now


class time_now:  # noqa: N801 - a tiny context manager for "now", frozen
    def __enter__(self) -> datetime.datetime:
        import time_machine

        self.at = timezone.now().replace(microsecond=0)
        self.traveller = time_machine.travel(self.at, tick=False)
        self.traveller.start()
        return self.at

    def __exit__(self, *args: object) -> None:
        self.traveller.stop()


@pytest.fixture
def family(officer, make_user):  # noqa: ANN001, ANN201
    """Alfie, open to the Cambridge unit with a worker, and his sister Bea, closed."""
    alfie = person_create(
        created_by=officer,
        given_names="Alfie",
        family_name="Smith",
        date_of_birth=datetime.date(2015, 3, 27),
        address="1 Mill Road",
        postcode="CB1 2AB",
        open_case=True,
        allocated_worker="Jo Worker",
        allocated_team_key="unit-cambridge",
        cp_plan=True,
    )
    bea = person_create(
        created_by=officer, given_names="Bea", family_name="Smith", date_of_birth=datetime.date(2012, 1, 2)
    )
    Relationship.objects.create(person=alfie, other=bea, kind=Relationship.Kind.SIBLING)
    lead = make_user(Role.TEAM_MANAGER, "unit-manager", team_key="unit-cambridge")
    lead.first_name, lead.last_name = "Morgan", "Lead"
    lead.save()
    return alfie, bea


def test_r_chk_2_only_the_shareable_facts_looked_up_from_the_person_index(officer, family) -> None:
    alfie, _ = family
    facts = shareable_facts(alfie)
    assert facts == {
        Fact.KNOWN: "Known to children's services",
        Fact.OPEN: "Open case",
        Fact.WORKER: "Jo Worker",
        Fact.MANAGER: "Morgan Lead",
        Fact.SIBLINGS: "Bea Smith (closed)",
    }
    request = ask(officer)
    with pytest.raises(ServiceError, match="Only whether the child is known"):
        checks_request_answer(by=officer, request=request, person=alfie, share=[Fact.KNOWN, "cp_plan"])
    answered = checks_request_answer(by=officer, request=request, person=alfie, share=[Fact.OPEN, Fact.WORKER])
    assert answered.status == ChecksStatus.ANSWERED
    assert answered.facts_shared == {Fact.OPEN: "Open case", Fact.WORKER: "Jo Worker"}
    assert AuditEvent.objects.filter(action=AuditAction.CHECKS_REQUEST_ANSWERED, object_id=str(request.pk)).exists()
    # the child protection plan and the address are on the record but never among what may be shared
    assert "plan" not in str(answered.facts_shared).lower()
    assert "Mill Road" not in str(shareable_facts(alfie))


def test_r_chk_2_a_child_not_known_is_answered_with_that_alone(officer) -> None:
    assert shareable_facts(None) == {Fact.KNOWN: "Not known to children's services"}
    request = checks_request_answer(by=officer, request=ask(officer), person=None, share=[Fact.KNOWN, Fact.WORKER])
    assert request.facts_shared == {Fact.KNOWN: "Not known to children's services"}
    with pytest.raises(ServiceError, match="already|cannot be changed"):
        checks_request_answer(by=officer, request=request, person=None, share=[Fact.KNOWN])


def test_r_chk_2_the_answer_page_offers_the_facts_to_tick(officer, family, client) -> None:
    alfie, _ = family
    request = ask(officer)
    client.force_login(officer)
    page = client.get(f"/registers/checks/{request.pk}/").content.decode()
    assert f"?person={alfie.pk}" in page
    page = client.get(f"/registers/checks/{request.pk}/answer/?person={alfie.pk}").content.decode()
    assert "Jo Worker" in page
    assert "Morgan Lead" in page
    assert "Bea Smith (closed)" in page
    response = client.post(f"/registers/checks/{request.pk}/answer/", {"person": alfie.pk, "share": ["known", "open"]})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.facts_shared == {"known": "Known to children's services", "open": "Open case"}
    assert request.person == alfie


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        (DetailedRequest(purpose="Court", consent_obtained=True), "in writing"),
        (DetailedRequest(in_writing=True, consent_obtained=True), "purpose"),
        (DetailedRequest(in_writing=True, purpose="Court"), "consent, or the attempts"),
        (DetailedRequest(in_writing=True, purpose="Court", consent_attempts="Mother refused"), "section 47"),
        (DetailedRequest(very_urgent=True, purpose="Court", consent_obtained=True), "Legal Services"),
    ],
)
def test_r_chk_2_a_detailed_request_is_written_with_purpose_and_consent_or_attempts(officer, detail, message) -> None:
    with pytest.raises(ServiceError, match=message):
        ask(officer, detailed=detail)


def test_r_chk_2_without_consent_only_to_assist_a_s47_enquiry(officer) -> None:
    detail = DetailedRequest(
        in_writing=True, purpose="Strategy meeting", consent_attempts="Father withheld", assists_s47=True
    )
    assert ask(officer, detailed=detail).status == ChecksStatus.AWAITING_AUTHORISATION
    urgent = DetailedRequest(
        very_urgent=True, legal_advice="Legal: share the chronology only", purpose="Police", consent_obtained=True
    )
    assert ask(officer, detailed=urgent).status == ChecksStatus.AWAITING_AUTHORISATION


def test_r_chk_2_a_manager_authorises_a_pending_detailed_request(officer, manager, client) -> None:
    request = ask(officer, detailed=WRITTEN)
    assert (request.status, request.authorised_by) == (ChecksStatus.AWAITING_AUTHORISATION, None)
    with pytest.raises(PermissionDenied, match="Only a manager"):
        checks_request_authorise(manager=officer, request=request, authorise=True, note="Yes")
    client.force_login(officer)
    assert client.get(f"/registers/checks/{request.pk}/authorise/").status_code == 404
    client.force_login(manager)
    assert "Authorise or refuse" in client.get(f"/registers/checks/{request.pk}/").content.decode()
    response = client.post(
        f"/registers/checks/{request.pk}/authorise/",
        {"authorise": "yes", "note": "A CAFCASS officer may view our files; copies of our own assessments only."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.authorised_by) == (ChecksStatus.AUTHORISED, manager)
    assert AuditEvent.objects.filter(action=AuditAction.CHECKS_REQUEST_AUTHORISED, actor=manager).exists()


def test_r_chk_2_a_manager_may_refuse_with_reasons(officer, manager) -> None:
    request = ask(officer, detailed=WRITTEN)
    with pytest.raises(ServiceError, match="why"):
        checks_request_authorise(manager=manager, request=request, authorise=False, note="")
    request = checks_request_authorise(manager=manager, request=request, authorise=False, note="Court order needed")
    assert request.status == ChecksStatus.NOT_AUTHORISED


def test_r_chk_2_refused_from_the_page_with_the_reason_shown_and_recorded(officer, client) -> None:
    client.force_login(officer)
    now = timezone.localtime()
    response = client.post(
        "/registers/checks/new/",
        {
            "received_at_0": now.day,
            "received_at_1": now.month,
            "received_at_2": now.year,
            "received_at_3": now.strftime("%H:%M"),
            "agency": "another",
            "other_agency": "Acme Debt Collectors",
            "caller_name": "Sam Caller",
            "verification": "confirmed",
            "active_involvement_confirmed": "yes",
            "child_family_name": "Smith",
            "detailed": "basic",
        },
    )
    assert response.status_code == 302
    request = ChecksRequest.objects.get()
    assert request.status == ChecksStatus.REFUSED
    page = client.get(response.url).content.decode()
    assert "Acme Debt Collectors is not one of the agencies we may share information with" in page
    register = client.get("/registers/checks/").content.decode()
    assert "Acme Debt Collectors" in register
    assert "Refused" in register


def test_r_chk_2_the_register_is_for_the_front_doors_staff(officer, make_user, client) -> None:
    request = ask(officer)
    for role in (Role.MASH_PARTNER, Role.BUSINESS_SUPPORT, Role.REFERRER, Role.HEAD_OF_SERVICE):
        client.force_login(make_user(role))
        assert client.get("/registers/checks/").status_code == 404
        assert client.get(f"/registers/checks/{request.pk}/").status_code == 404
    assert Person.objects.count() == 0


def test_r_chk_2_a_restricted_record_is_not_answered_from_the_register(officer, family, client) -> None:
    alfie, _ = family
    Person.objects.filter(pk=alfie.pk).update(restricted=True)
    alfie.refresh_from_db()
    request = ask(officer)
    with pytest.raises(ServiceError, match="restricted"):
        checks_request_answer(by=officer, request=request, person=alfie, share=[Fact.KNOWN])
    client.force_login(officer)
    page = client.get(f"/registers/checks/{request.pk}/").content.decode()
    assert "Restricted record" in page
    assert f"?person={alfie.pk}" not in page
    assert client.get(f"/registers/checks/{request.pk}/answer/?person={alfie.pk}").status_code == 404
