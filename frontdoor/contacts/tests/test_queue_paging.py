"""Keyset paging of the queues (contacts/paging.py): R-TIME-1's order kept across pages, forward and
back, contacts with no clock left included, opaque cursors, and the numbers from one query."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.contacts import services as cs
from frontdoor.contacts.models import Contact
from frontdoor.contacts.paging import decode
from frontdoor.contacts.selectors import (
    consent_reviews_due_count,
    overdue_count,
    queue_contacts,
    queue_counts,
    queue_page,
)

pytestmark = pytest.mark.django_db


def _walk(user, queue, size, filters=None):  # noqa: ANN001, ANN202
    """Every page forward from the first, then every page back from the last."""
    filters = filters or {}
    forward = [queue_page(user=user, queue=queue, filters=filters, size=size)]
    while forward[-1].next:
        forward.append(queue_page(user=user, queue=queue, filters=filters, cursor=forward[-1].next, size=size))
    back = [forward[-1]]
    while back[-1].previous:
        back.append(queue_page(user=user, queue=queue, filters=filters, cursor=back[-1].previous, size=size))
    return [c for page in forward for c in page], [c for page in reversed(back) for c in page]


@pytest.fixture
def queue(record, officer):  # noqa: ANN001, ANN201
    """Seven open contacts: two with the same due time, two with no clock left (due_at empty), one alert."""
    contacts = [record(initial_rating="green") for _ in range(6)]
    Contact.objects.filter(pk=contacts[1].pk).update(due_at=contacts[0].due_at)
    Contact.objects.filter(pk__in=[contacts[2].pk, contacts[4].pk]).update(due_at=None)
    cs.contact_rate_initial(contact=record(initial_rating="green"), by=officer, rating="amber")  # alert
    return contacts


@pytest.mark.parametrize("queue_name", ["duty", "mine"])
def test_r_time_1_keyset_pages_hold_every_row_once_in_the_queue_order_both_ways(queue, manager, officer, queue_name):
    user = manager if queue_name == "duty" else officer
    if queue_name == "mine":
        for contact in Contact.objects.all():
            cs.contact_assign(contact=contact, by=officer, assignee=officer)
    expected = list(queue_contacts(user=user, queue=queue_name, filters={}))
    assert len(expected) == 7
    for size in (1, 2, 3, 7, 25):
        forward, back = _walk(user, queue_name, size)
        assert forward == expected, size
        assert back == expected, size


def test_a_cursor_names_no_person_and_a_spoilt_one_gives_the_first_page(queue, manager):
    first = queue_page(user=manager, queue="duty", filters={}, size=2)
    assert first.next
    assert not first.previous
    for row in Contact.objects.all():
        assert row.reference not in first.next
    assert decode(first.next) is not None
    for spoilt in ("", "not-base64!", first.next[:-3], "WyJ4IiwwLG51bGwsMV0"):
        assert queue_page(user=manager, queue="duty", filters={}, cursor=spoilt, size=2).rows == first.rows


def test_a_previous_page_emptied_by_closed_contacts_gives_the_first_page(queue, manager):
    first = queue_page(user=manager, queue="duty", filters={}, size=3)
    second = queue_page(user=manager, queue="duty", filters={}, cursor=first.next, size=3)
    Contact.objects.filter(pk__in=[c.pk for c in first.rows]).update(status="closed", closed_at=timezone.now())
    again = queue_page(user=manager, queue="duty", filters={}, cursor=second.previous, size=3)
    assert again.rows == list(queue_contacts(user=manager, queue="duty", filters={}))[:3]


@pytest.mark.parametrize(
    "filters",
    [{}, {"overdue": True}, {"consent_review": True}, {"overdue": True, "consent_review": True}, {"rating": "green"}],
)
def test_r_time_1_r_con_4_the_queue_numbers_come_from_one_query_and_match_the_counts(
    queue, manager, filters, django_assert_num_queries
):
    Contact.objects.filter(pk=queue[3].pk).update(due_at=timezone.now() - datetime.timedelta(hours=1))
    Contact.objects.filter(pk__in=[queue[3].pk, queue[5].pk]).update(
        consent_review_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    queue_counts(user=manager, queue="duty", filters={})  # the user's roles, read once per request
    for name in ("duty", "mine", "team"):
        with django_assert_num_queries(1):
            counts = queue_counts(user=manager, queue=name, filters=filters)
        assert counts.total == len(list(queue_contacts(user=manager, queue=name, filters=filters))), name
        assert counts.overdue == overdue_count(user=manager, queue=name, filters=filters), name
        assert counts.consent_reviews_due == consent_reviews_due_count(user=manager, queue=name, filters=filters)


def test_the_queue_page_follows_next_and_previous_links_at_the_same_cost(record, manager, client):
    contacts = [record(initial_rating="green") for _ in range(30)]
    client.force_login(manager)
    first = client.get("/contacts/?queue=duty&rating=green")
    assert first.context["total"] == 30
    assert 'rel="prev"' not in first.content.decode()
    link = first.context["query"] + "&cursor=" + first.context["page"].next
    assert "rating=green" in link
    with CaptureQueriesContext(connection) as page_one:
        client.get("/contacts/?queue=duty&rating=green")
    with CaptureQueriesContext(connection) as page_two:
        second = client.get("/contacts/?" + link)
    assert len(page_two) <= len(page_one)  # page 1 also looks for alerts; page 2 starts after them
    page = second.content.decode()
    assert 'rel="prev"' in page
    assert 'rel="next"' not in page
    shown = [c.reference for c in first.context["page"]] + [c.reference for c in second.context["page"]]
    assert sorted(shown) == sorted(c.reference for c in contacts)
    assert "OFFSET" not in " ".join(q["sql"] for q in page_two.captured_queries).upper()
