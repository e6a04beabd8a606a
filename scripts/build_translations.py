"""Keeps the translations in step with the code: lupdate into the .ts, lrelease into the .qm, --check for gaps.

Usage: python scripts/build_translations.py [--check | --compile]
  (no option)  update resources/translations/seedream_desktop_<lang>.ts from the sources (translations
               kept), then compile the .qm next to it. Languages: zh_CN (everything) and en (only the
               plural forms: the English texts are in the code).
  --check      change nothing; exit 1 listing every user-visible string without a finished translation
               (or whose translation lost a placeholder or an accelerator).
  --compile    only compile the .qm, and only when it is missing or older than its .ts (set-up, builds).

pyside6-lupdate extracts ``self.tr("…")``, ``QCoreApplication.translate("Context", "…")`` and
``QT_TRANSLATE_NOOP("Context", "…")`` only when the context is a string literal. Our Qt-free code names its
context once (``CONTEXT = "Errors"``) and the window's actions go through a one-line ``_tr`` wrapper, so a
small AST pass adds those messages: the context constant is resolved (also when imported from another
module of the package) and wrappers of the form ``def f(text): return translate("Ctx", text)`` are followed.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "seedream_desktop"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")
# The code is written in English, so its English catalog holds only the plural forms ("%n image(s)" ->
# "1 image" / "2 images"): Qt's recommended way to get English plurals right.
SOURCE_LANGUAGE = "en"
CATALOG = "seedream_desktop"
NOOP_MARKERS = {"QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3"}
TRANSLATE_CALLS = {"translate"}

Key = tuple[str, str, str]  # context, source, disambiguation comment


def ts_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"{CATALOG}_{language}.ts"


def qm_path(language: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"{CATALOG}_{language}.qm"


def qt_tool(name: str) -> Path:
    """Qt's own lupdate/lrelease binaries inside the PySide6 wheel (the pyside6-* wrappers only exec them)."""
    import PySide6

    exe = Path(PySide6.__file__).resolve().parent / (name + (".exe" if os.name == "nt" else ""))
    if not exe.is_file():
        raise SystemExit(f"{exe} is missing: install PySide6 (the set-up does: scripts/setup.sh)")
    return exe


def source_files(package: Path = PACKAGE) -> list[Path]:
    # The emulator stands in for Runware's server: its texts are wire messages, never shown as our UI.
    return sorted(
        p for p in package.rglob("*.py") if "__pycache__" not in p.parts and "emulator" not in p.parts
    )


# ---- The messages ---------------------------------------------------------------------------------


@dataclass
class Message:
    """One <message> of a .ts file, kept as its element so extra fields (extracomment…) survive."""

    element: ElementTree.Element
    context: str

    @property
    def key(self) -> Key:
        return (self.context, _text(self.element, "source"), _text(self.element, "comment"))

    @property
    def numerus(self) -> bool:
        return self.element.get("numerus") == "yes"

    @property
    def translation(self) -> ElementTree.Element:
        found = self.element.find("translation")
        if found is None:
            found = ElementTree.SubElement(self.element, "translation")
        return found

    def forms(self) -> list[str]:
        t = self.translation
        return [f.text or "" for f in t.findall("numerusform")] if self.numerus else [t.text or ""]

    @property
    def finished(self) -> bool:
        return self.translation.get("type") is None and all(self.forms())


@dataclass
class Catalog:
    """Contexts in file order, each with its messages in source order."""

    contexts: dict[str, list[Message]] = field(default_factory=dict)

    def messages(self) -> list[Message]:
        return [m for ms in self.contexts.values() for m in ms]

    def by_key(self) -> dict[Key, Message]:
        return {m.key: m for m in self.messages()}

    def add(self, message: Message) -> None:
        self.contexts.setdefault(message.context, []).append(message)


