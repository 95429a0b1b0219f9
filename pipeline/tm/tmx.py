"""TMX 1.4b, the exchange format of translation memories, read and written with lxml.

A translation unit (``<tu>``) holds one variant (``<tuv xml:lang=…>``) per language. Written
units carry the document they were reviewed in as ``<prop type="x-document">``, and each variant
its review date as ``creationdate`` and its reviewer as ``creationid`` (a unit's own, when the
file gives them there, stand for all of its variants). Read segments keep their text; inline
codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``) stand for the original format's markup, which
plain paragraphs do not have, so their content is left out and the text around them kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError
from pipeline.xml_files import parse_xml

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCUMENT_PROP = "x-document"
_CODES = {"bpt", "ept", "ph", "it", "ut"}  # inline codes: native markup, not text


@dataclass(frozen=True)
class Variant:
    """One language's text of a translation unit."""

    lang: str
    text: str
    date: str | None = None  # TMX's YYYYMMDDThhmmssZ
    author: str | None = None


@dataclass(frozen=True)
class TranslationUnit:
    """A ``<tu>``: its variants, and the document it comes from."""

    variants: tuple[Variant, ...]
    doc: str = ""

    def variant(self, lang: str) -> Variant | None:
        """The variant in ``lang`` (``es`` matches ``es-ES``, case aside) with a text, if any."""
        for variant in self.variants:
            if same_language(variant.lang, lang) and variant.text.strip():
                return variant
        return None


def same_language(tag: str, code: str) -> bool:
    """True if the TMX tag ``tag`` is the project's language ``code`` (a bare code matches any
    region of it: ``es`` is ``es-ES``, ``es-419``; ``pt-BR`` only ``pt-BR``)."""
    tag, code = tag.lower().replace("_", "-"), code.lower().replace("_", "-")
    return tag == code or ("-" not in code and tag.split("-")[0] == code)


def read_tmx(path: Path, display: str) -> tuple[str, list[TranslationUnit]]:
    """The source language the header declares and the units of a TMX file.

    Anything that is not a well-formed TMX document is a :class:`PipelineError` naming the file.
    """
    root = parse_xml(path, display, "export the memory again as TMX").getroot()
    header = root.find("header")
    if root.tag != "tmx" or header is None or root.find("body") is None:
        raise PipelineError(
            f"{display}:{root.sourceline}: not a TMX file (a <tmx> element with a <header> and a "
            "<body> is expected); give a TMX 1.4 memory"
        )
    srclang = header.get("srclang", "")
    units = [_unit(tu, display) for tu in root.iterfind("body/tu")]
    return srclang, units


def _unit(tu: etree._Element, display: str) -> TranslationUnit:
    variants = []
    for tuv in tu.iterfind("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang")  # TMX 1.1 used a plain lang attribute
        seg = tuv.find("seg")
        if not lang or seg is None:
            raise PipelineError(
                f"{display}:{tuv.sourceline}: a <tuv> needs an xml:lang and a <seg>; fix the "
                "memory or export it again"
            )
        date = tuv.get("creationdate") or tu.get("creationdate")
        author = tuv.get("creationid") or tu.get("creationid")
        variants.append(Variant(lang, _seg_text(seg), date, author))
    doc = next((p.text or "" for p in tu.iterfind("prop") if p.get("type") == DOCUMENT_PROP), "")
    return TranslationUnit(tuple(variants), doc)


def _seg_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _CODES:
            parts.append(_seg_text(child))  # <hi> and <sub> hold text
        parts.append(child.tail or "")
    return "".join(parts)


def write_tmx(source_lang: str, units: Sequence[TranslationUnit], tool_version: str) -> bytes:
    """A TMX 1.4b document of ``units`` (paragraph segments, plain text)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        creationtool="pipeline",
        creationtoolversion=tool_version,
        segtype="paragraph",
        adminlang="en",
        srclang=source_lang,
        datatype="plaintext",
        **{"o-tmf": "gettext"},
    )
    body = etree.SubElement(root, "body")
    for unit in units:
        _write_unit(body, unit)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _write_unit(body: etree._Element, unit: TranslationUnit) -> None:
    tu = etree.SubElement(body, "tu")
    if unit.doc:
        etree.SubElement(tu, "prop", type=DOCUMENT_PROP).text = unit.doc
    for variant in unit.variants:
        attributes = {XML_LANG: variant.lang}
        if variant.date:
            attributes["creationdate"] = variant.date
        if variant.author:
            attributes["creationid"] = variant.author
        tuv = etree.SubElement(tu, "tuv", attributes)
        etree.SubElement(tuv, "seg").text = variant.text
