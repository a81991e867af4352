"""R-CON-8 everywhere: a non-professional referrer's identity never appears in anything produced for the
family or another agency (000, 001, 004: "Personal information about non-professional referrers should
not be disclosed to the parents or other agencies without the referrer's consent").

One contact referred by a neighbour, whose name, phone and email the workers also typed into every free
text they wrote, is taken through every step that produces something for the family or another agency:
the emails in the outbox (the agency check request, the strategy invitation, the notices), the partner's
checks and check page, the strategy meeting as business support see it (request, minutes, outcome,
actions), the texts pre-filled for the referrer and the family, the family told, the police told (which
records the notification and sends nothing), and the subject access export. None may hold a trace.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.core.errors import ServiceError
from frontdoor.followup import texts
from frontdoor.followup.services import family_told_record
from frontdoor.outbox.models import OutboxMessage
from frontdoor.records.services import subject_access_export
from frontdoor.strategy import services as ss
from frontdoor.strategy.testing import decide_for_strategy

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Pat Quenby", "07700 900123", "pat.quenby@example.com"
RELATIONSHIP = "Neighbour at 14 Larkspur Road"
TRACES = ["Quenby", "07700", "900123", "900 123", "pat.quenby", "Larkspur", "Neighbour at"]
SAID = f"{NAME} ({PHONE}, {EMAIL}) says"


def _traces(text: str) -> list[str]:
    return [t for t in TRACES if t.lower() in text.lower()]


def test_r_con_8_a_neighbours_identity_is_in_nothing_for_the_family_or_another_agency(  # noqa: PLR0915
    record, officer, manager, social_worker, make_user
) -> None:
    partner = make_user(
        Role.MASH_PARTNER, username="dc-cole", agency="police", email="dc.cole@cambridgeshire.police.uk"
    )
    support = make_user(Role.BUSINESS_SUPPORT, email="bs@cambridgeshire.gov.uk")
    ig = make_user(Role.INFORMATION_GOVERNANCE)
    contact = record(
        referrer_kind="public",
        referrer_name=NAME,
        referrer_phone=PHONE,
        referrer_email=EMAIL,
        referrer_relationship=RELATIONSHIP,
        reason=f"{SAID} she heard the father shouting and a child crying.",
        checklist={"referrer_relationship": RELATIONSHIP},
        initial_rating="red",
        consent_status="obtained",
        consent_given_by="Mum",
    )
    cs.contact_start_screening(contact=contact, by=officer)
    contact.refresh_from_db()
    cs.note_add(contact=contact, by=officer, text=f"Rang {NAME} back on {PHONE}.")
    cs.agency_check_request(contact=contact, by=officer, agency="police", question=f"{SAID} the father is violent.")
    contact = decide_for_strategy(contact, officer, manager)
    cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now(), reference="CC-1234")
    meeting = ss.strategy_worker_allocate(contact=contact, manager=manager, social_worker=social_worker)
    meeting = ss.strategy_request_record(
        meeting=meeting,
        by=social_worker,
        meeting_at=timezone.now() - datetime.timedelta(hours=1),
        chronology=f"Today: {SAID} a child cried.",
        initial_analysis=f"{NAME} is a credible witness.",
    )
    ss.strategy_partner_invite(meeting=meeting, by=support, agency="police", user=partner)
    ss.strategy_minutes_record(meeting=meeting, by=support, minutes=f"{NAME}'s account was discussed.")
    child = contact.people.get(role="subject").person
    ss.strategy_child_outcome_record(
        meeting=meeting, manager=manager, child=child, section_47=True, reasons=f"{SAID} it happens weekly."
    )
    ss.strategy_action_add(
        meeting=meeting,
        by=support,
        what=f"Speak to {NAME} again",
        owner="Duty social worker",
        due_on=timezone.localdate(),
    )

    outputs: dict[str, str] = {}
    for message in OutboxMessage.objects.exclude(kind__startswith="referrer_"):
        outputs[f"email {message.kind} to {message.to_address}"] = f"{message.subject}\n{message.body}"
    as_partner = Client()
    as_partner.force_login(partner)
    check = contact.agency_checks.get()
    outputs["the partner's checks"] = as_partner.get("/checks/").content.decode()
    outputs["the partner's check page"] = as_partner.get(
        f"/contacts/{contact.reference}/checks/{check.pk}/respond/"
    ).content.decode()
    as_support = Client()
    as_support.force_login(support)
    outputs["the meeting, as business support see it"] = as_support.get(
        f"/strategy-meetings/{meeting.pk}/"
    ).content.decode()
    outputs["business support's meetings"] = as_support.get("/strategy-meetings/").content.decode()
    outputs["the acknowledgement text"] = texts.acknowledgement_text(contact)
    outputs["the confidential outcome text"] = texts.confidential_outcome_text(contact)
    outputs["the family's text"] = texts.family_text(contact)
    told = family_told_record(
        contact=contact,
        by=officer,
        told=True,
        who="Mum",
        told_at=timezone.now(),
        method="phone",
        what=texts.family_text(contact),
    )
    outputs["the family told"] = told.what
    export = subject_access_export(person_id=child.pk, by=ig)
    outputs["the subject access export"] = repr(export.sections)

    leaks = {where: found for where, text in outputs.items() if (found := _traces(text))}
    assert not leaks, leaks
    assert any(where.startswith("email agency_check_request") for where in outputs)
    assert any(where.startswith("email strategy_invitation") for where in outputs)
    assert "the father is violent" in outputs["the partner's check page"]
    assert "account was discussed" in outputs["the meeting, as business support see it"]


def test_r_con_8_the_family_is_never_told_who_referred(record, officer, manager) -> None:
    contact = record(referrer_kind="public", referrer_name=NAME, initial_rating="red")
    cs.contact_start_screening(contact=contact, by=officer)
    contact.refresh_from_db()
    contact = decide_for_strategy(contact, officer, manager)
    with pytest.raises(ServiceError, match="Do not say who made the referral"):
        family_told_record(
            contact=contact,
            by=officer,
            told=True,
            who="Mum",
            told_at=timezone.now(),
            method="phone",
            what="Mrs Quenby next door was worried.",
        )


def test_r_con_8_a_partner_reads_the_question_with_the_referrer_replaced(record, officer, make_user) -> None:
    contact = record(
        referrer_kind="family_member",
        referrer_name="Jean Smith",
        referrer_phone="01223 400400",
        consent_status="obtained",
        consent_given_by="Mum",
    )
    cs.contact_start_screening(contact=contact, by=officer)
    question = "Aunt Jean Smith (01223 400 400) says Alfie Smith is left alone."
    cs.agency_check_request(contact=contact, by=officer, agency="police", question=question)
    partner = make_user(Role.MASH_PARTNER, username="dc-cole", agency="police")
    client = Client()
    client.force_login(partner)
    page = client.get("/checks/").content.decode()
    # the relative's shared surname stays where it is the child's; her given name and number go
    assert "Aunt [the referrer] ([the referrer]) says Alfie Smith is left alone." in page
