"""Repositories, one module per aggregate (org, identity, cycles, objectives, alignment,
check-ins, reviews) on one base: the only place besides ``persistence`` itself that writes SQL."""
