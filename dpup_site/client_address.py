"""Whose address a request came from, for sign-in lockouts and the audit trail."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """Return the address of whoever sent `request`.

    Directly on the internet that is REMOTE_ADDR. Behind DPUP_TRUSTED_PROXIES proxies, each of
    which appends the address it was reached from to X-Forwarded-For, it is that many entries
    from the right: anything further left was written by the client and proves nothing. Without
    this, every request would come from the proxy, and ten wrong passwords from anyone would
    lock everyone out.
    """
    proxies = settings.DPUP_TRUSTED_PROXIES
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
