"""Signing in (password, then two-factor), signing out, two-factor set-up and the idle keep-alive; an
administrator's *Accounts* pages (deactivate, reactivate, set a password; each ends the user's sessions)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from frontdoor.access.policy import Can, can
from frontdoor.core.errors import ServiceError, shown_on

from . import services
from . import two_factor as tf
from .forms import CodeForm, DeactivateForm, ReactivateForm, ReplaceForm, ResetForm, SetPasswordForm, SignInForm
from .models import User
from .services import recovery_codes_issue, sign_in_record, sign_out_record

LOCKED_OUT = {
    "pair": "This account is locked for {minutes} minutes after {failures} wrong passwords. "
    "Try again later, or ask your system administrator to unlock it.",
    "account": "This account is locked for {minutes} minutes after too many wrong passwords. "
    "Try again later, or ask your system administrator to unlock it.",
    "address": "Signing in from this network is paused for {minutes} minutes after too many wrong passwords. "
    "Try again later, or ask your system administrator.",
}


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return str(target)
    return str(resolve_url(settings.LOGIN_REDIRECT_URL))


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        if not tf.two_factor_required():
            sign_in_record(user=form.get_user(), device=None)
            return response
        # The password was right: the second step, keeping where the user was going.
        target = self.get_success_url()
        step = "accounts:two-factor" if tf.has_authenticator(form.get_user()) else "accounts:two-factor-set-up"
        return redirect(f"{resolve_url(step)}?next={target}")


@login_not_required
def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """django-axes calls this instead of signing in while the username and address are locked out."""
    form = SignInForm(request, data=request.POST or None)
    why = getattr(request, "frontdoor_lockout", "") or "pair"  # set by frontdoor.accounts.lockout
    message = LOCKED_OUT[why].format(
        minutes=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60), failures=settings.FRONTDOOR_SIGN_IN_FAILURE_LIMIT
    )
    context = {"form": form, "locked_out": message, "next": request.POST.get("next", "")}
    return render(request, "accounts/sign_in.html", context, status=403)


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        sign_out_record(user=request.user, reason="signed out")
    logout(request)
    messages.success(request, "You have signed out.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


def two_factor(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    user: User = request.user  # type: ignore[assignment]
    if tf.is_verified(request) or not tf.two_factor_required():
        return redirect(_next(request))
    if not tf.has_authenticator(user):
        return redirect(f"{resolve_url('accounts:two-factor-set-up')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = tf.verify_code(user, form.cleaned_data["code"])
        if device is not None:
            tf.mark_verified(request, device)
            sign_in_record(user=user, device=device)
            return redirect(_next(request))
        form.add_error(
            "code",
            "The code is not right. Enter the code your authenticator app shows now, or a recovery code. "
            "After a wrong code, wait a few seconds before the next.",
        )
    return render(request, "accounts/two_factor.html", {"form": form, "next": _next(request)})


def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    """A user with no authenticator app adds Front Door to one, proves it with a code, and gets recovery codes."""
    user: User = request.user  # type: ignore[assignment]
    if tf.is_verified(request) or tf.has_authenticator(user):
        return redirect(f"{resolve_url('accounts:two-factor')}?next={_next(request)}")
    device = tf.pending_authenticator(user)
    form = CodeForm(request.POST or None, recovery=False)
    if request.method == "POST" and form.is_valid():
        code = "".join(form.cleaned_data["code"].split())
        if device.verify_is_allowed()[0] and device.verify_token(code):
            services.two_factor_set_up(user=user, device=device)
            codes = recovery_codes_issue(user=user, reason="two-factor set up")
            update_session_auth_hash(request, user)  # every other session of the user has ended; not this one
            tf.mark_verified(request, device)
            sign_in_record(user=user, device=device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
        form.add_error(
            "code",
            "The code is not right. Enter the code your authenticator app shows now. "
            "After a wrong code, wait a few seconds before the next.",
        )
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": tf.qr_svg(device, user),
        "secret": tf.secret_text(device),
    }
    return render(request, "accounts/two_factor_set_up.html", context)


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    """ "Stay signed in": the request itself is the activity (frontdoor.accounts.middleware)."""
    return HttpResponse(status=204)


WRONG_CODE = "The code is not right. Enter the code the app shows now. After a wrong code, wait a few seconds."


@require_http_methods(["GET", "POST"])
def two_factor_replace(request: HttpRequest) -> HttpResponse:
    """A signed-in user moves to a new authenticator app (a new phone): a code from the current app or a
    recovery code proves it is them, a code from the new app proves it holds the key; new recovery codes."""
    user: User = request.user  # type: ignore[assignment]
    device = tf.pending_authenticator(user)
    form = ReplaceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if tf.verify_code(user, form.cleaned_data["current"]) is None:
            form.add_error("current", "The code from your current app is not right, nor is it a recovery code.")
        elif not (device.verify_is_allowed()[0] and device.verify_token("".join(form.cleaned_data["code"].split()))):
            form.add_error("code", WRONG_CODE)
        else:
            services.two_factor_set_up(user=user, device=device)
            codes = recovery_codes_issue(user=user, reason="replaced")
            update_session_auth_hash(request, user)  # every other session of the user has ended; not this one
            tf.mark_verified(request, device)
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next(request)})
    context = {
        "form": form,
        "qr_svg": tf.qr_svg(device, user),
        "secret": tf.secret_text(device),
        "forms_with_errors": [form] if form.errors else [],
    }
    return render(request, "accounts/two_factor_replace.html", context)


@require_http_methods(["GET", "POST"])
def two_factor_reset(request: HttpRequest) -> HttpResponse:
    """An administrator or the head of service resets another user's lost authenticator app."""
    if not can(request.user, Can.RESET_TWO_FACTOR):  # type: ignore[arg-type]
        raise Http404("Not found")
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"].strip(), is_active=True).first()
        if user is None:
            form.add_error("username", "There is no active user with that username.")
        else:
            try:
                services.two_factor_reset(user=user, by=request.user, reason=form.cleaned_data["reason"])  # type: ignore[arg-type]
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    f"{user.display_name}'s authenticator app is reset and their recovery codes revoked. "
                    "They set up a new one when they next sign in, and have been emailed.",
                )
                return redirect("accounts:two-factor-reset")
    context = {"form": form, "forms_with_errors": [form] if form.errors else []}
    return render(request, "accounts/two_factor_reset.html", context)


