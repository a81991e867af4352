"""The held messages page (R-CON-7): emails Front Door may not send, for a person to send another way."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import Can, can
from frontdoor.core.errors import shown_on
from frontdoor.core.http import AuthedRequest

from .delivery import waiting_counts
from .forms import SentAnotherWayForm
from .selectors import access_held_message, held_messages_visible_to, recently_sent_another_way
from .services import outbox_mark_sent_another_way


def held(request: AuthedRequest) -> HttpResponse:
    if not can(request.user, Can.MANAGE_OUTBOX):
        raise Http404("Not found")
    context = {
        "held": held_messages_visible_to(request.user).order_by("created_at", "pk"),
        "counts": waiting_counts(),
        "recent": recently_sent_another_way(request.user),
    }
    return render(request, "outbox/held.html", context)


@require_http_methods(["GET", "POST"])
def sent_another_way(request: AuthedRequest, message_id: int) -> HttpResponse:
    message = access_held_message(request.user, message_id)
    form = SentAnotherWayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            outbox_mark_sent_another_way(message=message, by=request.user, note=form.cleaned_data["note"])
            messages.success(request, f"Marked as sent another way: {message.subject}")
            return redirect("outbox:held")
    return render(
        request,
        "outbox/sent_another_way.html",
        {"held_message": message, "form": form, "forms_with_errors": [form] if form.errors else []},
    )
