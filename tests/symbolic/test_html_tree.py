"""Tests of HtmlTreeView: the collapsible tree, checked on its markup and in a headless Chromium."""
from __future__ import annotations

import doctest
import html.parser
import json
import shutil
import subprocess
import tempfile

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
import pytest

import pyglove as pg
from pyglove.symbolic import _html_tree


@pg.symbolize
class Conv:

  def __init__(self, filters: int, kernel_size: int = 3):
    self.filters, self.kernel_size = filters, kernel_size


class Dense(pg.Object):
  units: int
  activation: str = 'relu'


def _model():
  return pg.Dict(layers=[Conv(16), Conv(32, kernel_size=5)], lr=0.1,
                 head=Dense(10), note='a <b> & "c"')


class _Node:
  """An element of parsed markup: tag, attributes, children and text."""

  def __init__(self, tag, attrs, parent=None):
    self.tag, self.attrs, self.parent = tag, dict(attrs), parent
    self.children, self.text = [], ''

  def find_all(self, predicate):
    found = [self] if predicate(self) else []
    for child in self.children:
      found.extend(child.find_all(predicate))
    return found

  def all_text(self):
    return self.text + ''.join(c.all_text() for c in self.children)


class _Parser(html.parser.HTMLParser):
  """Builds a `_Node` tree from markup (every element here is closed)."""

  def __init__(self):
    super().__init__()
    self.root = self.current = _Node('root', {})

  def handle_starttag(self, tag, attrs):
    node = _Node(tag, attrs, self.current)
    self.current.children.append(node)
    if tag not in ('meta', 'br', 'img', 'input', 'link'):  # Void elements have no end tag.
      self.current = node

  def handle_endtag(self, tag):
    assert self.current.tag == tag, (self.current.tag, tag)
    self.current = self.current.parent

  def handle_data(self, data):
    self.current.children.append(_Node('#text', {}, self.current))
    self.current.children[-1].text = data


def _dom(markup):
  parser = _Parser()
  parser.feed(markup)
  parser.close()
  return parser.root


def _by_path(root):
  return {n.attrs['data-path']: n for n in root.find_all(lambda n: 'data-path' in n.attrs)}


def test_every_value_of_the_tree_has_its_key_path():
  """Each node and leaf carries its key path; keys name fields, list items read [i]."""
  nodes = _by_path(_dom(pg.to_html_str(_model(), content_only=True)))
  assert set(nodes) == {'', 'layers', 'layers[0]', 'layers[0].filters', 'layers[0].kernel_size',
                        'layers[1]', 'layers[1].filters', 'layers[1].kernel_size', 'lr', 'head',
                        'head.units', 'head.activation', 'note'}
  key = nodes['layers[1].kernel_size'].find_all(lambda n: n.attrs.get('class') == 'pg-key')[0]
  assert key.all_text() == 'kernel_size' and key.attrs['title'] == 'layers[1].kernel_size'
  item = nodes['layers[1]'].find_all(lambda n: n.attrs.get('class') == 'pg-key')[0]
  assert item.all_text() == '[1]'


def test_nodes_are_collapsible_and_leaves_show_typed_values():
  """Containers are <details> with a type summary; leaves show the value, text escaped."""
  nodes = _by_path(_dom(pg.to_html_str(_model(), content_only=True)))
  for path in ('', 'layers', 'layers[0]', 'head'):
    assert nodes[path].tag == 'details', path
  summary = nodes['layers[0]'].children[0]
  assert summary.tag == 'summary'
  assert summary.all_text() == '[0]: Conv(filters=16, kernel_size=3)'
  assert nodes['lr'].tag == 'div' and nodes['lr'].all_text() == 'lr: 0.1'
  note = nodes['note'].find_all(lambda n: n.attrs.get('class') == 'pg-str')[0]
  assert note.all_text() == repr('a <b> & "c"')
  assert nodes['layers'].find_all(lambda n: n.attrs.get('class') == 'pg-count')[0].all_text() == (
      '2 items')


