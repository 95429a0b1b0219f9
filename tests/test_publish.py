"""The published pages, read back as a reader's browser would: rows, languages, review marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from publish_project import (
    CAPTION,
    ENGLISH,
    FIRST,
    HEADLINE,
    RUSSIAN,
    SECOND,
    cells,
    content_rows,
    parse_html,
    write_catalog,
    write_document,
    write_source,
)

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.publish import PublishOptions, PublishReport, publish

DOC = "prueba"


def run(root: Path, **options: object) -> PublishReport:
    return publish(Settings(root=root), PublishOptions(**options))  # type: ignore[arg-type]


def page(root: Path, name: str = "index.html", doc: str = DOC):
    return parse_html(root / "output" / doc / name)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write_document(tmp_path, DOC)
    return tmp_path


def test_every_layout_is_written_as_html_and_markdown(project: Path) -> None:
    report = run(project)
    written = {result.path for result in report.files}
    # each language's edition page too (saying it waits: neither catalog is complete)
    assert written == {
        f"output/{DOC}/{name}.{suffix}"
        for name in ("index", "es-en", "es-ru")
        for suffix in ("html", "md")
    } | {"output/index.html", f"output/{DOC}/en.html", f"output/{DOC}/ru.html"}
    assert not report.errors


def test_one_row_per_source_paragraph_in_order(project: Path) -> None:
    run(project)
    rows = content_rows(page(project))
    assert [cells(row)[0].text.strip() for row in rows] == [HEADLINE, CAPTION, FIRST, SECOND]
    assert [row.classes - {"row"} for row in rows] == [
        {"title"},
        {"caption"},
        {"paragraph"},
        {"paragraph"},
    ]


def test_every_cell_names_its_language_in_column_order(project: Path) -> None:
    run(project)
    # the page's own language: the source's on the page of all, the translation's on its own
    for name, languages, page_lang in (
        ("index.html", ["es", "en", "ru"], "es"),
        ("es-en.html", ["es", "en"], "en"),
        ("es-ru.html", ["es", "ru"], "ru"),
    ):
        tree = page(project, name)
        assert tree.find("html").attrs["lang"] == page_lang
        for row in tree.find_all("div", "row"):
            assert [cell.attrs["lang"] for cell in cells(row)] == languages


def test_headline_is_a_heading_in_every_column_and_caption_a_caption(project: Path) -> None:
    run(project)
    title, caption, *_ = content_rows(page(project))
    assert [cell.find("h1").visible_text.strip() for cell in cells(title)] == [
        HEADLINE,
        ENGLISH[HEADLINE][0],
        RUSSIAN[HEADLINE][0],
    ]
    assert "caption" in caption.classes
    assert not caption.find_all("h1")


def test_drafts_are_marked_exactly_where_the_catalog_entry_is_fuzzy(project: Path) -> None:
    run(project)
    tree = page(project)
    marked = {
        (cell.attrs["lang"], cells(row)[0].text.strip())
        for row in content_rows(tree)
        for cell in cells(row)
        if "draft" in cell.classes
    }
    fuzzy = {
        (lang, msgid)
        for lang, entries in (("en", ENGLISH), ("ru", RUSSIAN))
        for msgid, (msgstr, is_fuzzy) in entries.items()
        if is_fuzzy and msgstr
    }
    assert marked == fuzzy
    assert "traducción automática" in tree.find("p", "legend").text  # the page's language


def test_a_page_without_drafts_has_no_legend(tmp_path: Path) -> None:
    reviewed = {msgid: (msgstr, False) for msgid, (msgstr, _) in ENGLISH.items()}
    write_document(tmp_path, DOC, en=reviewed)
    run(tmp_path)
    assert not page(tmp_path, "es-en.html").find_all("p", "legend")


def test_untranslated_paragraphs_say_translation_pending_not_the_source(project: Path) -> None:
    run(project)
    last = content_rows(page(project))[-1]
    source, english, russian = cells(last)
    # no entry in en; an empty msgstr in ru; each cell says so in its own language
    for cell, pending in ((english, "translation pending"), (russian, "перевод не готов")):
        assert cell.text.strip() == pending
        assert "untranslated" in cell.classes
    assert SECOND not in english.text + russian.text


def test_obsolete_entries_are_not_used(tmp_path: Path) -> None:
    write_document(tmp_path, DOC)
    catalog_path = write_catalog(tmp_path, DOC, "en", {})
    catalog_path.write_text(
        catalog_path.read_text(encoding="utf-8") + f'\n#~ msgid "{SECOND}"\n#~ msgstr "Old."\n',
        encoding="utf-8",
    )
    run(tmp_path)
    assert "Old." not in (tmp_path / "output" / DOC / "es-en.html").read_text(encoding="utf-8")


def test_no_break_spaces_are_kept(project: Path) -> None:
    run(project)
    html = (project / "output" / DOC / "index.html").read_text(encoding="utf-8")
    assert FIRST in html and ENGLISH[FIRST][0] in html


def test_hostile_text_is_escaped_in_html_and_markdown(tmp_path: Path) -> None:
    hostile = 'Titular <script>alert("es")</script>'
    translation = "Headline <script>alert(1)</script> & <b>bold</b>"
    write_document(tmp_path, DOC, text=hostile + "\n", en={hostile: (translation, False)}, ru={})
    run(tmp_path)
    tree = page(tmp_path)
    assert not tree.find_all("script") and not tree.find_all("b")
    source, english, _ = cells(content_rows(tree)[0])
    assert source.text.strip() == hostile
    assert english.text.strip() == translation
    markdown = (tmp_path / "output" / DOC / "es-en.md").read_text(encoding="utf-8")
    assert "<script>" not in markdown and r"\<script\>" in markdown


def test_reviewed_only_withholds_drafts(project: Path) -> None:
    run(project, reviewed_only=True)
    tree = page(project)
    caption_en = cells(content_rows(tree)[1])[1]
    assert caption_en.text.strip() == "translation pending review"
    assert "withheld" in caption_en.classes
    assert not tree.find_all(cls="draft")
    html = (project / "output" / DOC / "index.html").read_text(encoding="utf-8")
    assert ENGLISH[CAPTION][0] not in html and RUSSIAN[HEADLINE][0] not in html
    assert ENGLISH[HEADLINE][0] in html  # reviewed text is still shown


def test_min_reviewed_leaves_out_languages_below_it_and_says_so(project: Path) -> None:
    report = run(project, min_reviewed=30)
    out = project / "output" / DOC
    assert (out / "es-en.html").exists()
    for name in ("es-ru.html", "es-ru.md", "ru.html"):  # its addresses say it is held back
        held_back = (out / name).read_text(encoding="utf-8")
        assert "Перевод на русский пока недоступен: проверено 0\u00a0% слов оригинала" in held_back
        assert RUSSIAN[HEADLINE][0] not in held_back
    assert [cell.attrs["lang"] for cell in cells(content_rows(page(project))[0])] == ["es", "en"]
    assert report.notes == [
        f"{DOC}: ru left out: 0% of the source words reviewed, below --min-reviewed 30%",
        f"{DOC}: en edition held back: 1 of 4 paragraphs have no translation yet; "
        "publish --fallback-source shows the source text there",
    ]
    index = parse_html(project / "output" / "index.html").text
    assert "no publicado: por debajo del mínimo del 30\u00a0%" in index


def test_min_reviewed_replaces_pages_published_by_an_earlier_run(project: Path) -> None:
    run(project)
    report = run(project, min_reviewed=30)
    written = {result.path for result in report.files if result.action == "written"}
    assert {f"output/{DOC}/es-ru.html", f"output/{DOC}/es-ru.md"} <= written
    assert not [result for result in report.files if result.action == "removed"]
    page = (project / "output" / DOC / "es-ru.html").read_text(encoding="utf-8")
    assert "пока недоступен" in page and RUSSIAN[FIRST][0] not in page


def test_index_lists_documents_with_the_reviewed_share(project: Path) -> None:
    run(project)
    index = parse_html(project / "output" / "index.html")
    link = index.find("td", "title").find("a")
    assert link.attrs["href"] == f"{DOC}/index.html" and link.text == HEADLINE
    # English: headline (3 words) and first paragraph (8 words) reviewed of 26 words: 42.3%.
    assert [td.text for td in index.find("tbody").find_all("td")[2:]] == [
        "42\u00a0% revisado",
        "0\u00a0% revisado",
    ]


def test_a_project_template_overrides_the_packaged_one(project: Path) -> None:
    templates = project / "templates"
    templates.mkdir()
    (templates / "parallel.css").write_text(".house-style { color: teal; }\n", encoding="utf-8")
    run(project)
    html = (project / "output" / DOC / "index.html").read_text(encoding="utf-8")
    assert ".house-style { color: teal; }" in html
    assert "grid-auto-flow" not in html  # the packaged stylesheet was replaced, not added to
    assert content_rows(page(project))  # the other templates still come from the package


def test_publishing_twice_changes_no_byte(project: Path) -> None:
    run(project)
    output = project / "output"
    before = {path: path.read_bytes() for path in output.rglob("*") if path.is_file()}
    report = run(project)
    assert {result.action for result in report.files} == {"unchanged"}
    assert {path: path.read_bytes() for path in output.rglob("*") if path.is_file()} == before


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda path: path.unlink(), "no ru catalog for broken; run `pipeline extract`"),
        (
            lambda path: path.write_text("garbage\n", encoding="utf-8"),
            ":1: syntax error in PO file",
        ),
    ],
    ids=["missing", "broken"],
)
def test_a_bad_catalog_fails_its_document_only_and_its_error_stays_off_the_index(
    project: Path, damage, message: str
) -> None:
    write_source(project, "broken")
    damage(write_catalog(project, "broken", "ru", RUSSIAN))
    write_catalog(project, "broken", "en", ENGLISH)
    report = run(project)
    (error,) = report.errors
    assert error.startswith("locales/ru/LC_MESSAGES/broken.po") and message in error
    assert (project / "output" / DOC / "index.html").exists()
    assert not (project / "output" / "broken").exists()
    index = (project / "output" / "index.html").read_text(encoding="utf-8")
    assert "No publicado: pendiente de una corrección de la redacción" in index
    assert "locales/" not in index and message not in index  # the error is for publish's user


def test_markdown_has_one_block_per_paragraph_each_line_labelled(project: Path) -> None:
    run(project)
    markdown = (project / "output" / DOC / "es-ru.md").read_text(encoding="utf-8")
    intro, *blocks = markdown.split("\n---\n")
    assert "(es, ru)" in intro
    assert [block.strip().split("\n\n") for block in blocks] == [
        [f"# **es:** {HEADLINE}", f"# **ru (черновик):** {RUSSIAN[HEADLINE][0]}"],
        [f"**es:** *{CAPTION}*", f"**ru (черновик):** *{RUSSIAN[CAPTION][0]}*"],
        [f"**es:** {FIRST}", f"**ru (черновик):** {RUSSIAN[FIRST][0]}"],
        [f"**es:** {SECOND}", "**ru:** *перевод не готов*"],
    ]


def test_with_one_translation_left_the_pages_link_each_layout_once(project: Path) -> None:
    run(project, min_reviewed=30)
    nav = page(project, "es-en.html").find("nav")
    pages = [node.text for node in nav.children if "editions" not in node.classes]
    assert pages == ["All documents", "es | en", "Markdown"]
    assert nav.find("span").attrs["aria-current"] == "page"


def test_a_mistake_in_a_project_page_template_fails_the_documents_naming_it(
    project: Path,
) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "parallel.md").write_text("{{ text.no_such_field }}\n", "utf-8")
    (error,) = run(project).errors
    assert error.startswith("templates/parallel.md: template error: ") and "no_such_field" in error
    assert not (project / "output" / DOC).exists()  # no page half-published
    assert (project / "output" / "index.html").exists()


def test_a_syntax_error_in_the_index_template_names_file_and_line(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "index.html").write_text("<p>\n{% for %}\n", "utf-8")
    with pytest.raises(PipelineError, match=r"^templates/index\.html:2: template error: "):
        run(project)


def test_bidi_overrides_in_a_translation_are_dropped_from_pages(tmp_path: Path) -> None:
    tricky = "First body paragraph, \u202eesrever ni\u202c with a\u00a0hard space."
    write_document(tmp_path, DOC, en={**ENGLISH, FIRST: (tricky, False)})
    run(tmp_path)
    for name in ("index.html", "es-en.html", "es-en.md"):
        text = (tmp_path / "output" / DOC / name).read_text("utf-8")
        assert "esrever ni" in text and "\u202e" not in text and "\u202c" not in text, name
