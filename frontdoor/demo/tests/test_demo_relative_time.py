"""The demo is loaded relative to the moment it is loaded, not to a fixed date."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from frontdoor.contacts.models import Contact
from frontdoor.demo.loader import load_demo
from frontdoor.procedures.calendar import LONDON

pytestmark = pytest.mark.django_db


def test_the_demo_is_relative_to_the_moment_it_is_loaded() -> None:
    later = timezone.now().astimezone(LONDON).replace(microsecond=0)
    with time_machine.travel(later, tick=False):
        load_demo(people=60, contacts=12)
    newest = Contact.objects.order_by("-received_at").first()
    assert newest is not None
    assert later - datetime.timedelta(hours=24) <= newest.received_at <= later
    assert not Contact.objects.filter(received_at__gt=later).exists()
