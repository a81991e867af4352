from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.contact_new, name="new"),
    path("<str:reference>/", views.contact_detail, name="detail"),
    path("<str:reference>/screening/", views.contact_screening, name="screening"),
    path("<str:reference>/checks/<int:check_id>/respond/", views.agency_check_respond_view, name="check-respond"),
    path("<str:reference>/<slug:action>/", views.contact_action, name="action"),
]
