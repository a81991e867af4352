from django import forms


class SentAnotherWayForm(forms.Form):
    note = forms.CharField(
        label="How was it sent?",
        help_text="For example, by secure post, by phone, or through the partner's secure portal.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
