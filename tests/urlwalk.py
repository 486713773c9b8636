"""Every URL the project serves, with sample arguments, for tests that must cover them all."""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

SAMPLE_BY_CONVERTER = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
}
_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class SampleUrl:
    name: str
    path: str


def _sample_route(route: str) -> str:
    return _ROUTE_PARAM.sub(
        lambda m: SAMPLE_BY_CONVERTER.get(m.group("converter") or "str", "x"), route
    )


def _sample_regex(regex: str) -> str:
    # Admin's regex routes name an app label or take anything; the first app label serves both.
    text = _REGEX_GROUP.sub("assessments", regex)
    return text.lstrip("^").rstrip("$").replace("\\", "")


def _sample(pattern: object) -> str:
    if isinstance(pattern, RoutePattern):
        return _sample_route(str(pattern))
    assert isinstance(pattern, RegexPattern), f"unexpected URL pattern {pattern!r}"
    return _sample_regex(pattern.regex.pattern)


def walk(
    resolvers: list | None = None, prefix: str = "/", namespace: str = ""
) -> Iterator[SampleUrl]:
    """Yield one sample URL for every named (or unnamed) pattern in the URLconf."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        part = _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, prefix + part, inner)
        elif isinstance(entry, URLPattern):
            yield SampleUrl(name=f"{namespace}{entry.name or '(unnamed)'}", path=prefix + part)
