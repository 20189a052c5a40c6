"""Tests for pg.Object: fields, construction, hooks, inheritance, access rules."""
from __future__ import annotations

import doctest
import typing

import pytest

import pyglove as pg
from pyglove.symbolic import _object


class Point(pg.Object):
  x: int
  y: pg.typing.Int(min_value=0) = 1
  tags: list[str] = []


class Point3(Point):
  z: float = 0.0


class Recorder(pg.Object):
  a: int = 0

  def _on_bound(self):
    self.log = getattr(self, 'log', []) + ['bound']
    self.double = self.a * 2

  def _on_init(self):
    self.log.append('init')


SHARED_SPEC = pg.typing.Int()


def state(obj):
  """The observable state of an object (to compare before/after a failure)."""
  return repr(obj), dict(obj.sym_init_args)


class TestFields:
  """Fields from annotations and from @pg.members."""

  def test_annotations_define_fields_in_order(self):
    """Annotated names become fields in declaration order."""
    assert list(Point.__schema__.keys()) == ['x', 'y', 'tags']
    assert Point.sym_fields is Point.__schema__

  def test_private_upper_case_and_classvar_names_are_not_fields(self):
    """_private, UPPER_CASE and ClassVar annotations are skipped."""
    class A(pg.Object):
      _hidden: int = 1
      LIMIT: int = 2
      counter: typing.ClassVar[int] = 3
      value: int = 4
    assert list(A.__schema__.keys()) == ['value']

  def test_annotated_gives_description(self):
    """pg.typing.Annotated[t, doc] documents the field."""
    class A(pg.Object):
      units: pg.typing.Annotated[int, 'Number of units.'] = 1
    assert A.__schema__['units'].description == 'Number of units.'

  def test_members_decorator_declares_fields(self):
    """@pg.members gives fields with docs, metadata and init_arg_list."""
    @pg.members([('a', pg.typing.Int(), 'The a.'), ('b', int)],
                metadata={'k': 1}, init_arg_list=['b', 'a'])
    class A(pg.Object):
      pass
    obj = A(2, 1)
    assert (obj.a, obj.b) == (1, 2)
    assert A.__schema__['a'].description == 'The a.'
    assert A.__schema__.metadata['k'] == 1

  def test_members_serialization_key_registers_alias(self):
    """serialization_key and additional_keys resolve to the class."""
    @pg.members([('a', int)], serialization_key='my.A',
                additional_keys=['old.A'])
    class A(pg.Object):
      pass
    from pyglove.utils import lookup_json_type
    assert lookup_json_type('my.A') is A
    assert lookup_json_type('old.A') is A

  def test_members_rejects_non_object_class(self):
    """@pg.members on a plain class raises TypeError."""
    with pytest.raises(TypeError, match='decorates pg.Object subclasses'):
      pg.members([('a', int)])(object)

  def test_members_rejects_malformed_field(self):
    """A field that is neither a Field nor a tuple raises TypeError."""
    with pytest.raises(TypeError, match='must be a Field or a'):
      @pg.members(['a'])
      class A(pg.Object):  # pylint: disable=unused-variable
        pass

  def test_members_rejects_unknown_init_arg(self):
    """init_arg_list naming an unknown field raises ValueError."""
    with pytest.raises(ValueError, match='names unknown field'):
      @pg.members([('a', int)], init_arg_list=['b'])
      class A(pg.Object):  # pylint: disable=unused-variable
        pass

  def test_invalid_default_raises_with_field_name(self):
    """A default outside the spec fails at class creation."""
    with pytest.raises(ValueError, match="default of field 'x' of A"):
      class A(pg.Object):  # pylint: disable=unused-variable
        x: pg.typing.Int(min_value=0) = -1

  def test_spec_annotation_is_not_mutated(self):
    """A spec object used as annotation keeps no default set by a class."""
    class A(pg.Object):
      x: SHARED_SPEC = 3
    assert not SHARED_SPEC.has_default
    assert A().x == 3


