"""Actor-resolution accuracy on the actors of the PLOVER and PETRARCH-2 gold sets.

Method (honest and simple, see the README):
- PLOVER GSR names each gold actor's text: we take the actor Whimbrel put on the text's syntactic
  head ("Iraqi Kurds": the Kurds), else on its first token that carries one (for a compound, the
  member there), and compare its country - and country + sector - with the gold code. No actor
  there counts as wrong. Gold "IGO" matches an international organisation (KB kind ``igo``) or an
  actor with sector ``igo``; CAMEO's other transnational codes likewise: "NGO" an NGO and "IMG" an
  armed group that no country claims. Gold text that elides words ("people .. in Hong Kong") is looked up
  by its first part; gold text the sentence does not contain word for word by its last word.
  Sectors compare in the gold's (CAMEO) terms: Whimbrel's "protesters" is CAMEO's opposition, and
  a town that only locates (no sector) is the civilians the PLOVER GSR readme codes cities as.
- PETRARCH-2 gives codes without text: a gold actor counts as found when some actor in the
  sentence (or a member of a compound) has its country (and sector). This is a recall measure.
Gold actors without a country code ("---") are left out. Dev = ids ending in an even digit.
PLOVER's dates are all a placeholder (2000-01-01, says its readme), so its sentences are coded as
undated, as the coder evaluation codes them (until this round they were coded as of 2000-01-01).
Only spaCy and the actor stage run.

Run:  /work/venv/bin/python -m evaluation.actors
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import yaml

from evaluation.gold import petr2_gsr, plover_gsr
import spacy

from whimbrel.actors.kb import load_kb
from whimbrel.pipeline import make_doc, pick_model
from whimbrel.records import ActorMention, Document


# Whimbrel sectors finer than the CAMEO code the gold uses: Phoenix's own agent dictionary codes
# DEMONSTRATOR and PROTESTER as OPP, so Whimbrel's "protesters" is CAMEO opposition
CAMEO_SECTOR = {"protesters": "opposition"}


def _same_sector(m: ActorMention, gold: str | None) -> bool:
    if m.sector is None and m.resolved_by in ("place", "metonym"):
        # the gold's readme: "Cities in general go to sector CVL" (capitals as subject or object go
        # to GOV, as Whimbrel codes them); Whimbrel leaves a town that only locates without a sector
        return gold in (None, "civilians")
    return m.sector == gold or gold is not None and CAMEO_SECTOR.get(m.sector or "") == gold


def _flat(actors: list[ActorMention]) -> list[ActorMention]:
    return [x for m in actors for x in (m.members or [m])]


# sets written for this evaluation by helpers who saw neither the rules nor the other test data
BLIND = {
    "wire-2023-26": Path(__file__).parent / "data" / "actors_blind.yaml",
    "wire-1990-2015": Path(__file__).parent / "data" / "actors_blind_hist.yaml",
    "wire-1985-2012-c": Path(__file__).parent / "data" / "actors_blind_c.yaml",
    "wire-2000-2022-d": Path(__file__).parent / "data" / "actors_blind_d.yaml",
}

# CAMEO's transnational codes name no country by design: the sectors that stand for them
ARMED = frozenset({"rebels", "insurgents", "terrorists", "militia"})
TRANSNATIONAL = frozenset({"IGO", "NGO", "IMG"})  # the code is the sector: no second check


def _same_country(m: ActorMention | None, gold: str) -> bool:
    """Gold "IGO" matches an international organisation (or someone acting for one); "NGO" a
    non-governmental organisation no country claims; "IMG" (international militarised group) an
    armed group no country claims ("al-Qaeda")."""
    if m is None:
        return False
    entry = load_kb().get(m.id)
    if gold == "IGO":
        return m.sector == "igo" or entry is not None and entry.kind == "igo"
    if gold == "NGO":
        return m.sector == "ngo" and m.country is None
    if gold == "IMG":
        return m.sector in ARMED and m.country is None and (entry is None or entry.kind == "group")
    return m.country == gold


def _actor_at(doc, text: str | None) -> ActorMention | None:
    """The actor on the gold text (its first part when the gold elides words with "..")."""
    words = (text or "").split("..")[0].split()
    found = re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", doc.text) if words else None
    if found is None and len(words) > 1:  # the gold text skips a word ("Jordan's [visiting] King Abdullah II"):
        found = re.search(rf"\b{re.escape(words[-1])}\b", doc.text)  # its last word is the head
    if found is None:
        return None
    return _actor_in(doc.char_span(found.start(), found.end(), alignment_mode="expand"))


def _actor_in(span) -> ActorMention | None:
    """The phrase's head names the actor ("Iraqi Kurds", "Darfur rebels"); else its first actor
    (for a compound, the member there)."""
    for tok in (span.root, *span) if span is not None else ():
        m = tok._.actor
        if m is not None:
            return next((x for x in m.members if x.start <= tok.i < x.end), m)
    return None


def _iso(date: str | None) -> str | None:
    """PETRARCH dates are YYYYMMDD or YYMMDD."""
    if not date or not date.isdigit():
        return None
    if len(date) == 6:
        date = ("19" if int(date[:2]) > 30 else "20") + date
    return f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None


def run(nlp=None) -> dict:
    """Metrics per set and split: {"plover-gsr": {"dev": {...}, "test": {...}}, "petr2-gsr": ...}."""
    if nlp is None:  # spaCy and the actor stage only
        import whimbrel.factories  # noqa: F401  (registers the factories)

        nlp = spacy.load(pick_model())
        nlp.add_pipe("whimbrel_actors")
    later = [n for n in ("whimbrel_events", "whimbrel_provenance") if n in nlp.pipe_names]
    with nlp.select_pipes(disable=later):  # only the actors are measured here
        return _run(nlp)


def _run(nlp) -> dict:
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    sets = (("plover-gsr", plover_gsr(), None), ("petr2-gsr", petr2_gsr(), None))
    for name, sentences, default_date in sets:
        docs = nlp.pipe(make_doc(nlp, Document(id=s.id, text=s.text, date=_iso(s.date) or default_date))
                        for s in sentences)
        for s, doc in zip(sentences, docs):
            gold = {(c, sec, txt) for e in s.events for c, sec, txt in
                    ((e.source_country, e.source_sector, e.source_text), (e.target_country, e.target_sector, e.target_text))
                    if c}
            mentions = _flat(doc._.actors or [])
            c = counts[(name, s.split)]
            for country, sector, text in gold:
                c["n"] += 1
                if name == "plover-gsr":
                    m = _actor_at(doc, text)
                    ok_c = _same_country(m, country)
                    ok_cs = ok_c and (country in TRANSNATIONAL or _same_sector(m, sector))
                else:
                    ok_c = any(_same_country(m, country) for m in mentions)
                    ok_cs = any(_same_country(m, country) and (country in TRANSNATIONAL or _same_sector(m, sector))
                                for m in mentions)
                c["country"] += ok_c
                c["country_sector"] += ok_cs
    _blind(nlp, counts)
    out: dict = defaultdict(dict)
    for (name, split), c in sorted(counts.items()):
        n = c["n"] or 1
        out[name][split] = {"actors": c["n"], "country": round(c["country"] / n, 3),
                            "country_sector": round(c["country_sector"] / n, 3)}
    return dict(out)


def _blind(nlp, counts) -> None:
    """Wire-style sentences labelled by someone who saw neither the rules nor the other test data
    (``evaluation/data/actors_blind*.yaml``: modern 2023-26 news and older 1990-2015 news); every
    mention is one actor. Each set was scored once whole before any rule saw it; since then its
    even sentences are for development and the odd ones the test split."""
    for name, path in BLIND.items():
        if not path.exists():
            continue
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        docs = nlp.pipe(make_doc(nlp, Document(id=str(i), text=c["text"], date=str(c["date"]))) for i, c in enumerate(cases))
        for i, (case, doc) in enumerate(zip(cases, docs)):
            c = counts[(name, "dev" if i % 2 == 0 else "test")]  # even sentences for development
            for gold in case["actors"]:
                c["n"] += 1
                m = _mention_at(doc, gold["mention"])
                country = gold.get("country")
                ok_c = _same_country(m, country) if country else m is not None and m.country is None
                c["country"] += ok_c
                c["country_sector"] += ok_c and m is not None and (country in TRANSNATIONAL or m.sector == gold.get("sector"))


def _mention_at(doc, mention: str) -> ActorMention | None:
    """The actor on the ``n``-th occurrence of ``mention`` ("text@2")."""
    text, _, nth = mention.partition("@")
    pos = -1
    for _ in range(int(nth or 1)):
        pos = doc.text.find(text, pos + 1)
    return _actor_in(doc.char_span(pos, pos + len(text), alignment_mode="expand") if pos >= 0 else None)


def markdown(metrics: dict) -> str:
    """The results as a markdown table (test split first: dev is for tuning)."""
    rows = [
        "### Actor resolution",
        "",
        "| set | split | gold actors | country acc. | country+sector acc. |",
        "|---|---|---|---|---|",
    ]
    for name, splits in metrics.items():
        if not isinstance(splits, dict):
            continue  # e.g. "seconds", added by the runner
        for split in sorted(splits, key=lambda x: x != "test"):
            m = splits[split]
            rows.append(f"| {name} | {split} | {m['actors']} | {m['country']:.3f} | {m['country_sector']:.3f} |")
    return "\n".join(rows) + "\n\n" + GAPS


GAPS = """Four sets were written for this evaluation by helpers who saw neither the rules nor the other
data (`evaluation/data/actors_blind*.yaml`). Each was scored once whole before any rule saw it;
since then its even sentences are a development split and its odd ones the test split:

