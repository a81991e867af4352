"""Structured logs: JSON lines carrying the request id, access lines with no personal data."""

import json
import logging

import pytest

from frontdoor.contacts.models import Contact
from frontdoor.contacts.testing import contact_form_data
from frontdoor.ops.logs import JsonFormatter, RequestIdFilter, new_request_id

NAME = ("Zebedee", "Quartermaine")
BIRTH = ("2016-02-01", "01/02/2016", "1 February 2016", "1/2/2016")


@pytest.fixture
def lines(caplog):  # noqa: ANN001, ANN201
    """Every record logged during the test, as the production formatter writes it."""
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(RequestIdFilter())
    formatter = JsonFormatter()
    return lambda: [formatter.format(record) for record in caplog.records]


@pytest.mark.django_db
def test_signing_in_searching_and_recording_leave_no_name_or_birth_date_in_the_logs(client, officer, lines):
    client.force_login(officer)
    search = {"given_names": NAME[0], "family_name": NAME[1], "date_of_birth_0": "1", "date_of_birth_1": "2"}
    search["date_of_birth_2"] = "2016"
    client.get("/people/", search)
    client.post("/people/", search)
    data = contact_form_data(**{"child-0-given_names": NAME[0], "child-0-family_name": NAME[1]})
    assert client.post("/contacts/new/", data).status_code == 302
    contact = Contact.objects.get()
    client.get(f"/contacts/{contact.reference}/")
    client.get("/contacts/", {"q": NAME[1]})
    client.get("/people/not-a-page/?family_name=" + NAME[1])

    logged = lines()
    access = [json.loads(line) for line in logged if '"frontdoor.access"' in line]
    assert {"people/", "contacts/new/", "contacts/<str:reference>/"} <= {line["route"] for line in access}
    assert all(line["user_id"] == officer.pk and line["request_id"] for line in access)
    for line in logged:
        for secret in (*NAME, *BIRTH, contact.reference):
            assert secret.lower() not in line.lower(), line


@pytest.mark.django_db
def test_the_request_id_is_taken_from_the_proxy_or_made_and_returned(client, lines):
    given = client.get("/accounts/sign-in/", headers={"X-Request-ID": "lb-7f3a9c21"})
    assert given["X-Request-ID"] == "lb-7f3a9c21"
    made = client.get("/accounts/sign-in/", headers={"X-Request-ID": 'bad"id\nwith a line'})
    assert made["X-Request-ID"] != 'bad"id\nwith a line'
    assert len(made["X-Request-ID"]) == 32
    ids = [json.loads(line)["request_id"] for line in lines() if '"frontdoor.access"' in line]
    assert ids == ["lb-7f3a9c21", made["X-Request-ID"]]


def test_a_log_line_is_one_json_object_with_only_the_named_fields():
    record = logging.LogRecord("frontdoor.x", logging.WARNING, __file__, 1, "Stopped %s", ("here",), None)
    record.request = "<WSGIRequest: GET '/people/?family_name=Quartermaine'>"  # what django.request adds
    entry = json.loads(JsonFormatter().format(record))
    assert set(entry) == {"time", "level", "logger", "message", "request_id"}
    assert entry["message"] == "Stopped here"
    assert new_request_id("short") != "short"
