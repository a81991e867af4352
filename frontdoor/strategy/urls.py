from django.urls import path

from . import views

app_name = "strategy"
urlpatterns = [
    path("new/<str:reference>/", views.allocate, name="allocate"),
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/request/", views.request_meeting, name="request"),
    path("<int:meeting_id>/time/", views.meeting_time, name="time"),
    path("<int:meeting_id>/invite/", views.invite, name="invite"),
    path("<int:meeting_id>/invitees/<int:invitee_id>/reply/", views.reply, name="reply"),
    path("<int:meeting_id>/referrer-not-invited/", views.referrer_not_invited, name="referrer-not-invited"),
    path("<int:meeting_id>/minutes/", views.minutes, name="minutes"),
    path("<int:meeting_id>/sign-off/", views.sign_off, name="sign-off"),
    path("<int:meeting_id>/children/<int:child_id>/outcome/", views.outcome, name="outcome"),
    path("<int:meeting_id>/actions/new/", views.action_add, name="action-add"),
]
