"""Demo data for the person search's model (R-CHK-1, docs/MATCHING.md): one child recorded twice — a short
form of the first name, the same date of birth and address — so the search shows a likely match with its
reasons and a manager has a pair to merge; then the matching model is trained on the demo's index, as an
operator runs `frontdoor people train` after an import."""

from frontdoor.people.matching import name_forms
from frontdoor.people.models import Person, normalise_name
from frontdoor.people.services import person_create
from frontdoor.people.training import people_train


def _another_form(given: str) -> str:
    first, *rest = given.split()
    forms = sorted(f for f in name_forms(normalise_name(first)) if f != normalise_name(first) and " " not in f)
    other = forms[0].title() if forms else first[:1] + first[2:1:-1] + first[1:2] + first[3:]  # letters swapped
    return " ".join([other, *rest])


def load_matching() -> None:
    children = Person.objects.filter(
        is_unborn=False, restricted=False, merged_into__isnull=True, date_of_birth__isnull=False
    ).exclude(given_names="")
    child = next((p for p in children.order_by("pk")[:50] if p.addresses.exists()), None)
    if child is not None:
        address = child.addresses.order_by("-is_current").first()
        person_create(
            created_by=None,
            given_names=_another_form(child.given_names),
            family_name=child.family_name,
            date_of_birth=child.date_of_birth,
            sex=child.sex,
            address=address.line if address else "",
            postcode=address.postcode if address else "",
        )
    people_train()
