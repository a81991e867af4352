"""R-CON-8 on pages another agency sees: `{% referrer_concealed text contact %}`."""

from typing import Any

from django import template

from frontdoor.access.policy import referrer_identity_visible
from frontdoor.contacts.models import Contact
from frontdoor.records.redaction import conceal_referrer

register = template.Library()


@register.simple_tag(takes_context=True)
def referrer_concealed(context: dict[str, Any], text: str, contact: Contact) -> str:
    """The text as typed for whoever may see the referrer; with a non-professional referrer's name, phone
    and email replaced for a partner agency and business support (R-CON-8)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and referrer_identity_visible(user, contact):
        return text
    return conceal_referrer(contact, text)
