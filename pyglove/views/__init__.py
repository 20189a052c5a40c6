"""HTML views of values (`pg.views`): what notebooks show for symbolic values.

`pg.to_html(value)` renders a collapsible tree with the key path of every
node; symbolic values, and a search's results and trials, display that way
in Jupyter through `_repr_html_`. The views live in the symbolic layer; this
namespace gathers them under the reference's names.
"""
from pyglove.symbolic._html_tree import HtmlTreeView
from pyglove.symbolic._html_view import HtmlConvertible
from pyglove.symbolic._html_view import HtmlView
from pyglove.symbolic._html_view import to_html
from pyglove.symbolic._html_view import to_html_str
from pyglove.symbolic._html_view import view
from pyglove.symbolic._html_view import view_options
from pyglove.utils._html import Html
from pyglove.views import html

__all__ = [
    'Html',
    'HtmlConvertible',
    'HtmlTreeView',
    'HtmlView',
    'html',
    'to_html',
    'to_html_str',
    'view',
    'view_options',
]
