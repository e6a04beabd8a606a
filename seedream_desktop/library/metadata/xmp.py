"""The XMP packet (dc, xmp, IPTC and our own namespace) that Bridge, Lightroom, Eagle and exiftool read."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from seedream_desktop.library.record import GenerationRecord

NS_SEEDREAM = "https://seedream-desktop.github.io/xmp/1.0/"
NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_XML = "http://www.w3.org/XML/1998/namespace"
TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"

# Characters XML 1.0 cannot carry at all; a prompt pasted from elsewhere may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _text(value: str) -> str:
    clean = _NOT_XML.sub("", value.encode("utf-8", "replace").decode("utf-8"))
    # A raw CR would come back as LF after parsing; a character reference keeps it.
    return escape(clean).replace("\r", "&#xD;")


def xmp_packet(record: GenerationRecord, *, limit: int | None = None, with_record: bool = True) -> bytes:
    """The UTF-8 packet; with ``limit`` (JPEG's one-segment ceiling) keywords are dropped from the end
    until it fits, then the embedded request, then the JSON record: the prompt is never cut."""
    keywords = record.keywords()
    record_json: str | None = record.to_json() if with_record else None
    while True:
        packet = _serialise(record, keywords, record_json)
        if limit is None or len(packet) <= limit:
            return packet
        if keywords:
            keywords = keywords[:-1]
        elif record_json is not None and record.request is not None and '"request":{' in record_json:
            slim = GenerationRecord.from_dict(record.to_dict())
            slim.request = None
            record_json = slim.to_json()
        elif record_json is not None:
            record_json = None
        else:
            return packet  # only the prompt is left; the caller decides


def _serialise(record: GenerationRecord, keywords: list[str], record_json: str | None) -> bytes:
    attrs = [f"xmp:CreatorTool={quoteattr(record.app)}"]
    if record.created:
        attrs.append(f"xmp:CreateDate={quoteattr(record.created)}")
    attrs.append(f"Iptc4xmpExt:DigitalSourceType={quoteattr(TRAINED_ALGORITHMIC_MEDIA)}")
    body = [
        '   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">'
        f"{_text(record.prompt)}</rdf:li></rdf:Alt></dc:description>"
    ]
    if keywords:
        items = "".join(f"<rdf:li>{_text(k)}</rdf:li>" for k in keywords)
        body.append(f"   <dc:subject><rdf:Bag>{items}</rdf:Bag></dc:subject>")
    if record_json is not None:
        # The full record as one string property of our own namespace: XMP is the one block JPEG and
        # WEBP share, it is UTF-8, and metadata editors (exiftool, Lightroom, Bridge) keep unknown
        # namespaces when they rewrite the packet, where an app-specific APPn segment would be dropped.
        body.append(f"   <seedream:Record>{_text(record_json)}</seedream:Record>")
    text = "\n".join(
        [
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
            f'<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk={quoteattr(record.app)}>',
            f' <rdf:RDF xmlns:rdf="{NS_RDF}">',
            '  <rdf:Description rdf:about=""',
            f'    xmlns:dc="{NS_DC}"',
            '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
            '    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"',
            f'    xmlns:seedream="{NS_SEEDREAM}"',
            *(f"    {a}" for a in attrs[:-1]),
            f"    {attrs[-1]}>",
            *body,
            "  </rdf:Description>",
            " </rdf:RDF>",
            "</x:xmpmeta>",
            # No padding: the file is written once; tools that edit it rewrite the packet anyway.
            '<?xpacket end="w"?>',
        ]
    )
    return text.encode("utf-8")


_OPEN, _CLOSE = b"<seedream:Record>", b"</seedream:Record>"
# The entities _text() writes; a packet another tool rewrote may use others and goes to the full parser.
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&#xD;", "\r"), ("&amp;", "&"))


class UnreadableXmp(ValueError):
    """An XMP packet that is not well-formed XML, or declares a DOCTYPE or entities (never read)."""


def read_record_json(packet: bytes, *, strict: bool = False) -> str | None:
    """Our JSON record from an XMP packet: found directly in our own serialisation (indexing reads
    thousands of files), through a real XML parse when another tool has rewritten the packet.

    ``strict``: an unreadable packet raises UnreadableXmp instead of giving None."""
    start = packet.find(_OPEN)
    end = packet.find(_CLOSE, start)
    if start >= 0 and end > start:
        text = packet[start + len(_OPEN) : end].decode("utf-8", "replace")
        if "<" not in text and text.count("&") == sum(text.count(e) for e, _ in _ENTITIES):
            for entity, char in _ENTITIES:
                text = text.replace(entity, char)
            return text
    return read_xmp(packet, strict=strict)[0]


def read_xmp(packet: bytes, *, strict: bool = False) -> tuple[str | None, str | None]:
    """(our JSON record, dc:description) from any XMP packet, ours or rewritten by another tool."""
    try:
        root = parse_xml(packet.strip(b"\x00 \t\r\n"))
    except UnreadableXmp:
        if strict:
            raise
        return None, None
    record: str | None = None
    description: str | None = None
    tag = f"{{{NS_SEEDREAM}}}Record"
    for element in root.iter():
        if record is None:
            if element.tag == tag and element.text:
                record = element.text
            elif tag in element.attrib:
                record = element.attrib[tag]
        if description is None and element.tag == f"{{{NS_DC}}}description":
            items = list(element.iter(f"{{{NS_RDF}}}li"))
            default = [li for li in items if li.get(f"{{{NS_XML}}}lang") == "x-default"]
            chosen = (default or items)[:1]
            if chosen and chosen[0].text:
                description = chosen[0].text
    return record, description


def parse_xml(data: bytes) -> ET.Element:
    """An element tree from ``data``, refusing any DOCTYPE: XMP never has one, and a DOCTYPE is how a
    file declares entities that expand a few bytes into gigabytes ("billion laughs") or point at other
    files. Parsed by expat directly so the refusal comes before a single entity is declared."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_: object) -> None:
        raise UnreadableXmp("XMP with a DOCTYPE or entity declarations")

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.StartElementHandler = lambda name, attrs: builder.start(
        _qualified(name), {_qualified(k): v for k, v in attrs.items()}
    )
    parser.EndElementHandler = lambda name: builder.end(_qualified(name))
    parser.CharacterDataHandler = builder.data
    try:
        parser.Parse(data, True)
        root = builder.close()
    except (expat.ExpatError, ValueError, AssertionError) as exc:  # ET's builder asserts on a bad tree
        raise UnreadableXmp(str(exc)) from None
    except RecursionError:
        raise UnreadableXmp("XMP nested too deep") from None
    return root


def _qualified(name: str) -> str:
    # expat gives "uri}local" for a namespaced name; ElementTree writes "{uri}local".
    return "{" + name if "}" in name else name
