"""The shape ARCHITECTURE.md promises: no import circles, no private names across modules, small modules.

Read from the source with :mod:`ast` (nothing is imported), so a lazy import inside a function
counts like one at the top: a circle closed at run time is still a circle to a reader.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The packages whose modules are checked (the student package, the teacher tools, the build scripts).
PACKAGES = ("helpers", "kit_teacher", "tools", "benchmarks")
MAX_MODULE_LINES = 400
MAX_HELPERS_LINES = 8500


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` file of the checked packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "static" in path.parts or "_kit" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _resolve(module: str, node: ast.ImportFrom) -> str:
    """The absolute name an ``ImportFrom`` in ``module`` refers to."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not _is_package(module):
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, imported name or None, line) for every import in ``module``.

    Imports for type checkers (``if TYPE_CHECKING:``) count too: a module that names another's
    class in its annotations depends on it as much as one that calls it.
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, None, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(module, node)
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in MODULES:
                    found.append((submodule, None, node.lineno))
                else:
                    found.append((target, alias.name, node.lineno))
    return found


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for module in MODULES:
        for target, _name, _line in _imports(module):
            # `import a.b.c` also runs a and a.b, but a package's __init__ is the facade of its
            # modules, not a module they depend on: only the named module counts.
            if target in MODULES and target != module:
                graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def _own_private_names(tree: ast.Module) -> set[str]:
    """Private names a module defines: functions, classes, assignments, ``self._x = ...`` attributes."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return {name for name in names if _is_private(name)}


def _is_private(name: str) -> bool:
    """``_x`` is private; ``__x__`` and IPython's display protocol (``_repr_html_``) are not."""
    return name.startswith("_") and not name.endswith("_")


def _in_package(module: str, target: str) -> bool:
    """Whether ``target`` is ``module`` itself (a name of its own, e.g. in its __init__)."""
    return target == module


def test_no_import_circles():
    cycles = _cycles(_graph())
    assert not cycles, "modules that import each other (directly or round a loop): " + "; ".join(
        " <-> ".join(c) for c in cycles
    )


def test_no_private_name_crosses_a_module_border():
    crossings = []
    trees = {module: ast.parse(path.read_text(encoding="utf-8")) for module, path in MODULES.items()}
    owners: dict[str, set[str]] = {}
    for module, tree in trees.items():
        for name in _own_private_names(tree):
            owners.setdefault(name, set()).add(module)
    for module in MODULES:
        tree = trees[module]
        own = _own_private_names(tree)
        aliases: dict[str, str] = {}  # local name -> kit module it stands for
        for target, name, line in _imports(module):
            if target not in MODULES or _in_package(module, target):
                continue
            if name is not None and _is_private(name):
                crossings.append(f"{module}:{line} imports {target}.{name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(module, node)
                for alias in node.names:
                    if f"{target}.{alias.name}" in MODULES:
                        aliases[alias.asname or alias.name] = f"{target}.{alias.name}"
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname and alias.name in MODULES:
                        aliases[alias.asname] = alias.name
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and aliases[node.value.id] != module
                and _is_private(node.attr)
            ):
                crossings.append(f"{module}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}")
            elif (
                # another module's object reached into: ``quiz._submit(...)`` where Quiz lives elsewhere
                isinstance(node, ast.Attribute)
                and _is_private(node.attr)
                and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))
                and node.attr not in own
                and owners.get(node.attr, set()) - {module}
            ):
                others = ", ".join(sorted(owners[node.attr] - {module}))
                crossings.append(f"{module}:{node.lineno} uses {node.attr} of {others}")
    assert not crossings, "private names used outside their module:\n" + "\n".join(crossings)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_at_most_400_lines(module):
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, (
        f"{MODULES[module].relative_to(ROOT)} has {lines} lines (at most {MAX_MODULE_LINES})"
    )


def test_the_student_package_stays_small():
    total = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in (ROOT / "helpers").rglob("*.py"))
    assert total <= MAX_HELPERS_LINES, f"helpers/ has {total} lines of Python (at most {MAX_HELPERS_LINES})"


def test_the_checker_sees_a_circle_and_a_private_import(tmp_path, monkeypatch):
    """The two rules above can fail: a made-up pair of modules that break both is caught."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("def f():\n    from .b import _hidden\n")
    (tmp_path / "pkg" / "b.py").write_text(
        "from . import a\n_hidden = 1\n\n\ndef g(thing):\n    return thing._secret\n"
    )
    (tmp_path / "pkg" / "c.py").write_text("class Thing:\n    _secret = 2\n")
    fake = {
        "pkg": tmp_path / "pkg" / "__init__.py",
        "pkg.a": tmp_path / "pkg" / "a.py",
        "pkg.b": tmp_path / "pkg" / "b.py",
        "pkg.c": tmp_path / "pkg" / "c.py",
    }
    monkeypatch.setattr(__import__(__name__), "MODULES", fake, raising=False)
    monkeypatch.setitem(globals(), "MODULES", fake)
    assert _cycles(_graph()) == [["pkg.a", "pkg.b"]]
    with pytest.raises(AssertionError, match=r"pkg\.a:2 imports pkg\.b\._hidden\n  pkg\.b:6 uses _secret of pkg\.c"):
        test_no_private_name_crosses_a_module_border()
