"""Audit events that are not changes of state: sign-ins, and what was downloaded.

Workflow, comments and review dates write their own events where they change things. This
module holds the events written *around* things: who signed in (or failed to, or was locked
out), and what each download or export served.

`audit_sign_in` is the one entry point for a successful sign-in. Django's `user_logged_in`
signal calls it for every sign-in that goes through `django.contrib.auth.login` (the password
form, the admin, any backend such as OIDC); a sign-in that does not (an API token, say) calls it
directly, once.
"""

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

from axes.helpers import get_client_ip_address
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from assessments.models import Assessment, AuditAction, AuditEvent, User

# How each authentication backend is named in the trail; another backend is named by its path.
SIGN_IN_METHODS = {
    "django.contrib.auth.backends.ModelBackend": "password",
}
# Whatever was typed as a username is kept, but never more than a username can be.
USERNAME_KEPT = 150


def _address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    return address or ""


def audit_sign_in(request: HttpRequest | None, user: User, method: str) -> AuditEvent:
    """Record that `user` signed in by `method` ("password", "oidc", "api-token", ...)."""
    return AuditEvent.objects.create(
        organisation_id=user.organisation_id,
        actor=user,
        action=AuditAction.SIGNED_IN,
        data={"method": method, "address": _address(request)},
    )


def _account(username: str) -> User | None:
    """Return the account a username names, exactly as the sign-in backend would look it up."""
    model = get_user_model()
    try:
        return model._default_manager.get_by_natural_key(username)
    except model.DoesNotExist:
        return None


def _attempt(
    request: HttpRequest | None, username: str, action: AuditAction, **data: Any
) -> AuditEvent:
    account = _account(username) if username else None
    return AuditEvent.objects.create(
        organisation_id=account.organisation_id if account else None,
        actor=account,
        action=action,
        data={"username": username[:USERNAME_KEPT], "address": _address(request), **data},
    )


def audit_sign_in_failed(
    request: HttpRequest | None, username: str, method: str = "password"
) -> AuditEvent:
    """Record a failed sign-in as `username` (which may name no account)."""
    return _attempt(request, username, AuditAction.SIGN_IN_FAILED, method=method)


def audit_locked_out(request: HttpRequest | None, username: str) -> AuditEvent:
    """Record that a sign-in as `username` was refused because its account or address is
    locked."""
    return _attempt(request, username, AuditAction.LOCKED_OUT)


def sign_in_method(user: User) -> str:
    backend = getattr(user, "backend", "") or ""
    return SIGN_IN_METHODS.get(backend, backend or "unknown")


def audit_download(
    *,
    actor: User,
    action: AuditAction,
    sha256: str,
    size: int,
    assessment: Assessment | None = None,
    **data: Any,
) -> AuditEvent:
    """Record that `actor` was served `size` bytes with this SHA-256.

    A download about no one assessment (the portfolio, the audit trail) belongs to the
    actor's organisation.
    """
    return AuditEvent.objects.create(
        assessment=assessment,
        organisation_id=None if assessment else actor.organisation_id,
        actor=actor,
        action=action,
        data={"sha256": sha256, "bytes": size, **data},
    )


def audit_served(
    *,
    actor: User,
    action: AuditAction,
    body: bytes,
    assessment: Assessment | None = None,
    **data: Any,
) -> AuditEvent:
    """Record that `body` was served to `actor`. Call it once the response is built, so that
    a download that failed on the way is not recorded as served."""
    return audit_download(
        actor=actor,
        action=action,
        sha256=hashlib.sha256(body).hexdigest(),
        size=len(body),
        assessment=assessment,
        **data,
    )


def audited_stream(
    lines: Iterable[str], *, actor: User, action: AuditAction, data: dict[str, Any]
) -> Iterator[str]:
    """Yield `lines`, then record the download with the SHA-256 of all that was yielded.

    A streamed download is recorded only once its last line has been handed over: a stream
    that failed half-way was not served. `data` may be filled in while the lines are made.
    """
    digest = hashlib.sha256()
    size = 0
    for line in lines:
        encoded = line.encode("utf-8")
        digest.update(encoded)
        size += len(encoded)
        yield line
    audit_download(actor=actor, action=action, sha256=digest.hexdigest(), size=size, **data)
