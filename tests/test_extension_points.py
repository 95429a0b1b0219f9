"""A source format and an output format, each written and registered in a test, run the real CLI.

These pin the "to add X" table of docs/architecture.md: a new kind of source is one parser
registered for its suffix; a new kind of page is one template registered as a page format.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import publish, sources
from pipeline.cli import main
from pipeline.document import Kind, Segment, SourceOptions
from pipeline.gettext import read_po


def one_paragraph_per_line(text: str, options: SourceOptions) -> list[Segment]:
    """A toy format: every non-blank line is a paragraph, the first one the title."""
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    return [
        Segment(line.strip(), Kind.TITLE if index == 0 else Kind.PARAGRAPH, number)
        for index, (number, line) in enumerate(lines)
    ]


def run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_a_registered_source_format_is_extracted_and_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "_FORMATS", dict(sources._FORMATS))
    sources.register(".lines", one_paragraph_per_line)
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nsource_glob = "*.lines"\n')
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.lines").write_text("Titular\nUna línea.\nOtra línea.\n")

    run(tmp_path, "extract")
    run(tmp_path, "publish")

    msgids = [entry.msgid for entry in read_po(tmp_path / "locales" / "en/LC_MESSAGES/nota.po")]
    assert msgids == ["Titular", "Una línea.", "Otra línea."]
    assert "Otra línea." in (tmp_path / "output" / "nota" / "es-en.html").read_text()


def test_an_unknown_source_suffix_is_named_with_the_known_ones(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nsource_glob = "*.docx"\n')
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.docx").write_text("Titular\n")

    result = CliRunner().invoke(main, ["--project", str(tmp_path), "extract"])

    assert result.exit_code == 1
    assert (
        "seeds/nota.docx: no source format reads .docx files "
        "(known: .htm, .html, .markdown, .md, .txt)" in result.output
    )


def test_a_registered_page_format_is_published_for_every_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "PAGE_FORMATS", list(publish.PAGE_FORMATS))
    publish.register_page_format(publish.PageFormat(".txt", "parallel.txt", "markdown"))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.txt").write_text("Titular de la nota\n\nEl río *crece*.\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "parallel.txt").write_text(
        "{% for row in text.rows %}{{ row.cells[0].text }}\n{% endfor %}"
    )

    run(tmp_path, "extract")
    output = run(tmp_path, "publish")

    for layout in ("index", "es-en", "es-ru"):
        page = tmp_path / "output" / "nota" / f"{layout}.txt"
        assert page.read_text() == "Titular de la nota\nEl río \\*crece\\*.\n"  # escaped as asked
        assert f"output/nota/{layout}.txt" in output
