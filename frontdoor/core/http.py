"""The request type of Front Door's views: every page needs a signed-in user (LoginRequiredMiddleware)."""

from django.http import HttpRequest

from frontdoor.accounts.models import User


class AuthedRequest(HttpRequest):
    """An `HttpRequest` whose user is signed in; views are annotated with it so types follow the middleware."""

    user: User
