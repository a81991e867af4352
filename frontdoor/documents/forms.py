"""The form to attach a document to a contact."""

from django import forms
from django.conf import settings

from frontdoor.core.forms import char

from .filetypes import ALLOWED_DESCRIPTION
from .models import DocumentKind


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=DocumentKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what kind of document this is"},
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,  # the service says why a file is refused, missing included
    )
    description = char("Description (optional)", max_length=200)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        limit = settings.FRONTDOOR_DOCUMENT_MAX_BYTES / (1024 * 1024)
        self.fields["file"].help_text = f"It must be {ALLOWED_DESCRIPTION}, smaller than {limit:g} MB."
