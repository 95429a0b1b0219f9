"""Parallel HTML pages of a Markdown source render its inline markup, and nothing hostile."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from publish_project import write_catalog

from pipeline.cli import main

ARTICLE = """\
# Crece el **río** en primavera

El caudal subió un *20 %* según [la agencia](https://example.org/agua) y <script>alert(1)</script>.

- Primer punto con [enlace malo](javascript:alert(1))
- Segundo punto `código`

> Una cita <img src=x onerror=alert(1)>.
"""


def published_page(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / name).write_text(text, encoding="utf-8")
    for command in ("extract", "publish"):
        result = CliRunner().invoke(main, ["--project", str(tmp_path), command])
        assert result.exit_code == 0, result.output
    return (tmp_path / "output" / Path(name).stem / "index.html").read_text(encoding="utf-8")


def test_markdown_emphasis_links_and_code_are_rendered(tmp_path: Path) -> None:
    page = published_page(tmp_path, "nota.md", ARTICLE)
    assert "<h1>Crece el <strong>río</strong> en primavera</h1>" in page
    assert '<em>20 %</em> según <a href="https://example.org/agua">la agencia</a>' in page
    assert "Segundo punto <code>código</code>" in page


def test_headings_list_items_and_quotes_keep_their_block_on_the_page(tmp_path: Path) -> None:
    article = "# Título\n\n## Subtítulo\n\n### Más\n\n- Uno\n- Dos\n\n> Cita.\n\nTexto.\n"
    page = published_page(tmp_path, "nota.md", article)
    assert "<h1>Título</h1>" in page
    assert "<h2>Subtítulo</h2>" in page and "<h3>Más</h3>" in page
    assert '<ul class="item"><li>Uno</li></ul>' in page
    assert "<blockquote><p>Cita.</p></blockquote>" in page
    assert "<p>Texto.</p>" in page


def test_raw_html_and_javascript_links_in_a_markdown_source_stay_inert(tmp_path: Path) -> None:
    page = published_page(tmp_path, "nota.md", ARTICLE)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert 'href="javascript:' not in page


def test_a_plain_text_source_keeps_its_asterisks_as_text(tmp_path: Path) -> None:
    page = published_page(tmp_path, "nota.txt", "Titular *sin* marcas\n\nUn <b>texto</b> llano.\n")
    assert "Titular *sin* marcas" in page and "<em>" not in page
    assert "Un &lt;b&gt;texto&lt;/b&gt; llano." in page


FRONT_MATTER_ARTICLE = """\
---
title: Crece el río en primavera
author: Ana Pérez
---
# Crece el río en primavera

El caudal subió.
"""


def test_a_heading_repeating_the_front_matter_title_is_shown_once(tmp_path: Path) -> None:
    page = published_page(tmp_path, "nota.md", FRONT_MATTER_ARTICLE)
    assert "<title>Crece el río en primavera (es | en | ru)</title>" in page
    assert page.count("<h1>Crece el río en primavera</h1>") == 1
    assert "<h2>" not in page and page.count('<div class="row ') == 3  # languages, title, text


def test_an_edition_in_markdown_keeps_the_title_and_the_heading(tmp_path: Path) -> None:
    published_page(tmp_path, "nota.md", FRONT_MATTER_ARTICLE)
    write_catalog(tmp_path, "nota", "en", {"Crece el río en primavera": ("River rises", False)})
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "publish", "--fallback-source"])
    assert result.exit_code == 0, result.output
    edition = (tmp_path / "output" / "nota" / "en.md").read_text(encoding="utf-8")
    assert edition.startswith("---\ntitle: River rises\nauthor: Ana Pérez\n---\n# River rises\n")
    html = (tmp_path / "output" / "nota" / "en.html").read_text(encoding="utf-8")
    assert "<title>River rises</title>" in html and html.count("River rises</h1>") == 1


def test_a_front_matter_title_of_its_own_stays_the_pages_title_row(tmp_path: Path) -> None:
    article = FRONT_MATTER_ARTICLE.replace("title: Crece el río en primavera", "title: El río")
    page = published_page(tmp_path, "nota.md", article)
    assert "<h1>El río</h1>" in page and "<h2>Crece el río en primavera</h2>" in page


REFERENCED = """\
# Informe

Según [el informe anual][informe], ver [informe], [Informe][] y [la nota][sin definir].

Un [enlace hostil][malo] y otro [con título][titulado].

[informe]: https://example.org/informe.pdf
[titulado]: https://example.org/t "Un <b>título</b>"

[malo]: javascript:alert(1)
"""


def test_reference_links_are_live_by_the_documents_definitions(tmp_path: Path) -> None:
    page = published_page(tmp_path, "nota.md", REFERENCED)
    link = '<a href="https://example.org/informe.pdf">'
    assert f"Según {link}el informe anual</a>, ver {link}informe</a>, {link}Informe</a>" in page
    assert "y [la nota][sin definir]." in page  # no such definition: text, as markdown-it says
    assert '<a href="https://example.org/t" title="Un &lt;b&gt;título&lt;/b&gt;">' in page


def test_a_javascript_reference_definition_leaves_its_link_inert(tmp_path: Path) -> None:
    page = published_page(tmp_path, "nota.md", REFERENCED)
    # markdown-it refuses the definition: its line is a paragraph, shown as text
    assert 'href="javascript:' not in page and "Un [enlace hostil][malo] y" in page


def test_reference_links_are_live_on_a_translations_edition_page(
    tmp_path: Path, install_argos
) -> None:
    install_argos("copy-es-en", "copy-en-ru")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.md").write_text(REFERENCED, encoding="utf-8")
    for command in ("translate", "publish"):
        result = CliRunner().invoke(main, ["--project", str(tmp_path), command])
        assert result.exit_code == 0, result.output
    for name in ("en.html", "es-ru.html", "index.html"):
        page = (tmp_path / "output" / "nota" / name).read_text(encoding="utf-8")
        assert '<a href="https://example.org/informe.pdf">el informe anual</a>' in page, name
        assert "][informe]" not in page and 'href="javascript:' not in page, name
