from django.db.models import QuerySet

from frontdoor.core.forms import GovukDateField, GovukForm, char, choice
from frontdoor.people.models import Person, normalise_name

from .models import Decision


class FindPersonForm(GovukForm):
    """The person a subject access request is about: their family name, and a given name or date of birth."""

    family_name = char("Family name", max_length=100, required=True)
    given_names = char("Given names", max_length=100)
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 2015"
    )

    def search(self, people: QuerySet[Person]) -> QuerySet[Person]:
        data = self.cleaned_data
        found = people.filter(family_name_norm=normalise_name(data["family_name"]))
        if data.get("given_names"):
            found = found.filter(given_names_norm__startswith=normalise_name(data["given_names"]))
        if data.get("date_of_birth"):
            found = found.filter(date_of_birth=data["date_of_birth"])
        return found.order_by("given_names", "date_of_birth", "pk")


class RetentionReviewForm(GovukForm):
    decision = choice(
        "Your decision", Decision.choices, radios=True, error="Choose whether to keep it or mark it for deletion"
    )
    keep_until = GovukDateField(
        label="Keep it until", required=False, future_only=True, help_text="For example, 1 12 2031"
    )
    reason = char("Reason", max_length=2000, required=True, textarea=True, error="Enter the reason for your decision")
