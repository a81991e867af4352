from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("people/<int:person_id>/", views.manage, name="manage"),
    path("people/<int:person_id>/restrict/", views.restrict, name="restrict"),
    path("people/<int:person_id>/lift/", views.lift, name="lift"),
    path("people/<int:person_id>/bar/", views.bar, name="bar"),
    path("people/<int:person_id>/bars/<int:bar_id>/lift/", views.bar_lift, name="bar-lift"),
    path("emergency/<str:token>/", views.emergency, name="emergency"),
    path("people/<int:person_id>/request/", views.request_new, name="request-new"),
    path("requests/", views.requests, name="requests"),
    # 002 s2: asked for without the record (one the requester may not open, or cannot find)
    path("requests/new/", views.request_described, name="request-described"),
    path("requests/<int:lock_down_id>/", views.lock_down_request, name="lock-down-request"),
]
