"""Feedback to the referrer: the acknowledgement, the outcome and the advice (R-FB-1, R-DEC-2, R-REF-2), what a
non-professional gets (R-FB-2), and the text kept as sent."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as cs
from frontdoor.core.errors import ServiceError
from frontdoor.followup import selectors as sel
from frontdoor.followup.models import Feedback, FeedbackKind
from frontdoor.followup.services import ADVICE_HEADING, feedback_give
from frontdoor.followup.texts import acknowledgement_text, confidential_outcome_text, outcome_text
from frontdoor.outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _give(contact, by, **extra):  # noqa: ANN001, ANN003, ANN202
    values = {
        "kind": "outcome",
        "method": "email",
        "to_whom": "Sam Teacher, Oak School",
        "address": "sam.teacher@cambridgeshire.gov.uk",
        "text": outcome_text(contact),
    }
    values.update(extra)
    return feedback_give(contact=contact, by=by, **values)


def test_r_fb_1_outcome_text_is_written_from_the_decision_in_plain_words(decided) -> None:  # noqa: ANN001
    contact = decided(outcome="cfa")
    text = outcome_text(contact)
    assert "Alfie Smith" in text
    assert contact.reference in text
    assert "a social worker will carry out a Child and Family Assessment" in text
    assert "Dear Sam Teacher," in text
    assert not SNAKE.search(text)
    # the manager's rationale is the record's, not the letter's
    assert "belt" not in text


def test_r_fb_1_outcome_feedback_is_kept_with_to_whom_how_when_by_whom_and_the_text(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    assert sel.outcome_feedback_outstanding(contact)
    sent = _give(contact, social_worker)
    sent.refresh_from_db()
    assert sent.kind == FeedbackKind.OUTCOME
    assert sent.to_whom == "Sam Teacher, Oak School"
    assert sent.method == "email"
    assert sent.sent_by == social_worker
    assert sent.text == outcome_text(contact)
    assert sent.email_held is False
    assert not sel.outcome_feedback_outstanding(contact)
    event = AuditEvent.objects.get(action="contact.feedback_given")
    assert event.detail == {"kind": "outcome", "method": "email", "held": False}
    with pytest.raises(ServiceError, match="already been told"):
        _give(contact, social_worker)


def test_r_fb_1_outcome_is_given_only_after_the_decision(record, social_worker) -> None:  # noqa: ANN001
    contact = record()
    assert not sel.outcome_feedback_outstanding(contact)
    with pytest.raises(ServiceError, match="once a manager has made the decision"):
        _give(contact, social_worker, text="Outcome")


def test_r_fb_1_r_ref_2_outcome_feedback_is_due_by_the_profile_clock(decided) -> None:  # noqa: ANN001
    received = datetime.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
    with time_machine.travel(received + datetime.timedelta(minutes=10), tick=False):
        contact = decided(received_at=received)
    # cambridgeshire: 48 clock hours from receipt (003: "a response within 24-48 hours")
    assert sel.outcome_feedback_due_at(contact) == received + datetime.timedelta(hours=48)


def test_r_fb_1_the_profile_sets_the_outcome_feedback_clock(decided, settings) -> None:  # noqa: ANN001
    from frontdoor.procedures.loader import get_profile

    settings.FRONTDOOR_PROFILE = "kent"
    received = datetime.datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)  # a Friday
    with time_machine.travel(received + datetime.timedelta(minutes=10), tick=False):
        contact = decided(received_at=received, rating="standard", initial_rating="standard")
    assert get_profile().outcome_feedback_deadline.amount == 48
    assert sel.outcome_feedback_due_at(contact) == datetime.datetime(2026, 11, 29, 16, 0, tzinfo=LONDON)


def test_r_fb_1_advice_given_is_copied_to_the_referrer(decided, social_worker, manager) -> None:  # noqa: ANN001
    contact = decided(outcome="information_advice", need="not_cin")
    assert sel.closes_with_advice(contact)
    with pytest.raises(ServiceError) as caught:
        _give(contact, social_worker)
    assert caught.value.field == "advice"
    advice = "Talk to the school nurse about the bruising; call us again if it happens again."
    sent = _give(contact, social_worker, advice=advice)
    assert sent.kind == FeedbackKind.ADVICE
    assert sent.text.endswith(f"{ADVICE_HEADING}\n{advice}")
    assert "we have given information and advice" in sent.text


def test_r_fb_1_the_advice_page_is_prefilled_from_the_closing_summary(decided, manager, social_worker) -> None:  # noqa: ANN001
    contact = decided(outcome="information_advice", need="not_cin")
    cs.contact_close(
        contact=contact,
        by=manager,
        summary="Advised the school to speak to the school nurse.",
        outstanding_reason="Feedback to follow",
    )
    client = Client()
    client.force_login(social_worker)
    page = client.get(f"/contacts/{contact.reference}/feedback/outcome/").content.decode()
    assert "Advised the school to speak to the school nurse." in page
    assert "The advice given" in page


def test_r_dec_2_the_acknowledgement_keeps_its_text_and_marks_the_referrer_acknowledged(record, officer) -> None:  # noqa: ANN001
    contact = record(referrer_email="sam@nhs.net")
    text = acknowledgement_text(contact)
    assert contact.reference in text
    assert "We will tell you the outcome." in text
    sent = feedback_give(
        contact=contact, by=officer, kind="acknowledgement", method="phone", to_whom="Sam Teacher", text=text
    )
    contact.refresh_from_db()
    assert contact.acknowledged_at is not None
    assert sent.kind == FeedbackKind.ACKNOWLEDGEMENT
    assert sent.text == text
    assert AuditEvent.objects.filter(action="contact.acknowledged").count() == 1
    with pytest.raises(ServiceError, match="already been acknowledged"):
        feedback_give(contact=contact, by=officer, kind="acknowledgement", method="phone", to_whom="Sam", text="Hi")


def test_r_fb_1_an_email_is_written_to_the_outbox_in_the_same_transaction(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided()
    sent = _give(contact, social_worker)
    message = OutboxMessage.objects.get()
    assert message.to_address == "sam.teacher@cambridgeshire.gov.uk"
    assert message.body == sent.text
    assert message.status == OutboxMessage.Status.PENDING
    assert contact.reference in message.subject
    assert message.once_key == f"feedback-{sent.pk}"


def test_r_con_7_an_email_to_an_address_that_is_not_secure_is_held_and_the_task_stays_open(
    decided, social_worker
) -> None:  # noqa: ANN001
    contact = decided()
    sent = _give(contact, social_worker, address="sam@gmail.com")
    assert sent.email_held is True
    assert "gmail.com is not a secure address" in sent.held_reason
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.HELD
    # the referrer has not been told yet: the worker tells them another way and records that
    assert sel.outcome_feedback_outstanding(contact)
    client = Client()
    client.force_login(social_worker)
    assert "The email was held" in client.get(f"/contacts/{contact.reference}/").content.decode()
    _give(contact, social_worker, method="phone", address="01223 000000")
    assert not sel.outcome_feedback_outstanding(contact)
    with pytest.raises(ServiceError) as caught:
        feedback_give(
            contact=decided(), by=social_worker, kind="outcome", method="email", to_whom="Sam", text="Hi", address=""
        )
    assert caught.value.field == "address"


def test_r_dec_2_a_held_acknowledgement_leaves_the_referrer_to_acknowledge(record, officer) -> None:  # noqa: ANN001
    contact = record()
    feedback_give(
        contact=contact,
        by=officer,
        kind="acknowledgement",
        method="email",
        address="sam@example.com",
        to_whom="Sam",
        text=acknowledgement_text(contact),
    )
    contact.refresh_from_db()
    assert contact.acknowledgement_outstanding


def test_r_fb_2_no_feedback_to_a_non_professional_where_the_profile_says_none(decided, social_worker) -> None:  # noqa: ANN001
    # cambridgeshire (002 s7): "Feedback is not given to family members or members of the public"
    contact = decided(referrer_kind="public", referrer_name="Pat Neighbour", referrer_agency="")
    assert sel.outcome_feedback_rule(contact) == sel.NONE
    assert not sel.outcome_feedback_outstanding(contact)
    assert "not outcome feedback" not in " ".join(sel.followup_outstanding(contact))
    with pytest.raises(ServiceError, match="to protect the confidentiality of the family"):
        _give(contact, social_worker, method="phone", address="")
    client = Client()
    client.force_login(social_worker)
    page = client.get(f"/contacts/{contact.reference}/feedback/outcome/").content.decode()
    assert "to protect the confidentiality of the family" in page
    assert "<textarea" not in page


def test_r_fb_2_a_non_professional_gets_a_text_that_respects_the_childs_confidentiality(
    decided, social_worker, settings
) -> None:  # noqa: ANN001
    settings.FRONTDOOR_PROFILE = "kent"  # 000: "in a manner consistent with respecting the confidentiality"
    contact = decided(
        referrer_kind="public",
        referrer_name="Pat Neighbour",
        referrer_agency="",
        rating="standard",
        initial_rating="standard",
    )
    assert sel.outcome_feedback_rule(contact) == sel.CONFIDENTIAL
    assert sel.outcome_feedback_outstanding(contact)
    text = confidential_outcome_text(contact)
    assert "Assessment" not in text
    assert "belt" not in text
    assert "Alfie" not in text
    with pytest.raises(ServiceError, match="repeats details of the assessment") as caught:
        _give(
            contact,
            social_worker,
            method="phone",
            address="",
            text=text + "\nFather admits hitting the child with a belt",
        )
    assert caught.value.field == "text"
    sent = _give(contact, social_worker, method="letter", address="2 Mill Road", text=text)
    assert sent.kind == FeedbackKind.OUTCOME
    client = Client()
    client.force_login(social_worker)
    contact2 = decided(
        referrer_kind="family_member", referrer_name="Gran", rating="standard", initial_rating="standard"
    )
    page = client.get(f"/contacts/{contact2.reference}/feedback/outcome/").content.decode()
    assert "what the child&#x27;s confidentiality allows" in page or "what the child's confidentiality allows" in page
    assert "Child and Family Assessment" not in page


def test_r_fb_1_anonymous_referrers_get_no_feedback(record, officer) -> None:  # noqa: ANN001
    contact = record(referrer_kind="anonymous", referrer_name="", referrer_agency="")
    assert sel.outcome_feedback_rule(contact) == sel.ANONYMOUS
    with pytest.raises(ServiceError, match="anonymous"):
        feedback_give(contact=contact, by=officer, kind="acknowledgement", method="phone", to_whom="x", text="Hi")
    assert not Feedback.objects.exists()


def test_r_fb_1_the_outcome_page_is_prefilled_and_sends(decided, social_worker) -> None:  # noqa: ANN001
    contact = decided(referrer_email="sam.teacher@nhs.net")
    client = Client()
    client.force_login(social_worker)
    detail = client.get(f"/contacts/{contact.reference}/").content.decode()
    assert "Tell the referrer the outcome" in detail
    url = f"/contacts/{contact.reference}/feedback/outcome/"
    page = client.get(url).content.decode()
    assert "sam.teacher@nhs.net" in page
    assert "Child and Family Assessment" in page
    response = client.post(url, {"to_whom": "Sam", "method": "email", "address": "", "text": "The outcome"})
    assert response.status_code == 200
    assert "Enter the email address to send it to." in response.content.decode()
    response = client.post(
        url, {"to_whom": "Sam", "method": "email", "address": "sam.teacher@nhs.net", "text": outcome_text(contact)}
    )
    assert response.status_code == 302
    assert Feedback.objects.get().address == "sam.teacher@nhs.net"


def test_r_con_8_other_agencies_never_reach_the_feedback_pages(decided, make_user) -> None:  # noqa: ANN001
    contact = decided(outcome="strategy_discussion", need="significant_harm", rating="red", initial_rating="red")
    support = make_user("business_support")
    client = Client()
    client.force_login(support)
    assert client.get(f"/contacts/{contact.reference}/feedback/outcome/").status_code == 404
    assert client.get(f"/contacts/{contact.reference}/family-told/").status_code == 404
    assert "After the decision" not in client.get(f"/contacts/{contact.reference}/").content.decode()
