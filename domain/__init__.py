"""The OKR rules as plain Python: standard library only, no I/O, no framework, no ORM."""
