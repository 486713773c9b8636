"""Request and response helpers for views, which run only for signed-in people."""

from typing import Any

from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponseBase
from django.utils.http import content_disposition_header

from assessments.models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def attach(response: HttpResponseBase, filename: str) -> HttpResponseBase:
    """Make `response` a download named `filename`, whatever characters the name holds.

    Django's RFC 6266 header quotes what needs quoting and sends anything beyond ASCII as
    filename*=utf-8''..., so a quote cannot forge the name, CR/LF cannot break the header and
    a macron survives. A slash would be a folder to some browsers, so it becomes a hyphen.
    """
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename.replace("/", "-")
    )
    return response


class BodyTooLarge(Exception):
    """The request body passed the limit of the view reading it."""


def body_length(request: HttpRequest) -> int:
    """The length the client declares, or 0 when it declares none (or nonsense)."""
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class LimitedUploadHandler(FileUploadHandler):
    """Stop reading an upload as soon as it passes `limit` bytes, rather than after all of it.

    Put first in request.upload_handlers, it counts every chunk before the handlers that store
    it, and raises BodyTooLarge for the view to answer 413. A body that declares no length
    (chunked) is caught here too.
    """

    def __init__(self, limit: int, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise BodyTooLarge(f"more than {self.limit} bytes")
        return raw_data

    def file_complete(self, file_size: int) -> Any:
        return None
