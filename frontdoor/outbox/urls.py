from django.urls import path

from . import views

app_name = "outbox"
urlpatterns = [
    path("", views.held, name="held"),
    path("<int:message_id>/sent-another-way/", views.sent_another_way, name="sent-another-way"),
]
