"""Jinja2 templates for the Markdown and HTML reports, and the escapers they use.

jinja2 is imported only when a report is rendered (never on the app's start-up path). HTML
templates (``*.html.j2``) are autoescaped; Markdown templates (``*.md.j2``) are not, and every
piece of text from a file or a person goes through the ``md`` filter there. In both, the ``text``
filter makes control characters visible and keeps the text on one line.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING, Any

from ctoprep import __version__
from ctoprep.core.text import plural, printable
from ctoprep.reports import (
    fmt_hours,
    fmt_level,
    fmt_money,
    fmt_score,
    fmt_target,
    month_label,
    month_span,
)

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")

CSP = "default-src 'none'; style-src 'unsafe-inline'"
"""No scripts, fonts, images or requests of any kind: the file is inert wherever it is opened."""


def text(value: str) -> str:
    """Text from a file or a person on one line, control characters made visible (escaped later)."""
    return printable(value, single_line=True)


def md(value: str) -> str:
    """Text from a file or a person made inert inside Markdown (one line; table-safe)."""
    return _MD_SPECIAL.sub(r"\\\1", printable(value, single_line=True))


def e(value: str) -> str:
    """Text from a file or a person, safe inside HTML (one line), for the few strings built in Python."""
    return html.escape(printable(value, single_line=True), quote=True)


def _lines(value: str) -> Markup:
    """Multi-line text from a person, safe inside HTML, line breaks kept."""
    from markupsafe import Markup, escape

    return Markup("<br>").join(escape(printable(line)) for line in value.splitlines())


@functools.cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ctoprep.reports", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md, text=text, lines=_lines)
    env.globals.update(
        version=__version__,
        csp=CSP,
        plural=plural,
        fmt_hours=fmt_hours,
        fmt_level=fmt_level,
        fmt_money=fmt_money,
        fmt_score=fmt_score,
        fmt_target=fmt_target,
        month_label=month_label,
        month_span=month_span,
    )
    return env


def render(template: str, **values: Any) -> str:
    """Render one template of ``reports/templates`` with ``values``."""
    return environment().get_template(template).render(**values)
