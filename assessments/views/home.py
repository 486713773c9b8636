from django.http import HttpResponse
from django.shortcuts import render

from assessments.http import AuthenticatedHttpRequest
from assessments.roles import Role


def home(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Show who is signed in, their organisation and roles, and what they can do."""
    user = request.user
    return render(
        request,
        "home.html",
        {
            "is_analyst": user.has_role(Role.ANALYST),
            "is_officer": user.has_role(Role.PRIVACY_OFFICER),
            "is_manager": user.has_role(Role.MANAGER),
        },
    )
