"""The event coder: who did what to whom, as PLOVER events with CAMEO codes."""