def test_collapse_level_opens_the_top_of_the_tree():
  """By default only the root starts open; collapse_level=None opens all; 0 none."""
  def opened(**options):
    nodes = _by_path(_dom(pg.to_html_str(_model(), content_only=True, **options)))
    return {p for p, n in nodes.items() if n.tag == 'details' and 'open' in n.attrs}
  assert opened() == {''}
  assert opened(collapse_level=2) == {'', 'layers', 'head'}
  assert opened(collapse_level=None) == {'', 'layers', 'layers[0]', 'layers[1]', 'head'}
  assert opened(collapse_level=0) == set()


def test_uncollapse_opens_paths_with_their_ancestors():
  """Listed key paths open with their ancestors; a function chooses nodes to open."""
  nodes = _by_path(_dom(pg.to_html_str(_model(), content_only=True, uncollapse=['layers[1]'])))
  assert {p for p, n in nodes.items() if 'open' in n.attrs} == {'', 'layers', 'layers[1]'}
  nodes = _by_path(_dom(pg.to_html_str(
      _model(), content_only=True, uncollapse=lambda k, v, p: isinstance(v, Dense))))
  assert {p for p, n in nodes.items() if 'open' in n.attrs} == {'', 'head'}


def test_a_collapsed_node_previews_its_content_in_one_clipped_line():
  """The summary previews the content; max_summary_len clips it with an ellipsis."""
  nodes = _by_path(_dom(pg.to_html_str(_model(), content_only=True, max_summary_len=20)))
  preview = nodes['layers'].children[0].find_all(
      lambda n: n.attrs.get('class') == 'pg-preview')[0].all_text()
  assert preview == '[Conv(filters=16, k\u2026' and len(preview) == 20


def test_hidden_default_and_missing_values():
  """hide_default_values and hide_missing_values leave those fields out."""
  value = pg.Dict(a=Dense.partial(), b=Conv(8))
  paths = set(_by_path(_dom(pg.to_html_str(value, content_only=True))))
  assert {'a.units', 'a.activation', 'b.kernel_size'} <= paths
  paths = set(_by_path(_dom(pg.to_html_str(value, content_only=True, hide_missing_values=True,
                                           hide_default_values=True))))
  assert paths == {'', 'a', 'b', 'b.filters'}


def test_missing_values_and_other_objects_are_leaves():
  """MISSING_VALUE is marked; types show their name; other objects their repr."""
  nodes = _by_path(_dom(pg.to_html_str(
      pg.Dict(a=Dense.partial(), t=int, o=(1, 2)), content_only=True)))
  assert nodes['a.units'].children[-1].attrs['class'] == 'pg-missing'
  assert nodes['a.units'].children[-1].all_text() == 'MISSING_VALUE'
  assert nodes['t'].all_text() == 't: int' and nodes['o'].all_text() == 'o: (1, 2)'


def test_name_root_path_highlight_and_lowlight():
  """name labels the root, root_path prefixes paths, highlight/lowlight mark nodes."""
  markup = pg.to_html_str(_model(), content_only=True, name='model', root_path='exp.spec',
                          highlight=lambda k, v, p: v == 16,
                          lowlight=lambda k, v, p: isinstance(v, str))
  nodes = _by_path(_dom(markup))
  assert 'exp.spec.layers[0].filters' in nodes
  assert nodes['exp.spec'].children[0].children[0].all_text() == 'model'
  assert 'pg-highlight' in nodes['exp.spec.layers[0].filters'].attrs['class']
  assert 'pg-lowlight' in nodes['exp.spec.note'].attrs['class']


def test_field_descriptions_are_in_the_key_tooltip():
  """A field's description follows its key path in the tooltip; tooltips can be turned off."""
  space = pg.Dict(x=pg.oneof([1, 2]))
  nodes = _by_path(_dom(pg.to_html_str(space, content_only=True, collapse_level=None)))
  key = nodes['x.candidates'].children[0].children[0]
  assert key.attrs['title'].startswith('x.candidates\n') and len(key.attrs['title']) > 14
  nodes = _by_path(_dom(pg.to_html_str(space, content_only=True, enable_key_tooltip=False)))
  assert 'title' not in nodes['x'].children[0].children[0].attrs


