from django.urls import path

from . import views

app_name = "decisions"
urlpatterns = [
    path("contacts/<str:reference>/decide/", views.decide, name="decide"),
    path("contacts/<str:reference>/review/", views.review, name="review"),
]