class TestInheritance:
  """Subclasses inherit and extend fields."""

  def test_subclass_adds_fields_after_base(self):
    """Base fields come first, positional order follows."""
    p = Point3(1, 2, ['a'], 3.0)
    assert list(Point3.__schema__.keys()) == ['x', 'y', 'tags', 'z']
    assert (p.x, p.y, list(p.tags), p.z) == (1, 2, ['a'], 3.0)
    assert isinstance(p, Point)

  def test_subclass_may_narrow_a_field(self):
    """Redeclaring a field narrows its spec and keeps the base's default."""
    class Narrow(Point):
      y: pg.typing.Int(min_value=0, max_value=5)
    assert Narrow(1).y == 1
    with pytest.raises(ValueError, match='out of range'):
      Narrow(1, 6)


class TestConstruction:
  """__init__ semantics."""

  def test_positional_and_keyword(self):
    """Positional args follow the field order; defaults fill the rest."""
    p = Point(1, y=2)
    assert (p.x, p.y, p.tags) == (1, 2, [])

  def test_mutable_default_is_not_shared(self):
    """Each instance gets its own default list."""
    a, b = Point(1), Point(2)
    assert a.tags is not b.tags

  def test_plain_containers_become_symbolic(self):
    """A list value is stored as a pg.List bound to the field spec."""
    p = Point(1, tags=['a'])
    assert isinstance(p.tags, pg.List)
    assert p.tags.sym_parent is p
    assert str(p.tags.sym_path) == 'tags'

  def test_user_list_is_not_mutated_or_shared(self):
    """The list passed in stays the caller's own."""
    tags = ['a']
    p = Point(1, tags=tags)
    p.tags.append('b')
    assert tags == ['a']

  def test_unknown_keyword_raises_type_error(self):
    """An unknown keyword names the valid fields."""
    with pytest.raises(TypeError, match=r'unexpected keyword argument\(s\): w; '
                       r'valid fields: x, y, tags'):
      Point(1, w=2)

  def test_missing_required_raises_type_error(self):
    """A required field without value raises TypeError."""
    with pytest.raises(TypeError, match=r'missing 1 required argument\(s\): x'):
      Point()

  def test_missing_required_message_has_root_path(self):
    """root_path is named in construction errors."""
    with pytest.raises(TypeError, match=r'\(path=a.b\)'):
      Point(root_path='a.b')

  def test_too_many_positional_raises_type_error(self):
    """More positional arguments than init_arg_list raises."""
    with pytest.raises(TypeError, match='positional argument'):
      Point(1, 2, [], 4)

  def test_duplicate_argument_raises_type_error(self):
    """A value given positionally and by keyword raises."""
    with pytest.raises(TypeError, match='multiple values for argument'):
      Point(1, x=2)

  def test_wrong_type_raises_type_error_with_path(self):
    """A value of the wrong type raises TypeError naming the field."""
    with pytest.raises(TypeError, match=r'\(path=x\)'):
      Point('a')

  def test_out_of_range_raises_value_error_with_path(self):
    """A value breaking a constraint raises ValueError naming the field."""
    with pytest.raises(ValueError, match=r'out of range.*\(path=y\)'):
      Point(1, -1)

  def test_nested_error_path(self):
    """Errors inside containers name the full key path."""
    with pytest.raises(TypeError, match=r'\(path=tags\[1\]\)'):
      Point(1, tags=['a', 2])

  def test_partial_allows_missing_values(self):
    """partial() builds with missing values, reported by missing_values."""
    p = Point.partial(y=2)
    assert p.x is pg.MISSING_VALUE
    assert p.missing_values() == {'x': pg.MISSING_VALUE}
    assert p.is_partial

  def test_allow_partial_keyword(self):
    """allow_partial=True is the same as partial()."""
    assert Point(allow_partial=True).sym_init_args['x'] is pg.MISSING_VALUE

  def test_sealed_at_construction(self):
    """sealed=True seals the object and its children."""
    p = Point(1, sealed=True)
    assert p.is_sealed and p.tags.is_sealed

  def test_symbolic_child_with_parent_is_cloned(self):
    """A node already in a tree is copied, never shared."""
    class Holder(pg.Object):
      p: Point
    first = Holder(Point(1))
    second = Holder(first.p)
    assert second.p is not first.p
    assert second.p.sym_parent is second and first.p.sym_parent is first

  def test_parentless_child_is_adopted(self):
    """A parentless node becomes the child itself."""
    class Holder(pg.Object):
      p: Point
    p = Point(1)
    h = Holder(p)
    assert h.p is p and p.sym_parent is h


