from typing import Any

from django import template
from django.forms import BaseForm, BoundField
from django.utils.safestring import SafeString

from assessments.te_reo import mark_te_reo

register = template.Library()


@register.filter
def field(form: BaseForm, name: str) -> BoundField:
    """Return the bound field `name` of `form`."""
    return form[name]


@register.filter
def mi(text: Any) -> SafeString:
    """Escape `text` and mark its te reo Māori words with lang="mi"."""
    return mark_te_reo(text)


@register.filter
def value_of(obj: Any, name: str) -> Any:
    """Return attribute `name` of `obj`, using get_FOO_display for fields with choices."""
    display = getattr(obj, f"get_{name}_display", None)
    return display() if callable(display) else getattr(obj, name)


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    """Return mapping[key], or an empty list when there is no such key."""
    return mapping.get(key, []) if mapping else []


@register.simple_tag(takes_context=True)
def page_query(context: template.Context, number: int, param: str = "") -> str:
    """Return this page's query string with page `number` in `param` ("page" when blank).

    A page with two paginated lists names each list's parameter, so paging one keeps the other.
    """
    query = context["request"].GET.copy()
    query[param or "page"] = str(number)
    return f"?{query.urlencode()}"