def _text(element: ElementTree.Element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def read_ts(path: Path) -> Catalog:
    catalog = Catalog()
    if not path.is_file():
        return catalog
    root = ElementTree.parse(path).getroot()
    for context in root.findall("context"):
        name = _text(context, "name")
        for element in context.findall("message"):
            catalog.add(Message(element, name))
    return catalog


# ---- Extraction ------------------------------------------------------------------------------------


def run_lupdate(files: list[Path], language: str) -> Catalog:
    """A fresh catalog (no translations) of every literal-context message lupdate finds."""
    with tempfile.TemporaryDirectory(prefix="seedream-lupdate-") as tmp:
        target = Path(tmp) / "fresh.ts"
        listing = Path(tmp) / "files.lst"
        listing.write_text("\n".join(str(f) for f in files), encoding="utf-8")
        # -locations absolute: file names relative to the .ts, real line numbers; made relative to the
        # committed .ts below.
        cmd = [str(qt_tool("lupdate")), "-silent", "-locations", "absolute", "-no-obsolete"]
        cmd += ["-target-language", language, f"@{listing}", "-ts", str(target)]
        if language == SOURCE_LANGUAGE:
            cmd.append("-pluralonly")
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        catalog = read_ts(target)
        for message in catalog.messages():
            for location in message.element.findall("location"):
                absolute = (Path(tmp) / location.get("filename", "")).resolve()
                location.set("filename", absolute.as_posix())
    return catalog


@dataclass(frozen=True)
class Found:
    context: str
    source: str
    comment: str
    file: Path
    line: int


class _ModuleScan(ast.NodeVisitor):
    """Messages lupdate cannot see: contexts named by a constant, and calls through a translate wrapper."""

    def __init__(self, path: Path, constants: dict[str, str]) -> None:
        self.path = path
        self.constants = constants
        self.wrappers: dict[str, str] = {}  # function name -> context
        self.found: list[Found] = []

    def string(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return None

    def visit_Call(self, node: ast.Call) -> None:
        name = _called_name(node.func)
        args = node.args
        if name in NOOP_MARKERS | TRANSLATE_CALLS and len(args) >= 2:
            # lupdate already has calls whose context is a literal; add the ones named by a constant.
            context, source = self.string(args[0]), self.string(args[1])
            literal_context = isinstance(args[0], ast.Constant)
            if context and source and not literal_context and isinstance(args[1], ast.Constant):
                comment = self.string(args[2]) if len(args) >= 3 else ""
                self.found.append(Found(context, source, comment or "", self.path, node.lineno))
        elif name in self.wrappers and args:
            source = self.string(args[0])
            if source and isinstance(args[0], ast.Constant):
                self.found.append(Found(self.wrappers[name], source, "", self.path, node.lineno))
        self.generic_visit(node)


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _module_constants(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Constant):
            continue
        if isinstance(node.value.value, str):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return found


def _imported_constants(tree: ast.Module, package: Path, own: dict[Path, dict[str, str]]) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(package.name + "."):
            parts = node.module.split(".")[1:]
            module = package.joinpath(*parts).with_suffix(".py")
            if not module.is_file():
                module = package.joinpath(*parts, "__init__.py")
            for alias in node.names:
                value = own.get(module, {}).get(alias.name)
                if value is not None:
                    found[alias.asname or alias.name] = value
    return found


def _wrappers(tree: ast.Module, constants: dict[str, str]) -> dict[str, str]:
    """``def f(text): return QCoreApplication.translate("Ctx", text)`` → {"f": "Ctx"}."""
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if len(body) != 1 or not isinstance(body[0], ast.Return) or not isinstance(body[0].value, ast.Call):
            continue
        call = body[0].value
        if _called_name(call.func) not in TRANSLATE_CALLS or len(call.args) < 2:
            continue
        context = call.args[0]
        name = (
            context.value if isinstance(context, ast.Constant) else constants.get(getattr(context, "id", ""))
        )
        text = call.args[1]
        if isinstance(name, str) and isinstance(text, ast.Name) and text.id == node.args.args[0].arg:
            found[node.name] = name
    return found


def scan_sources(files: list[Path], package: Path = PACKAGE) -> list[Found]:
    trees = {f: ast.parse(f.read_text(encoding="utf-8"), str(f)) for f in files}
    own = {f: _module_constants(t) for f, t in trees.items()}
    found: list[Found] = []
    for path, tree in trees.items():
        constants = {**_imported_constants(tree, package, own), **own[path]}
        scan = _ModuleScan(path, constants)
        scan.wrappers = _wrappers(tree, constants)
        scan.visit(tree)
        found.extend(scan.found)
    return found


def extract(files: list[Path], language: str, package: Path = PACKAGE) -> Catalog:
    """Every user-visible message in the sources: lupdate's, plus the ones the AST pass adds."""
    catalog = run_lupdate(files, language)
    known = catalog.by_key()
    # Messages the AST pass finds are never plural: the English catalog does not want them.
    for item in scan_sources(files, package) if language != SOURCE_LANGUAGE else []:
        key = (item.context, item.source, item.comment)
        message = known.get(key)
        if message is None:
            element = ElementTree.Element("message")
            ElementTree.SubElement(element, "source").text = item.source
            if item.comment:
                ElementTree.SubElement(element, "comment").text = item.comment
            ElementTree.SubElement(element, "translation", type="unfinished")
            message = Message(element, item.context)
            catalog.add(message)
            known[key] = message
        location = ElementTree.Element("location", filename=item.file.as_posix(), line=str(item.line))
        position = len(message.element.findall("location"))
        message.element.insert(position, location)
    return catalog


# ---- Merging, checking, writing -------------------------------------------------------------------


def merge(fresh: Catalog, existing: Catalog) -> list[Key]:
    """Copies the existing translations into ``fresh``; returns the keys no longer in the sources."""
    old = existing.by_key()
    for message in fresh.messages():
        previous = old.get(message.key)
        if previous is None or previous.numerus != message.numerus:
            continue
        message.element.remove(message.translation)
        message.element.append(previous.translation)
    current = set(fresh.by_key())
    return [key for key in old if key not in current]


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%L?\d")
ACCELERATOR = re.compile(r"&(?!&)\S")


def problems(catalog: Catalog) -> list[str]:
    """Unfinished translations, and finished ones that lost a placeholder or the accelerator."""
    found: list[str] = []
    for message in catalog.messages():
        context, source, _ = message.key
        where = f"[{context}] {source!r}"
        if not message.finished:
            found.append(f"{where}: no finished translation")
            continue
        wanted = sorted(set(PLACEHOLDER.findall(source)))
        for form in message.forms():
            have = sorted(set(PLACEHOLDER.findall(form)))
            if have != wanted and not (message.numerus and set(have) == set(wanted) - {"%n"}):
                found.append(f"{where}: translation {form!r} has placeholders {have}, the source {wanted}")
            if ACCELERATOR.search(source) and not ACCELERATOR.search(form):
                found.append(f"{where}: translation {form!r} lost the keyboard accelerator (&)")
    return found


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _element_xml(element: ElementTree.Element, depth: int) -> list[str]:
    pad = "    " * depth
    attrs = "".join(f' {k}="{_escape(v)}"' for k, v in element.attrib.items())
    children = list(element)
    if not children:
        if element.text is None and element.tag == "location":
            return [f"{pad}<{element.tag}{attrs}/>"]
        return [f"{pad}<{element.tag}{attrs}>{_escape(element.text or '')}</{element.tag}>"]
    if element.tag == "translation":  # numerus forms on one line each, as lupdate writes them
        inner = "".join(f"\n{pad}    <numerusform>{_escape(c.text or '')}</numerusform>" for c in children)
        return [f"{pad}<{element.tag}{attrs}>{inner}\n{pad}</{element.tag}>"]
    lines = [f"{pad}<{element.tag}{attrs}>"]
    for child in children:
        lines += _element_xml(child, depth + 1)
    return [*lines, f"{pad}</{element.tag}>"]


def ts_text(catalog: Catalog, language: str, folder: Path) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language="{language}" sourcelanguage="en">',
    ]
    for context in sorted(catalog.contexts):
        lines += ["<context>", f"    <name>{_escape(context)}</name>"]
        for message in catalog.contexts[context]:
            for location in message.element.findall("location"):
                target = Path(location.get("filename", ""))
                if target.is_absolute():
                    location.set("filename", Path(os.path.relpath(target, folder)).as_posix())
            lines += _element_xml(message.element, 1)
        lines.append("</context>")
    return "\n".join([*lines, "</TS>", ""])


def write_if_changed(path: Path, text: str) -> bool:
    """Untouched files keep their mtime, so --compile stays a no-op and builds stay reproducible."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".ts.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
    return True


def compile_qm(ts: Path, qm: Path, *, only_if_stale: bool = False) -> bool:
    if only_if_stale and qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime:
        return False
    qm.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(qt_tool("lrelease")), "-silent", "-removeidentical", str(ts), "-qm", str(qm)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return True


def fresh_catalog(language: str, ts: Path, package: Path = PACKAGE) -> tuple[Catalog, list[Key]]:
    """The sources' messages with the translations ``ts`` already has; and what vanished from the code."""
    catalog = extract(source_files(package), language, package)
    vanished = merge(catalog, read_ts(ts))
    return catalog, vanished


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail listing missing or unfinished translations")
    mode.add_argument("--compile", action="store_true", help="only compile stale .qm files")
    args = parser.parse_args(argv)
    status = 0
    for language in LANGUAGES:
        ts, qm = ts_path(language), qm_path(language)
        if args.compile:
            if compile_qm(ts, qm, only_if_stale=True):
                print(f"compiled {qm.relative_to(ROOT)}")
            continue
        catalog, vanished = fresh_catalog(language, ts)
        if args.check:
            found = problems(catalog)
            for line in found:
                print(f"{language}: {line}", file=sys.stderr)
            if found:
                print(
                    f"{language}: {len(found)} problem(s); run scripts/build_translations.py", file=sys.stderr
                )
                status = 1
            continue
        changed = write_if_changed(ts, ts_text(catalog, language, ts.parent))
        compile_qm(ts, qm, only_if_stale=not changed)
        unfinished = sum(1 for m in catalog.messages() if not m.finished)
        print(
            f"{ts.relative_to(ROOT)}: {len(catalog.messages())} messages, {unfinished} unfinished, "
            f"{len(vanished)} dropped (no longer in the code)"
        )
        for context, source, _ in vanished:
            print(f"  dropped [{context}] {source!r}")
    return status


if __name__ == "__main__":
    sys.exit(main())
