"""Errors raised by services that views turn into messages for the user, never a 500."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from django.core.exceptions import ValidationError


class ServiceError(Exception):
    """A business rule refused the action; the message is shown to the user as it is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class TransitionNotAllowed(ServiceError):
    pass


class StaleEdit(ServiceError):
    """Someone else saved the record since this user opened it (optimistic locking)."""


class PermissionDenied(ServiceError):
    pass


REASON_REQUIRED = "Enter the reason."


def required_text(value: str | None, message: str = REASON_REQUIRED, *, field: str = "reason") -> str:
    """The text a rule needs (a reason, a rationale, who did it), stripped; blank is refused with `message`
    next to `field`. One check for every service, so a reason of spaces is refused everywhere alike."""
    text = (value or "").strip()
    if not text:
        raise ServiceError(message, field=field)
    return text


class _Form(Protocol):
    fields: dict

    def add_error(self, field: str | None, error: str) -> None: ...


def show_error(form: _Form, error: ServiceError) -> None:
    """Put a service's refusal next to the field it names, or at the top of the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@contextmanager
def shown_on(form: _Form) -> Iterator[None]:
    """Run a service call; a rule it refuses is shown next to the field it names (or at the top of the form).

    with shown_on(form):
        thing = thing_create(...)
        return redirect(...)
    # reached only when the service refused: the form now carries the message
    """
    try:
        yield
    except ServiceError as error:
        show_error(form, error)


__all__ = [
    "REASON_REQUIRED",
    "PermissionDenied",
    "ServiceError",
    "StaleEdit",
    "TransitionNotAllowed",
    "ValidationError",
    "required_text",
    "show_error",
    "shown_on",
]
