"""Template helpers for GOV.UK components: rating and status tags, deadlines."""

import datetime

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from frontdoor.core.forms import error_summary_items
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
def govuk_date_parts(field: BoundField) -> list:
    """(label, width, value, in error) for the day, month and year boxes, and the time box of a date and
    time, from typed data or the initial value. Only the boxes the message is about are in error."""
    value = field.value()
    widget = field.field.widget
    size = len(getattr(widget, "widgets", ())) or 3
    parts: list[object]
    if isinstance(value, list | tuple):
        parts = [*value, "", "", "", ""][:size]
    elif isinstance(value, datetime.date) and hasattr(widget, "decompress"):
        parts = list(widget.decompress(value))
    else:
        parts = [""] * size
    errors = field.form.errors.as_data().get(field.name, []) if field.errors else []
    named = set(errors[0].params.get("parts", ())) if errors and errors[0].params else set()
    boxes = (("Day", 2, "day"), ("Month", 2, "month"), ("Year", 4, "year"), ("Time", 5, "time"))[:size]
    return [
        (label, width, "" if part is None else part, bool(errors) and (not named or key in named))
        for (label, width, key), part in zip(boxes, parts, strict=True)
    ]


@register.filter
def govuk_error_items(parts: list) -> list[tuple[str, str]]:
    """The error summary's links and messages: one per field, in the order of the page."""
    return error_summary_items(parts) if parts else []


@register.filter
def govuk_same(value: object, other: object) -> bool:
    """Whether a radio's value is the field's value, whatever their types (1 and "1")."""
    return str(value) == str(other)


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


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist, self.name = nodelist, name

    def render(self, context: template.Context) -> str:
        context[self.name] = mark_safe(self.nodelist.render(context))  # noqa: S308 - rendered by the template engine
        return ""


@register.tag
def capture(parser: template.base.Parser, token: template.base.Token) -> CaptureNode:
    """{% capture name %}...{% endcapture %}: render a block once, to pass to an include, such as the
    content a radio or checkbox reveals (the GOV.UK conditional reveal)."""
    bits = token.split_contents()
    if len(bits) != 2:  # noqa: PLR2004
        raise template.TemplateSyntaxError("capture takes one name: {% capture name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
