"""Thin views for documents: attach one to a contact, and download it through the access rules."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import Can, access_contact, audit_export, can
from frontdoor.core.errors import shown_on
from frontdoor.core.http import AuthedRequest

from .forms import DocumentForm
from .selectors import access_document
from .services import document_attach, document_download_record


@require_http_methods(["GET", "POST"])
def document_new(request: AuthedRequest, reference: str) -> HttpResponse:
    if not can(request.user, Can.SCREEN_CONTACT):
        raise Http404("Not found")
    contact = access_contact(request.user, reference, log=request.method == "GET")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            document_attach(
                contact=contact,
                by=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
            )
            messages.success(request, "Document attached.")
            return redirect("contacts:detail", reference=contact.reference)
    return render(
        request,
        "documents/new.html",
        {"contact": contact, "form": form, "forms_with_errors": [form] if form.errors else []},
    )


def document_download(request: AuthedRequest, reference: str, document_id: int) -> FileResponse:
    contact = access_contact(request.user, reference, log=False)
    document = access_document(user=request.user, contact=contact, document_id=document_id)
    handle = document_download_record(document=document, by=request.user)
    # R-ACC-1: every download is an export, with what was asked for and how much it held
    audit_export(
        user=request.user, what="contact.document", filters={"contact": reference, "document": document.pk}, rows=1
    )
    return FileResponse(handle, as_attachment=True, filename=document.name, content_type=document.content_type)
