"""Provenance: quotes, attribution, certainty and event dates."""

