from django.urls import path

from . import views

app_name = "notices"
urlpatterns = [
    path("<int:notice_id>/read/", views.mark_read, name="read"),
]