def test_empty_containers_and_plain_values_render():
  """An empty list is a leaf row; a plain value renders alone; plain dicts and lists are nodes."""
  nodes = _by_path(_dom(pg.to_html_str({'a': [], 'b': {'c': None}}, content_only=True)))
  assert nodes['a'].tag == 'div' and nodes['a'].all_text() == 'a: list []'
  assert nodes['b'].tag == 'details' and nodes['b.c'].all_text() == 'c: None'
  assert _by_path(_dom(pg.to_html_str(3, content_only=True)))[''].all_text() == '3'


def test_values_outside_the_walk_can_list_their_parts():
  """A non-symbolic value with _html_tree_items() is a node of those parts, paths and all."""

  class Run:

    def _html_tree_items(self):
      return [('score', 0.5), ('config', pg.Dict(lr=0.1)), ('tags', {'a': 1})]

  value = pg.Dict(run=Run())
  nodes = _by_path(_dom(pg.to_html_str(value, content_only=True, collapse_level=None)))
  assert {'run', 'run.score', 'run.config', 'run.config.lr', 'run.tags', 'run.tags.a'} <= set(nodes)
  assert nodes['run'].tag == 'details'
  summary = nodes['run'].children[0].all_text()
  assert summary == "run: Run(score=0.5, config={lr=0.1}, tags={'a': 1})"


def test_bad_options_are_type_errors_naming_the_valid_ones():
  """An unknown option, or a bad collapse level or preview length, is a TypeError."""
  with pytest.raises(TypeError, match=r"unexpected option\(s\) \['colapse_level'\]; valid "
                                      r'options: collapse_level, uncollapse'):
    pg.to_html(1, colapse_level=2)
  with pytest.raises(TypeError, match=r"collapse_level must be an int >= 0 or None; got -1"):
    pg.to_html(1, collapse_level=-1)
  with pytest.raises(TypeError, match=r'max_summary_len must be an int >= 1; got 0'):
    pg.to_html(1, max_summary_len=0)
  with pytest.raises(TypeError, match=r'highlight must be a function'):
    pg.to_html(1, highlight='x')
  with pytest.raises(TypeError, match=r"css_classes must be a list of class names; got 'a b'"):
    pg.to_html(1, css_classes='a b')


def test_css_classes_go_on_the_tree_and_the_css_comes_once():
  """css_classes are added to the tree's element; the fragment carries the CSS."""
  fragment = pg.to_html([1], css_classes=['mine'])
  assert fragment.to_str(content_only=True).startswith('<div class="pg-tree mine">')
  assert fragment.styles == [_html_tree.CSS]


_VALUES = st.recursive(
    st.one_of(st.integers(), st.text(max_size=5), st.none(), st.booleans()),
    lambda children: st.one_of(st.lists(children, max_size=3),
                               st.dictionaries(st.text('abc', min_size=1, max_size=2), children,
                                               max_size=3)),
    max_leaves=12)


@settings(max_examples=100, deadline=None)
@given(_VALUES)
def test_every_node_of_any_tree_is_shown_once_with_its_path(value):
  """The tree has one element per value of the walk, with the walk's key path."""
  nodes = _dom(pg.to_html_str(pg.Dict(v=value), content_only=True)).find_all(
      lambda n: 'data-path' in n.attrs)
  expected = [str(k) for k, _, _ in pg.symbolic.nodes(pg.Dict(v=value))]
  assert [n.attrs['data-path'] for n in nodes] == expected


def test_docstring_examples_run():
  """The module's docstring example runs as written."""
  results = doctest.testmod(_html_tree, extraglobs={'pg': pg})
  assert results.attempted and not results.failed


# ---- In a real browser ----------------------------------------------------------

