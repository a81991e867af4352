from django.urls import path

from . import views

app_name = "landing"
urlpatterns = [
    path("checks/", views.checks, name="checks"),
    path("strategy-meetings/", views.strategy, name="strategy"),
    path("consultations/", views.consultations, name="consultations"),
    path("consultations/<str:reference>/record/", views.consultation_record, name="consultation-record"),
]
