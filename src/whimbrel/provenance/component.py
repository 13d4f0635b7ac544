"""The provenance stage: quotes, attribution, certainty, date and confidence for every event.

Runs last. Reads ``doc._.pub_date``, ``doc._.document`` (its outlet / URL), ``token._.actor`` and
``doc._.events``; writes ``doc._.quotes`` and fills each EventMention's provenance fields.

1. ``match(doc)`` finds quotes (``quotes.find_quotes``), time expressions (``timex.find_times``) and
   role periods ("during his first term", ``roles.find_role_times`` over the actors' KB);
2. for each event, from its predicate token (for a THREATEN or AGREE put on the act, the word that
   states it: "threatened" in "threatened to strike", ``certainty.stating_word``): certainty and
   flags (``certainty.certainty_of``),
   attribution chain (``attribution.attribution_for``), the quote it is in, its date
   (``timex.event_date``; ``historical`` when it ends over 30 days before publication);
   anonymous sourcing adds the ``hedged`` flag;
3. ``set_annotations`` writes it all, with each quote's date (the date of its reporting verb).

Saving: ``nlp.to_disk`` keeps copies of the user's cue and outlet files with the pipeline
(``whimbrel.userfiles``).

Confidence (0..1), so an analyst can keep "only well-sourced, asserted events"::

    confidence = C[certainty] * 0.9 ** (number of other certainty flags) * K[source kind] * (0.5 + 0.5 * r)

- C: asserted 1.0, hedged 0.6, intended 0.5, hypothetical 0.3, negated 0.1 (how likely the event
  happened as coded, given what the text itself says);
- K: the nearest source's kind: the article's own voice or an outlet 1.0, a named person or office
  0.9, anonymous 0.7;
- r: the lowest outlet rating in the attribution chain (the weakest link: Reuters as carried by a
  low-rated site is only as good as that site), 0.75 when no outlet in the chain is rated.

Examples: an asserted event in a reuters.com article scores 1.0, the same sentence on zerohedge.com
0.64 (r = 0.27); Trump "allegedly thinking of reopening negotiations", per Reuters and anonymous
sources, 0.5 * 0.9 * 1.0 * 1.0 = 0.45; a claim Kim makes in a quote carried by KCNA
1.0 * 0.9 * (0.5 + 0.5 * 0.22) = 0.55.
"""

from __future__ import annotations


from spacy.language import Language
from spacy.tokens import Doc

from .. import userfiles
from ..actors.kb import KnowledgeBase, load_kb
from ..extensions import register_extensions
from ..records import CERTAINTIES, AttributionInfo, EventMention, QuoteMention
from .attribution import attribution_for, document_sources, load_anonymous
from .certainty import certainty_of, load_cues, stating_word
from .outlets import load_outlets
from .quotes import find_quotes, load_quote_cues, quote_index
from .roles import find_role_times
from .timex import TimeExpr, event_date, find_times, is_historical

CERTAINTY_WEIGHT = {"asserted": 1.0, "hedged": 0.6, "intended": 0.5, "hypothetical": 0.3, "negated": 0.1}
SOURCE_WEIGHT = {"document": 1.0, "outlet": 1.0, "person": 0.9, "office": 0.9, "anonymous": 0.7}
UNRATED = 0.75
FLAG_PENALTY = 0.9


def confidence(certainty: str, flags: list[str], attribution: AttributionInfo | None) -> float:
    """The formula in the module docstring."""
    extra = sum(1 for f in flags if f in CERTAINTIES and f != certainty)
    kind = attribution.kind if attribution else "document"
    ratings = [a.rating for a in (attribution.chain if attribution else []) if a.rating is not None]
    r = min(ratings) if ratings else UNRATED
    return round(CERTAINTY_WEIGHT[certainty] * FLAG_PENALTY**extra * SOURCE_WEIGHT.get(kind, 0.9) * (0.5 + 0.5 * r), 3)


