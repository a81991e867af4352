"""Demo data for the report of views without a link to the case: yesterday a worker of another team opened
a few contacts and a child's record they had nothing to do with."""

import datetime

import time_machine
from django.utils import timezone

from frontdoor.audit.services import audit_view
from frontdoor.contacts.models import Contact
from frontdoor.procedures.loader import get_profile


def load_views() -> None:
    from .loader import team_worker  # the loader calls this module

    fieldwork = get_profile().teams_of_kind("fieldwork")
    if not fieldwork:
        return
    worker = team_worker(fieldwork[-1].key)
    yesterday = timezone.localtime().replace(hour=14, minute=5, second=0, microsecond=0) - datetime.timedelta(days=1)
    contacts = Contact.objects.exclude(team_key=worker.team_key).order_by("received_at")[:3]
    for n, contact in enumerate(contacts):
        with time_machine.travel(yesterday + datetime.timedelta(minutes=7 * n), tick=False):
            audit_view(actor=worker, obj=contact)
            link = contact.people.first()
            if n == 0 and link is not None:
                audit_view(actor=worker, obj=link.person)
