from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "frontdoor.documents"
    label = "documents"
