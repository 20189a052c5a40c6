"""Fixtures for the database backends: a sqlite file, their small space and reward."""
from __future__ import annotations

import os

import pytest

import pyglove as pg
from pyglove import geno


@pytest.fixture
def sqlite_path(tmp_path) -> str:
  """A fresh database file."""
  return os.fspath(tmp_path / 'search.db')


def small_spec() -> geno.Space:
  """A 4-way choice and a float."""
  return geno.Space([
      geno.Choices(1, [geno.Space() for _ in range(4)], location='a'),
      geno.Float(0.0, 1.0, location='b')])


def reward_of(dna: pg.DNA) -> float:
  """A deterministic reward of a `small_spec` DNA."""
  return float(dna.to_numbers()[0]) + dna.to_numbers()[1]
