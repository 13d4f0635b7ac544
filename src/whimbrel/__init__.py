"""Whimbrel: sourced, dated, who-did-what-to-whom event data from news text."""

__version__ = "0.1.0"
