"""Read configuration from the environment, strictly.

A value that cannot be understood is an error at start-up, never a silent default: a typo in
DJANGO_DEBUG must not quietly change how the site behaves.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = frozenset({"true"})
FALSE_WORDS = frozenset({"false"})


def env_bool(name: str, *, default: bool) -> bool:
    """Return the boolean in environment variable `name`; only "true" or "false" are accepted."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f'{name} must be "true" or "false", not {raw!r}.')


def env_str(name: str, *, default: str | None = None) -> str | None:
    """Return the text in environment variable `name`, or `default` when unset or blank."""
    raw = os.environ.get(name, "")
    return raw if raw.strip() else default


def env_list(name: str, *, default: list[str]) -> list[str]:
    """Return a comma-separated list from environment variable `name`."""
    raw = env_str(name)
    if raw is None:
        return list(default)
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_int(name: str, *, default: int) -> int:
    """Return the whole number in environment variable `name`."""
    raw = env_str(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_url(name: str, *, default: str) -> str:
    """Return the http(s) address in environment variable `name`, without a trailing slash."""
    raw = env_str(name, default=default) or default
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ImproperlyConfigured(
            f"{name} must be the site's address, such as https://dpup.example.govt.nz, not {raw!r}."
        )
    return raw.strip().rstrip("/")
