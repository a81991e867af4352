"""A contact's page reads a fixed number of queries however many children, notes and agency checks the
contact has: its parts share the people read once (`Contact.links`) instead of each asking again."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontdoor.contacts import services as cs
from frontdoor.contacts.services import ChildInput
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


def _queries_for_page(client, reference: str) -> int:  # noqa: ANN001
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/contacts/{reference}/").status_code == 200
    return len(queries)


def test_a_contacts_page_costs_the_same_queries_with_one_child_or_three_and_notes_and_checks(
    record,  # noqa: ANN001
    officer,  # noqa: ANN001
    client,  # noqa: ANN001
    django_assert_max_num_queries,  # noqa: ANN001
) -> None:
    client.force_login(officer)
    kids = [
        ChildInput(given_names=name, family_name="Okafor", date_of_birth=datetime.date(2012 + i, 5, 1))
        for i, name in enumerate(("Ada", "Ben", "Chi"))
    ]
    first = record(children=kids)
    family = list(Person.objects.filter(family_name="Okafor").values_list("pk", flat=True))
    assert len(family) == 3
    # Children already on the index (matched), so the page has no "might be the same person" searches to run.
    one = record(children=[ChildInput(person_id=family[0])])
    few = _queries_for_page(client, one.reference)
    many = record(
        children=[ChildInput(person_id=pk) for pk in family], consent_status="obtained", consent_given_by="Mum"
    )
    for n in range(3):
        cs.note_add(contact=many, by=officer, text=f"Note {n}")
    for agency in ("police", "health"):
        cs.agency_check_request(contact=many, by=officer, agency=agency, question="Known to you?")
    with django_assert_max_num_queries(few):
        page = client.get(f"/contacts/{many.reference}/")
    assert len(page.context["children"]) == 3
    assert len(list(page.context["notes"])) == 3
    assert len(list(page.context["checks"])) == 2
    assert len(page.context["chronology"]) == 4  # the three children on `first`, and the first child on `one`
    assert first.reference in page.content.decode()
