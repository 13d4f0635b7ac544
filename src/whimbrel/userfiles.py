"""Saving a component's user knowledge files (actors, patterns, cues, outlets) with a spaCy pipeline.

``nlp.to_disk`` calls each component's ``to_disk``: Whimbrel's components copy the user's files into
their folder, listed in a manifest, and ``from_disk`` reads them back from there, so a saved pipeline
codes as it did when saved even if the original files change later. The original paths stay in the
config and are read first; when they no longer exist, load with the component's file lists set to
``[]`` (e.g. ``config={"components": {"whimbrel_actors": {"actor_files": []}}}``): the saved copies
still apply.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

MANIFEST = "user_files.json"  # in the saved component folder: the copies of the user files, in order


def save(path: str | Path, files: dict[str, list[str]]) -> None:
    """Copy each kind's files into ``path`` and list the copies in the manifest."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, list[str]] = {}
    for kind, paths in files.items():
        manifest[kind] = [f"{kind}_{i}{Path(f).suffix}" for i, f in enumerate(paths)]
        for f, copy in zip(paths, manifest[kind], strict=True):
            if Path(f).resolve() != (path / copy).resolve():  # saving back where it was loaded from
                shutil.copyfile(f, path / copy)
    (path / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def saved(path: str | Path) -> dict[str, list[str]] | None:
    """The saved copies by kind, or None for a folder ``save`` did not write."""
    path = Path(path)
    if not (path / MANIFEST).exists():
        return None
    manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    return {kind: [str(path / f) for f in files] for kind, files in manifest.items()}


class SavesUserFiles:
    """Mixin for a component: ``to_disk``/``from_disk`` keep copies of the files it was given.

    The component lists the attributes holding its file lists in ``user_file_kinds`` and reloads
    them with ``load_user_files(*lists)``, in that order.
    """

    user_file_kinds: tuple[str, ...] = ()

    def load_user_files(self, *files: list[str]) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        save(path, {kind: getattr(self, kind) for kind in self.user_file_kinds})

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()):
        files = saved(path)
        if files is not None:  # a folder without them keeps the config's files
            self.load_user_files(*(files[kind] for kind in self.user_file_kinds))
        return self
