"""Outlet ratings: find a news outlet by name or web address and give its quality rating.

Ratings are Lin et al. (2023) domain-quality scores (0 lowest .. 1 highest; reuters.com 1.0,
zerohedge.com 0.27) with OpenSources tags ("conspiracy", "satire"), built into
``data/provenance/outlets.csv`` by ``scripts/build_provenance.py``. Names are looked up through
``outlet_aliases.csv`` and through each domain's own name ("ZeroHedge" -> zerohedge.com).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parents[1] / "data" / "provenance"

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Only plain news domains lend their name to the index: look-alikes ("cnn.com.de"), novelty TLDs
# ("trump.news") and government sites ("whitehouse.gov" is an office, not an outlet) do not.
_NAMED_TLDS = {"com", "org", "net", "co.uk", "com.au", "co.jp", "co.kr", "de", "fr", "in", "ca", "ie", "ru", "cn", "kp"}


@dataclass(frozen=True, slots=True)
class Outlet:
    domain: str | None  # None for outlets we know by name only (no rated domain)
    name: str  # as looked up
    rating: float | None
    tags: tuple[str, ...] = ()


def name_key(name: str) -> str:
    """Normalise an outlet name: lower case, no leading "the", letters and digits only."""
    name = name.strip().lower()
    if name.startswith("the "):
        name = name[4:]
    return _NON_ALNUM.sub("", name)


def _rows(path: Path):
    with open(path, newline="", encoding="utf-8") as f:
        yield from csv.DictReader(line for line in f if not line.startswith("#"))


def _stem(domain: str) -> str | None:
    """The outlet name a domain spells: "www.zerohedge.com" -> "zerohedge"; None if it spells none."""
    name, _, tld = domain.removeprefix("www.").partition(".")
    return name_key(name) if tld in _NAMED_TLDS else None


class OutletTable:
    """Domain ratings plus a name index. Load once with :func:`load_outlets`."""

    def __init__(self, rating_files: list[Path], alias_files: list[Path]):
        self.domains: dict[str, tuple[float | None, tuple[str, ...]]] = {}
        for path in rating_files:
            for row in _rows(path):
                rating = row.get("rating") or ""
                self.domains[row["domain"].strip().lower()] = (
                    float(rating) if rating else None,
                    tuple((row.get("tags") or "").split()),
                )
        self.names: dict[str, str | None] = {}
        # Rated domains first, so an unrated look-alike never takes a name from a rated one.
        for domain in sorted(self.domains, key=lambda d: (self.domains[d][0] is None, len(d))):
            stem = _stem(domain)
            if stem:
                self.names.setdefault(stem, domain)
        for path in alias_files:  # hand-written aliases override derived names
            for row in _rows(path):
                self.names[name_key(row["name"])] = (row.get("domain") or "").strip().lower() or None

    def _outlet(self, domain: str | None, name: str) -> Outlet:
        rating, tags = self.domains.get(domain, (None, ())) if domain else (None, ())
        return Outlet(domain, name, rating, tags)

    def by_domain(self, url_or_domain: str) -> Outlet | None:
        """Rate a URL or domain, trying parent domains ("edition.cnn.com" -> "cnn.com")."""
        text = url_or_domain.strip().lower()
        host = urlsplit(text if "//" in text else "//" + text).hostname or ""
        parts = host.removeprefix("www.").split(".")
        for i in range(len(parts) - 1):
            domain = ".".join(parts[i:])
            if domain in self.domains or "www." + domain in self.domains:
                return self._outlet(domain if domain in self.domains else "www." + domain, url_or_domain)
        return None

    def by_name(self, name: str) -> Outlet | None:
        """Find an outlet written in text ("Reuters", "the Associated Press", "zerohedge.com")."""
        if "." in name.strip() and " " not in name.strip():
            return self.by_domain(name)
        key = name_key(name)
        if len(key) < 2 or key not in self.names:
            return None
        return self._outlet(self.names[key], name)

    def for_document(self, url: str | None, outlet: str | None) -> Outlet | None:
        """The outlet of a document, from its outlet field or else its URL."""
        found = self.by_name(outlet) if outlet else None
        if found is None and outlet:
            found = self.by_domain(outlet)
        if found is None and url:
            found = self.by_domain(url)
        return found


@lru_cache(maxsize=8)
def load_outlets(extra_files: tuple[str, ...] = ()) -> OutletTable:
    """The packaged table plus user files (CSV with domain,rating,tags or name,domain columns)."""
    ratings, aliases = [DATA / "outlets.csv"], [DATA / "outlet_aliases.csv"]
    for f in map(Path, extra_files):
        with open(f, encoding="utf-8") as fh:
            header = next((line for line in fh if not line.startswith("#")), "")
        (aliases if header.startswith("name") else ratings).append(f)
    return OutletTable(ratings, aliases)
