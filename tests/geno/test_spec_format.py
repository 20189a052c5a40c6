"""Tests of `pyglove.geno._spec_format`: the compact text of specs, as the reference prints it."""
from pyglove.geno import constant
from pyglove.geno import custom
from pyglove.geno import floatv
from pyglove.geno import manyof
from pyglove.geno import oneof
from pyglove.geno import space


def test_decision_points_at_the_top_show_their_id():
  """A top-level decision point prints its id and the non-default properties."""
  assert repr(floatv(0.0, 1.0)) == "Float(id='', min_value=0.0, max_value=1.0)"
  assert repr(floatv(0.1, 1.0, 'log', 1, 'x', 'lr')) == (
      "Float(id='x', name='lr', min_value=0.1, max_value=1.0, scale='log', hints=1)")
  assert repr(custom('x', hints=3, location='c')) == (
      "CustomDecisionPoint(id='c', hyper_type='x', hints=3)")


def test_choices_list_candidates_and_properties():
  """Candidates print as literals or spaces; properties follow, one a line."""
  assert repr(oneof([constant(), constant()], literal_values=['a', 1])) == (
      "Choices(num_choices=1, [\n  (0): a\n  (1): 1\n], id='')")
  text = repr(manyof(2, [constant(), constant(), floatv(0.0, 1.0)], distinct=False,
                     sorted=True, name='m', hints='h', location='z'))
  assert text == (
      "Choices(num_choices=2, [\n"
      "  (0): Space()\n"
      "  (1): Space()\n"
      "  (2): Space({\n"
      "    0 = '': Float(min_value=0.0, max_value=1.0)\n"
      "  })\n"
      "], id='z',\nname='m',\ndistinct=False,\nsorted=True,\nhints='h')")


def test_spaces_nest():
  """Spaces list their elements by location; str is the same text."""
  s = space([oneof([constant(), space([floatv(0.0, 1.0, location='f')])], location='a')])
  expected = (
      "Space({\n"
      "  0 = 'a': Choices(num_choices=1, [\n"
      "    (0): Space()\n"
      "    (1): Space({\n"
      "      0 = 'f': Float(min_value=0.0, max_value=1.0)\n"
      "    })\n"
      "  ])\n"
      "})")
  assert repr(s) == expected and str(s) == expected
  assert repr(space()) == 'Space()'


def test_the_non_compact_form_lists_fields():
  """format(compact=False) shows the symbolic fields."""
  assert 'min_value' in floatv(0.0, 1.0).format(compact=False)
  assert 'elements' in space([floatv(0.0, 1.0, location='f')]).format(compact=False)
