"""The site's URLs plus a bare view, the load benchmark's baseline.

The bare view runs in the same gunicorn, through the same middleware, so its requests per
second are what every page is measured against in the same run.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


@login_not_required
def bare(request: HttpRequest) -> HttpResponse:
    """Return a short page and do nothing else: what Django alone costs."""
    return HttpResponse("<!doctype html><title>bare</title><p>ok</p>")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("dpup_site.urls")),
]
