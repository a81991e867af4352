"""Finding a person and viewing their record (every view logged, R-ACC-1); a manager's merge pages."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from frontdoor.access.policy import Can, access_person, audit_search, can, contacts_visible_to
from frontdoor.access.views import offer_emergency_access
from frontdoor.core.errors import ServiceError, StaleEdit, show_error, shown_on
from frontdoor.core.http import AuthedRequest

from .forms import BirthForm, DistinctForm, MergeFindForm, MergeForm, MergeUndoForm, PersonSearchForm
from .household import household_of_person
from .merge_selectors import distinct_pair, merge_candidates, merge_comparison, merge_history, merged_into_by
from .merging import people_confirm_distinct, person_merge, person_merge_undo
from .models import Person, PersonMerge
from .selectors import people_search


def _require(request: AuthedRequest, capability: Can) -> None:
    if not can(request.user, capability):
        raise Http404("Not found")


def _errors(*forms: object) -> list:
    return [form for form in forms if form is not None and form.errors]  # type: ignore[attr-defined]


def search(request: AuthedRequest) -> HttpResponse:
    if not can(request.user, Can.SEARCH_PEOPLE):
        raise Http404("Not found")
    # Names and dates of birth travel in the request's body, never in the address (issue 10).
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_bound and form.is_valid():
        results = people_search(user=request.user, **form.cleaned_data)
        audit_search(user=request.user, terms=form.cleaned_data, results=len(results))  # R-ACC-1
        offer_emergency_access(request, results)  # R-ACC-2
    return render(
        request,
        "people/search.html",
        {
            "form": form,
            "results": results,
            "forms_with_errors": [form] if form.is_bound and form.errors else [],
            # 002 s2: a child whose record they cannot open or find (shown whatever the results say)
            "can_request_lock_down": can(request.user, Can.REQUEST_LOCK_DOWN),
        },
    )


def detail(request: AuthedRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    contacts = contacts_visible_to(request.user).filter(people__person=person).distinct().order_by("-received_at")
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "household": household_of_person(user=request.user, person=person),
            "contacts": contacts[:50],
            "other_names": person.other_names.all(),
            "addresses": person.addresses.all(),
            "merged": merged_into_by(person),
            "merges": merge_history(user=request.user, person=person),
            "can_merge": can(request.user, Can.MERGE_PEOPLE),
            "can_manage_access": can(request.user, Can.MANAGE_ACCESS),
            "can_request_lock_down": can(request.user, Can.REQUEST_LOCK_DOWN),
            "can_record_birth": person.is_unborn
            and not person.merged_into_id
            and can(request.user, Can.SCREEN_CONTACT),
        },
    )


def merge_start(request: AuthedRequest, person_id: int) -> HttpResponse:
    """A record's likely duplicates, and any other record found by name, to compare side by side."""
    _require(request, Can.MERGE_PEOPLE)
    person = access_person(request.user, person_id)
    form = MergeFindForm(request.POST if "family_name" in request.POST else None)  # names never in the address
    found = None
    if form.is_bound and form.is_valid() and not person.merged_into_id:
        found = [
            c
            for c in people_search(user=request.user, limit=20, **form.cleaned_data)
            if c.hidden_id is None and c.person.pk != person.pk and not c.person.merged_into_id
        ]
        audit_search(user=request.user, terms=form.cleaned_data, results=len(found))  # R-ACC-1
    candidates = [] if person.merged_into_id else merge_candidates(user=request.user, person=person)
    if not person.merged_into_id:  # R-ACC-1: the page's own search for likely duplicates of the record is logged too
        audit_search(
            user=request.user, terms={"like_record": person.pk}, results=len(candidates), source="likely duplicates"
        )
    return render(
        request,
        "people/merge.html",
        {
            "person": person,
            "form": form,
            "candidates": candidates,
            "found": found,
            "forms_with_errors": _errors(form),
        },
    )


