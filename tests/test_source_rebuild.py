"""A source format's rebuilder: the document with each segment's text replaced, the rest kept."""

from pathlib import Path

from pipeline.document import Document
from pipeline.sources import format_for, format_named, rebuild_by_spans


def _document(name: str, source: str) -> Document:
    source_format = format_for(Path(name), name)
    return Document(
        doc_id=Path(name).stem,
        path=Path(name),
        segments=tuple(source_format.parser(source)),
        format=source_format.name,
        source_text=source,
    )


def test_markdown_rebuilt_with_its_own_texts_is_the_source_with_soft_wraps_joined():
    source = "# Título\n\nUno *dos*\ntres.\n\n- a\n- b\n\n```\ncódigo\n```\n"
    document = _document("a.md", source)
    rebuilt = rebuild_by_spans(document, [s.text for s in document.segments], "en")
    assert rebuilt == "# Título\n\nUno *dos* tres.\n\n- a\n- b\n\n```\ncódigo\n```\n"


def test_markdown_rebuilt_with_translations_keeps_every_marker_between_segments():
    document = _document("a.md", "## Sub\n\n> cita\n\n1. uno\n2. dos\n")
    rebuilt = rebuild_by_spans(document, ["Sub EN", "quote", "one", "two"], "en")
    assert rebuilt == "## Sub EN\n\n> quote\n\n1. one\n2. two\n"


def test_text_rebuilt_replaces_each_paragraph_and_keeps_the_blank_lines():
    document = _document("a.txt", "Título\n\nPrimer\npárrafo.\n\n\nSegundo.\n")
    rebuilt = rebuild_by_spans(document, ["Title", "First paragraph.", "Second."], "en")
    assert rebuilt == "Title\n\nFirst paragraph.\n\n\nSecond.\n"


def test_each_format_is_found_by_name_with_the_suffix_its_editions_take():
    assert format_named("markdown").suffix == ".md"
    assert format_named("text").suffix == ".txt"
    assert format_named("no-such-format") is None
