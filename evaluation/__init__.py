"""Whimbrel's evaluation: scores the coder, the actor resolver and provenance on gold data."""
