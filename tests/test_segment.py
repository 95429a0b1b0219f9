"""Segmentation: golden files beside their expected segments and template, and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from pipeline.catalog import build_template
from pipeline.document import Kind
from pipeline.errors import PipelineError
from pipeline.gettext import format_po
from pipeline.segment import load_document, read_source
from pipeline.sources.text import segment_text

GOLDEN = Path(__file__).parent / "fixtures" / "segment"
FIXED_DATE = "2000-01-01 00:00+0000"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
SOURCES = sorted([*GOLDEN.glob("*.txt"), *GOLDEN.glob("*.md"), *GOLDEN.glob("*.html")])


def _segments_as_json(path: Path) -> str:
    document = load_document(path, path.name)
    rows = [{"kind": s.kind.value, "line": s.line, "text": s.text} for s in document.segments]
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def _template_text(path: Path) -> str:
    document = load_document(path, path.name)
    return format_po(build_template(document, f"seeds/{path.name}", created=FIXED_DATE))


def _check_golden(actual: str, expected_path: Path) -> None:
    if UPDATE:
        expected_path.write_text(actual, encoding="utf-8")
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_segments_match_golden_file(source: Path) -> None:
    _check_golden(_segments_as_json(source), source.with_suffix(".segments.json"))


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_template_matches_golden_file(source: Path) -> None:
    _check_golden(_template_text(source), source.with_suffix(".pot"))


def test_seed_has_thirteen_paragraphs_kept_exactly_as_written() -> None:
    seed = Path(__file__).parent.parent / "seeds" / "rusia-kazajistan-alianza.txt"
    document = load_document(seed)
    kinds = [s.kind for s in document.segments]
    assert len(document.segments) == 13
    assert kinds[:2] == [Kind.TITLE, Kind.CAPTION]
    assert set(kinds[2:]) == {Kind.PARAGRAPH}
    joined = "".join(s.text for s in document.segments)
    assert joined.count("\u00a0") == seed.read_text(encoding="utf-8").count("\u00a0") == 180
    assert "«abrirá una nueva era" in joined


def test_soft_wrap_is_joined_with_one_space() -> None:
    _title, body = segment_text("Título\n\nUna frase partida\nen dos líneas.")
    assert body.text == "Una frase partida en dos líneas."


def test_text_without_blank_lines_is_one_paragraph_per_line() -> None:
    segments = segment_text("Título\nPrimer párrafo.\nSegundo párrafo.\n")
    assert [s.text for s in segments] == ["Título", "Primer párrafo.", "Segundo párrafo."]
    assert [s.line for s in segments] == [1, 2, 3]


def test_paragraph_line_numbers_point_at_first_line() -> None:
    segments = segment_text("Título\n\n\nPárrafo uno\nsigue aquí.\n\nPárrafo dos.")
    assert [s.line for s in segments] == [1, 4, 7]


def test_crlf_and_bom_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"\xef\xbb\xbfT\xc3\xadtulo\r\n\r\nCuerpo.\r\n")
    assert read_source(path) == "Título\n\nCuerpo.\n"


def test_non_utf8_source_names_file_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Título\n\nAñadido.".encode("latin-1"))
    with pytest.raises(PipelineError, match=r"latin1\.txt: not UTF-8 \(byte 0xed at offset 1\)"):
        load_document(path, "latin1.txt")


def test_empty_document_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "vacio.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="vacio.txt: the document is empty"):
        load_document(path, "vacio.txt")


def test_directory_named_like_a_document_is_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "carpeta.txt"
    folder.mkdir()
    with pytest.raises(PipelineError, match="carpeta.txt: not a regular file"):
        load_document(folder, "carpeta.txt")