def _merge(request: AuthedRequest, form: MergeForm, first: Person, second: Person) -> PersonMerge | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    versions = {first.pk: data["first_version"], second.pk: data["second_version"]}
    kept, duplicate = (first, second) if data["keep"] == str(first.pk) else (second, first)
    try:
        return person_merge(
            duplicate=duplicate,
            kept=kept,
            merged_by=request.user,
            reason=data["reason"],
            expected_versions=(versions[duplicate.pk], versions[kept.pk]),
        )
    except ServiceError as error:
        show_error(form, error)
        if isinstance(error, StaleEdit):
            # The page now shows the records as they are; a second press merges what was seen.
            first.refresh_from_db()
            second.refresh_from_db()
            data = dict(form.data.items())
            data["first_version"], data["second_version"] = str(first.version), str(second.version)
            form.data = data
        return None


def _confirm_distinct(request: AuthedRequest, form: DistinctForm, first: Person, second: Person) -> bool:
    if not form.is_valid():
        return False
    try:
        people_confirm_distinct(
            first=first, second=second, confirmed_by=request.user, reason=form.cleaned_data["reason"]
        )
    except ServiceError as error:
        show_error(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
def merge_compare(request: AuthedRequest, person_id: int, other_id: int) -> HttpResponse:
    """The two records side by side: merge them, or record that they are different people."""
    _require(request, Can.MERGE_PEOPLE)
    if person_id == other_id:
        raise Http404("Not found")
    log = request.method == "GET"
    first, second = access_person(request.user, person_id, log=log), access_person(request.user, other_id, log=log)
    action = request.POST.get("action")
    merge_form = MergeForm(request.POST if action == "merge" else None, first=first, second=second)
    distinct_form = DistinctForm(request.POST if action == "distinct" else None, prefix="distinct")
    if action == "merge" and (merge := _merge(request, merge_form, first, second)):
        messages.success(request, f"The record of {merge.duplicate.described} was merged into this record.")
        return redirect("people:detail", person_id=merge.kept_id)
    if action == "distinct" and _confirm_distinct(request, distinct_form, first, second):
        messages.success(request, f"Recorded that {first.described} and {second.described} are different people.")
        return redirect("people:detail", person_id=first.pk)
    return render(
        request,
        "people/merge_compare.html",
        {
            "first": first,
            "second": second,
            "rows": merge_comparison(user=request.user, first=first, second=second),
            "distinct": distinct_pair(first, second),
            "merge_form": merge_form,
            "distinct_form": distinct_form,
            "forms_with_errors": _errors(merge_form, distinct_form),
        },
    )


@require_http_methods(["GET", "POST"])
def merge_undo(request: AuthedRequest, person_id: int, merge_id: int) -> HttpResponse:
    """Confirm, with a reason, the undoing of a merge into this record."""
    _require(request, Can.MERGE_PEOPLE)
    person = access_person(request.user, person_id, log=request.method == "GET")
    merge = get_object_or_404(PersonMerge.objects.select_related("duplicate", "merged_by"), pk=merge_id, kept=person)
    form = MergeUndoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with shown_on(form):
            person_merge_undo(merge=merge, undone_by=request.user, reason=form.cleaned_data["reason"])
            messages.success(
                request, f"Merge undone: the record of {merge.duplicate.described} is a separate record again."
            )
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/merge_undo.html",
        {"person": person, "merge": merge, "form": form, "forms_with_errors": _errors(form)},
    )


@require_http_methods(["GET", "POST"])
def record_birth(request: AuthedRequest, person_id: int) -> HttpResponse:
    """R-INT-9: the baby is born; the unborn record becomes a born child's."""
    from .services import person_record_birth

    _require(request, Can.SCREEN_CONTACT)
    person = access_person(request.user, person_id, log=False)
    if not person.is_unborn:
        messages.info(request, f"{person.full_name} is already recorded as born.")
        return redirect("people:detail", person_id=person.pk)
    form = BirthForm(request.POST or None, initial={"version": person.version, "given_names": person.given_names})
    back = request.GET.get("contact", "")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with shown_on(form):
            person_record_birth(
                person=person,
                by=request.user,
                date_of_birth=data["date_of_birth"],
                sex=data["sex"],
                given_names=data["given_names"],
                version=data["version"],
            )
            messages.success(request, "The birth has been recorded.")
            if back and contacts_visible_to(request.user).filter(reference=back).exists():
                return redirect("contacts:detail", reference=back)
            return redirect("people:detail", person_id=person.pk)
    return render(
        request,
        "people/born.html",
        {"person": person, "form": form, "back": back, "forms_with_errors": _errors(form)},
    )