class Provenance(userfiles.SavesUserFiles):
    """spaCy component ``whimbrel_provenance``."""

    user_file_kinds = ("cue_files", "outlet_files")

    def __init__(self, nlp: Language, name: str = "whimbrel_provenance", *, cue_files: list[str] = (),
                 outlet_files: list[str] = (), historical_days: int = 30):
        register_extensions()
        self.name = name
        self.historical_days = historical_days
        self.quote_cues = load_quote_cues()
        self.anonymous = load_anonymous()
        self._nlp = nlp
        self._kb: KnowledgeBase | None = None
        self.load_user_files(cue_files, outlet_files)

    def load_user_files(self, cue_files: list[str], outlet_files: list[str]) -> None:
        """The packaged cues and outlets plus the user's files (their entries win)."""
        self.cue_files, self.outlet_files = [str(f) for f in cue_files], [str(f) for f in outlet_files]
        self.cues = load_cues(tuple(self.cue_files))
        self.outlets = load_outlets(tuple(self.outlet_files))

    @property
    def kb(self) -> KnowledgeBase:
        """The actor stage's knowledge base, with the user's actor files (role periods: "during his
        first term"); the built-in one when the pipeline has no actor stage."""
        if self._kb is None:
            stage = next((p for n, p in self._nlp.pipeline if self._nlp.get_pipe_meta(n).factory == "whimbrel_actors"),
                         None)
            self._kb = stage.kb if stage is not None else load_kb()
        return self._kb


    def __call__(self, doc: Doc) -> Doc:
        quotes, cue_tokens, times = self.match(doc)
        self.set_annotations(doc, quotes, cue_tokens, times)
        return doc

    def match(self, doc: Doc) -> tuple[list[QuoteMention], list, tuple[list[TimeExpr], list[TimeExpr]]]:
        """Quotes with their cue tokens, and (text times, role-period times)."""
        quotes, cue_tokens = find_quotes(doc, self.quote_cues)
        pub = doc._.pub_date
        roles = find_role_times(doc, pub, self.kb)
        return quotes, cue_tokens, (find_times(doc, pub), roles)

    def set_annotations(self, doc: Doc, quotes: list[QuoteMention], cue_tokens: list,
                        times: tuple[list[TimeExpr], list[TimeExpr]]) -> None:
        pub = doc._.pub_date
        for q, cue in zip(quotes, cue_tokens, strict=True):
            if cue is not None:
                q.date = event_date(cue, times[0], pub, times[1])[0]
        doc._.quotes = quotes
        documents = document_sources(doc, self.outlets, self.quote_cues, quotes, self.anonymous)
        for event in doc._.events or []:
            self.annotate_event(doc, event, quotes, cue_tokens, times, documents)

    def annotate_event(self, doc: Doc, event: EventMention, quotes: list[QuoteMention], cue_tokens: list,
                       times: tuple[list[TimeExpr], list[TimeExpr]], documents: list[AttributionInfo]) -> None:
        # an event that is a statement (THREATEN, AGREE) is as sure, and as dated, as its statement
        pred = stating_word(doc[event.trigger], event.type, self.cues) or doc[event.trigger]
        pub = doc._.pub_date
        certainty, flags = certainty_of(pred, self.cues)
        if event.negation_coded:  # "would not step down" is a refusal stated, not a negated or future act
            flags = [f for f in flags if f not in ("negated", "intended")]
        qi = quote_index(pred, quotes)
        attribution = attribution_for(pred, self.cues, self.quote_cues, quotes, cue_tokens, qi, self.outlets,
                                      self.anonymous, documents)
        if attribution and any(a.kind == "anonymous" for a in attribution.chain) and "hedged" not in flags:
            flags.append("hedged")
        flags = [c for c in CERTAINTIES if c in flags]
        certainty = flags[0] if flags else "asserted"
        event.date, event.date_basis, event.date_text = event_date(pred, times[0], pub, times[1])
        if event.date_basis in {"text", "role"} and is_historical(event.date, pub, self.historical_days):
            flags.append("historical")
        event.certainty, event.flags = certainty, flags
        event.attribution, event.quote = attribution, qi
        event.confidence = confidence(certainty, flags, attribution)
