"""`CustomTyping`: values that validate themselves against a spec (e.g. hyper values)."""
from __future__ import annotations

from typing import Any, Callable

from pyglove.utils import KeyPath

ChildTransform = Callable[[KeyPath, Any, Any], Any]

_ROOT = KeyPath()


class CustomTyping:
  """Declares how a value validates itself against a spec.

  `ValueSpec.apply` hands a value whose class overrides `custom_apply` to it
  (after the frozen and None checks): ``custom_apply(path, value_spec,
  allow_partial, child_transform)`` returns ``(should_continue, value)``;
  with `should_continue` False the value is accepted as returned, otherwise
  the spec goes on validating the returned value.

  A class may instead define the lower-level ``__custom_apply__(spec,
  allow_partial, child_transform, root_path)`` (hyper values do), which
  returns the accepted value directly.

  Example:
    >>> class Doubler(CustomTyping):
    ...   def custom_apply(self, path, value_spec, allow_partial,
    ...                    child_transform=None):
    ...     return False, 2
    >>> from pyglove.typing import Int
    >>> Int().apply(Doubler())
    2
  """

  def __init_subclass__(cls, **kwargs: Any) -> None:
    super().__init_subclass__(**kwargs)
    own = cls.__dict__
    if 'custom_apply' in own and '__custom_apply__' not in own:
      cls.__custom_apply__ = _apply_through_custom_apply
    elif '__custom_apply__' in own and 'custom_apply' not in own:
      # The low-level hook decides; `custom_apply` answers through it.
      cls.custom_apply = CustomTyping.custom_apply

  def custom_apply(self, path: KeyPath, value_spec: 'ValueSpec',
                   allow_partial: bool,
                   child_transform: ChildTransform | None = None
                   ) -> tuple[bool, Any]:
    """Validates this value against `value_spec`; returns (should_continue, value)."""
    hook = getattr(type(self), '__custom_apply__', None)
    if hook is None or hook is _apply_through_custom_apply:
      raise NotImplementedError(
          f'{type(self).__name__} must implement custom_apply().')
    return False, hook(self, value_spec, allow_partial, child_transform, path)


def _apply_through_custom_apply(value: Any, value_spec: 'ValueSpec',
                                allow_partial: bool,
                                child_transform: ChildTransform | None,
                                root_path: KeyPath | None) -> Any:
  """`__custom_apply__` of classes that implement the `custom_apply` protocol."""
  should_continue, result = value.custom_apply(
      root_path if root_path is not None else _ROOT, value_spec,
      allow_partial, child_transform)
  if not should_continue:
    return result
  return value_spec._apply_typed(result, allow_partial, child_transform,  # pylint: disable=protected-access
                                 root_path)
