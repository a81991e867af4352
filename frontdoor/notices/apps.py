from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "frontdoor.notices"
    label = "notices"
    verbose_name = "Notices to staff"
