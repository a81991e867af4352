"""The threshold decision form: the rating confirmed, and an outcome for each child (R-SIB-1)."""

from django import forms

from frontdoor.contacts.forms import rating_choices
from frontdoor.core.forms import char, choice, tick
from frontdoor.people.models import Person

from .choices import NeedLevel, SpecialistAssessment
from .routing import choosable_teams

CHILD_FIELDS = ("opened", "need", "outcome", "removal", "hos", "services", "assessments", "assessments_other")


class DecisionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    rating = choice("Confirm or change the rating", [], radios=True)
    rationale = char(
        "Rationale for the decision",
        max_length=20000,
        required=True,
        textarea=True,
        rows=6,
        help_text="Why this level of response; what happens next, by whom and by when",
    )
    # R-CON-4: asked only while consent is missing; the ticks only reveal the reason (the service decides
    # from the outcomes whether a reason is needed).
    without_consent = tick("A child is referred without consent")
    consent_reason = char(
        "Why is it right to proceed without consent?",
        max_length=20000,
        textarea=True,
        rows=2,
        help_text="Only if a child is referred without consent",
    )
    # R-INT-5, R-POL: asked only where the domestic-abuse risk or a local policy recommends an outcome.
    against_recommendation = tick("The decision differs from the recommended outcome")
    policy_override_reason = char(
        "Why decide otherwise than recommended?",
        max_length=20000,
        textarea=True,
        rows=2,
        help_text="Only if an outcome differs from the recommendation",
    )

    def __init__(  # noqa: ANN002, ANN003
        self,
        *args,
        children: list[Person],
        outcomes: dict[int, list],
        consultees: list,
        choose_team: bool = False,
        staff_related: bool = False,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.children = children
        # R-INT-7: for a contact about a member of staff the head of service is asked for every child;
        # otherwise only when removal is considered (R-DEC-7).
        self.hos_always = staff_related
        self.fields["rating"].choices = rating_choices()[1:]
        if choose_team:
            # R-ROUTE-2: the address does not show the area team, so the manager chooses it.
            self.fields["team"] = choice(
                "Which team should a referral go to?",
                [("", "Choose"), *choosable_teams()],
                required=False,
                help_text="The family's address does not show which area team covers it. "
                "Choose the team if any child is referred for an assessment or a strategy discussion.",
            )
        people = [("", "Nobody consulted"), *[(str(u.pk), u.display_name) for u in consultees]]
        for child in children:
            pid = child.pk
            offered = [("", "Choose"), *outcomes[pid]]
            self.fields[f"opened_{pid}"] = tick(f"Open the contact on {child.full_name}")
            self.fields[f"need_{pid}"] = choice(
                f"Level of need for {child.full_name}", [("", "Choose"), *NeedLevel.choices], required=False
            )
            self.fields[f"outcome_{pid}"] = choice(f"Outcome for {child.full_name}", offered, required=False)
            self.fields[f"removal_{pid}"] = tick(f"Removal of {child.full_name} from home is being considered")
            self.fields[f"hos_{pid}"] = choice(
                "Head of service consulted",
                people,
                required=False,
                help_text="Required for a referral about a member of staff, and for removal, unless the head of "
                "service has recorded the consultation on the contact"
                if staff_related
                else "Only if removal is being considered: it must be discussed with the head of service, unless "
                "they have recorded the consultation on the contact",
            )
            # 004: which services the child and family need, and further specialist assessments.
            self.fields[f"services_{pid}"] = char(
                f"Services required for {child.full_name} and the family",
                max_length=5000,
                textarea=True,
                rows=2,
                help_text="What type of services, if any",
            )
            self.fields[f"assessments_{pid}"] = forms.MultipleChoiceField(
                label=f"Specialist assessments required for {child.full_name}",
                choices=SpecialistAssessment.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text="Select all that apply",
            )
            self.fields[f"assessments_other_{pid}"] = char("Other specialist assessments", max_length=2000)

    def child_groups(self) -> list[tuple[Person, list]]:
        """Each child's fields as (field, field it reveals): the head of service consulted is revealed by
        "removal is being considered" unless it is asked for every child."""
        groups = []
        for c in self.children:
            rows = []
            for part in CHILD_FIELDS:
                if part == "hos" and not self.hos_always:
                    continue
                revealed = self[f"hos_{c.pk}"] if part == "removal" and not self.hos_always else None
                rows.append((self[f"{part}_{c.pk}"], revealed))
            groups.append((c, rows))
        return groups
