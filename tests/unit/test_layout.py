"""The layout rules that import-linter does not see: SQL stays in persistence, the domain stays
on the standard library (README, "Layout and rules")."""

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = sorted((ROOT / "api" / "services").glob("*.py"))
DOMAIN = sorted((ROOT / "domain").glob("*.py"))

ALLOWED_SQLALCHEMY = "sqlalchemy.ext.asyncio"
"""The one part of SQLAlchemy a service may name: ``AsyncSession`` (and its factory) as types."""

SQL_PACKAGES = ("sqlalchemy", "sqlmodel")


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports (``from x import y`` names ``x``), with its line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module is not None:
            found.append((node.lineno, node.module))
    return found


def is_sql_import(module: str) -> bool:
    """Whether importing ``module`` brings SQL building into a service."""
    top = module.split(".")[0]
    if top not in SQL_PACKAGES:
        return False
    return not (module == ALLOWED_SQLALCHEMY or module.startswith(ALLOWED_SQLALCHEMY + "."))


def test_the_scans_find_the_files() -> None:
    assert len(SERVICES) > 10
    assert len(DOMAIN) > 10


@pytest.mark.parametrize("path", SERVICES, ids=[p.name for p in SERVICES])
def test_a_service_imports_nothing_of_sqlalchemy_but_the_async_session(path: Path) -> None:
    offending = [
        f"line {line}: {module}" for line, module in imported_modules(path) if is_sql_import(module)
    ]

    assert offending == [], f"{path.name} builds SQL; move it into persistence"


@pytest.mark.parametrize("path", DOMAIN, ids=[p.name for p in DOMAIN])
def test_the_domain_imports_only_the_standard_library(path: Path) -> None:
    outside = [
        f"line {line}: {module}"
        for line, module in imported_modules(path)
        if module.split(".")[0] not in sys.stdlib_module_names | {"domain", "__future__"}
    ]

    assert outside == []


def test_the_sql_check_tells_the_session_type_from_statements() -> None:
    allowed = ["sqlalchemy.ext.asyncio"]
    refused = ["sqlalchemy", "sqlalchemy.orm", "sqlalchemy.dialects.postgresql", "sqlmodel"]

    verdicts = [is_sql_import(m) for m in allowed + refused]

    assert verdicts == [False, True, True, True, True]
