"""All of Whimbrel's spaCy factories, registered in one place.

A spaCy user can add Whimbrel's stages to their own English pipeline::

    import spacy, whimbrel.factories  # noqa: F401  (registers the factories)
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("whimbrel_actors")
    nlp.add_pipe("whimbrel_events")
    nlp.add_pipe("whimbrel_provenance")

Each stage writes its results onto ``Doc._`` (see ``whimbrel.extensions``).
"""

from __future__ import annotations

from spacy.language import Language


@Language.factory(
    "whimbrel_actors",
    assigns=["doc._.actors", "token._.actor"],
    requires=["doc.ents", "token.dep"],
    default_config={"actor_files": []},
)
def make_actor_resolver(nlp: Language, name: str, actor_files: list[str]):
    from .actors.resolver import ActorResolver

    return ActorResolver(nlp, name, actor_files=actor_files)


@Language.factory(
    "whimbrel_events",
    assigns=["doc._.events"],
    requires=["doc._.actors", "token.dep"],
    default_config={"pattern_files": []},
)
def make_event_coder(nlp: Language, name: str, pattern_files: list[str]):
    from .events.coder import EventCoder

    return EventCoder(nlp, name, pattern_files=pattern_files)


@Language.factory(
    "whimbrel_provenance",
    assigns=["doc._.quotes", "doc._.events"],
    requires=["doc._.actors", "doc._.events"],
    default_config={"cue_files": [], "outlet_files": [], "historical_days": 30},
)
def make_provenance(nlp: Language, name: str, cue_files: list[str], outlet_files: list[str], historical_days: int):
    from .provenance.component import Provenance

    return Provenance(nlp, name, cue_files=cue_files, outlet_files=outlet_files, historical_days=historical_days)
