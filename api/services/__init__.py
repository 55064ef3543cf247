"""Service functions: load what a rule needs, ask the domain, write the result and its event."""
