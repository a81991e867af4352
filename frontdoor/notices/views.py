"""Marking a notice as read."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from frontdoor.core.errors import ServiceError
from frontdoor.core.http import AuthedRequest

from .models import Notice
from .services import notice_mark_read


@require_POST
def mark_read(request: AuthedRequest, notice_id: int) -> HttpResponse:
    notice = Notice.objects.filter(pk=notice_id, recipient_id=request.user.pk).first()
    if notice is None:
        raise Http404("Not found")
    try:
        notice_mark_read(notice=notice, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Marked as read.")
    return redirect("contacts:queue")
