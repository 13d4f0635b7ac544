"""The small public API for notebooks and scripts (re-exported by ``whimbrel``).

The keyword arguments ``actor_files``, ``pattern_files``, ``cue_files`` and ``outlet_files`` name
your own knowledge files (see the README); the pipeline for each combination is loaded once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from .pipeline import Coded, code_documents, load_nlp
from .readers import read_paths, read_text
from .records import Event, Skip

FileList = Sequence[str | Path]


@lru_cache(maxsize=4)
def _nlp(model: str | None, files: tuple[tuple[str, tuple[str, ...]], ...]) -> Language:
    return load_nlp(model, **dict(files))


def nlp(
    model: str | None = None,
    *,
    actor_files: FileList = (),
    pattern_files: FileList = (),
    cue_files: FileList = (),
    outlet_files: FileList = (),
) -> Language:
    """The spaCy pipeline with Whimbrel's stages, loaded once per process and argument set."""
    files = {"actor_files": actor_files, "pattern_files": pattern_files, "cue_files": cue_files,
             "outlet_files": outlet_files}
    return _nlp(model, tuple((k, tuple(str(f) for f in v)) for k, v in files.items()))


def code(
    text: str,
    date: str | None = None,
    *,
    url: str | None = None,
    outlet: str | None = None,
    model: str | None = None,
    **files: FileList,
) -> list[Event]:
    """Code one text and return its events.

    >>> events = code("Russian forces shelled Kharkiv on Monday.", date="2024-05-13")
    """
    document = read_text(text, date=date, url=url, outlet=outlet)
    (coded,) = code_documents(nlp(model, **files), [document])
    return [] if isinstance(coded, Skip) else coded.events


def code_paths(
    paths: Sequence[str | Path],
    *,
    date: str | None = None,
    model: str | None = None,
    batch_size: int = 32,
    **files: FileList,
) -> Iterator[Coded | Skip]:
    """Read files, directories or ``-`` and code them; yields one Coded or Skip per document."""
    documents = read_paths([str(p) for p in paths], default_date=date)
    return code_documents(nlp(model, **files), documents, batch_size=batch_size)
