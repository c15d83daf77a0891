"""The shape of the package: no import cycles in `toolkit/`, and imports point down the
layers of DESIGN.md. The import graph is built statically from the source (ast), so an
import inside a function counts as much as one at the top; only imports under
`if TYPE_CHECKING:` (annotations) are left out. Importing `toolkit.a.b` also runs
`toolkit/a/__init__.py`, so it counts as an import of `toolkit.a` too (the root package
`toolkit`, which every import runs, is the façade and is left out of that rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Layers, lowest first: a module may import its own layer or a lower one, never a higher.
# Keyed by the package (or ground-floor module) under `toolkit.`: a new module lands in its
# room's layer by its folder. DESIGN.md "Layers" draws the same house.
LAYERS: dict[str, int] = {
    "errors": 0, "paths": 0, "display": 0, "i18n": 0, "outline": 0,  # ground floor
    "readers": 1,
    "text": 2, "registers": 2,
    "parse": 3, "facts": 3,
    "check": 4, "corpus": 4, "llm": 4, "collect": 4,
    "draft": 5, "yoy": 5, "survey": 5,
    "output": 6,
    "review": 7,
    "cli": 8, "": 8,
}  # fmt: skip


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _modules(package: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package)."""
    out = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        if is_pkg:
            parts.pop()
        out[".".join(parts)] = (path, is_pkg)
    return out


def _imported_names(tree: ast.Module, package: str) -> list[str]:
    """Every dotted name imported in `tree` (outside TYPE_CHECKING blocks), made absolute."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                skipped.update(id(n) for n in ast.walk(child))
    names = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names += [f"{module}.{a.name}" for a in node.names]
    return names


def import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports (see the module docstring)."""
    mods = _modules(package)
    root = package.name

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for mod, (path, is_pkg) in mods.items():
        pkg = mod if is_pkg else mod.rpartition(".")[0]
        deps: set[str] = set()
        for name in _imported_names(ast.parse(path.read_text(encoding="utf-8")), pkg):
            target = resolve(name)
            while target and target != root:
                if target != mod and not mod.startswith(target + "."):
                    deps.add(target)
                target = resolve(target.rpartition(".")[0])
        graph[mod] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path `[a, b, ..., a]`, or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _layer(module: str) -> int | None:
    parts = module.split(".")[1:]
    if not parts:
        return LAYERS[""]  # the package itself
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in LAYERS:
            return LAYERS[".".join(parts[:n])]
    return None


def test_toolkit_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph(ROOT / "toolkit"))
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_every_toolkit_module_has_a_layer() -> None:
    missing = sorted(m for m in import_graph(ROOT / "toolkit") if _layer(m) is None)
    assert not missing, f"add these to LAYERS in {Path(__file__).name}: {missing}"


def test_imports_point_down_the_layers() -> None:
    graph = import_graph(ROOT / "toolkit")
    upward = sorted(
        f"{m} (layer {_layer(m)}) imports {d} (layer {_layer(d)})"
        for m, deps in graph.items()
        for d in deps
        if (_layer(m) or 0) < (_layer(d) or 0)
    )
    assert not upward, "imports that point up:\n" + "\n".join(upward)


def test_readers_import_nothing_of_the_toolkit_but_errors_and_i18n() -> None:
    graph = import_graph(ROOT / "toolkit")
    allowed = ("toolkit.errors", "toolkit.i18n")  # i18n: the standard library's gettext only
    bad = {
        m: sorted(d for d in deps if not d.startswith("toolkit.readers") and d not in allowed)
        for m, deps in graph.items()
        if m.startswith("toolkit.readers")
    }
    assert not any(bad.values()), bad


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, src in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(src, encoding="utf-8")
    return root / "pkg"


def test_detector_finds_a_lazy_import_cycle_and_ignores_type_checking(tmp_path: Path) -> None:
    pkg = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/record.py": "def show(x):\n    from .view import draw\n    return draw(x)\n",
            "pkg/view.py": "from pkg.record import show\n",
            "pkg/typed.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .view import draw\n",
        },
    )
    graph = import_graph(pkg)
    assert graph["pkg.typed"] == set()
    cycle = find_cycle(graph)
    assert cycle is not None and set(cycle) == {"pkg.record", "pkg.view"}


def test_detector_counts_a_subpackage_init(tmp_path: Path) -> None:
    # b imports sub.leaf; sub/__init__ imports b: running `import pkg.sub.leaf` runs the cycle.
    pkg = _write(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/b.py": "from .sub.leaf import x\n",
            "pkg/sub/__init__.py": "from ..b import y\n",
            "pkg/sub/leaf.py": "x = 1\n",
        },
    )
    assert find_cycle(import_graph(pkg)) is not None


@pytest.mark.parametrize("view", ["check", "highlight"])
def test_records_still_draw_themselves_in_a_notebook(view: str) -> None:
    from toolkit.check import check_file

    result = check_file(ROOT / "tests" / "data" / "clean_2024.txt")
    html = result._repr_html_() if view == "check" else result.highlighted()._repr_html_()
    assert html.startswith('<div class="fz">')
    assert (
        ("No findings" in html or "<table>" in html)
        if view == "check"
        else "<small>1</small>" in html
    )


def test_the_ground_floor_is_small_and_no_module_is_a_god_module() -> None:
    loose = sorted(p.name for p in (ROOT / "toolkit").glob("*.py"))
    assert len(loose) <= 6, f"toolkit/ holds {len(loose)} modules; move some into a layer: {loose}"
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "toolkit").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"split these by responsibility (over 400 lines): {long}"
