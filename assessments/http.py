"""Request types for views, which run only for signed-in people (LoginRequiredMiddleware)."""

from django.http import HttpRequest

from assessments.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