# Run by the page after it loads: the text a reader sees, before and after clicking
# a collapsed node, and whether the element of each key path is visible.
_PROBE = """<script>
const tree = document.querySelector('.pg-tree');
const result = {before: tree.innerText};
document.querySelector('details[data-path="layers[1]"] > summary').click();
result.after = tree.innerText;
result.visible = Object.fromEntries([...document.querySelectorAll('[data-path]')].map(
    e => [e.dataset.path, e.checkVisibility()]));
result.keyColor = getComputedStyle(document.querySelector('.pg-key')).color;
const out = document.createElement('pre');
out.id = 'probe';
out.textContent = JSON.stringify(result);
document.body.appendChild(out);
</script>"""


def _chromium():
  for name in ('chromium', 'chromium-browser', 'google-chrome'):
    if shutil.which(name):
      return shutil.which(name)
  pytest.skip('no Chromium to render the HTML in (Debian package chromium)')


def _run_chromium(page, *args):
  with tempfile.TemporaryDirectory() as tmp:
    path = f'{tmp}/page.html'
    with open(path, 'w') as f:
      f.write(page)
    command = [_chromium(), '--headless', '--no-sandbox', '--disable-gpu',
               '--disable-background-networking', '--disable-component-update',
               '--disable-sync', '--no-first-run', f'--user-data-dir={tmp}/profile',
               *[a.replace('{tmp}', tmp) for a in args], f'file://{path}']
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)
    return result.stdout, tmp


def test_in_chromium_collapsed_nodes_hide_their_children_until_clicked():
  """In a browser, the collapsed node shows only its preview; a click opens it; keys are styled."""
  page = pg.to_html_str(_model(), collapse_level=2).replace('</body>', _PROBE + '</body>')
  dom, _ = _run_chromium(page, '--dump-dom')
  probe = _dom(dom).find_all(lambda n: n.attrs.get('id') == 'probe')[0]
  result = json.loads(probe.all_text())
  before, after = result['before'].splitlines(), result['after'].splitlines()
  assert [line.strip() for line in before] == [
      'Dict 4 items', 'layers: List 2 items',
      '[0]: Conv(filters=16, kernel_size=3)', '[1]: Conv(filters=32, kernel_size=5)',
      'lr: 0.1', 'head: Dense', 'units: 10', "activation: 'relu'", 'note: \'a <b> & "c"\'']
  assert [line.strip() for line in after][3:6] == ['[1]: Conv', 'filters: 32', 'kernel_size: 5']
  visible = result['visible']
  assert not visible['layers[0].filters'] and visible['layers[1].filters'] and visible['note']
  assert result['keyColor'] == 'rgb(130, 80, 223)'


def test_in_chromium_the_notebook_form_renders_the_same_tree(tmp_path):
  """`_repr_html_` (what Jupyter embeds) renders in a page, and a screenshot is taken."""
  fragment = _model()._repr_html_()  # pylint: disable=protected-access
  page = f'<!DOCTYPE html><html><body>{fragment}{_PROBE}</body></html>'
  dom, _ = _run_chromium(page, '--dump-dom')
  result = json.loads(_dom(dom).find_all(lambda n: n.attrs.get('id') == 'probe')[0].all_text())
  assert result['before'].splitlines()[0].strip() == 'Dict 4 items'
  screenshot = tmp_path / 'tree.png'
  _run_chromium(page, f'--screenshot={screenshot}', '--window-size=640,400')
  png = screenshot.read_bytes()
  assert png[:8] == b'\x89PNG\r\n\x1a\n'
  assert int.from_bytes(png[16:20], 'big') == 640 and int.from_bytes(png[20:24], 'big') == 400


class _Compact(pg.Object):
  """A symbolic class with a compact form of its own, shown whole."""
  _html_tree_leaf = True
  value: int

  def __repr__(self):
    return f'C<{self.value}>'


def test_a_class_with_html_tree_leaf_shows_as_one_leaf_of_its_repr():
  """Its fields are not rendered; its repr is the leaf text and the parent's preview."""
  markup = pg.to_html_str(pg.Dict(x=_Compact(3), y=Dense(4)), content_only=True)
  text = html.unescape(markup)
  assert 'data-path="x.value"' not in markup and 'data-path="y.units"' in markup
  assert 'C<3>' in text
