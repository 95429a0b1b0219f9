"""XML files people bring (TMX memories, XLIFF files) read safely, errors naming the file."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from pipeline.errors import PipelineError
from pipeline.files import read_regular_file


def parse_xml(path: Path, display: str, advice: str) -> etree._ElementTree:
    """The parsed file: no entities resolved, no network, comments dropped.

    A pipe or a folder, an unreadable file or XML that is not well-formed is a PipelineError
    naming ``display`` (with the line) and ending with ``advice``.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        data = read_regular_file(path, display, "an XML file")
        return etree.ElementTree(etree.fromstring(data, parser))
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else 0
        raise PipelineError(f"{display}:{line}: not well-formed XML ({exc.msg}); {advice}") from exc
    except OSError as exc:
        raise PipelineError(f"{display}: cannot read it: {exc.strerror or exc}") from exc
