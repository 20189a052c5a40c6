"""The HTML views (`pg.views.html`): `Html`, `HtmlTreeView`, `to_html` and their base classes."""
from pyglove.symbolic._html_tree import HtmlTreeView
from pyglove.symbolic._html_view import HtmlConvertible
from pyglove.symbolic._html_view import HtmlView
from pyglove.symbolic._html_view import to_html
from pyglove.symbolic._html_view import to_html_str
from pyglove.utils._html import Html

__all__ = [
    'Html',
    'HtmlConvertible',
    'HtmlTreeView',
    'HtmlView',
    'to_html',
    'to_html_str',
]
