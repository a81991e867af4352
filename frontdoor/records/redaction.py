"""What a subject access export leaves out, and where: the people other than the data subject.

UK GDPR art. 15 gives a person a copy of what is held about them; the Data Protection Act 2018
(sch. 2 part 3 para 16) lets the council withhold what would identify someone else unless they consent
or it is reasonable to disclose without. Front Door's reading, written in docs/ARCHITECTURE.md:

- a non-professional referrer (a relative, a neighbour, the child themself, anonymous): their name,
  phone, email, relationship to the child and what they said of it are never disclosed without their
  consent (R-CON-8; 000, 001, 004: "Personal information about non-professional referrers should not be
  disclosed to the parents or other agencies without the referrer's consent"), and their name, phone and
  email are also taken out of every free text (notes, reason, screening) where a worker typed them;
- a professional referrer's organisation, role and name stay (the seeds protect non-professional
  referrers only; para 17 keeps health, education and social work staff acting in their job out of the
  exemption), but their direct phone and email go: a third party's contact details;
- another person on the contact (another child, a parent, a household member, an alleged perpetrator) is
  named by their part only, and their names are taken out of free text;
- the council's own staff stay named: who recorded, screened and decided is part of the record.
"""

import re
from dataclasses import dataclass, field

from frontdoor.contacts.models import Contact, ContactPerson
from frontdoor.people.models import Person

REFERRER_WHY = "The referrer is not a professional and has not agreed to be named to the family"
CONTACT_DETAILS_WHY = "A third party's contact details"
OTHER_CHILD_WHY = "Another child's name"
OTHER_PERSON_WHY = "Another person's name"
MIN_NAME_PART = 3  # shorter parts of a name ("Jo", "Al") are replaced only as part of the full name


@dataclass(frozen=True)
class Redaction:
    """One thing left out: what (in words for the reviewing officer), where, and why."""

    what: str
    where: str
    why: str


@dataclass
class Redactor:
    """Replaces the terms of each person to be left out in every text it is given, and lists what it removed."""

    keep: frozenset[str] = frozenset()  # words never replaced: the data subject's own names
    redactions: list[Redaction] = field(default_factory=list)
    _terms: list[tuple[re.Pattern[str], str, str]] = field(default_factory=list)  # (pattern, mark, why)

    def add_name(self, name: str, mark: str, why: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        parts = [name, *(p for p in name.split() if len(p) >= MIN_NAME_PART and p.lower() not in self.keep)]
        for part in dict.fromkeys(parts):
            self._terms.append((re.compile(rf"(?<!\w){re.escape(part)}(?!\w)", re.IGNORECASE), mark, why))
        self._terms.sort(key=lambda term: -len(term[0].pattern))

    def add_phone(self, phone: str, mark: str, why: str) -> None:
        digits = re.sub(r"\D", "", phone)
        if len(digits) < 6:  # noqa: PLR2004 - too short to be a number anyone could call
            return
        body = r"[\s\-().]*".join(re.escape(d) for d in digits.removeprefix("0").removeprefix("44"))
        self._terms.append((re.compile(rf"(?<![\d+])(?:(?:\+?44|0)[\s\-().]*)?{body}(?!\d)"), mark, why))

    def add_text(self, text: str, mark: str, why: str) -> None:
        """An exact phrase (an email address, a relationship typed in)."""
        text = text.strip()
        if len(text) >= MIN_NAME_PART:
            self._terms.append((re.compile(re.escape(text), re.IGNORECASE), mark, why))

    def text(self, value: str, where: str) -> str:
        """`value` with every term replaced; each kind replaced is listed once for `where`."""
        if not value:
            return value
        found: dict[tuple[str, str], None] = {}
        for pattern, mark, why in self._terms:
            value, count = pattern.subn(f"[{mark}]", value)
            if count:
                found[(mark, why)] = None
        for mark, why in found:
            self.note(f"{mark.capitalize()}, in the text", where, why)
        return value

    def withhold(self, value: str, what: str, where: str, why: str) -> str:
        """A whole field left out; "" stays "" and is not listed."""
        if not value:
            return value
        self.note(what, where, why)
        return f"[{what.lower()} removed]"

    def note(self, what: str, where: str, why: str) -> None:
        self.redactions.append(Redaction(what=what, where=where, why=why))


def referrer_is_protected(contact: Contact) -> bool:
    """R-CON-8: a non-professional referrer who has not agreed to be named."""
    return not contact.referrer_is_professional and not contact.referrer_consents_to_disclosure


def redactor_for(contact: Contact, subject: Person, links: list[ContactPerson]) -> Redactor:
    """The terms to take out of everything about `contact`, as exported for `subject`."""
    keep = frozenset(p.lower() for p in f"{subject.given_names} {subject.family_name}".split())
    for other in subject.other_names.all():
        keep |= {p.lower() for p in f"{other.given_names} {other.family_name}".split()}
    redactor = Redactor(keep=keep)
    if referrer_is_protected(contact):
        redactor.add_name(contact.referrer_name, "the referrer's name", REFERRER_WHY)
        redactor.add_phone(contact.referrer_phone, "the referrer's phone number", REFERRER_WHY)
        redactor.add_text(contact.referrer_email, "the referrer's email address", REFERRER_WHY)
    else:
        redactor.add_phone(contact.referrer_phone, "a phone number", CONTACT_DETAILS_WHY)
        redactor.add_text(contact.referrer_email, "an email address", CONTACT_DETAILS_WHY)
    for link in links:
        if link.person_id == subject.pk:
            continue
        if link.role == ContactPerson.Role.SUBJECT:
            redactor.add_name(link.person.full_name, "another child", OTHER_CHILD_WHY)
        else:
            redactor.add_name(link.person.full_name, f"a {link.get_role_display().lower()}", OTHER_PERSON_WHY)
    return redactor


def conceal_referrer(contact: Contact, text: str) -> str:
    """R-CON-8: `text` with a non-professional referrer's name, phone and email replaced by "[the referrer]",
    for pages and messages seen by another agency (a worker may have typed them into a question or minutes).
    The children's names on the contact are kept, though a relative referrer may share a surname."""
    if not text or not referrer_is_protected(contact):
        return text
    keep = frozenset(
        part.lower()
        for link in contact.people.select_related("person")
        for part in f"{link.person.given_names} {link.person.family_name}".split()
    )
    redactor = Redactor(keep=keep)
    redactor.add_name(contact.referrer_name, "the referrer", REFERRER_WHY)
    redactor.add_phone(contact.referrer_phone, "the referrer", REFERRER_WHY)
    redactor.add_text(contact.referrer_email, "the referrer", REFERRER_WHY)
    return redactor.text(text, "")
