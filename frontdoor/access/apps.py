from typing import Any

from django.apps import AppConfig


def _changed(**_: Any) -> None:  # noqa: ANN401
    from .policy import GENERATION

    GENERATION[0] += 1


class AccessConfig(AppConfig):
    name = "frontdoor.access"
    label = "access"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import Bar, BreakGlass, Restriction

        for model in (Bar, BreakGlass, Restriction):
            post_save.connect(_changed, sender=model, dispatch_uid=f"access-{model.__name__}-saved")
            post_delete.connect(_changed, sender=model, dispatch_uid=f"access-{model.__name__}-deleted")
        m2m_changed.connect(_changed, sender=Restriction.named_users.through, dispatch_uid="access-named")
