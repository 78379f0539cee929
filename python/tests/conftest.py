"""Shared fixtures: one default extractor for the whole session (building it
takes a fifth of a second), and the repository's paths."""

import pathlib

import pytest

import newsgraph

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def extractor():
    return newsgraph.Extractor()


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def seeds():
    """(id, text) of each seed article, in file order."""
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
