from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("", views.index, name="index"),
    path("subject-access/", views.subject_access_find, name="subject-access"),
    path("subject-access/<int:person_id>/", views.subject_access_review, name="subject-access-review"),
    path("subject-access/<int:person_id>/download/", views.subject_access_download, name="subject-access-download"),
    path("retention/", views.retention, name="retention"),
    path("retention/<slug:kind>/<str:object_id>/", views.retention_review, name="retention-review"),
]
