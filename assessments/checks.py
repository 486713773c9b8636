"""System checks for a deployment (`manage.py check --deploy`)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_set(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if urlsplit(settings.SITE_URL).hostname in ("127.0.0.1", "localhost"):
        return [
            checks.Warning(
                f"DPUP_SITE_URL is {settings.SITE_URL}: links in e-mails would point there.",
                hint="Set DPUP_SITE_URL to the site's address, such as "
                "https://dpup.example.govt.nz.",
                id="dpup.W001",
            )
        ]
    return []