- wire-2023-26: 77 modern wire sentences, 203 mentions; blind score country 0.847, country+sector 0.729;
- wire-1990-2015: 100 sentences on the conflicts and politics of 1990-2015, 280 mentions; blind
  0.779 / 0.647 (scored after the first rules of the round that made it, before its knowledge files);
- wire-1985-2012-c: 129 everyday wire items of 1985-2012 (arrests, strikes, ambushes, court rulings),
  330 mentions; blind 0.824 / 0.688;
- wire-2000-2022-d: 110 everyday wire items of 2000-2022, at least a quarter from Africa and a fifth
  from Asia, 295 mentions; blind 0.925 / 0.824, written and scored after this round's rules and
  knowledge were done: the honest estimate for new text of those years.

Targets: country >= 0.90 and country+sector >= 0.75 on the test splits. PLOVER GSR is coded
undated, since its gold date (2000-01-01) is a placeholder; coded as of that date it scores 0.904 /
0.744. The test splits were scored, not read: rules came from the development splits and from
sentences written for the purpose, and knowledge files (heads of state and government since 1985,
opposition and rebel leaders, armed groups, parties) were written by helpers from public knowledge.
What is left is partly convention: the PLOVER labellers code NGOs as IGO, committees as NGO and
ethnic Albanians by the state they live in, and the blind sets' labellers call Hamas or the Taliban
insurgents where PLOVER's call them rebels; Whimbrel follows neither where it would mislead users."""


if __name__ == "__main__":
    print(markdown(run()))
