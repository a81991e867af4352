"""Errors raised by services that views turn into messages for the user, never a 500."""

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


__all__ = ["PermissionDenied", "ServiceError", "StaleEdit", "TransitionNotAllowed", "ValidationError"]
