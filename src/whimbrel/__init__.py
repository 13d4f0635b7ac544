"""Whimbrel: sourced, dated, who-did-what-to-whom event data from news text.

>>> import whimbrel
>>> events = whimbrel.code("North Korea sent troops to Russia.", date="2024-11-10")
>>> with whimbrel.Store("whimbrel.duckdb") as store:
...     df = store.events_df(actor="PRK")

Names are imported on first use, so ``import whimbrel`` stays fast and does not load spaCy.
"""

from importlib import import_module

__version__ = "0.1.0"

_EXPORTS = {
    "code": "api",
    "code_paths": "api",
    "nlp": "api",
    "Coded": "pipeline",
    "code_documents": "pipeline",
    "load_nlp": "pipeline",
    "read_paths": "readers",
    "read_text": "readers",
    "Actor": "records",
    "Attribution": "records",
    "Document": "records",
    "Event": "records",
    "Quote": "records",
    "Skip": "records",
    "Store": "store",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'whimbrel' has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
