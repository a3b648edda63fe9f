"""Reading the forms of a rendered page as a browser would submit them (lxml): what a field
shows and what posting the form unchanged sends."""

import lxml.html


def page_form(response, field: str, action: str | None = None):
    """The form on the page that holds the input named `field` (and posts to `action`, if given)."""
    document = lxml.html.fromstring(response.content.decode())
    for form in document.forms:
        if form.xpath(f".//*[@name='{field}']") and (action is None or form.get("action") == action):
            return form
    raise AssertionError(f"no form with a field {field!r} on the page")


def shown_value(response, field: str, action: str | None = None) -> str:
    form = page_form(response, field, action)
    return form.xpath(f".//input[@name='{field}']")[0].get("value", "")


def unchanged_post(response, field: str, action: str | None = None) -> dict[str, list[str]]:
    """What the browser posts when the form holding `field` is saved without a change."""
    data: dict[str, list[str]] = {}
    for name, value in page_form(response, field, action).form_values():
        data.setdefault(name, []).append(value)
    return data
