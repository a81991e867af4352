"""Every page of the demo speaks to people, not to the code (issue 8, "Words for people").

The demo data is loaded once; then, signed in as each role, every page that role can reach is
rendered with Django's test client: the landing page and every queue tab, contacts in every status
(the contact page, screening, every action page the workflow offers, the decision and review
pages, documents), the person search with a query, a person's page, the merge pages for a manager.
The URLs come from the URL configuration (every named pattern, its parameters filled in from the
demo data) and from the links on the pages themselves. A page fails when its visible text (tags,
scripts, styles and attributes stripped) holds a rule id, a snake_case word, a raw match score or
an internal record id; the failure names the page and the phrase.
"""

import re
from collections import defaultdict
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import resolve
from django.urls.exceptions import Resolver404

from frontdoor.access.policy import contacts_visible_to, people_visible_to, subject_access_people
from frontdoor.accounts.models import Role, User
from frontdoor.contacts.models import Contact, ContactPerson, Status
from frontdoor.core.testing import named_routes
from frontdoor.demo.loader import load_demo
from frontdoor.people.merge_selectors import merge_candidates
from frontdoor.people.merging import person_merge
from frontdoor.people.models import Person, PersonMerge

pytestmark = pytest.mark.django_db

RULE_ID = re.compile(r"\bR-[A-Z]+-\d")
SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
SCORE = re.compile(r"\bscores?\b|\b0\.\d+\b", re.IGNORECASE)
# "#123", "person 456", "record 12", "id 7"; not the numbered slots of a form ("Person 1 (optional)").
INTERNAL_ID = re.compile(
    r"#\d+|\b(?:person|records?|contact|id|pk)\s*(?:no\.?\s*|number\s*)?#?\d+\b(?!\s*\(optional\))", re.IGNORECASE
)
CHECKS = {"rule id": RULE_ID, "snake_case word": SNAKE_CASE, "raw score": SCORE, "internal id": INTERNAL_ID}

# Attributes a person hears or sees (screen readers, tooltips, image text).
SPOKEN_ATTRIBUTES = ("alt", "aria-label", "placeholder", "title")
# Named patterns not rendered as pages: a file download, a POST-only action, signing out.
# Text in two of these is never one phrase ("…this record" in one cell, "1 Dec" in the next).
BLOCKS = {"br", "dd", "div", "dt", "h1", "h2", "h3", "h4", "label", "legend", "li", "option", "p", "td", "th", "tr"}
FORM_BUTTONS = {"hidden", "submit", "button", "image", "reset"}
POSTED_PER_PATTERN = 2  # forms sent empty per page (action) and role, to read their error messages
NOT_PAGES = {"documents:download", "notices:read", "accounts:sign-out", "accounts:sign-in", "ops:healthz", "ops:readyz"}
# Pages rendered per URL pattern and role (the seeded ones, contacts in every status, come first).
PER_PATTERN = 5
PER_PATTERN_MORE = {"contacts:detail": 9, "contacts:action": 40, "decisions:decide": 9, "decisions:review": 9}
# Pages every run must reach; the rest are rendered where the demo data has something for them.
MUST_RENDER = {
    "home",
    "contacts:queue",
    "contacts:new",
    "contacts:detail",
    "contacts:screening",
    "contacts:action",
    "contacts:add-person",
    "decisions:decide",
    "documents:new",
    "people:search",
    "people:search-results",
    "people:detail",
    "people:merge",
    "people:merge-compare",
    "people:merge-undo",
    "dashboard:index",
    "registers:index",
    "registers:consultation",
    "registers:consultation-new",
    "registers:checks-request",
    "registers:checks-new",
    "registers:checks-answer",
    "registers:checks-authorise",
    "registers:transfer",
    "registers:transfer-record",
    "registers:transfer-forward",
    "registers:transfer-escalate",
    "records:index",
    "records:subject-access",
    "records:subject-access-review",
    "records:retention",
    "audit:contact-changes",
    "audit:person-changes",
    "audit:report",
}


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.posts: list[str] = []  # where the page's forms with fields to fill in are sent
        self._hidden = 0
        self._form: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag in BLOCKS:
            self.parts.append(" ¶ ")
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        if tag == "form":
            self._form = (values.get("action") or "") if (values.get("method") or "").lower() == "post" else None
        fillable = tag in ("textarea", "select") or (tag == "input" and values.get("type") not in FORM_BUTTONS)
        if fillable and self._form is not None and self._form not in self.posts:
            self.posts.append(self._form)
        self.parts.extend(values[name] or "" for name in SPOKEN_ATTRIBUTES if values.get(name))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if tag in BLOCKS:
            self.parts.append(" ¶ ")
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> tuple[str, list[str]]:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split()), parser.links


