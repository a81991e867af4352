from django import forms

from .selectors import team_names


class DashboardFilterForm(forms.Form):
    team = forms.ChoiceField(required=False, label="Team")
    kind = forms.ChoiceField(required=False, label="What is due")

    def __init__(self, *args, kinds: list[str], **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", "Every team"), *team_names().items()]
        self.fields["kind"].choices = [("", "Everything"), *[(kind, kind) for kind in kinds]]
