from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "frontdoor.decisions"
    label = "decisions"
