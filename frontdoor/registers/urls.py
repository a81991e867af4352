from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("", views.index, name="index"),
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/new/", views.consultation_new, name="consultation-new"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/advice/", views.consultation_advice, name="consultation-advice"),
    path("checks/", views.checks_list, name="checks"),
    path("checks/new/", views.checks_new, name="checks-new"),
    path("checks/<int:pk>/", views.checks_detail, name="checks-request"),
    path("checks/<int:pk>/answer/", views.checks_answer, name="checks-answer"),
    path("checks/<int:pk>/authorise/", views.checks_authorise, name="checks-authorise"),
    path("transfers/", views.transfer_list, name="transfers"),
    path("transfers/new/", views.transfer_new, name="transfer-new"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer"),
    path("transfers/<int:pk>/record/", views.transfer_record, name="transfer-record"),
    path("transfers/<int:pk>/forward/", views.transfer_forward, name="transfer-forward"),
    path("transfers/<int:pk>/escalate/", views.transfer_escalate, name="transfer-escalate"),
]