def page_forms(html: str) -> list[str]:
    """The actions of a page's POST forms that have something to fill in ("" is the page itself)."""
    parser = _VisibleText()
    parser.feed(html)
    return parser.posts


def offences(text: str) -> Iterator[tuple[str, str]]:
    """(what, where in the text) for every phrase meant for the code."""
    for kind, pattern in CHECKS.items():
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 50), min(len(text), match.end() + 50)
            yield f"{kind} {match.group(0)!r}", f"“…{text[start:end]}…”"


def _sample_contacts(user: User) -> list[Contact]:
    """A few visible contacts in every status, and every contact with an agency check or a family link."""
    visible = contacts_visible_to(user)
    chosen: list[Contact] = []
    for status in Status.values:
        chosen.extend(visible.filter(status=status).order_by("received_at")[:1])
    chosen.extend(visible.filter(agency_checks__isnull=False).distinct()[:2])
    chosen.extend(visible.filter(documents__isnull=False).distinct()[:1])
    return list(dict.fromkeys(chosen))


def _contact_rows(contact: Contact, params: list[str]) -> list[dict[str, object]]:
    from frontdoor.contacts.views import ACTIONS

    base: dict[str, object] = {"reference": contact.reference}
    if "action" in params:
        return [{**base, "action": slug} for slug in ACTIONS]
    if "link_id" in params:
        links = ContactPerson.objects.filter(contact=contact).exclude(role=ContactPerson.Role.SUBJECT)
        return [{**base, "link_id": link.pk} for link in links[:2]]
    if "check_id" in params:
        return [{**base, "check_id": check.pk} for check in contact.agency_checks.all()[:2]]
    return [] if "document_id" in params else [base]


def _person_rows(params: list[str], user: User, merged: PersonMerge | None) -> list[dict[str, object]]:
    visible = people_visible_to(user) | subject_access_people(user)
    people = list(visible.filter(contact_links__isnull=False).distinct().order_by("pk")[:3])
    if merged:
        people = [merged.kept, merged.duplicate, *people]
    if "merge_id" in params:
        return [{"person_id": merged.kept_id, "merge_id": merged.pk}] if merged else []
    if "other_id" in params:
        return [{"person_id": people[-2].pk, "other_id": people[-1].pk}] if len(people) >= 2 else []
    return [{"person_id": person.pk} for person in people] if params == ["person_id"] else []


def _fill(route: str, user: User, merged: PersonMerge | None) -> Iterator[str]:
    """Concrete paths for a route, its parameters taken from the demo data this user can see."""
    params = re.findall(r"<(?:\w+:)?(\w+)>", route)
    if "reference" in params:
        rows = [row for contact in _sample_contacts(user) for row in _contact_rows(contact, params)]
    else:
        rows = _person_rows(params, user, merged) if params else [{}]
    for row in rows:
        path = route
        for name, value in row.items():
            path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        yield "/" + path


def _merge_pair() -> tuple[Person, Person] | None:
    """Two records a manager could merge; one pair is merged so the undo page and history exist."""
    manager = User.objects.get(username=Role.TEAM_MANAGER)
    for person in Person.objects.filter(merged_into__isnull=True, is_unborn=False).order_by("pk")[:300]:
        for candidate in merge_candidates(user=manager, person=person)[:1]:
            return person, candidate.person
    return None


def _name(path: str) -> str:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return ""
    return match.view_name


