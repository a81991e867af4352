from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "frontdoor.procedures"
    label = "procedures"

    def ready(self) -> None:
        from django.core.exceptions import ImproperlyConfigured
        from django.db.models.signals import post_migrate

        from .loader import ProfileError, get_profile
        from .setup import remember_profile

        try:
            get_profile()
        except ProfileError as error:
            raise ImproperlyConfigured(str(error)) from error
        post_migrate.connect(remember_profile, sender=self, dispatch_uid="frontdoor.remember_profile")
