"""Actor knowledge base and resolver: who is who, on the date of the event."""

