"""A registry of HTML views, so that records can display themselves in a notebook
without importing the module that draws them (views live above records).

A record's `_repr_html_` calls `render_html("check_report", self)`; `toolkit.output.html`
registers the function for each view name when the package is imported."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

_VIEWS: dict[str, Callable[[Any], str]] = {}


def register_html(name: str, view: Callable[[Any], str]) -> None:
    """Make `view(obj) -> str` the HTML view called `name`."""
    _VIEWS[name] = view


def render_html(name: str, obj: Any) -> str:
    """The HTML of `obj` drawn by the view `name` (escaped repr if none is registered)."""
    view = _VIEWS.get(name)
    if view is None:
        return f"<pre>{escape(repr(obj))}</pre>"
    return view(obj)


class HTMLText:
    """A piece of ready HTML that displays as such in a notebook."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html
