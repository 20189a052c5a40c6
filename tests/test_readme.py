"""The README's tour runs as written."""
import pathlib
import re

_README = pathlib.Path(__file__).parents[1] / 'README.md'


def test_readme_python_blocks_run_in_order(tmp_path, monkeypatch):
  """Every ```python block of the README executes, in order, in one namespace."""
  blocks = re.findall(r'```python\n(.*?)```', _README.read_text(), flags=re.S)
  assert len(blocks) >= 4
  monkeypatch.chdir(tmp_path)
  namespace = {'evaluate': lambda model: float(len(str(model)))}
  for block in blocks:
    exec(compile(block, str(_README), 'exec'), namespace)  # pylint: disable=exec-used
  pg = namespace['pg']
  assert len(pg.dna_spec(namespace['space']).decision_points) == 4
  assert pg.dna_spec(namespace['s3']).space_size == 36
  assert (tmp_path / 'model.json').exists()


def test_readme_starts_with_the_two_commands():
  """The main-job command and the test command come first."""
  commands = re.findall(r'^    (python3 -m venv .*)$', _README.read_text(), flags=re.M)
  assert 'examples/quickstart.py' in commands[0]
  assert 'pytest' in commands[1]
