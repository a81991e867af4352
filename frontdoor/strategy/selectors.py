"""Reads for strategy meetings (R-STRAT-1, 002 s6): the lists business support organise from, the
meeting's task list, and the minutes clock for the dashboard. Every read goes through the access module."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policy import Can, can, can_authorise, contacts_visible_to, strategy_meetings_visible_to
from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.contacts.police import children_label
from frontdoor.core.due import DueItem
from frontdoor.decisions.choices import STRATEGY_OUTCOMES
from frontdoor.decisions.models import ThresholdDecision

from .models import MeetingState, StrategyMeeting
from .services import hold_blockers, strategy_children

SIGNED_OFF_SHOWN = 10


def _meetings(user: User) -> QuerySet[StrategyMeeting]:
    subjects = ContactPerson.objects.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    return (
        strategy_meetings_visible_to(user)
        .select_related("contact", "chair", "social_worker")
        .prefetch_related("invitees", Prefetch("contact__people", queryset=subjects, to_attr="subjects"))
    )


@dataclass(frozen=True)
class MeetingRow:
    meeting: StrategyMeeting
    label: str  # the contact's reference and the children's names
    overdue: bool


def _row(meeting: StrategyMeeting, now: datetime.datetime) -> MeetingRow:
    due = meeting.minutes_due_at
    overdue = bool(due and due < now and not meeting.signed_off_at and meeting.meeting_at and meeting.meeting_at < now)
    return MeetingRow(meeting, children_label(meeting.contact), overdue)


def organised_meetings(user: User) -> dict[str, list[MeetingRow]]:
    """002 s6: the meetings business support organise and minute, in the order the work comes:
    to arrange, upcoming, minutes due (overdue first), minutes to sign off, recently signed off."""
    now = timezone.now()
    groups: dict[str, list[MeetingRow]] = {state: [] for state in MeetingState.values}
    for meeting in _meetings(user).order_by("meeting_at", "allocated_at", "id"):
        groups[meeting.state].append(_row(meeting, now))
    groups[MeetingState.SIGNED_OFF] = sorted(
        groups[MeetingState.SIGNED_OFF], key=lambda r: r.meeting.signed_off_at or now, reverse=True
    )[:SIGNED_OFF_SHOWN]
    return groups


def awaiting_allocation(user: User) -> list[Contact]:
    """Contacts decided for a strategy discussion with no meeting yet: a manager's to allocate. Only the
    front door's own staff see these (business support see meetings, not contacts)."""
    current = ThresholdDecision.objects.filter(contact=OuterRef("pk"), is_current=True, outcome__in=STRATEGY_OUTCOMES)
    subjects = ContactPerson.objects.filter(role=ContactPerson.Role.SUBJECT).select_related("person")
    return list(
        contacts_visible_to(user)
        .filter(Exists(current))
        .filter(~Exists(StrategyMeeting.objects.filter(contact=OuterRef("pk"))))
        .prefetch_related(Prefetch("people", queryset=subjects, to_attr="subjects"))
        .order_by("-decided_at", "-id")
    )


def contact_meetings(user: User, contact: Contact) -> dict[str, object]:
    """For the contact's page: its strategy meetings, and whether this user may start one."""
    meetings = list(strategy_meetings_visible_to(user).filter(contact=contact).select_related("chair", "social_worker"))
    strategy = contact.decisions.filter(is_current=True, outcome__in=STRATEGY_OUTCOMES).exists()
    under_way = any(m.signed_off_at is None for m in meetings)
    return {
        "contact": contact,
        "meetings": meetings,
        "strategy_decided": strategy,
        "can_allocate": strategy and not under_way and can_authorise(user),
    }


@dataclass(frozen=True)
class Task:
    name: str
    href: str
    status: str  # "Completed", "Not yet started", "Cannot start yet", "In progress"
    hint: str = ""


