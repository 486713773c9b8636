"""Response headers and session upkeep the whole site shares."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone


class NoStoreMiddleware:
    """Tell browsers and proxies to keep no copy of anything the app serves.

    Pages, records, notices, exports and CSVs all hold assessment content, and a copy left in a
    shared computer's cache outlives the session that fetched it. Static files never reach this
    middleware: WhiteNoise serves them first, with their own long-lived caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response["Cache-Control"] = "private, no-store"
        return response


# A session's idle clock restarts when it is saved. Saving it on every request would cost a
# database write per page, so it is saved when the last save is at least this old: a session
# then ends between 8 hours less this and 8 hours after the last request.
SESSION_REFRESH_SECONDS = 15 * 60
REFRESHED_KEY = "dpup_refreshed_at"


def mark_session_refreshed(request: HttpRequest) -> None:
    request.session[REFRESHED_KEY] = int(timezone.now().timestamp())


class SessionRefreshMiddleware:
    """Keep an active session alive: it expires after SESSION_COOKIE_AGE without activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        session = request.session
        if not session.is_empty():
            refreshed = session.get(REFRESHED_KEY, 0)
            if timezone.now().timestamp() - refreshed >= SESSION_REFRESH_SECONDS:
                mark_session_refreshed(request)  # modified, so saved with a new expiry
        return self.get_response(request)
