"""Adding a child or a family member to a contact after it was recorded, and a young parent's own referral."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import Can, access_contact, can, can_authorise
from frontdoor.core.errors import ServiceError, shown_on
from frontdoor.core.http import AuthedRequest

from . import forms as f
from . import services
from .models import ContactPerson
from .views import _search_people


@require_http_methods(["GET", "POST"])
def contact_add_person(request: AuthedRequest, reference: str) -> HttpResponse:
    """R-SIB-1, R-CHK-1: search the index for the person, then link the record chosen or create one."""
    if not can(request.user, Can.SCREEN_CONTACT):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=request.method == "GET")
    if not contact.is_open:
        messages.error(request, "This contact is no longer open; record a new contact instead.")
        return redirect("contacts:detail", reference=contact.reference)
    data = request.POST or None
    initial = {"role": request.GET.get("role", ContactPerson.Role.SUBJECT)}
    roles = ContactPerson.Role.choices
    form = f.PersonForm(data, roles=roles, initial=initial)
    if data is not None:
        form = f.PersonForm(data, roles=roles, candidates=_search_people(request, [form])[0])
    action = request.POST.get("action", "add")
    if data is not None and form.is_valid() and action == "add":
        if form.is_empty():
            form.add_error("family_name", "Enter the person's details")
        else:
            with shown_on(form):
                link = services.contact_add_person(
                    contact=contact, by=request.user, person=services.ChildInput(**form.service_input())
                )
                note = (
                    " The contact now needs a decision for this child too."
                    if link.contact.status == "awaiting_decision" and link.is_subject
                    else ""
                )
                messages.success(request, f"{link.person.full_name} added to the contact.{note}")
                return redirect("contacts:detail", reference=contact.reference)
    return render(
        request,
        "contacts/add_person.html",
        {
            "contact": contact,
            "form": form,
            "searched": action == "search",
            "forms_with_errors": [form] if form.errors and action == "add" else [],
        },
    )


@require_http_methods(["POST"])
def young_parent_refer(request: AuthedRequest, reference: str, link_id: int) -> HttpResponse:
    """R-INT-8: record a contact about the young parent as the subject, in their own right."""
    if not can(request.user, Can.RECORD_CONTACT):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=False)
    try:
        own = services.contact_refer_young_parent(contact=contact, by=request.user, link_id=link_id)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("contacts:detail", reference=contact.reference)
    messages.success(request, f"Contact {own.reference} recorded about the young parent in their own right.")
    return redirect("contacts:detail", reference=own.reference)


@require_http_methods(["GET", "POST"])
def young_parent_declined(request: AuthedRequest, reference: str, link_id: int) -> HttpResponse:
    """R-INT-8: a manager records that the young parent declined an assessment in their own right."""
    if not can_authorise(request.user):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=False)
    link = contact.people.select_related("person").filter(pk=link_id).first()
    if link is None:
        raise Http404("Not found")
    form = f.ReasonForm(request.POST or None)
    form.fields["reason"].label = "What did they say, and who offered the assessment?"
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_record_young_parent_declined(
                contact=contact, manager=request.user, link_id=link.pk, reason=form.cleaned_data["reason"]
            )
        except ServiceError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, "The refusal has been recorded.")
            return redirect("contacts:detail", reference=contact.reference)
    return render(
        request,
        "contacts/action.html",
        {
            "contact": contact,
            "form": form,
            "forms_with_errors": [form] if form.errors else [],
            "spec": {"title": f"{link.person.full_name} declined an assessment", "button": "Record the refusal"},
        },
    )
