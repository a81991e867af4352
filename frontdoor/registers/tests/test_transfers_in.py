"""R-TRF-1: a family with a child protection plan moving in from another authority (002 s8)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.audit.actions import AuditAction
from frontdoor.audit.models import AuditEvent
from frontdoor.core.errors import PermissionDenied, ServiceError
from frontdoor.people.models import Person, Relationship
from frontdoor.registers.models import TransferIn, TransferStatus
from frontdoor.registers.services import (
    FamilyMember,
    transfer_in_escalate,
    transfer_in_forward,
    transfer_in_notify,
    transfer_in_record,
)

pytestmark = pytest.mark.django_db

FAMILY = [
    FamilyMember(given_names="Maya", family_name="Okafor", date_of_birth=datetime.date(2019, 6, 1), sex="F"),
    FamilyMember(given_names="Theo", family_name="Okafor", date_of_birth=datetime.date(2021, 2, 3), sex="M"),
    FamilyMember(given_names="Grace", family_name="Okafor", date_of_birth=datetime.date(1993, 4, 5), is_child=False),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def notified(by) -> TransferIn:  # noqa: ANN001
    return transfer_in_notify(
        by=by,
        notified_at=timezone.now() - datetime.timedelta(hours=1),
        authority="Norfolk County Council",
        notifier_name="Dee Social Worker",
        conference_requested=True,
    )


def record(by, transfer, **overrides):  # noqa: ANN001, ANN201
    values = {
        "by": by,
        "transfer": transfer,
        "residence": "permanent",
        "family": FAMILY,
        "address": "4 Fen Lane, Ely",
        "postcode": "CB7 4AA",
        "form_received_at": timezone.now() - datetime.timedelta(minutes=10),
    }
    values.update(overrides)
    return transfer_in_record(**values)


def test_r_trf_1_the_form_is_the_profiles_and_required_before_any_details(officer, settings) -> None:
    transfer = notified(officer)
    assert transfer.form_name == "Form SOC 1233"
    assert transfer.status == TransferStatus.AWAITING_FORM
    with pytest.raises(ServiceError, match="complete Form SOC 1233 first") as raised:
        record(officer, transfer, form_received_at=None)
    assert raised.value.field == "form_received_at"
    assert not Person.objects.exists()
    settings.FRONTDOOR_PROFILE = "leeds"
    assert notified(officer).form_name == "the transfer-in notification form"


def test_r_trf_1_an_attached_form_counts_as_received(officer) -> None:
    transfer = record(
        officer,
        notified(officer),
        form_received_at=None,
        form_document=SimpleUploadedFile("soc1233.pdf", PDF, content_type="application/pdf"),
        residence="temporary",
    )
    assert transfer.form_document_name == "soc1233.pdf"
    assert transfer.form_received_at is not None


def test_r_trf_1_permanent_creates_the_family_opens_an_involvement_and_is_forwarded(officer) -> None:
    transfer = record(officer, notified(officer))
    maya, theo = Person.objects.filter(given_names__in=["Maya", "Theo"]).order_by("given_names")
    grace = Person.objects.get(given_names="Grace")
    assert set(transfer.people.all()) == {maya, theo, grace}
    assert maya.open_case
    assert theo.open_case
    assert not grace.open_case
    assert transfer.involvement_opened_at is not None
    assert Relationship.objects.filter(person=maya, other=theo, kind=Relationship.Kind.SIBLING).exists()
    assert Relationship.objects.filter(
        person=grace, other=maya, kind=Relationship.Kind.PARENTAL_RESPONSIBILITY
    ).exists()
    assert maya.addresses.get().postcode == "CB7 4AA"
    at = timezone.now() - datetime.timedelta(minutes=1)
    transfer = transfer_in_forward(
        by=officer, transfer=transfer, forwarded_to="Quality assurance: conferences", forwarded_at=at
    )
    assert (transfer.status, transfer.forwarded_to, transfer.forwarded_at) == (
        TransferStatus.FORWARDED,
        "Quality assurance: conferences",
        at,
    )
    assert AuditEvent.objects.filter(action=AuditAction.TRANSFER_IN_FORWARDED, object_id=str(transfer.pk)).exists()


def test_r_trf_1_temporary_records_the_details_without_an_involvement(officer) -> None:
    transfer = record(officer, notified(officer), residence="temporary")
    assert transfer.status == TransferStatus.RECORDED
    assert transfer.people.count() == 3
    assert transfer.involvement_opened_at is None
    assert not Person.objects.filter(open_case=True).exists()
    with pytest.raises(ServiceError, match="Only a permanent move"):
        transfer_in_forward(by=officer, transfer=transfer, forwarded_to="Conferences")


def test_r_trf_1_a_disputed_responsibility_escalates_with_urgency(officer, manager) -> None:
    transfer = record(officer, notified(officer), residence="temporary")
    with pytest.raises(PermissionDenied):
        transfer_in_escalate(by=officer, transfer=transfer, level="cp_managers", escalated_to="CP managers", reason="x")
    with pytest.raises(ServiceError, match="child protection managers first"):
        transfer_in_escalate(
            by=manager, transfer=transfer, level="senior_managers", escalated_to="Heads", reason="x", urgent=True
        )
    transfer_in_escalate(
        by=manager,
        transfer=transfer,
        level="cp_managers",
        escalated_to="Both CP managers",
        reason="Family moving about",
    )
    with pytest.raises(ServiceError, match="urgent") as raised:
        transfer_in_escalate(
            by=manager, transfer=transfer, level="senior_managers", escalated_to="Heads", reason="Still"
        )
    assert raised.value.field == "urgent"
    escalation = transfer_in_escalate(
        by=manager,
        transfer=transfer,
        level="senior_managers",
        escalated_to="Heads of service",
        reason="Still no agreement",
        urgent=True,
        respond_by=timezone.now() + datetime.timedelta(hours=4),
    )
    transfer.refresh_from_db()
    assert transfer.responsibility_disputed
    assert escalation.urgent
    assert AuditEvent.objects.filter(action=AuditAction.TRANSFER_IN_ESCALATED).count() == 2


def test_r_trf_1_the_pages_record_a_notification_then_the_details(officer, client) -> None:
    client.force_login(officer)
    now = timezone.localtime()
    when = {"_0": now.day, "_1": now.month, "_2": now.year, "_3": now.strftime("%H:%M")}
    response = client.post(
        "/registers/transfers/new/",
        {**{f"notified_at{k}": v for k, v in when.items()}, "authority": "Norfolk", "notifier_name": "Dee"},
    )
    assert response.status_code == 302
    transfer = TransferIn.objects.get()
    page = client.get(response.url).content.decode()
    assert "Waiting for Form SOC 1233" in page
    details = {
        "residence": "permanent",
        "address": "4 Fen Lane",
        "member-0-given_names": "Maya",
        "member-0-family_name": "Okafor",
        "member-0-is_child": "child",
    }
    refused = client.post(f"/registers/transfers/{transfer.pk}/record/", details).content.decode()
    assert "complete Form SOC 1233 first" in refused
    assert 'value="4 Fen Lane"' in refused  # what was typed survives
    response = client.post(
        f"/registers/transfers/{transfer.pk}/record/",
        {**details, **{f"form_received_at{k}": v for k, v in when.items()}},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Maya Okafor" in page
    assert "Forward for a transfer-in conference" in page


def test_r_trf_1_the_register_is_for_the_front_doors_staff(officer, make_user, client) -> None:
    transfer = notified(officer)
    for role in (Role.MASH_PARTNER, Role.BUSINESS_SUPPORT, Role.REFERRER):
        client.force_login(make_user(role))
        assert client.get(f"/registers/transfers/{transfer.pk}/").status_code == 404
