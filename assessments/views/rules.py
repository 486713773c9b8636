"""The rule catalogue: every rule the engine applies, generated from its registry."""

from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import render

import principles
from assessments.http import AuthenticatedHttpRequest


def rule_catalogue(request: AuthenticatedHttpRequest) -> HttpResponse:
    rules = principles.registry.rules()
    groups = [
        (principle, principles.PRINCIPLES[principle], list(found))
        for principle, found in groupby(rules, key=lambda rule: rule.principle)
    ]
    return render(
        request,
        "assessments/rules.html",
        {"groups": groups, "ruleset": principles.RULESET_VERSION, "count": len(rules)},
    )
