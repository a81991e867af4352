"""Template helpers for GOV.UK components: rating and status tags, deadlines."""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from frontdoor.procedures.deadlines import time_left_words
from frontdoor.procedures.loader import get_profile

register = template.Library()

STATUS_COLOURS = {
    "received": "light-blue",
    "screening": "blue",
    "awaiting_decision": "yellow",
    "decided": "green",
    "closed": "grey",
    "passed_on": "purple",
    "team_acknowledged": "grey",
}


@register.simple_tag
def rating_tag(key: str) -> str:
    if not key:
        return mark_safe('<strong class="govuk-tag govuk-tag--grey">Not rated</strong>')  # noqa: S308 - constant
    rating = get_profile().rating(key)
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', rating.colour, rating.label)


@register.simple_tag
def status_tag(contact: object) -> str:
    status = contact.status  # type: ignore[attr-defined]
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        STATUS_COLOURS.get(status, "grey"),
        contact.get_status_display(),  # type: ignore[attr-defined]
    )


@register.simple_tag
def due(when: datetime.datetime | None) -> str:
    """The due time and how long is left; overdue items stand out (R-TIME-1)."""
    if when is None:
        return "—"
    now = timezone.now()
    local = timezone.localtime(when)
    words = time_left_words(when, now)
    css = "app-overdue" if when < now else ("app-due-soon" if (when - now).total_seconds() < 3600 * 2 else "")
    return format_html(
        '<time datetime="{}">{}</time><br><span class="{}">{}</span>',
        local.isoformat(),
        local.strftime("%a %-d %b %Y, %H:%M"),
        css,
        words,
    )


@register.filter
def team_name(key: str) -> str:
    try:
        return get_profile().team(key).name
    except (KeyError, LookupError, ValueError):
        return key or "—"


@register.filter
def dictget(mapping: dict, key: str) -> object:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter
def govuk_date_parts(field: object) -> list:
    """(label, width, value) for the day, month and year boxes, from typed data or the initial date."""
    value = field.value()  # type: ignore[attr-defined]
    parts: list[object]
    if isinstance(value, datetime.date):
        parts = [value.day, value.month, value.year]
    elif isinstance(value, list | tuple):
        parts = [*(value or []), "", "", ""][:3]
    else:
        parts = ["", "", ""]
    return list(zip(("Day", "Month", "Year"), (2, 2, 4), ["" if p is None else p for p in parts], strict=True))


@register.filter
def govuk_datetime_value(value: object) -> str:
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%dT%H:%M")
        )
    return "" if value is None else str(value)


@register.simple_tag
def contact_flags(contact: object) -> str:
    """R-INT-5, R-POL-1: the flags a worker must see on the contact and in every queue row."""
    from frontdoor.contacts.guidance import da_guidance

    tags: list[tuple[str, str]] = []
    if contact.domestic_abuse:  # type: ignore[attr-defined]
        level = {"high": ": high risk", "medium": ": medium risk"}.get(contact.da_risk, "")  # type: ignore[attr-defined]
        tags.append(("pink", f"Domestic abuse{level}"))
    if contact.dash_missing:  # type: ignore[attr-defined]
        tags.append(("grey", "DASH requested") if contact.dash_requested_at else ("red", "DASH needed"))  # type: ignore[attr-defined]
    guidance = da_guidance(contact)  # type: ignore[arg-type]
    if guidance is not None and guidance.triage and contact.is_open:  # type: ignore[attr-defined]
        tags.append(("yellow", "Manager triage"))
    if contact.held_on_early_help:  # type: ignore[attr-defined]
        tags.append(("green", "Early help record"))
    return format_html_join(" ", '<strong class="govuk-tag govuk-tag--{}">{}</strong>', tags)