# An administrator's changes to another account (docs/SECURITY.md, "Ending a user's sessions") -----------


def _manages_accounts(request: HttpRequest) -> User:
    if not can(request.user, Can.MANAGE_ACCOUNTS):  # type: ignore[arg-type]
        raise Http404("Not found")
    return request.user  # type: ignore[return-value]


@require_http_methods(["GET"])
def manage(request: HttpRequest) -> HttpResponse:
    """*Accounts*: what an administrator may change on someone else's account, one page each."""
    _manages_accounts(request)
    return render(request, "accounts/manage.html", {"can_reset": can(request.user, Can.RESET_TWO_FACTOR)})  # type: ignore[arg-type]


def _account_form_page(request: HttpRequest, form: Any, *, active: bool | None) -> User | None:
    """Find the account the form names (`active`: only an active or only a deactivated one) and return it
    once the form is valid; otherwise put the error next to the username."""
    if request.method != "POST" or not form.is_valid():
        return None
    found = User.objects.filter(username=form.cleaned_data["username"].strip())
    if active is not None:
        found = found.filter(is_active=active)
    user = found.first()
    if user is None:
        which = {True: "active account", False: "deactivated account", None: "account"}[active]
        form.add_error("username", f"There is no {which} with that username.")
    return user


def _page(request: HttpRequest, template: str, form: Any) -> HttpResponse:
    return render(request, template, {"form": form, "forms_with_errors": [form] if form.errors else []})


@require_http_methods(["GET", "POST"])
def account_deactivate(request: HttpRequest) -> HttpResponse:
    """Deactivate someone else's account: it signs in no more and every session it has ends at once."""
    by = _manages_accounts(request)
    form = DeactivateForm(request.POST or None)
    user = _account_form_page(request, form, active=True)
    if user is not None:
        with shown_on(form):
            services.account_deactivate(user=user, by=by, reason=form.cleaned_data["reason"])
            messages.success(
                request, f"{user.display_name} ({user.username}) is deactivated and signed out everywhere."
            )
            return redirect("accounts:manage")
    return _page(request, "accounts/deactivate.html", form)


@require_http_methods(["GET", "POST"])
def account_reactivate(request: HttpRequest) -> HttpResponse:
    """Let a deactivated account sign in again, with its password and authenticator app."""
    by = _manages_accounts(request)
    form = ReactivateForm(request.POST or None)
    user = _account_form_page(request, form, active=False)
    if user is not None:
        with shown_on(form):
            services.account_reactivate(user=user, by=by, reason=form.cleaned_data["reason"])
            messages.success(request, f"{user.display_name} ({user.username}) may sign in again.")
            return redirect("accounts:manage")
    return _page(request, "accounts/reactivate.html", form)


@require_http_methods(["GET", "POST"])
def account_password_set(request: HttpRequest) -> HttpResponse:
    """Set someone else's password (forgotten, or known to someone else): every session of theirs ends."""
    by = _manages_accounts(request)
    form = SetPasswordForm(request.POST or None)
    user = _account_form_page(request, form, active=None)
    if user is not None:
        with shown_on(form):
            services.account_password_set(
                user=user, by=by, password=form.cleaned_data["password"], reason=form.cleaned_data["reason"]
            )
            messages.success(request, f"{user.display_name}'s password is set and they are signed out everywhere.")
            return redirect("accounts:manage")
    return _page(request, "accounts/set_password.html", form)
