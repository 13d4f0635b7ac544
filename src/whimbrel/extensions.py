"""Declare Whimbrel's ``Doc._`` / ``Token._`` extensions once (idempotent)."""

from spacy.tokens import Doc, Token


def register_extensions() -> None:
    """Safe to call any number of times; every component calls it in its constructor."""
    for name, default in (
        ("document", None),  # whimbrel.records.Document the Doc was made from, if any
        ("pub_date", None),  # publication date (ISO str) used to resolve roles and times
        ("actors", None),  # list[ActorMention]
        ("events", None),  # list[EventMention]
        ("quotes", None),  # list[QuoteMention]
    ):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    if not Token.has_extension("actor"):
        Token.set_extension("actor", default=None)  # ActorMention covering this token
