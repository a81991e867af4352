"""Forms of the lock-down pages (R-ACC-2): restrict a record, lift it, bar a member of staff, emergency access."""

from collections.abc import Mapping
from typing import Any

from django import forms
from django.db.models import QuerySet

from frontdoor.accounts.models import Role, User
from frontdoor.core.forms import GovukDateField, char

_NOT_STAFF = (Role.REFERRER, Role.MASH_PARTNER)


def staff() -> QuerySet[User]:
    """Active users with a role of the front door's own staff (not referrers or partners)."""
    return (
        User.objects.filter(is_active=True, groups__name__in=[r for r in Role.values if r not in _NOT_STAFF])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def managers() -> QuerySet[User]:
    return staff().filter(groups__name__in=[Role.TEAM_MANAGER, Role.HEAD_OF_SERVICE]).distinct()


class _People(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class _Person(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class RestrictForm(forms.Form):
    reason = char("Why is this record restricted?", max_length=2000, required=True, textarea=True, rows=3)
    manager = _Person(
        label="Manager to ask",
        queryset=User.objects.none(),
        help_text="Anyone who finds this record in a search is told to ask this manager.",
        error_messages={"required": "Select the manager to ask"},
    )
    named = _People(
        label="Who may open this record",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You and the manager to ask are always included.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers()
        self.fields["named"].queryset = staff()


class ReasonForm(forms.Form):
    reason = char("Reason", max_length=2000, required=True, textarea=True, rows=3, error="Enter the reason")


class BarForm(forms.Form):
    user = _Person(
        label="Member of staff to bar",
        queryset=User.objects.none(),
        error_messages={"required": "Select the member of staff to bar"},
    )
    reason = char("Why are they barred?", max_length=2000, required=True, textarea=True, rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = staff()


class EmergencyForm(forms.Form):
    reason = char(
        "Why do you need this record now?",
        max_length=2000,
        required=True,
        textarea=True,
        rows=3,
        help_text="The manager of the record is told at once that you opened it.",
        error="Enter why you need this record now",
    )


class LockDownRequestForm(forms.Form):
    """002 s2: a manager or business support manager asks for a lock-down and bars."""

    reason = char(
        "Why should this record be locked down?",
        max_length=2000,
        required=True,
        textarea=True,
        rows=3,
        help_text="The manager who decides reads this. Say who the child is to the staff concerned, if that is why.",
        error="Enter why this record should be locked down",
    )
    restrict = forms.BooleanField(
        label="Restrict the record to named people",
        required=False,
        help_text="Only the people named, and the manager who applies it, will open the record and its contacts.",
    )
    named = _People(
        label="Who should be able to open it",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    barred = _People(
        label="Staff to bar from it",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For example a member of staff whose own child or relative this is. A bar holds against everyone.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["named"].queryset = staff()
        self.fields["barred"].queryset = staff()


class LockDownDecisionForm(forms.Form):
    """Apply a request (choosing the manager to ask) or decline it with a reason."""

    manager = _Person(
        label="Manager to ask",
        queryset=User.objects.none(),
        required=False,
        help_text="When the record is restricted: anyone who finds it in a search is told to ask this manager. "
        "Left empty, the record's current manager, or you.",
    )
    reason = char(
        "Reason",
        max_length=2000,
        textarea=True,
        rows=3,
        help_text="Needed to decline: the person who asked reads it. A note when applying.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers()


class LockDownDescribedForm(LockDownRequestForm):
    """A lock-down asked for without the record (one the requester may not open, or cannot find): the person
    as the requester knows them. The manager who decides finds the record it matches."""

    given_names = char("Given names", max_length=100, help_text="As far as you know them")
    family_name = char("Family name", max_length=100, required=True, error="Enter their family name")
    date_of_birth = GovukDateField(label="Date of birth (if you know it)", required=False)
    details = char(
        "Anything else that would help find the right record",
        max_length=2000,
        textarea=True,
        rows=3,
        help_text="For example an address, a school, the parents' names, or who the child is to the member of "
        "staff",
    )
    field_order = ["given_names", "family_name", "date_of_birth", "details", "reason", "restrict", "named", "barred"]


class DescribedSearchForm(forms.Form):
    """Deciding a request that describes the person: the terms to find the record with (every search logged)."""

    given_names = char("Given names", max_length=100)
    family_name = char("Family name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", required=False)
    postcode = char("Postcode", max_length=10)

    def terms(self) -> dict[str, Any]:
        """The terms typed, where the form was sent and valid, else those it started with."""
        data: Mapping[str, Any] = self.initial
        if self.is_bound:
            data = self.cleaned_data if self.is_valid() else {}
        return {name: data.get(name) or (None if name == "date_of_birth" else "") for name in self.fields}


class DescribedDecisionForm(LockDownDecisionForm):
    """Choose the record a described request is about (among the records found), then apply; keep it waiting
    for a record of the child (none is held yet); decline it; or, once waiting, close it."""

    person = forms.TypedChoiceField(
        label="The record this request is about",
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        help_text="Only records you may open are listed. A restricted record you may not open is decided by its "
        "manager.",
    )
    field_order = ["person", "manager", "reason"]

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:  # noqa: ANN401
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = choices
        self.fields["reason"].help_text = (
            "Needed to decline or to close the request; a note when applying it or keeping it waiting for a record. "
            "Whoever asked never reads it."
        )
