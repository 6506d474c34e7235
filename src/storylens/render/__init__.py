"""Renderers for the report contract: terminal (Rich), HTML (Jinja2) and Markdown.

Each renderer takes the report as a plain dict (``Report.to_dict()``) and treats every
string in it as hostile text. Import the renderer module you need; this package does not
import them eagerly so that the CLI starts fast:

- :func:`storylens.render.terminal.print_report`
- :func:`storylens.render.html.render_html`
- :func:`storylens.render.markdown.render_markdown`
"""

from __future__ import annotations
