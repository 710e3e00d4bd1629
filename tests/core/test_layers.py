"""The apps import only from the layers below them, as the README's layout draws them."""

import ast
from pathlib import Path

import pytest

import khabar

ROOT = Path(khabar.__file__).parent

# What each app may import of Khabar's (besides itself); the README's "Layout" table says the same.
ALLOWED = {
    "arabic": set(),
    "qa": {"arabic"},
    "core": {"wsgi"},  # `khabar serve` loads the WSGI application; apps register their warm-up with core
    "adminui": set(),
    "worker": set(),
    "backup": {"core"},  # a restore gives every cache tag a new version
    "wire": {"arabic", "core"},
    "newsroom": {"arabic", "core"},
    "comments": {"arabic", "core", "newsroom", "proxy", "ratelimit"},
    "search": {"arabic", "core", "newsroom"},
    "readership": {"core", "newsroom", "ratelimit"},
    "desk": {"arabic", "core", "newsroom", "qa", "wire"},
    "wordpress": {"comments", "core", "newsroom", "search", "wire"},
    "syndication": {"core", "newsroom", "ratelimit", "wire"},
    "api": {"core", "newsroom", "search"},  # search: its page addresses and date bounds
    "loading": {"comments", "newsroom", "search"},  # bulk content and its hand-offs to search, comments
}


def imported_apps(app: str) -> dict[str, str]:
    """The Khabar apps ``app``'s modules import, each with one file that does."""
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "khabar" and len(parts) > 1 and parts[1] != app:
                    found.setdefault(parts[1], str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("app", sorted(ALLOWED))
def test_an_app_imports_only_the_layers_below_it(app):
    unexpected = {other: where for other, where in imported_apps(app).items() if other not in ALLOWED[app]}
    assert unexpected == {}


def test_every_app_has_its_row():
    apps = {path.parent.name for path in ROOT.glob("*/*.py")}
    assert apps - set(ALLOWED) == set()


def test_the_newsroom_imports_neither_the_desk_nor_search():
    assert not {"desk", "search", "wire", "comments"} & set(imported_apps("newsroom"))
