"""Marks as XMP sidecars, the photo world's convention (darktable, digiKam, Lightroom, Bridge read them).

A sidecar next to an image carries its rating (``xmp:Rating``, 0–5), the favourite as a colour label
(``xmp:Label``), its tags (``dc:subject``) and its boards (``lr:hierarchicalSubject`` as
``Seedream|Boards|<name>``). Writing merges: an existing sidecar is parsed (safely: no DOCTYPE, no
entities) and only those properties are replaced, so what darktable, Lightroom or exiftool wrote there
(develop settings, captions, GPS, other hierarchical keywords, other colour labels) is kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from seedream_desktop import APP_NAME
from seedream_desktop.atomic import atomic_write
from seedream_desktop.library.metadata.xmp import NS_DC, NS_RDF, NS_SEEDREAM, NS_XML, UnreadableXmp, parse_xml
from seedream_desktop.regular_files import RefusedFile, read_regular

NS_X = "adobe:ns:meta/"
NS_XMP = "http://ns.adobe.com/xap/1.0/"
NS_LR = "http://ns.adobe.com/lightroom/1.0/"
SIDECAR_SUFFIX = ".xmp"
# Sidecars carry darktable's whole edit history and more; still bounded, so a hostile file is refused.
SIDECAR_CAP = 4 * 1024 * 1024

NAMING_DARKTABLE = "darktable"  # photo.png.xmp: darktable, digiKam (and exiftool's -o %d%f.%e.xmp)
NAMING_LIGHTROOM = "lightroom"  # photo.xmp: Lightroom, Bridge, Capture One
NAMING_OFF = "off"
NAMINGS = (NAMING_DARKTABLE, NAMING_LIGHTROOM, NAMING_OFF)

# The favourite is Lightroom's and darktable's red label. Bridge names its red label "Select" by default.
FAVOURITE_LABEL = "Red"
FAVOURITE_LABELS = frozenset({"red", "select"})
BOARD_PREFIX = "Seedream|Boards|"
OUR_HIERARCHY = "Seedream|"
MARKED_TAGS = f"{{{NS_SEEDREAM}}}MarkedTags"  # in a file's own XMP: which dc:subject items are tags

_PREFIXES = {NS_X: "x", NS_RDF: "rdf", NS_XMP: "xmp", NS_DC: "dc", NS_LR: "lr", NS_SEEDREAM: "seedream"}
_DECLARATION = re.compile(rb"""xmlns:([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class SidecarMarks:
    """What a sidecar says about the marks the app keeps."""

    rating: int = 0
    favourite: bool = False
    tags: list[str] = field(default_factory=list)
    boards: list[str] = field(default_factory=list)


def sidecar_path(image: Path, naming: str = NAMING_DARKTABLE) -> Path:
    if naming == NAMING_LIGHTROOM:
        return image.with_suffix(SIDECAR_SUFFIX)
    return image.with_name(image.name + SIDECAR_SUFFIX)


def is_sidecar_name(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(SIDECAR_SUFFIX)


def read_sidecar(path: Path) -> SidecarMarks | None:
    """The marks in a sidecar; None when it is missing, not a regular file, too large or not XMP."""
    try:
        data = read_regular(path, SIDECAR_CAP)
    except (OSError, RefusedFile):
        return None
    try:
        root = parse_xml(data.strip(b"\x00 \t\r\n"))
    except UnreadableXmp:
        return None
    return marks_in(root)


def marks_in(root: ET.Element) -> SidecarMarks:
    marks = SidecarMarks()
    for description in root.iter(f"{{{NS_RDF}}}Description"):
        rating = _value(description, f"{{{NS_XMP}}}Rating")
        if rating is not None:
            try:
                marks.rating = max(0, min(5, round(float(rating))))  # Lightroom writes -1 for "rejected"
            except ValueError:
                pass
        label = _value(description, f"{{{NS_XMP}}}Label")
        if label is not None:
            marks.favourite = label.strip().lower() in FAVOURITE_LABELS
        for element in description.iter(f"{{{NS_DC}}}subject"):
            marks.tags += [t for t in _items(element) if t not in marks.tags]
        for element in description.iter(f"{{{NS_LR}}}hierarchicalSubject"):
            for item in _items(element):
                name = item[len(BOARD_PREFIX) :].strip() if item.startswith(BOARD_PREFIX) else ""
                if name and name not in marks.boards:
                    marks.boards.append(name)
    if marks.boards:
        # Lightroom also lists each level of a hierarchical keyword as a plain one: those are the
        # boards again, not tags.
        levels = {"Seedream", "Boards", *marks.boards}
        marks.tags = [t for t in marks.tags if t not in levels]
    return marks


def marks_in_file(packet: bytes) -> SidecarMarks | None:
    """The marks in an image's own XMP (Lightroom, Bridge and digiKam write them there too); None when
    it holds none or is not readable. The keywords of a packet the app wrote are the generation
    record's, except those ``seedream:MarkedTags`` names as tags; another tool's are all tags."""
    try:
        root = parse_xml(packet.strip(b"\x00 \t\r\n"))
    except UnreadableXmp:
        return None
    names = {f"{{{NS_XMP}}}Rating", f"{{{NS_XMP}}}Label", f"{{{NS_LR}}}hierarchicalSubject", MARKED_TAGS}
    # Ours: our namespace is used, or our name is the creator tool (a PNG's packet has no record in
    # it, and tools that rewrite a packet drop namespaces no property uses).
    creator = f"{{{NS_XMP}}}CreatorTool"
    ours = any(
        e.tag.startswith(f"{{{NS_SEEDREAM}}}")
        or any(a.startswith(f"{{{NS_SEEDREAM}}}") for a in e.attrib)
        or (e.get(creator) or (e.text if e.tag == creator else "") or "").startswith(APP_NAME)
        for e in root.iter()
    )
    if not ours:
        names.add(f"{{{NS_DC}}}subject")
    present = any(e.tag in names or names & set(e.attrib) for e in root.iter())
    if not present:
        return None
    marks = marks_in(root)
    if ours:
        marked = [t for e in root.iter(MARKED_TAGS) for t in _items(e)]
        marks.tags = [t for t in marks.tags if t in marked]
    return marks


def _value(description: ET.Element, name: str) -> str | None:
    if name in description.attrib:
        return description.attrib[name]
    child = description.find(name)
    return (child.text or "") if child is not None else None


def _items(element: ET.Element) -> list[str]:
    found = [(li.text or "").strip() for li in element.iter(f"{{{NS_RDF}}}li")]
    if not found and element.text and element.text.strip():  # a single value written without a Bag
        found = [element.text.strip()]
    return [t for t in found if t]


# ---- writing ----------------------------------------------------------------------------------------
def write_sidecar(path: Path, marks: SidecarMarks) -> bool:
    """Merge ``marks`` into the sidecar at ``path`` (created if absent). An existing file that is not
    readable XMP is left alone (it is someone's file): returns False then."""
    existing: bytes | None = None
    if path.exists() or path.is_symlink():
        try:
            existing = read_regular(path, SIDECAR_CAP)
        except RefusedFile:
            return False
    data = merged_sidecar(existing, marks)
    if data is None:
        return False
    atomic_write(path, data)
    return True


def merged_sidecar(existing: bytes | None, marks: SidecarMarks, *, in_file: bool = False) -> bytes | None:
    """``in_file``: the packet inside an image, whose ``dc:subject`` also holds the generation
    record's keywords and other tools' keywords. Those stay; only the tags the app put there last
    time (listed in ``seedream:MarkedTags``) are replaced. (In a sidecar every keyword is a tag.)"""
    prefixes = dict(_PREFIXES)
    root: ET.Element | None = None
    if existing is not None and existing.strip(b"\x00 \t\r\n"):
        try:
            root = parse_xml(existing.strip(b"\x00 \t\r\n"))
        except UnreadableXmp:
            return None
        for match in _DECLARATION.finditer(existing):
            uri = (match[2] if match[2] is not None else match[3] or b"").decode("utf-8", "replace")
            prefixes.setdefault(uri, match[1].decode("ascii"))
    if root is None:
        root = ET.Element(f"{{{NS_X}}}xmpmeta")
    rdf = root if root.tag == f"{{{NS_RDF}}}RDF" else root.find(f".//{{{NS_RDF}}}RDF")
    if rdf is None:
        if root.tag != f"{{{NS_X}}}xmpmeta":
            return None  # some other XML document: not ours to rewrite
        rdf = ET.SubElement(root, f"{{{NS_RDF}}}RDF")
    descriptions = rdf.findall(f"{{{NS_RDF}}}Description")
    foreign_hierarchy: list[str] = []
    subjects = list(marks.tags)
    if in_file:
        kept = _kept_subjects(descriptions)
        subjects = kept + [t for t in marks.tags if t not in kept]
    for description in descriptions:
        foreign_hierarchy += _strip_ours(description, marks.favourite)
    if descriptions:
        target = descriptions[0]
    else:
        target = ET.SubElement(rdf, f"{{{NS_RDF}}}Description", {f"{{{NS_RDF}}}about": ""})
    _add(target, f"{{{NS_XMP}}}Rating", str(max(0, min(5, int(marks.rating)))))
    if marks.favourite:
        _add(target, f"{{{NS_XMP}}}Label", FAVOURITE_LABEL)
    if subjects:
        _add_bag(target, f"{{{NS_DC}}}subject", subjects)
    if in_file and marks.tags:
        _add_bag(target, MARKED_TAGS, marks.tags)
    hierarchy = foreign_hierarchy + [BOARD_PREFIX + b for b in marks.boards]
    if hierarchy:
        _add_bag(target, f"{{{NS_LR}}}hierarchicalSubject", hierarchy)
    return _serialise(root, prefixes)


def _kept_subjects(descriptions: list[ET.Element]) -> list[str]:
    """The keywords of an in-file packet that are not the app's tags (and drop the list of those)."""
    subjects: list[str] = []
    marked: set[str] = set()
    for description in descriptions:
        for element in description.findall(f"{{{NS_DC}}}subject"):
            subjects += [t for t in _items(element) if t not in subjects]
        for element in description.findall(MARKED_TAGS):
            marked.update(_items(element))
            description.remove(element)
    return [t for t in subjects if t not in marked]


def _strip_ours(description: ET.Element, favourite: bool) -> list[str]:
    """Remove the properties the app owns from one rdf:Description; give back the other tools'
    hierarchical keywords (kept). A colour label that is not the favourite's stays unless the
    image is now a favourite."""
    label = _value(description, f"{{{NS_XMP}}}Label")
    drop_label = label is not None and (favourite or label.strip().lower() in FAVOURITE_LABELS)
    for name in (f"{{{NS_XMP}}}Rating", f"{{{NS_XMP}}}Label"):
        if name == f"{{{NS_XMP}}}Label" and not drop_label:
            continue
        description.attrib.pop(name, None)
        for child in description.findall(name):
            description.remove(child)
    foreign: list[str] = []
    for child in description.findall(f"{{{NS_LR}}}hierarchicalSubject"):
        foreign += [t for t in _items(child) if not t.startswith(OUR_HIERARCHY)]
        description.remove(child)
    for child in description.findall(f"{{{NS_DC}}}subject"):
        description.remove(child)
    description.attrib.pop(f"{{{NS_DC}}}subject", None)
    return foreign


def _add(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, name)
    element.text = text
    return element


def _add_bag(parent: ET.Element, name: str, items: list[str]) -> None:
    bag = ET.SubElement(ET.SubElement(parent, name), f"{{{NS_RDF}}}Bag")
    for item in items:
        _add(bag, f"{{{NS_RDF}}}li", item)


def _serialise(root: ET.Element, prefixes: dict[str, str]) -> bytes:
    """XML with the file's own prefixes (ElementTree alone would rename them ns0, ns1…); every
    namespace is declared once on the root element."""
    used: dict[str, str] = {}

    def qname(name: str) -> str:
        if not name.startswith("{"):
            return name
        uri, local = name[1:].split("}", 1)
        if uri == NS_XML:
            return f"xml:{local}"
        if uri not in prefixes:
            prefixes[uri] = f"ns{len(prefixes)}"
        used[uri] = prefixes[uri]
        return f"{prefixes[uri]}:{local}"

    def text(value: str | None) -> str:
        return escape(_NOT_XML.sub("", value or "")).replace("\r", "&#xD;")

    def emit(element: ET.Element, depth: int) -> str:
        # Re-indented: whitespace between elements means nothing in XMP; text that is not only
        # whitespace is kept as it was.
        attrs = "".join(f" {qname(k)}={quoteattr(_NOT_XML.sub('', v))}" for k, v in element.attrib.items())
        tag = qname(element.tag)
        children = list(element)
        own = element.text or ""
        if children:
            inner = text(own) if own.strip() else ""
            for child in children:
                inner += "\n" + " " * (depth + 1) + emit(child, depth + 1)
                if child.tail and child.tail.strip():
                    inner += text(child.tail)
            inner += "\n" + " " * depth
        else:
            inner = text(own)
        return f"<{tag}{attrs}/>" if not inner else f"<{tag}{attrs}>{inner}</{tag}>"

    body = emit(root, 0)
    declarations = "".join(f' xmlns:{p}="{escape(u)}"' for u, p in sorted(used.items(), key=lambda i: i[1]))
    root_tag = qname(root.tag)
    body = f"<{root_tag}{declarations}" + body[len(root_tag) + 1 :]
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' + body + '\n<?xpacket end="w"?>\n'
    ).encode("utf-8")
