"""Sign-in events from Django and django-axes, written to the audit trail.

Connected in AssessmentsConfig.ready. The receivers only pass the event on to
assessments.audit, which is also what other ways of signing in call.
"""

from typing import Any

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from assessments.audit import (
    audit_locked_out,
    audit_sign_in,
    audit_sign_in_failed,
    sign_in_method,
)
from assessments.models import User
from dpup_site.middleware import mark_session_refreshed


def _username(credentials: dict[str, Any]) -> str:
    value = credentials.get(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"), "")
    return value if isinstance(value, str) else ""


@receiver(user_logged_in, dispatch_uid="audit_signed_in")
def _signed_in(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit_sign_in(request, user, sign_in_method(user))
    if request is not None and hasattr(request, "session"):
        # A new session starts its working day now, without a second write on the next page.
        mark_session_refreshed(request)


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    audit_sign_in_failed(request, _username(credentials))


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(
    sender: object, request: HttpRequest | None, username: str | None, **kwargs: Any
) -> None:
    audit_locked_out(request, username or "")
