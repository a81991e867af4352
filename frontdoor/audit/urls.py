from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("contacts/<str:reference>/changes/", views.contact_changes, name="contact-changes"),
    path("people/<int:person_id>/changes/", views.person_changes, name="person-changes"),
    path("audit/views-without-a-link/", views.views_report, name="report"),
]
