"""Markdown sources: one segment per translatable block, its markup as written, its span exact."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.document import Kind
from pipeline.errors import PipelineError
from pipeline.segment import discover_sources, load_document
from pipeline.sources.markdown import segment_markdown

ARTICLE = Path(__file__).parent / "fixtures" / "segment" / "articulo-markdown.md"

EXPECTED = [
    ("El puerto de Valencia bate su récord", "heading 1", 1),
    ("Un año de **crecimiento**", "heading 2", 3),
    (
        "El tráfico de contenedores creció un 12 % según "
        "[la autoridad portuaria](https://example.org/apv).",
        "paragraph",
        5,
    ),
    ("Más barcos en *enero*.", "list item", 8),
    ("Nuevas grúas en el muelle.", "list item", 9),
    ("Obras en la ~~antigua~~ nueva terminal.", "list item", 10),
    ("«Es un año histórico», dijo la presidenta.", "blockquote", 12),
    ("Mes", "table cell", 23),
    ("Barcos", "table cell", 23),
    ("Enero", "table cell", 25),
    ("120", "table cell", 25),
    ("Setext", "heading 2", 27),
    ("Primero con continuación", "numbered list item", 30),
]


def run(project: Path, *args: str):
    return CliRunner().invoke(main, ["--project", str(project), *args])


def spanned(source: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return source[span[0] : span[1]]


def soft_breaks_joined(text: str) -> str:
    return " ".join(line.strip().removeprefix("> ") for line in text.split("\n"))


def test_an_article_gives_one_segment_per_block_with_label_and_line() -> None:
    segments = segment_markdown(ARTICLE.read_text("utf-8"))

    assert [(s.text, s.label, s.line) for s in segments] == EXPECTED


def test_only_the_first_level_one_heading_is_the_title() -> None:
    segments = segment_markdown("# Titular\n\nTexto.\n\n# Otro\n")

    assert [s.kind for s in segments] == [Kind.TITLE, Kind.PARAGRAPH, Kind.PARAGRAPH]
    assert segments[2].type_label == "heading 1"


def test_code_html_and_reference_definitions_are_not_entries() -> None:
    source = "```\ncódigo\n```\n\n    indentado\n\n<div>HTML</div>\n\n[ref]: https://example.org\n"

    assert segment_markdown(source) == []


def test_each_span_covers_exactly_the_inline_content_as_written() -> None:
    source = ARTICLE.read_text("utf-8")
    for segment in segment_markdown(source):
        assert soft_breaks_joined(spanned(source, segment.span)) == segment.text
    multi_line = segment_markdown(source)[2]
    assert spanned(source, multi_line.span) == (
        "El tráfico de contenedores creció un 12 %\n"
        "según [la autoridad portuaria](https://example.org/apv)."
    )


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        ("## Cierre con almohadillas ##\n", ["Cierre con almohadillas"]),
        ("| a | a |\n|---|---|\n| b \\| c | a |\n", ["a", "a", "b \\| c", "a"]),
        ("> - citada en lista\n", ["citada en lista"]),
        ("- - anidada\n", ["anidada"]),
        ("* *énfasis* al principio\n", ["*énfasis* al principio"]),
    ],
)
def test_markers_and_repeated_cells_do_not_shift_spans(source: str, texts: list[str]) -> None:
    segments = segment_markdown(source)

    assert [s.text for s in segments] == texts
    assert [spanned(source, s.span) for s in segments] == texts


BLOCKS = st.sampled_from(
    [
        "# Titular",
        "## Sub *título*",
        "Un párrafo con **negrita**.",
        "Línea uno\nlínea dos.",
        "- uno\n- dos",
        "1. primero\n2. segundo",
        "> cita\n> seguida",
        "| a | b |\n|---|---|\n| c | a |",
        "```\ncódigo\n```",
        "<p>html</p>",
    ]
)


@given(st.lists(BLOCKS, min_size=1, max_size=8))
def test_spans_are_in_order_and_never_overlap(blocks: list[str]) -> None:
    source = "\n\n".join(blocks) + "\n"
    segments = segment_markdown(source)

    ends = 0
    for segment in segments:
        assert segment.span is not None and ends <= segment.span[0] < segment.span[1]
        ends = segment.span[1]
        assert soft_breaks_joined(spanned(source, segment.span)) == segment.text


def test_a_markdown_document_has_the_markdown_format(tmp_path: Path) -> None:
    path = tmp_path / "nota.markdown"
    shutil.copy(ARTICLE, path)

    assert load_document(path).format == "markdown"
    assert load_document(_text_file(tmp_path)).format == "text"


def _text_file(folder: Path) -> Path:
    path = folder / "otra.txt"
    path.write_text("Titular\n\nUn párrafo.\n", encoding="utf-8")
    return path


def _project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    shutil.copy(ARTICLE, tmp_path / "seeds" / "nota.md")
    return tmp_path


def test_extract_of_a_markdown_seed_writes_typed_entries_with_markup_as_written(
    tmp_path: Path,
) -> None:
    project = _project(tmp_path)

    result = run(project, "extract")

    assert result.exit_code == 0, result.output
    pot = polib.pofile(str(project / "locales" / "nota.pot"))
    by_msgid = {entry.msgid: entry for entry in pot}
    assert [entry.msgid for entry in pot] == [text for text, _, _ in EXPECTED]
    assert by_msgid["Más barcos en *enero*."].comment == "type: list item"
    assert by_msgid["Un año de **crecimiento**"].comment == "type: heading 2"
    assert by_msgid["El puerto de Valencia bate su récord"].occurrences == [("seeds/nota.md", "1")]
    raw = (project / "locales" / "nota.pot").read_text("utf-8")
    assert "#. type: table cell\n" in raw and "#. type: blockquote\n" in raw


def test_a_text_and_a_markdown_source_of_one_name_are_refused(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "seeds" / "nota.txt").write_text("Titular\n", encoding="utf-8")

    result = run(project, "extract")

    assert result.exit_code == 1
    assert "seeds/nota.md and seeds/nota.txt: two sources of the document 'nota'" in result.output
    with pytest.raises(PipelineError, match="nota.md and seeds/nota.txt"):
        discover_sources(project / "seeds")


def test_a_seed_of_an_unknown_suffix_is_reported_not_skipped(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "seeds" / "notas.docx").write_text("Titular\n", encoding="utf-8")
    (project / "seeds" / ".oculto").write_text("Titular\n", encoding="utf-8")
    (project / "seeds" / "borradores").mkdir()

    result = run(project, "extract")

    assert result.exit_code == 1
    assert "seeds/notas.docx: no source format reads .docx files" in result.output
    assert "oculto" not in result.output and "borradores" not in result.output
    assert (project / "locales" / "nota.pot").is_file()  # the good document still went through
