"""The manager's threshold decision (R-DEC-1, R-DEC-5..8, R-SIB-1, R-CON-4, R-INT-7, R-POL-*)."""

import datetime

import pytest
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Status
from frontdoor.core.errors import PermissionDenied, ServiceError, StaleEdit
from frontdoor.decisions.models import ThresholdDecision
from frontdoor.decisions.services import ChildDecision, decision_authorise, decision_reopen_for_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def awaiting(record, officer):  # noqa: ANN001, ANN201
    def make(**fields):  # noqa: ANN003, ANN202
        fields.setdefault("initial_rating", "amber")
        fields.setdefault("consent_status", "obtained")
        fields.setdefault("consent_given_by", "Mum")
        contact = record(**fields)
        contact = cs.contact_update(contact=contact, by=officer, version=contact.version, screening_nature="Bruise")
        return cs.contact_submit_for_decision(
            contact=contact, by=officer, recommendation="cfa", recommendation_reason="Needs assessment"
        )

    return make


def decide(contact, manager, *, rating="amber", decisions=None, **extra):  # noqa: ANN001, ANN003, ANN201
    child = contact.people.first().person_id
    decisions = decisions or [ChildDecision(person_id=child, opened=True, need_level="cin_moderate", outcome="cfa")]
    return decision_authorise(
        contact=contact,
        manager=manager,
        rating=rating,
        rationale="Assess the family.",
        children=decisions,
        version=contact.version,
        **extra,
    )


def test_r_dec_5_manager_authorises_with_rationale_and_contact_leaves_the_queue(awaiting, manager) -> None:
    contact = awaiting()
    made = decide(contact, manager)
    contact.refresh_from_db()
    assert contact.status == Status.DECIDED
    assert contact.decided_by == manager
    assert contact.rating == "amber"
    assert made[0].outcome == "cfa"
    assert made[0].authorised_by == manager


def test_r_dec_5_only_an_authoriser_may_decide(awaiting, officer) -> None:
    with pytest.raises(PermissionDenied):
        decide(awaiting(), officer)


@pytest.mark.parametrize(
    ("need", "outcome", "ok"),
    [
        ("not_cin", "nfa", True),
        ("not_cin", "cfa", False),
        ("cin_moderate", "cfa", True),
        ("cin_high", "early_help", False),
        ("cin_high", "cfa", True),
        ("significant_harm", "strategy_discussion", True),
        ("significant_harm", "nfa", False),
        ("immediate_protection", "immediate_protection", True),
    ],
)
def test_r_dec_5_outcome_must_fit_the_level_of_need(awaiting, manager, need, outcome, ok) -> None:  # noqa: ANN001
    contact = awaiting()
    child = contact.people.first().person_id

    def call():
        return decide(
            contact, manager, decisions=[ChildDecision(person_id=child, opened=True, need_level=need, outcome=outcome)]
        )  # noqa: E731

    if ok:
        call()
    else:
        with pytest.raises(ServiceError, match="the outcome must be"):
            call()
        assert not ThresholdDecision.objects.exists()


def test_r_con_4_without_consent_a_green_contact_cannot_become_a_referral(awaiting, manager) -> None:
    contact = awaiting(consent_status="refused", consent_given_by="")
    with pytest.raises(ServiceError, match="not accepted as a referral"):
        decide(contact, manager, rating="green")


def test_r_con_4_amber_may_proceed_without_consent_with_a_reason(awaiting, manager) -> None:
    contact = awaiting(consent_status="refused", consent_given_by="")
    with pytest.raises(ServiceError, match="why it is right"):
        decide(contact, manager)
    made = decide(contact, manager, consent_reason="Father is the alleged perpetrator")
    assert made[0].proceed_without_consent


def test_r_dec_6_suspected_crime_needs_police_notified_first(awaiting, manager, officer) -> None:
    contact = awaiting(suspected_crime=True)
    with pytest.raises(ServiceError, match="record when the police were notified"):
        decide(contact, manager)
    cs.contact_record_police_notified(contact=contact, by=officer, at=timezone.now())
    contact.refresh_from_db()
    decide(contact, manager)


def test_r_dec_7_removal_needs_the_head_of_service(awaiting, manager, make_user) -> None:
    head = make_user(Role.HEAD_OF_SERVICE)
    contact = awaiting()
    child = contact.people.first().person_id
    with pytest.raises(ServiceError, match="must be discussed with the head of service"):
        decide(
            contact,
            manager,
            decisions=[
                ChildDecision(
                    person_id=child,
                    opened=True,
                    need_level="immediate_protection",
                    outcome="immediate_protection",
                    removal_considered=True,
                )
            ],
        )
    made = decide(
        contact,
        manager,
        decisions=[
            ChildDecision(
                person_id=child,
                opened=True,
                need_level="immediate_protection",
                outcome="immediate_protection",
                removal_considered=True,
                consultee_id=head.pk,
            )
        ],
    )
    assert made[0].head_of_service_consulted_at is not None
    assert made[0].consultee == head


