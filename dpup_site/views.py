"""Django's password-reset view, with links built from the site's configured address."""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views


class PasswordResetView(auth_views.PasswordResetView):
    """Links in the reset e-mail use DPUP_SITE_URL, never the Host header of whoever asked:
    a forged Host would otherwise send a working reset link to another site."""

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        return {"site_url": settings.SITE_URL}
