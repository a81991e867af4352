from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "frontdoor.dashboard"
    label = "dashboard"
    verbose_name = "Manager's dashboard"
