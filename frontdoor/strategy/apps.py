from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "frontdoor.strategy"
    label = "strategy"
