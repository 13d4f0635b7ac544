"""The small public API for notebooks and scripts (re-exported by ``whimbrel``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from .pipeline import Coded, code_documents, load_nlp
from .readers import read_paths, read_text
from .records import Event, Skip


@lru_cache(maxsize=4)
def _nlp(model: str | None, actor_files: tuple[str, ...]) -> Language:
    return load_nlp(model, actor_files=actor_files)


def nlp(model: str | None = None, actor_files: Sequence[str | Path] = ()) -> Language:
    """The spaCy pipeline with Whimbrel's stages, loaded once per process and argument set."""
    return _nlp(model, tuple(str(f) for f in actor_files))


def code(
    text: str,
    date: str | None = None,
    *,
    url: str | None = None,
    outlet: str | None = None,
    model: str | None = None,
    actor_files: Sequence[str | Path] = (),
) -> list[Event]:
    """Code one text and return its events.

    >>> events = code("Russian forces shelled Kharkiv on Monday.", date="2024-05-13")
    """
    document = read_text(text, date=date, url=url, outlet=outlet)
    (coded,) = code_documents(nlp(model, actor_files), [document])
    if isinstance(coded, Skip):
        return []
    return coded.events


def code_paths(
    paths: Sequence[str | Path],
    *,
    date: str | None = None,
    model: str | None = None,
    actor_files: Sequence[str | Path] = (),
    batch_size: int = 32,
) -> Iterator[Coded | Skip]:
    """Read files, directories or ``-`` and code them; yields one Coded or Skip per document."""
    documents = read_paths([str(p) for p in paths], default_date=date)
    return code_documents(nlp(model, actor_files), documents, batch_size=batch_size)