def test_r_int_7_staff_related_referral_needs_head_of_service(awaiting, manager) -> None:
    with pytest.raises(ServiceError, match="record the head of service consulted"):
        decide(awaiting(staff_related=True), manager)


def test_r_sib_1_manager_chooses_which_siblings_to_open_and_can_review(awaiting, manager) -> None:
    kids = [
        cs.ChildInput(
            given_names=n, family_name="Khan", date_of_birth=datetime.date(2016, 1, 1 + i), postcode="CB1 2AB"
        )
        for i, n in enumerate(["Aisha", "Omar"])
    ]
    contact = awaiting(children=kids)
    a, b = contact.people.order_by("id").values_list("person_id", flat=True)
    decide(
        contact,
        manager,
        decisions=[
            ChildDecision(person_id=a, opened=True, need_level="cin_moderate", outcome="cfa"),
            ChildDecision(person_id=b, opened=False),
        ],
    )
    assert ThresholdDecision.objects.get(child_id=b).outcome == "not_opened"
    contact.refresh_from_db()
    contact = decision_reopen_for_review(contact=contact, manager=manager, reason="Omar disclosed too")
    decide(
        contact,
        manager,
        decisions=[
            ChildDecision(person_id=a, opened=True, need_level="cin_moderate", outcome="cfa"),
            ChildDecision(person_id=b, opened=True, need_level="cin_moderate", outcome="cfa"),
        ],
    )
    assert ThresholdDecision.objects.filter(child_id=b).count() == 2  # the old decision is kept
    assert ThresholdDecision.objects.get(child_id=b, is_current=True).outcome == "cfa"
    assert ThresholdDecision.objects.get(child_id=b, is_current=False).superseded_by is not None


def test_stale_decision_is_refused(awaiting, manager) -> None:
    contact = awaiting()
    stale = contact.version - 1
    child = contact.people.first().person_id
    with pytest.raises(StaleEdit):
        decision_authorise(
            contact=contact,
            manager=manager,
            rating="amber",
            rationale="x",
            version=stale,
            children=[ChildDecision(person_id=child, opened=True, need_level="not_cin", outcome="nfa")],
        )


def test_r_route_2_referral_without_open_case_goes_to_area_fieldwork_team(awaiting, manager) -> None:
    contact = awaiting()  # child's postcode CB1 2AB
    decide(contact, manager)
    contact.refresh_from_db()
    assert contact.team_key == "unit-cambridge"


def test_r_dec_8_non_urgent_pre_birth_referral_goes_to_the_local_team(awaiting, manager) -> None:
    edd = timezone.localdate() + datetime.timedelta(days=90)
    contact = awaiting(children=[cs.ChildInput(family_name="Reed", is_unborn=True, expected_delivery_date=edd)])
    decide(contact, manager)
    contact.refresh_from_db()
    assert contact.team_key == "local-unit"


def test_r_pol_policy_recommendation_can_be_overridden_only_with_a_reason(awaiting, manager, officer, settings) -> None:
    contact = awaiting()
    contact = cs.contact_update(contact=contact, by=officer, version=contact.version, policy_key="da_high_risk")
    with pytest.raises(ServiceError, match="give a reason"):
        decide(contact, manager)
    decide(contact, manager, policy_override_reason="No child at home at the time; assessment instead")


def test_close_after_decision_records_who_and_when(awaiting, manager) -> None:
    contact = awaiting()
    decide(contact, manager)
    contact.refresh_from_db()
    with pytest.raises(ServiceError, match="Record what was done"):
        cs.contact_close(contact=contact, by=manager, summary=" ")
    contact = cs.contact_close(
        contact=contact, by=manager, summary="Assessment allocated to unit", outstanding_reason="Told by phone"
    )
    assert contact.status == Status.CLOSED
    assert contact.closed_by == manager
    assert contact.due_at is None


def test_r_dec_5_services_and_specialist_assessments_are_recorded_per_child(awaiting, manager) -> None:
    """004: the decision says which services the family needs and which specialist assessments."""
    contact = awaiting()
    child = contact.people.first().person_id
    made = decide(
        contact,
        manager,
        decisions=[
            ChildDecision(
                person_id=child,
                opened=True,
                need_level="cin_moderate",
                outcome="cfa",
                services_required="Family support worker; housing advice",
                specialist_assessments=("paediatric", "parenting"),
                specialist_assessments_other="Speech and language",
            )
        ],
    )
    row = ThresholdDecision.objects.get(pk=made[0].pk)
    assert row.services_required == "Family support worker; housing advice"
    assert row.specialist_assessments == ["paediatric", "parenting"]
    assert row.specialist_assessment_labels[-1] == "Speech and language"


def test_r_dec_5_specialist_assessments_come_from_the_list(awaiting, manager) -> None:
    contact = awaiting()
    child = contact.people.first().person_id
    with pytest.raises(ServiceError, match="from the list"):
        decide(
            contact,
            manager,
            decisions=[
                ChildDecision(
                    person_id=child,
                    opened=True,
                    need_level="cin_moderate",
                    outcome="cfa",
                    specialist_assessments=("astrology",),
                )
            ],
        )
