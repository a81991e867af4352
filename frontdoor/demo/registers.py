"""Demo data for the registers beside contacts: consultations (one made into a contact), requests for
checks (answered, refused, waiting for a manager, authorised, to answer) and transfers in (waiting for
the form, permanent and forwarded, temporary and disputed). Each written through its service at the
moment it happened."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import time_machine
from django.utils import timezone

from frontdoor.accounts.models import Role
from frontdoor.contacts.models import Contact
from frontdoor.contacts.services import ChildInput
from frontdoor.people.models import Person
from frontdoor.procedures.loader import get_profile
from frontdoor.registers import services as rs
from frontdoor.registers.models import Consultation, Fact
from frontdoor.registers.selectors import shareable_facts

if TYPE_CHECKING:
    from .loader import Staff


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    """Run a service as if at `moment`, as the loader does."""
    with time_machine.travel(moment, tick=False):
        yield


def _ago(now: datetime.datetime, hours: float) -> datetime.datetime:
    return now - datetime.timedelta(hours=hours)


def _consultations(staff: "Staff", now: datetime.datetime) -> None:
    officer, manager = staff.roles[Role.INFORMATION_OFFICER], staff.roles[Role.TEAM_MANAGER]
    base: dict[str, Any] = {"caller_told_not_recorded": True, "professional_role": "Designated safeguarding lead"}
    with _at(_ago(now, 26)):
        rs.consultation_record(
            by=officer,
            consulted_at=_ago(now, 26),
            professional_name="Helen Marsh",
            agency="St Mary's Primary School",
            child_given_names="Ruby",
            child_family_name="Ashworth",
            concern="Ruby has been late most mornings this term and says she gets her brothers ready for school.",
            advice="Speak to mum about a referral to early help; call us back if Ruby says she is left alone at night.",
            **base,
        )
    with _at(_ago(now, 3)):
        waiting = rs.consultation_record(
            by=officer,
            consulted_at=_ago(now, 3),
            professional_name="Dr Amir Shah",
            agency="Riverside Surgery",
            professional_role="GP",
            child_given_names="Kai",
            child_family_name="Brennan",
            concern="Mother disclosed low mood and drinking in the evenings; Kai is 2. Is this a referral?",
            caller_told_not_recorded=True,
        )
    with _at(_ago(now, 2)):
        rs.consultation_record_advice(
            by=manager,
            consultation=waiting,
            advice="Not a referral on what is known now: ask mum's consent to an early help assessment.",
        )
    with _at(_ago(now, 5)):
        converted = rs.consultation_record(
            by=officer,
            consulted_at=_ago(now, 5),
            professional_name="Tom Reeves",
            agency="Northfield Academy",
            child_given_names="Leah",
            child_family_name="Doyle",
            child_date_of_birth=datetime.date(2012, 9, 14),
            concern="Leah told her form tutor her stepfather hit her with a belt last night; marks on her arm.",
            advice="This needs a contact now: we take it from you, and the police are told.",
            **base,
        )
    with _at(_ago(now, 4.5)):
        rs.consultation_convert(
            recorded_by=officer,
            consultation=converted,
            children=[ChildInput(given_names="Leah", family_name="Doyle", date_of_birth=datetime.date(2012, 9, 14))],
            received_at=_ago(now, 4.5),
            channel="phone",
            referrer_kind="professional",
            referrer_name="Tom Reeves",
            referrer_agency="Northfield Academy",
            reason=converted.concern,
            initial_rating=next(
                (r.key for r in get_profile().ratings if r.key == "red"), get_profile().ratings[-1].key
            ),
        )


def _checks(staff: "Staff", now: datetime.datetime) -> None:
    officer, manager = staff.roles[Role.INFORMATION_OFFICER], staff.roles[Role.TEAM_MANAGER]
    listed = get_profile().checks_allow_list
    child = Person.objects.filter(open_case=True, is_unborn=False, restricted=False).order_by("pk").first()
    child = child or Person.objects.filter(is_unborn=False, restricted=False).order_by("pk").first()
    caller: dict[str, Any] = {"by": officer, "verification": "confirmed", "active_involvement_confirmed": True}
    if child is not None:
        with _at(_ago(now, 6)):
            answered = rs.checks_request_record(
                agency=listed[0],
                caller_name="Sam Okoro",
                child_given_names=child.given_names,
                child_family_name=child.family_name,
                child_date_of_birth=child.date_of_birth,
                received_at=_ago(now, 6),
                **{**caller, "verification": "called_back", "caller_phone": "0300 123 4567"},
            )
        with _at(_ago(now, 5.8)):
            facts = shareable_facts(child)
            rs.checks_request_answer(
                by=officer, request=answered, person=child, share=[k for k in facts if k != Fact.SIBLINGS]
            )
    with _at(_ago(now, 4)):
        rs.checks_request_record(
            agency="Brightside Lettings",
            caller_name="Gary Pike",
            child_family_name="Moss",
            received_at=_ago(now, 4),
            **caller,
        )
    written = rs.DetailedRequest(
        in_writing=True, purpose="Court report on the children's arrangements", consent_obtained=True
    )
    with _at(_ago(now, 30)):
        authorised = rs.checks_request_record(
            agency=listed[-1],
            caller_name="Nia Roberts",
            child_given_names="Oscar",
            child_family_name="Hale",
            received_at=_ago(now, 30),
            detailed=written,
            **caller,
        )
    with _at(_ago(now, 28)):
        rs.checks_request_authorise(
            manager=manager,
            request=authorised,
            authorise=True,
            note="A worker from the authority may view our files and take notes; only our own assessments copied.",
        )
    with _at(_ago(now, 1)):
        rs.checks_request_record(
            agency=listed[0],
            caller_name="PC Dan Webb",
            child_given_names="Ella",
            child_family_name="Ford",
            received_at=_ago(now, 1),
            detailed=rs.DetailedRequest(
                in_writing=True,
                purpose="Section 47 enquiry: previous concerns about the mother's partner",
                consent_attempts="Mother asked twice by phone; she refused.",
                assists_s47=True,
            ),
            **caller,
        )
    with _at(_ago(now, 0.5)):
        rs.checks_request_record(
            agency=listed[min(1, len(listed) - 1)],
            caller_name="Jess Lowe",
            child_given_names="Noah",
            child_family_name="Price",
            received_at=_ago(now, 0.5),
            **caller,
        )


def _transfers(staff: "Staff", now: datetime.datetime) -> None:
    officer, manager = staff.roles[Role.INFORMATION_OFFICER], staff.roles[Role.TEAM_MANAGER]
    with _at(_ago(now, 2)):
        rs.transfer_in_notify(
            by=officer,
            notified_at=_ago(now, 2),
            authority="Suffolk County Council",
            notifier_name="Lena Fox",
            notifier_contact="01473 260 000",
            conference_requested=True,
        )
    with _at(_ago(now, 50)):
        permanent = rs.transfer_in_notify(
            by=officer, notified_at=_ago(now, 50), authority="Norfolk County Council", notifier_name="Dee Carter"
        )
    with _at(_ago(now, 26)):
        rs.transfer_in_record(
            by=officer,
            transfer=permanent,
            residence="permanent",
            address="4 Fen Lane",
            postcode="",
            plan_details="Child protection plan under the category of neglect since March.",
            form_received_at=_ago(now, 27),
            family=[
                rs.FamilyMember("Maya", "Okafor", datetime.date(2019, 6, 1), "F"),
                rs.FamilyMember("Theo", "Okafor", datetime.date(2021, 2, 3), "M"),
                rs.FamilyMember("Grace", "Okafor", datetime.date(1993, 4, 5), "F", is_child=False),
            ],
        )
    with _at(_ago(now, 25)):
        rs.transfer_in_forward(by=officer, transfer=permanent, forwarded_to="Child protection conference team")
    with _at(_ago(now, 8)):
        to_forward = rs.transfer_in_notify(
            by=officer, notified_at=_ago(now, 8), authority="Bedford Borough Council", notifier_name="Ian Webb"
        )
    with _at(_ago(now, 1.5)):
        rs.transfer_in_record(
            by=officer,
            transfer=to_forward,
            residence="permanent",
            address="22 Orchard Way",
            plan_details="Child protection plan under the category of emotional abuse.",
            form_received_at=_ago(now, 2),
            family=[rs.FamilyMember("Isla", "Grant", datetime.date(2014, 8, 9), "F")],
        )
    with _at(_ago(now, 30)):
        temporary = rs.transfer_in_notify(
            by=officer,
            notified_at=_ago(now, 30),
            authority="Essex County Council",
            notifier_name="Priya Das",
            conference_requested=True,
        )
    with _at(_ago(now, 20)):
        rs.transfer_in_record(
            by=officer,
            transfer=temporary,
            residence="temporary",
            address="Room 12, Station Hotel",
            form_received_at=_ago(now, 21),
            family=[rs.FamilyMember("Jayden", "Cole", datetime.date(2016, 11, 20), "M")],
        )
    with _at(_ago(now, 18)):
        rs.transfer_in_escalate(
            by=manager,
            transfer=temporary,
            level="cp_managers",
            escalated_to="Both authorities' child protection managers",
            reason="The family has moved three times in two months; Essex asks us to take the case, we think it "
            "stays with Essex until they settle.",
            urgent=True,
            respond_by=_ago(now, -6),
        )


def load_registers(staff: "Staff") -> None:
    """A few of each register, beside the demo's contacts (once: nothing is added if the log has consultations)."""
    if Consultation.objects.exists() or not Contact.objects.exists():
        return
    now = timezone.now().replace(second=0, microsecond=0)
    _consultations(staff, now)
    _checks(staff, now)
    _transfers(staff, now)
