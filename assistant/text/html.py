"""The one Jinja2 setup for the HTML pages we write (the brief, the eval report).

Every template escapes every value, so no single spot can forget to; a missing value is an error,
not an empty string.
"""

from __future__ import annotations

import jinja2


def template_environment(package: str) -> jinja2.Environment:
    """The templates in `package`'s `templates/` folder (shipped as package data)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        # Not select_autoescape: it goes by the last suffix, and ours end in ".j2".
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # Block tags on lines of their own leave no blank lines or indentation in the page.
        trim_blocks=True,
        lstrip_blocks=True,
    )
