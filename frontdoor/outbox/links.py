"""Links in emails: whole addresses, since an email has no page to be relative to."""

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    """`/contacts/C-1/` as the address staff open, from FRONTDOOR_BASE_URL."""
    return path if "://" in path else settings.FRONTDOOR_BASE_URL + path


def email_link(viewname: str, *args: object) -> str:
    return absolute(reverse(viewname, args=args))
