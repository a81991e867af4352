from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "frontdoor.procedures"
    label = "procedures"

    def ready(self) -> None:
        from django.core.exceptions import ImproperlyConfigured

        from .loader import ProfileError, get_profile

        try:
            get_profile()
        except ProfileError as error:
            raise ImproperlyConfigured(str(error)) from error
