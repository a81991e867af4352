from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", login_not_required(views.SignInView.as_view()), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/set-up/", views.two_factor_set_up, name="two-factor-set-up"),
    path("keep-alive/", views.keep_alive, name="keep-alive"),
    path("two-factor/replace/", views.two_factor_replace, name="two-factor-replace"),
    path("two-factor/reset/", views.two_factor_reset, name="two-factor-reset"),
    # an administrator's changes to another account; usernames are POSTed, never in the address
    path("manage/", views.manage, name="manage"),
    path("manage/deactivate/", views.account_deactivate, name="deactivate"),
    path("manage/reactivate/", views.account_reactivate, name="reactivate"),
    path("manage/set-password/", views.account_password_set, name="set-password"),
]
