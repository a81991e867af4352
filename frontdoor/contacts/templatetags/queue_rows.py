"""Template tags for a queue row: the children, the concern, the flags and the next clock."""

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from frontdoor.contacts import queue_rows
from frontdoor.contacts.models import Contact

register = template.Library()


@register.simple_tag
def row_children(contact: Contact) -> str:
    lines = queue_rows.children_lines(contact)
    if not lines:
        return ""
    return format_html(
        '<ul class="govuk-list app-queue-children">{}</ul>',
        format_html_join("", "<li>{}</li>", ((line,) for line in lines)),
    )


@register.filter
def concern(contact: Contact) -> str:
    return queue_rows.concern_line(contact)


@register.simple_tag
def row_flags(contact: Contact) -> str:
    return format_html_join(" ", '<strong class="govuk-tag govuk-tag--{}">{}</strong>', queue_rows.row_flags(contact))


@register.simple_tag
def next_clock(contact: Contact) -> str:
    clock = queue_rows.row_clock(contact)
    parts: list[str] = []
    if clock.headline:
        parts.append(format_html('<span class="govuk-!-font-weight-bold">{}</span>', clock.headline))
    if clock.due is not None:
        local = timezone.localtime(clock.due)
        when = format_html(
            '<time datetime="{}">{}</time>', local.isoformat(), f"{local:%a} {local.day} {local:%b}, {local:%H:%M}"
        )
        css = "app-overdue" if clock.overdue else ("app-due-soon" if clock.due_soon else "")
        if clock.headline:
            # No live countdown after the decision: what is still open, when it is due, and whether it is late.
            late = mark_safe(' <span class="app-overdue">Overdue</span>') if clock.overdue else ""  # noqa: S308 - a constant
            parts.append(
                format_html('<span class="govuk-body-s">Still open: {}, due {}</span>{}', clock.reason, when, late)
            )
        else:
            parts.append(when)
            parts.append(format_html('<span class="{}">{}</span>', css, clock.countdown) if css else clock.countdown)
            if clock.reason:
                parts.append(format_html('<span class="govuk-body-s">{}</span>', clock.reason))
    if not parts:
        return "No clock running"
    return format_html_join(mark_safe("<br>"), "{}", ((p,) for p in parts))
