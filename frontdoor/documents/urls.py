from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("new/", views.document_new, name="new"),
    path("<int:document_id>/", views.document_download, name="download"),
]