def test_every_demo_page_speaks_plain_english() -> None:  # noqa: C901 - one crawl, many checks
    load_demo(people=160, contacts=34)
    pair = _merge_pair()
    merged = None
    if pair:
        manager = User.objects.get(username=Role.TEAM_MANAGER)
        duplicate, kept = Person.objects.get(pk=pair[1].pk), Person.objects.get(pk=pair[0].pk)
        merged = person_merge(
            duplicate=duplicate,
            kept=kept,
            merged_by=manager,
            reason="Same child recorded twice.",
            expected_versions=(duplicate.version, kept.version),
        )
    routes = list(named_routes())
    problems: dict[str, dict[str, str]] = defaultdict(dict)  # what -> page -> where
    rendered: set[str] = set()
    # every role, and a few of the demo's other workers (a receiving team's worker sees its notices)
    others = User.objects.filter(is_active=True).exclude(username__in=Role.values).order_by("pk")[:2]
    for user in [*User.objects.filter(username__in=Role.values).order_by("pk"), *others]:
        client = Client()
        client.force_login(user)
        family = Person.objects.order_by("pk").first().family_name  # type: ignore[union-attr]
        queue: list[str] = ["/", "/contacts/"]
        # the search (POSTed: names never travel in an address) with a query, and with nothing to search
        # for (its error message); its results' links join the crawl
        for terms in ({"family_name": family}, {"given_names": "", "family_name": ""}):
            found = client.post("/people/", terms)
            if found.status_code == 200:
                rendered.add("people:search-results")
                text, links = visible_text(found.content.decode())
                for what, where in offences(text):
                    problems[what].setdefault(f"{user.username} POST /people/ {terms}", where)
                queue.extend(link.split("#")[0] for link in links if link.split("#")[0])
        for name, route in routes:
            if name not in NOT_PAGES:
                queue.extend(_fill(route, user, merged))
        seen: set[str] = set()
        per_name: dict[str, int] = defaultdict(int)
        posted: dict[str, int] = defaultdict(int)
        while queue:
            path = queue.pop(0)
            if path in seen or not path.startswith("/") or path.startswith("//"):
                continue
            seen.add(path)
            name = _name(path)
            if not name or name in NOT_PAGES or per_name[name] >= PER_PATTERN_MORE.get(name, PER_PATTERN):
                continue
            per_name[name] += 1
            response = client.get(path)
            if response.status_code in (301, 302, 403, 404, 405):
                continue
            assert response.status_code == 200, f"{user.username} {path}: {response.status_code}"
            if "html" not in response.get("Content-Type", ""):
                continue
            rendered.add(name)
            html = response.content.decode()
            text, links = visible_text(html)
            for what, where in offences(text):
                problems[what].setdefault(f"{user.username} {path}", where)
            own = {"", urlsplit(path).path}
            kind = f"{name} {resolve(urlsplit(path).path).kwargs.get('action', '')}"
            if own & set(page_forms(html)) and posted[kind] < POSTED_PER_PATTERN:
                # The page's own form sent empty: its error messages are words for people too.
                posted[kind] += 1
                sent = client.post(path, {})
                if sent.status_code == 200 and "html" in sent.get("Content-Type", ""):
                    for what, where in offences(visible_text(sent.content.decode())[0]):
                        problems[what].setdefault(f"{user.username} {path} (sent empty)", where)
            queue.extend(link.split("#")[0] for link in links if link.split("#")[0])
    missing = MUST_RENDER - rendered
    assert not missing, f"pages never rendered: {sorted(missing)}"
    report = [
        f"{what} on {len(pages)} pages, e.g. {page}\n    {where}"
        for what, pages in sorted(problems.items())
        for page, where in list(pages.items())[:1]
    ]
    assert not report, f"{len(report)} phrases for the code, not for people:\n" + "\n".join(report)


def test_every_audit_action_has_words_for_a_page() -> None:
    from frontdoor.audit.actions import LABELS, AuditAction, action_label

    assert set(LABELS) == set(AuditAction), "give every audit action a label in frontdoor/audit/actions.py"
    for action in AuditAction:
        label = action_label(action.value)
        assert label[0].isupper(), label
        assert not SNAKE_CASE.search(label), label
        assert "." not in label, label
    assert action_label("contact.something_retired") == "Something retired"


def test_the_history_reads_what_happened_who_did_it_and_when(record, social_worker) -> None:  # noqa: ANN001
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from frontdoor.contacts import services as cs

    at = datetime.datetime(2026, 3, 2, 14, 3, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(at, tick=False):
        contact = record()
        cs.contact_start_screening(contact=contact, by=social_worker)
    client = Client()
    client.force_login(social_worker)
    text, _ = visible_text(client.get(f"/contacts/{contact.reference}/").content.decode())
    assert f"Screening started by {social_worker.display_name}, 2 Mar 14:03" in text
    assert "screening_started" not in text
