"""The strategy meeting card on a contact's page."""

from django import template

from frontdoor.accounts.models import User
from frontdoor.contacts.models import Contact
from frontdoor.strategy.selectors import contact_meetings

register = template.Library()


@register.inclusion_tag("strategy/_on_contact.html")
def strategy_on_contact(user: User, contact: Contact) -> dict[str, object]:
    return contact_meetings(user, contact)
