"""Sign-in form with GOV.UK wording."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been switched off. Ask your system administrator.",
    }

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget = forms.TextInput(attrs={"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or (when signing in) a recovery code."""

    code = forms.CharField(
        max_length=40,
        error_messages={"required": "Enter the code"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )

    def __init__(self, *args, recovery: bool = True, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        if recovery:
            self.fields["code"].label = "Code"
            self.fields[
                "code"
            ].help_text = "The 6-digit code your authenticator app shows now, or one of your recovery codes"
        else:
            self.fields["code"].label = "Code from your authenticator app"
            self.fields["code"].help_text = "The 6-digit code the app shows after you add Front Door to it"


class ResetForm(forms.Form):
    """Whose authenticator app to reset, and why (kept in the audit trail)."""

    username = forms.CharField(
        label="Their username",
        max_length=150,
        error_messages={"required": "Enter the username of the person whose app is lost"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}),
    )
    reason = forms.CharField(
        label="Why",
        help_text="For example: phone lost, and how you checked it was them who asked",
        max_length=500,
        error_messages={"required": "Enter why the authenticator app is being reset"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReplaceForm(forms.Form):
    """Replacing one's own authenticator app: a code from the old one (or a recovery code), then the new."""

    current = forms.CharField(
        label="Code from your current authenticator app",
        help_text="The 6-digit code it shows now, or one of your recovery codes",
        max_length=40,
        error_messages={"required": "Enter a code from your current authenticator app, or a recovery code"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )
    code = forms.CharField(
        label="Code from the new authenticator app",
        help_text="The 6-digit code the new app shows after you add Front Door to it",
        max_length=40,
        error_messages={"required": "Enter the code from the new authenticator app"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "class": "govuk-input--width-10"}
        ),
    )


def _username(error: str) -> forms.CharField:
    return forms.CharField(
        label="Their username",
        max_length=150,
        error_messages={"required": error},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input--width-20"}),
    )


def _why(help_text: str, error: str) -> forms.CharField:
    return forms.CharField(
        label="Why",
        help_text=help_text,
        max_length=500,
        error_messages={"required": error, "max_length": "Why must be 500 characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeactivateForm(forms.Form):
    """Whose account to deactivate, and why (kept in the audit trail)."""

    username = _username("Enter the username of the account to deactivate")
    reason = _why(
        "For example: left the council on 30 November, or the account may be known to someone else",
        "Enter why the account is being deactivated",
    )


class ReactivateForm(forms.Form):
    """Whose deactivated account may sign in again, and why."""

    username = _username("Enter the username of the account to reactivate")
    reason = _why(
        "For example: back from a long absence, or deactivated by mistake",
        "Enter why the account is being reactivated",
    )


class SetPasswordForm(forms.Form):
    """A new password for someone else's account, twice, and why. Never shown again after an error."""

    username = _username("Enter the username of the account")
    password = forms.CharField(
        label="New password",
        help_text="At least 12 characters. Give it to them by a way other than email; they can sign in with it at once",
        max_length=200,
        strip=False,
        error_messages={"required": "Enter the new password"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label="The new password again",
        max_length=200,
        strip=False,
        error_messages={"required": "Enter the new password again"},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    reason = _why(
        "For example: forgotten, and how you checked it was them who asked",
        "Enter why the password is being set",
    )

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if cleaned.get("password") and cleaned.get("password_again") not in (None, cleaned["password"]):
            self.add_error("password_again", "The two passwords are different: enter the same password twice")
        return cleaned