def meeting_tasks(user: User, meeting: StrategyMeeting) -> list[Task]:
    """The meeting's task list, in the order the work is done (GOV.UK task list)."""

    def url(name: str) -> str:
        return reverse(f"strategy:{name}", args=[meeting.pk])

    requested = meeting.requested_at is not None
    held = meeting.meeting_at is not None and meeting.meeting_at <= timezone.now()
    invitees = list(meeting.invitees.all())
    replies = [i for i in invitees if i.replied_at]
    children = strategy_children(meeting.contact)
    decided = {o.child_id for o in meeting.outcomes.all()}
    may_request = user.pk in (meeting.social_worker_id, meeting.chair_id)
    may_organise = can(user, Can.ORGANISE_STRATEGY)
    may_chair = user.pk == meeting.chair_id
    return [
        Task("Allocate a social worker", "", "Completed", meeting.social_worker.display_name),
        Task(
            "Request the meeting: chronology and initial analysis",
            url("request") if may_request and not meeting.minutes_recorded_at else "",
            "Completed" if requested else "Not yet started",
        ),
        Task(
            "Invite partners",
            url("invite") if may_organise and requested and not meeting.minutes_recorded_at else "",
            ("Completed" if meeting.police_invited else "In progress")
            if invitees
            else ("Not yet started" if requested else "Cannot start yet"),
            "The police at least, and normally the professional who made the referral",
        ),
        Task(
            "Record replies",
            "#invitees" if invitees else "",
            ("Completed" if len(replies) == len(invitees) else "In progress") if invitees else "Cannot start yet",
        ),
        Task(
            "Record the minutes",
            url("minutes") if may_organise and held and not meeting.signed_off_at else "",
            "Completed" if meeting.minutes_recorded_at else ("Not yet started" if held else "Cannot start yet"),
        ),
        Task(
            "Sign off the minutes",
            url("sign-off") if may_chair and meeting.minutes_recorded_at and not meeting.signed_off_at else "",
            "Completed"
            if meeting.signed_off_at
            else "Not yet started"
            if meeting.minutes_recorded_at
            else "Cannot start yet",
            f"By the chair, {meeting.chair.display_name}",
        ),
        Task(
            "Record the decision on each child",
            "#outcomes" if held else "",
            ("Completed" if decided >= {c.pk for c in children} else "In progress" if decided else "Not yet started")
            if held
            else "Cannot start yet",
            "A section 47 enquiry or not, with reasons, and the actions agreed",
        ),
    ]


def meeting_page(user: User, meeting: StrategyMeeting) -> dict[str, object]:
    children = strategy_children(meeting.contact)
    outcomes = {o.child_id: o for o in meeting.outcomes.select_related("recorded_by")}
    return {
        "meeting": meeting,
        "children": [(child, outcomes.get(child.pk)) for child in children],
        "invitees": list(meeting.invitees.all()),
        "actions": list(meeting.actions.select_related("child")),
        "documents": list(meeting.documents.all()),
        "tasks": meeting_tasks(user, meeting),
        "blockers": hold_blockers(meeting) if not meeting.minutes_recorded_at else [],
        "may_organise": can(user, Can.ORGANISE_STRATEGY) and not meeting.signed_off_at,
        "may_chair": user.pk == meeting.chair_id,
        "may_decide": can_authorise(user),
        "may_open_contact": contacts_visible_to(user).filter(pk=meeting.contact_id).exists(),
        "overdue": _row(meeting, timezone.now()).overdue,
        "held": meeting.meeting_at is not None and meeting.meeting_at <= timezone.now(),
    }


def due_items(user: User, until: datetime.datetime) -> Iterator[DueItem]:
    """R-STRAT-1: minutes of meetings held, not yet signed off, due by `until` (overdue included)."""
    meetings = _meetings(user).filter(
        signed_off_at__isnull=True, minutes_due_at__lte=until, meeting_at__lte=timezone.now()
    )
    for meeting in meetings.order_by("minutes_due_at"):
        yield DueItem(
            kind="Strategy meeting minutes",
            label=children_label(meeting.contact),
            due_at=meeting.minutes_due_at,  # type: ignore[arg-type]  # filtered to those with a due time
            url=reverse("strategy:detail", args=[meeting.pk]),
            team=meeting.contact.team_key,
        )
