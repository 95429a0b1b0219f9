"""Each language's own edition: in the source's format and as a standalone HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from publish_project import (
    CAPTION,
    ENGLISH,
    HEADLINE,
    RUSSIAN,
    SECOND,
    cells,
    content_rows,
    copy_drafted,
    parse_html,
    write_catalog,
    write_document,
    write_source,
)

from pipeline.cli import main
from pipeline.languages import text_direction

ARTICLE = """\
# Rusia y Kazajistán firman una alianza

El acuerdo, en [el sitio del Kremlin](http://kremlin.ru/events "Kremlin"), da **1.500,75** euros.

## Un corredor

- Un corredor con el `código` de proyecto.
- Una *segunda* línea.

> Es un paso histórico.

![Foto del acuerdo](foto.jpg "Firma")

```
código sin traducir
```
"""


def invoke(project: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--project", str(project), *args])


def run(project: Path, *args: str) -> Result:
    result = invoke(project, *args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def drafted(tmp_path: Path, install_argos) -> Path:
    """A Markdown article with copy-model drafts in English and Russian."""
    return copy_drafted(tmp_path, install_argos, "nota.md", ARTICLE)


def test_copy_model_editions_are_the_source_but_for_the_numbers_written_the_languages_way(
    drafted: Path,
) -> None:
    run(drafted, "publish")
    out = drafted / "output" / "nota"
    english = (out / "en.md").read_text(encoding="utf-8")
    russian = (out / "ru.md").read_text(encoding="utf-8")
    assert english == ARTICLE.replace("1.500,75", "1,500.75")
    assert russian == ARTICLE.replace("1.500,75", "1\u00a0500,75")


def test_the_edition_page_has_the_languages_lang_and_dir_and_the_articles_blocks(
    drafted: Path,
) -> None:
    run(drafted, "publish")
    path = drafted / "output" / "nota" / "en.html"
    page = parse_html(path)
    html = page.find("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("en", "ltr")
    main_ = page.find("main")
    assert [node.tag for node in main_.children] == [
        *("h1", "p", "h2", "ul", "blockquote", "p", "pre")
    ]
    assert [item.visible_text for item in main_.find("ul").find_all("li")] == [
        "Un corredor con el código de proyecto.",
        "Una segunda línea.",
    ]
    link = main_.find("a")
    assert link.attrs["href"] == "http://kremlin.ru/events" and link.text == "el sitio del Kremlin"
    assert main_.find("img").attrs["src"] == "foto.jpg"
    blocks = [node for node in main_.children if node.tag not in ("ul", "pre")]
    blocks += main_.find_all("li")
    assert all("draft" in node.classes for node in blocks)  # copy drafts, none reviewed
    assert "Like this</span> marks machine translation" in path.read_text(encoding="utf-8")


def test_code_blocks_are_on_the_edition_page_as_written_and_escaped(
    tmp_path: Path, install_argos
) -> None:
    article = (
        "# Datos\n\n    <script>alert(1)</script>\n\n- Uno\n\n  ```json\n"
        '  {"a": 1}\n  ```\n- Dos\n\nFin.\n'
    )
    copy_drafted(tmp_path, install_argos, "nota.md", article)
    run(tmp_path, "publish")
    page = (tmp_path / "output" / "nota" / "en.html").read_text(encoding="utf-8")
    assert "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>" in page
    assert '<pre><code class="language-json">{&#34;a&#34;: 1}\n</code></pre>' in page
    # a list is closed around the code in an item of it, so that the page stays valid HTML
    tags = [
        node.tag
        for node in parse_html(tmp_path / "output" / "nota" / "en.html").find("main").children
    ]
    assert tags == ["h1", "pre", "ul", "pre", "ul", "p"]


def test_a_code_block_above_every_paragraph_or_after_a_hidden_title_repeat_is_kept(
    tmp_path: Path, install_argos
) -> None:
    article = "---\ntitle: Datos\n---\n\n# Datos\n\n    uno\n\nFin.\n"
    copy_drafted(tmp_path, install_argos, "nota.md", article)
    (tmp_path / "seeds" / "otra.md").write_text("    dos\n\nFin.\n", encoding="utf-8")
    run(tmp_path, "translate")
    run(tmp_path, "publish")
    main_ = parse_html(tmp_path / "output" / "nota" / "en.html").find("main")
    assert [node.tag for node in main_.children] == ["h1", "pre", "p"]
    main_ = parse_html(tmp_path / "output" / "otra" / "en.html").find("main")
    assert [(node.tag, node.visible_text) for node in main_.children] == [
        ("pre", "dos\n"),
        ("p", "Fin."),
    ]


def test_code_blocks_are_on_the_parallel_pages_in_every_column_where_the_source_has_them(
    tmp_path: Path, install_argos
) -> None:
    article = '    antes\n\n# Datos\n\n```json\n{"a": 1}\n```\n\nFin.\n'
    copy_drafted(tmp_path, install_argos, "nota.md", article)
    run(tmp_path, "publish")
    for page, columns in (("es-en", 2), ("index", 3)):
        rows = content_rows(parse_html(tmp_path / "output" / "nota" / f"{page}.html"))
        code_rows = [row for row in rows if "code" in row.classes]
        code = [[cell.find("pre").visible_text for cell in cells(row)] for row in code_rows]
        assert code == [["antes\n"] * columns, ['{"a": 1}\n'] * columns]
        # each after the row it follows in the source: the first above the heading
        assert ["code" in row.classes for row in rows] == [True, False, True, False]


def full_english(project: Path, caption_reviewed: bool = True) -> None:
    """A project with a plain-text document whose English catalog translates every paragraph."""
    write_document(project, "prueba")
    entries = dict(ENGLISH)
    entries[CAPTION] = (ENGLISH[CAPTION][0], not caption_reviewed)
    entries[SECOND] = ("Second paragraph.", False)
    write_catalog(project, "prueba", "en", entries)


def test_a_text_edition_is_the_source_with_each_paragraph_translated(tmp_path: Path) -> None:
    full_english(tmp_path)
    run(tmp_path, "publish")
    edition = (tmp_path / "output" / "prueba" / "en.txt").read_text(encoding="utf-8")
    assert edition == (
        "Test headline\n\nTest photo caption\n\n"
        "First body paragraph, with a\u00a0hard space.\n\nSecond paragraph.\n"
    )


def test_an_incomplete_edition_waits_behind_a_page_at_its_address(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")  # one Russian paragraph has no translation
    result = run(tmp_path, "publish")
    out = tmp_path / "output" / "prueba"
    assert not (out / "ru.txt").exists()
    page = (out / "ru.html").read_text(encoding="utf-8")
    assert "Перевод на русский пока недоступен: 1 из 4 абзацев ещё не переведён." in page
    assert RUSSIAN[HEADLINE][0] not in page
    assert "skipped   prueba: ru edition held back: 1 of 4 paragraphs" in result.output


def test_fallback_source_fills_the_gaps_with_the_source_marked_as_such(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    run(tmp_path, "publish", "--fallback-source")
    out = tmp_path / "output" / "prueba"
    page = parse_html(out / "ru.html")
    (stand_in,) = page.find("main").find_all(cls="source")
    assert stand_in.attrs["lang"] == "es"
    assert stand_in.text == SECOND
    legend = "ещё не переведённый текст: он показан на языке оригинала (испанский)"
    assert legend in page.find("header").text
    assert "Segundo párrafo del cuerpo" in (out / "ru.txt").read_text(encoding="utf-8")


def test_reviewed_only_holds_back_an_edition_with_drafts_and_removes_the_old_one(
    tmp_path: Path,
) -> None:
    full_english(tmp_path, caption_reviewed=False)
    run(tmp_path, "publish")
    out = tmp_path / "output" / "prueba"
    assert "Test photo caption" in (out / "en.txt").read_text(encoding="utf-8")
    result = run(tmp_path, "publish", "--reviewed-only")
    assert "removed   output/prueba/en.txt" in result.output
    assert "1 of 4 paragraphs has no reviewed translation yet" in (out / "en.html").read_text(
        encoding="utf-8"
    )


def test_hostile_catalog_text_stays_escaped_on_the_edition_page(tmp_path: Path) -> None:
    hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> "&'
    write_document(tmp_path, "hostil", "Titular\n", en={"Titular": (hostile, False)})
    run(tmp_path, "publish")
    page = (tmp_path / "output" / "hostil" / "en.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;" in page


def test_a_removed_sources_editions_are_removed_and_named(tmp_path: Path) -> None:
    full_english(tmp_path)
    run(tmp_path, "publish")
    (tmp_path / "seeds" / "prueba.txt").unlink()
    result = run(tmp_path, "publish")
    for name in ("en.txt", "en.html", "ru.html"):
        assert f"removed   output/prueba/{name}" in result.output
    assert not (tmp_path / "output" / "prueba").exists()


def test_a_right_to_left_languages_edition_page_says_so(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\ntarget_languages = ["ar"]\n')
    write_source(tmp_path, "prueba", "Titular\n")
    write_catalog(tmp_path, "prueba", "ar", {"Titular": ("عنوان", False)})
    run(tmp_path, "publish")
    html = parse_html(tmp_path / "output" / "prueba" / "ar.html").find("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("ar", "rtl")


def test_a_page_is_right_to_left_for_a_language_cldr_writes_so() -> None:
    assert [text_direction(code) for code in ("ar", "he-IL", "ru", "en", "xx")] == [
        "rtl",
        "rtl",
        "ltr",
        "ltr",
        "ltr",
    ]


def test_no_link_on_any_page_is_broken_when_languages_are_held_back(tmp_path: Path) -> None:
    write_document(tmp_path, "prueba")
    run(tmp_path, "publish", "--min-reviewed", "30")  # Russian held back, English incomplete
    output = tmp_path / "output"
    targets = {
        (path.parent / link.attrs["href"]).resolve()
        for path in output.rglob("*.html")
        for link in parse_html(path).find_all("a")
    }
    assert len(targets) > 5
    assert [target for target in targets if not target.is_file()] == []
