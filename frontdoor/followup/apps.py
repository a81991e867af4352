from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "frontdoor.followup"
    label = "followup"
