"""One page's address for many records, reversed once: a list of hundreds of rows reverses no URL per row."""

from collections.abc import Callable

from django.urls import reverse

_REFERENCE = "--reference--"


def address_of(viewname: str, *after: str) -> Callable[[str], str]:
    """`viewname`'s address for any record: reversed once with a stand-in for the record's reference (its
    first argument, `after` following), and the returned function puts each record's reference in its place."""
    page = reverse(viewname, args=[_REFERENCE, *after])
    return lambda reference: page.replace(_REFERENCE, reference)
