from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "frontdoor.ops"
    label = "ops"
    verbose_name = "Running Front Door in production"