class TestHooks:
  """_on_bound, _on_init and _on_change."""

  def test_on_bound_then_on_init_at_construction(self):
    """_on_bound runs before _on_init, once each."""
    r = Recorder(3)
    assert r.log == ['bound', 'init'] and r.double == 6

  def test_on_bound_reruns_on_rebind(self):
    """A rebind recomputes internal state."""
    r = Recorder(3)
    r.rebind(a=5)
    assert r.double == 10 and r.log == ['bound', 'init', 'bound']

  def test_on_change_receives_relative_updates(self):
    """_on_change gets the updates keyed by path relative to the object."""
    seen = []

    class Inner(pg.Object):
      v: int = 0

    class Outer(pg.Object):
      inner: Inner

      def _on_change(self, updates):
        seen.append({str(k): (u.old_value, u.new_value)
                     for k, u in updates.items()})

    o = Outer(Inner())
    o.rebind({'inner.v': 1})
    assert seen == [{'inner.v': (0, 1)}]

  def test_on_change_keys_are_relative_to_the_notified_node(self):
    """A nested node sees paths from itself; FieldUpdate.path stays absolute."""
    seen = []

    class Inner(pg.Object):
      v: int = 0

      def _on_change(self, updates):
        seen.extend((str(k), str(u.path)) for k, u in updates.items())

    class Outer(pg.Object):
      inner: Inner
    Outer(Inner()).rebind({'inner.v': 2})
    assert seen == [('v', 'inner.v')]

  def test_dict_on_change_hook(self):
    """A pg.Dict subclass overriding _on_change is notified."""
    seen = []

    class Watched(pg.Dict):

      def _on_change(self, updates):
        seen.append(sorted(str(k) for k in updates))
    w = Watched(a=1)
    w.a = 2
    assert seen == [['a']]


class TestAccess:
  """Reading and writing fields."""

  def test_sym_accessors(self):
    """sym_keys/values/items/getattr/hasattr reflect the fields."""
    p = Point(1)
    assert list(p.sym_keys()) == ['x', 'y', 'tags']
    assert list(p.sym_values())[:2] == [1, 1]
    assert dict(p.sym_items())['x'] == 1
    assert p.sym_getattr('y') == 1 and p.sym_hasattr('x')
    assert p.sym_getattr('nope', 5) == 5 and not p.sym_hasattr('nope')

  def test_sym_getattr_unknown_raises_key_error(self):
    """An unknown key raises KeyError naming valid fields."""
    with pytest.raises(KeyError, match="No field named 'nope' in Point"):
      Point(1).sym_getattr('nope')

  def test_sym_init_args_is_read_only_view(self):
    """sym_init_args reads by key or attribute and cannot be written."""
    args = Point(1).sym_init_args
    assert args['x'] == 1 and args.y == 1 and len(args) == 3
    assert repr(args).startswith('{x=1, y=1') and str(args).startswith('{\n  x = 1,')
    with pytest.raises(TypeError):
      args['x'] = 2  # type: ignore[index]
    with pytest.raises(AttributeError, match="No field named 'z'; fields: x"):
      args.z  # pylint: disable=pointless-statement

  def test_assignment_to_field_raises_and_keeps_object(self):
    """obj.x = v raises WritePermissionError; the object is unchanged."""
    p = Point(1)
    before = state(p)
    with pytest.raises(pg.WritePermissionError, match=r'\(path=x\)'):
      p.x = 2
    assert state(p) == before

  def test_assignment_allowed_with_writable_accessors(self):
    """pg.allow_writable_accessors() lets obj.x = v rebind."""
    p = Point(1)
    with pg.allow_writable_accessors():
      p.x = 2
    assert p.x == 2 and p.sym_init_args['x'] == 2

  def test_assignment_allowed_by_class_flag(self):
    """allow_symbolic_assignment = True lets obj.x = v rebind."""
    class Open(pg.Object):
      allow_symbolic_assignment = True
      x: int = 0
    o = Open()
    o.x = 3
    assert o.x == 3

  def test_non_field_attributes_are_plain(self):
    """Attributes that are not fields are set normally."""
    p = Point(1)
    p.note = 'n'
    assert p.note == 'n'

  def test_deleting_field_raises(self):
    """del obj.x raises WritePermissionError."""
    p = Point(1)
    with pytest.raises(pg.WritePermissionError, match="Cannot delete field 'x'"):
      del p.x
    p.note = 1
    del p.note
    assert not hasattr(p, 'note')


