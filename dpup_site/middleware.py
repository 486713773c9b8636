"""Response headers the whole site shares."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


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
