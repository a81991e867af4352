"""The manager's dashboard: what is overdue, due in the next four hours and due later today."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from frontdoor.access.policy import Can, can
from frontdoor.core.http import AuthedRequest

from .forms import DashboardFilterForm
from .selectors import dashboard


def index(request: AuthedRequest) -> HttpResponse:
    if not can(request.user, Can.VIEW_DASHBOARD):
        raise Http404("Not found")
    team, kind = request.GET.get("team", ""), request.GET.get("kind", "")
    found = dashboard(request.user, team=team, kind=kind)
    form = DashboardFilterForm(request.GET or None, kinds=sorted({*found.kinds, *([kind] if kind else [])}))
    if form.is_bound and not form.is_valid():
        found = dashboard(request.user)
    return render(request, "dashboard/index.html", {"board": found, "form": form, "filtered": bool(team or kind)})