class TestComparison:
  """Symbolic == and hash."""

  def test_equal_by_type_and_values(self):
    """Equal field values make equal objects with equal hashes."""
    assert Point(1) == Point(1) and hash(Point(1)) == hash(Point(1))
    assert Point(1) != Point(2)
    assert Point(1) != Point3(1)

  def test_identity_comparison_when_disabled(self):
    """use_symbolic_comparison = False compares by identity."""
    class Ident(pg.Object):
      use_symbolic_comparison = False
      x: int = 0
    a = Ident()
    assert a != Ident() and a == a
    assert hash(a) == object.__hash__(a)


class TestCompiledSchema:
  """What is compiled once per class."""

  def test_positional_names_and_required_are_precomputed(self):
    """init_arg_list and required fields are class attributes."""
    assert Point._sym_positional_names == ('x', 'y', 'tags')
    assert Point._sym_required == frozenset(['x'])

  def test_base_object_has_empty_schema(self):
    """pg.Object itself has no fields."""
    assert list(_object.Object.__schema__.keys()) == []


def test_docstring_examples_run():
  """The examples in the module's docstrings run as written."""
  results = doctest.testmod(_object, extraglobs={'pg': pg},
                            optionflags=doctest.ELLIPSIS)
  assert results.failed == 0 and results.attempted > 0


class TestNameConflicts:
  """Fields named like methods or properties."""

  def test_field_named_like_method_keeps_method(self):
    """A field called `format` does not hide the method; str() still works."""
    @pg.members([('format', str), ('seal', int)])
    class Conflicting(pg.Object):
      pass
    c = Conflicting('png', 1)
    assert callable(c.format) and c.sym_getattr('format') == 'png'
    assert repr(c) == "Conflicting(format='png', seal=1)"
    c.rebind(format='jpg')
    assert c.sym_init_args['format'] == 'jpg'
    assert c.clone() == c and c.clone().seal().is_sealed

  def test_function_default_is_a_field_value(self):
    """An annotated field whose default is a function reads as that function."""
    def double(x):
      return 2 * x

    class WithFn(pg.Object):
      fn: pg.typing.Any() = double
    assert WithFn().fn is double and WithFn().fn(2) == 4


def test_empty_init_arg_list_makes_every_field_keyword_only():
  """As the reference: init_arg_list=[] accepts no positional argument."""
  @pg.members([('x', pg.typing.Int()), ('y', pg.typing.Str(default='foo'))],
              init_arg_list=[])
  class KwOnly(pg.Object):
    pass

  with pytest.raises(TypeError, match='takes 0 positional arguments but 2 were given'):
    KwOnly(1, 'foo')
  assert KwOnly(x=1).y == 'foo'


def test_extra_positional_arguments_through_a_subclass_init():
  class Base(pg.Object):
    x: int
    y: int = 1

  class Sub(Base):
    z: int = 3

    def __init__(self, *args, **kwargs):
      super().__init__(*args, **kwargs)

  assert (Sub(1, 2, 4).z, Sub(1, z=5).y) == (4, 1)
  with pytest.raises(TypeError, match=r'takes 3 positional arguments but 4 were given'):
    Sub(1, 2, 3, 4)
