from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "frontdoor.registers"
    label = "registers"
