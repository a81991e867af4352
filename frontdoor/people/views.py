"""Finding a person and viewing their record (every view logged, R-ACC-1)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.access.policy import Can, access_person, can, contacts_visible_to

from .forms import PersonSearchForm
from .selectors import household_of, people_search


def search(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Can.SEARCH_PEOPLE):
        raise Http404("Not found")
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = people_search(user=request.user, **form.cleaned_data)
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "forms_with_errors": [form] if form.is_bound and form.errors else [],
        },
    )


def detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    contacts = contacts_visible_to(request.user).filter(people__person=person).distinct().order_by("-received_at")
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "household": household_of(person),
            "contacts": contacts[:50],
            "other_names": person.other_names.all(),
            "addresses": person.addresses.all(),
        },
    )
