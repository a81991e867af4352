"""The load test's users (`benchmarks/load.py` runs it): duty workers recording and screening contacts
and paging the queue, managers deciding, partners answering checks, and searches of the person index.

Every user signs in through the sign-in page with the demo password (the load test runs the server
with FRONTDOOR_TWO_FACTOR_OPTIONAL=1), then works from the pages as a person would: links and form
fields are read from the HTML, so the test follows the application rather than knowing its ids.
Requests are named by page (`/contacts/[ref]/`), so the p95 is per page, never per contact.
"""

import os
import random
import re
import uuid
from html.parser import HTMLParser

import gevent
from locust import HttpUser, between, events, task
from locust.env import Environment

PASSWORD = os.environ.get("LOAD_PASSWORD", "")
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
FAMILY_NAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Khan", "Patel", "Nowak", "Okafor"]
GIVEN_NAMES = ["Oliver", "Amelia", "Noah", "Isla", "Muhammad", "Ava", "Leo", "Freya", "Zofia", "Kwame"]
REFERENCE = re.compile(r'href="/contacts/(FD-[0-9A-Za-z-]+)/"')
NEXT = re.compile(r'href="\?([^"]*cursor=[^"]+)" rel="next"')
SEARCH_POSTED = re.compile(r'<form[^>]*method="post"[^>]*>(?:(?!</form>).)*name="family_name"', re.S | re.I)
RESPOND = re.compile(r'href="(/contacts/[^"]+/checks/\d+/respond/)"')
sent: dict = {"requests": 0}


@events.init.add_listener
def _remember(environment: Environment, **kwargs: object) -> None:
    sent["environment"] = environment


@events.request.add_listener
def _count(**kwargs: object) -> None:
    """Stop by itself after LOAD_MAX_REQUESTS requests (besides the run time and user limits)."""
    sent["requests"] += 1
    environment = sent.get("environment")
    if MAX_REQUESTS and sent["requests"] == MAX_REQUESTS and environment and environment.runner:
        gevent.spawn(environment.runner.quit)


class FormReader(HTMLParser):
    """The fields of the page's forms as a browser would send them: inputs, checked boxes and radios,
    selected options, text areas."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select = ""
        self._textarea = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name", "")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            self.options.setdefault(self._select, []).append(a.get("value", ""))
            if "selected" in a:
                self.fields[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""
        elif tag == "textarea":
            self._textarea = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data


def form_of(html: str) -> FormReader:
    reader = FormReader()
    reader.feed(html)
    return reader


class Staff(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self) -> None:
        page = self.client.get("/accounts/sign-in/", name="/accounts/sign-in/").text
        fields = form_of(page).fields
        fields.update({"username": self.username, "password": PASSWORD})
        self.client.post("/accounts/sign-in/", fields, name="/accounts/sign-in/ (POST)")

    def references(self, queue: str) -> list[str]:
        page = self.client.get(f"/contacts/?queue={queue}", name=f"/contacts/?queue={queue}").text
        return REFERENCE.findall(page)

    def post_form(self, url: str, name: str, changes: dict[str, str]) -> None:
        page = self.client.get(url, name=name).text
        fields = form_of(page).fields
        fields.update(changes)
        self.client.post(url, fields, name=f"{name} (POST)")

    def search(self) -> None:
        """The person search as the page offers it: a POSTed form (with its CSRF token) or a GET."""
        page = self.client.get("/people/", name="/people/").text
        query = {"given_names": random.choice(GIVEN_NAMES), "family_name": random.choice(FAMILY_NAMES)}  # noqa: S311
        if SEARCH_POSTED.search(page):
            fields = form_of(page).fields
            fields.update(query)
            self.client.post("/people/", fields, name="/people/ (search)")
        else:
            self.client.get("/people/", params=query, name="/people/ (search)")


class DutyWorker(Staff):
    weight = 5
    username = "duty_social_worker"

    @task(4)
    def queue_and_next_page(self) -> None:
        page = self.client.get("/contacts/?queue=duty", name="/contacts/?queue=duty").text
        found = NEXT.search(page)
        if found:
            self.client.get("/contacts/?" + found.group(1).replace("&amp;", "&"), name="/contacts/?queue=duty (next)")

    @task(3)
    def open_a_contact(self) -> None:
        refs = self.references("duty")
        if refs:
            self.client.get(f"/contacts/{random.choice(refs)}/", name="/contacts/[ref]/")  # noqa: S311

    @task(2)
    def record_a_contact(self) -> None:
        page = self.client.get("/contacts/new/", name="/contacts/new/").text
        fields = form_of(page).fields
        fields.update(
            {
                "idempotency_key": str(uuid.uuid4()),
                "channel": "phone",
                "referrer_kind": "professional",
                "referrer_name": "Sam Teacher",
                "referrer_agency": "Oak School",
                "reason": "Bruise on arm",
                "parents_aware": "yes",
                "consent_status": "obtained",
                "consent_given_by": "Mum",
                "initial_rating": "green",
                "child-0-given_names": random.choice(GIVEN_NAMES),  # noqa: S311
                "child-0-family_name": random.choice(FAMILY_NAMES) + "-Load",  # noqa: S311
                "child-0-date_of_birth_0": str(random.randint(1, 28)),  # noqa: S311
                "child-0-date_of_birth_1": str(random.randint(1, 12)),  # noqa: S311
                "child-0-date_of_birth_2": str(random.randint(2010, 2024)),  # noqa: S311
                "child-0-sex": "F",
                "child-0-not_same_reason": "A different child of the same name.",
                "action": "record",
            }
        )
        for key in ("hh_domestic_abuse", "hh_mental_illness", "hh_substance_misuse", "hh_learning_difficulties"):
            fields[key] = "unknown"
        self.client.post("/contacts/new/", fields, name="/contacts/new/ (POST)")

    @task(2)
    def search_people(self) -> None:
        self.search()

    @task(2)
    def screen_a_contact(self) -> None:
        refs = self.references("mine") or self.references("duty")
        if refs:
            ref = random.choice(refs)  # noqa: S311
            self.post_form(f"/contacts/{ref}/screening/", "/contacts/[ref]/screening/", {"screening_nature": "Bruise"})


class Manager(Staff):
    weight = 2
    username = "team_manager"

    @task(3)
    def decide(self) -> None:
        refs = self.references("authorise")
        if not refs:
            return
        url = f"/contacts/{random.choice(refs)}/decide/"  # noqa: S311
        page = self.client.get(url, name="/contacts/[ref]/decide/").text
        form = form_of(page)
        fields = dict(form.fields)
        fields["rationale"] = "Needs an assessment by the area team."
        for name in form.options:
            if name.startswith("need_"):
                fields[name] = "cin_moderate"
            elif name.startswith("outcome_"):
                fields.setdefault(name, "cfa")
            elif name.startswith("opened_"):
                fields[name] = "on"
        self.client.post(url, fields, name="/contacts/[ref]/decide/ (POST)")

    @task(1)
    def dashboard(self) -> None:
        self.client.get("/dashboard/", name="/dashboard/")


class Partner(Staff):
    weight = 1
    username = "mash_partner"

    @task
    def answer_a_check(self) -> None:
        page = self.client.get("/checks/", name="/checks/").text
        links = RESPOND.findall(page)
        if links:
            url = random.choice(links)  # noqa: S311
            self.post_form(url, "/contacts/[ref]/checks/[id]/respond/", {"response": "No information held."})
