"""The apps depend on each other in one direction: no app imports, however indirectly, one that imports it."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def project_apps() -> list[str]:
    """Newsroom's own apps (those in this folder), by package name."""
    return [config.name for config in apps.get_app_configs() if Path(config.path).parent == ROOT]


def imported_apps(app: str, candidates: set[str]) -> set[str]:
    """The other project apps the modules of `app` import (migrations included), at any level."""
    found = set()
    for path in (ROOT / app).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            found |= {name.split(".")[0] for name in names} & candidates
    return found - {app}


def dependency_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle in `graph` (app -> apps it imports) as a path [a, b, ..., a], or [] if there is none."""
    finished: set[str] = set()

    def walk(path: list[str]) -> list[str]:
        for other in sorted(graph[path[-1]]):
            if other in path:
                return [*path[path.index(other) :], other]
            if other not in finished and (cycle := walk([*path, other])):
                return cycle
        finished.add(path[-1])
        return []

    for app in sorted(graph):
        if app not in finished and (cycle := walk([app])):
            return cycle
    return []


def test_no_app_imports_an_app_that_imports_it():
    names = project_apps()
    assert {"articles", "authors", "tagging", "editorial", "api", "curation"} <= set(names)
    graph = {app: imported_apps(app, set(names)) for app in names}
    assert dependency_cycle(graph) == []


def test_articles_imports_no_app_built_on_it():
    names = set(project_apps())
    assert imported_apps("articles", names) <= {"images", "serving"}


def test_the_cycle_finder_finds_a_cycle():
    assert dependency_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert dependency_cycle({"a": {"b"}, "b": set()}) == []


def app_modules(app: str) -> list[Path]:
    """The Python modules of `app`, migrations left out (they are generated)."""
    return [path for path in (ROOT / app).rglob("*.py") if "migrations" not in path.relative_to(ROOT).parts]


def test_no_module_of_an_app_passes_four_hundred_lines():
    too_long = {
        str(path.relative_to(ROOT)): length
        for app in [*project_apps(), "newsroom"]
        for path in app_modules(app)
        if (length := len(path.read_text().splitlines())) > 400
    }
    assert too_long == {}, "split these by concept"


def test_no_app_holds_more_than_a_third_of_the_code():
    lines = {app: sum(len(path.read_text().splitlines()) for path in app_modules(app)) for app in project_apps()}
    total = sum(lines.values())
    assert {app: count for app, count in lines.items() if count > total / 3} == {}
