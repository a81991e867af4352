from django.urls import path

from . import views

app_name = "followup"
urlpatterns = [
    path("feedback/<slug:kind>/", views.feedback_give, name="feedback"),
    path("family-told/", views.family_told_view, name="family-told"),
    path("children/<int:child_id>/seen/", views.child_seen, name="child-seen"),
    path("challenges/new/", views.challenge_new, name="challenge-new"),
    path("challenges/<int:challenge_id>/", views.challenge_detail, name="challenge"),
    path("challenges/<int:challenge_id>/step/", views.challenge_step, name="challenge-step"),
    path("challenges/<int:challenge_id>/resolve/", views.challenge_resolve, name="challenge-resolve"),
]
