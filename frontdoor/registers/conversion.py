"""R-CONS-1: the contact form opened from a consultation. The form is pre-filled with the professional,
the child's names and the concern; recording it links the two (`services.consultation_convert`)."""

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.http import Http404, HttpRequest

from frontdoor.access.policy import access_consultation

from .models import Consultation
from .services import consultation_contact_initial, consultation_convert


def consultation_from_request(request: HttpRequest) -> Consultation | None:
    """The consultation being made into a contact (`?consultation=` or the form's hidden field), if any."""
    value = str(request.POST.get("consultation") or request.GET.get("consultation") or "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404("No consultation with that number.")
    return access_consultation(request.user, int(value), log=request.method == "GET")  # type: ignore[arg-type]


def prefill(consultation: Consultation | None, form: forms.Form, child_forms: list) -> None:
    """Carry the consultation's details into an unbound contact form and its first child."""
    if consultation is None:
        return
    contact, child = consultation_contact_initial(consultation)
    form.initial.update({k: v for k, v in contact.items() if v})
    if child_forms:
        child_forms[0].initial.update({k: v for k, v in child.items() if v})


def recorder(consultation: Consultation | None, default: Callable[..., Any]) -> Callable[..., Any]:
    """The service that records the contact: linked to the consultation when there is one."""
    if consultation is None:
        return default
    return functools.partial(consultation_convert, consultation=consultation)
