"""Read a form out of a rendered page and post back what a browser would send."""

from html.parser import HTMLParser
from typing import Any


class _FormParser(HTMLParser):
    """Collect the fields a browser submits with form `form_id`.

    Includes controls inside the <form> and those elsewhere with form="form_id"; skips
    <template> content (inert), disabled controls, unchecked boxes and buttons.
    """

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.template_depth = 0
        self.fields: list[tuple[str, str]] = []
        self._textarea: tuple[str, list[str]] | None = None
        self._select: dict[str, Any] | None = None

    def _owned(self, attrs: dict[str, str | None]) -> bool:
        if self.template_depth or "disabled" in attrs or not attrs.get("name"):
            return False
        return attrs.get("form") == self.form_id or (self.in_form and "form" not in attrs)

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if tag == "template":
            self.template_depth += 1
        elif tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        elif tag == "input" and self._owned(attrs):
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.fields.append((attrs["name"] or "", attrs.get("value") or default))
        elif tag == "textarea" and self._owned(attrs):
            self._textarea = (attrs["name"] or "", [])
        elif tag == "select" and self._owned(attrs):
            self._select = {"name": attrs["name"], "first": None, "selected": None}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value") or ""
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["selected"] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.template_depth -= 1
        elif tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, parts = self._textarea
            # Browsers drop one newline straight after <textarea>.
            text = "".join(parts)
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"]
            chosen = chosen if chosen is not None else self._select["first"]
            self.fields.append((self._select["name"], chosen or ""))
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea[1].append(data)


def page_form(html: str, form_id: str) -> dict[str, Any]:
    """Return form `form_id`'s submission as a dict (repeated names become lists)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    data: dict[str, Any] = {}
    for name, value in parser.fields:
        if name in data:
            data[name] = (
                [*data[name], value] if isinstance(data[name], list) else [data[name], value]
            )
        else:
            data[name] = value
    return data
