"""The pages' own text (navigation, legends, labels) is in the reader's language.

Published through the real CLI with the copy models: the Russian edition and the Russian column
speak Russian, the site's and the all-languages pages Spanish (the source's), and no English
page string is left on a page in another language. The shipped template and catalogs must hold
every string the templates mark.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner
from conftest import SEED
from jinja2.sandbox import SandboxedEnvironment
from publish_project import cells, content_rows, parse_html

from pipeline import page_text
from pipeline.cli import main
from pipeline.page_text.extract import LANGUAGES, template_strings

DOC = SEED.stem
NEW_PARAGRAPH = "Un párrafo nuevo que nadie ha traducido todavía."


def run(project: Path, *args: str) -> None:
    result = CliRunner().invoke(main, ["--project", str(project), *args])
    assert result.exit_code == 0, result.output


def english_phrases() -> list[str]:
    """The English of every template string, cut at its placeholders and tags: the phrases an
    English page string would leave on a page."""
    with page_text.TEMPLATE.open("rb") as pot:
        template = read_po(pot)
    phrases = []
    for message in template:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"%\(\w+\)[sd]|<[^>]*>", msgid):
                piece = piece.strip(" .,:;()“”")
                if len(re.sub(r"\W", "", piece)) >= 4:
                    phrases.append(piece)
    return phrases


def reader_text(path: Path) -> str:
    """What a reader meets on a page: its title, its text and the labels read out or shown."""
    tree = parse_html(path)
    labels = [
        node.attrs[name]
        for node in tree.find_all()
        for name in ("aria-label", "data-label", "title", "alt")
        if name in node.attrs
    ]
    return "\n".join([tree.find("title").text, tree.find("body").text, *labels])


def english_left(path: Path) -> list[str]:
    text = reader_text(path)
    return [phrase for phrase in english_phrases() if re.search(rf"\b{re.escape(phrase)}\b", text)]


@pytest.fixture
def published(project: Path, install_argos) -> Path:
    """The seed article drafted by the copy models, then a paragraph added that no one has
    translated, published with the source standing in for it in the editions."""
    install_argos("copy-es-en", "copy-en-ru")
    run(project, "translate")
    source = project / "seeds" / SEED.name
    text = source.read_text(encoding="utf-8").rstrip("\n")
    source.write_text(f"{text}\n\n{NEW_PARAGRAPH}\n", encoding="utf-8")
    run(project, "extract")
    run(project, "publish", "--fallback-source")
    return project / "output"


def test_the_russian_edition_and_the_russian_column_speak_russian(published: Path) -> None:
    edition, parallel = published / DOC / "ru.html", published / DOC / "es-ru.html"
    for page in (edition, parallel):
        assert parse_html(page).find("html").attrs["lang"] == "ru"
        assert english_left(page) == []
    assert english_left(published / DOC / "en.html")  # the scan finds English where it is
    header = parse_html(edition).find("header").text
    assert "Все документы" in header and "Так отмечен машинный перевод" in header
    assert "показан на языке оригинала (испанский)" in header
    russian = [cells(row)[1] for row in content_rows(parse_html(parallel))]
    assert russian[-1].text.strip() == "перевод не готов"
    assert all(cell.attrs["data-label"] == "Русский · не проверено" for cell in russian[:-1])
    assert "Машинный перевод, не проверен:" in russian[0].text


def test_each_column_says_what_it_lacks_in_its_own_language(published: Path) -> None:
    tree = parse_html(published / DOC / "index.html")
    assert tree.find("html").attrs["lang"] == "es"
    assert "Todos los documentos" in tree.find("nav").text
    source, english, russian = cells(content_rows(tree)[-1])
    assert source.text.strip() == NEW_PARAGRAPH
    assert english.text.strip() == "translation pending"
    assert russian.text.strip() == "перевод не готов"


def test_the_site_index_is_in_spanish(published: Path) -> None:
    index = published / "index.html"
    assert parse_html(index).find("h1").text == "Textos paralelos"
    assert "inglés y ruso" in reader_text(index)
    assert english_left(index) == []


def test_the_template_holds_every_string_the_templates_mark() -> None:
    with page_text.TEMPLATE.open("rb") as pot:
        shipped = {message.id for message in read_po(pot) if message.id}
    assert shipped == {message.id for message in template_strings() if message.id}, (
        "run python -m pipeline.page_text.extract, then translate the new strings"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_translates_every_string_with_its_placeholders(lang: str) -> None:
    with page_text.TEMPLATE.open("rb") as pot:
        wanted = {message.id for message in read_po(pot) if message.id}
    with page_text.catalog_path(lang).open("rb") as po:
        catalog = read_po(po, locale=lang)
    live = [message for message in catalog if message.id]
    assert {message.id for message in live} == wanted
    assert not [message.id for message in live if message.fuzzy or not all(message.string)]
    # Babel's checkers: the same %(name)s placeholders, as many plural forms as the language has
    assert [(message.id, errors) for message, errors in catalog.check()] == []


def render(template: str, *, autoescape: bool = False, **context: object) -> str:
    env = SandboxedEnvironment(autoescape=autoescape)
    page_text.install(env)
    return env.from_string(template).render(**context)


@pytest.mark.parametrize(
    ("count", "text"),
    [
        (1, "1 из 5 абзацев ещё не переведён"),
        (3, "3 из 5 абзацев ещё не переведены"),
        (5, "5 из 5 абзацев ещё не переведены"),
        (21, "21 из 5 абзацев ещё не переведён"),
    ],
)
def test_a_count_takes_the_russian_plural_form_it_needs(count: int, text: str) -> None:
    template = (
        '{{ ngettext_in("ru", "%(num)d of %(total)d paragraphs has no translation yet", '
        '"%(num)d of %(total)d paragraphs have no translation yet", count, total=5) }}'
    )
    assert render(template, count=count) == text


def test_the_page_language_and_a_pieces_language_are_apart() -> None:
    template = '{{ _("All documents") }} / {{ gettext_in("ru", "All documents") }}'
    assert render(template, page_lang="es") == "Todos los documentos / Все документы"
    assert render(template, page_lang="xx") == "All documents / Все документы"


def test_values_put_into_a_page_string_are_escaped_on_an_html_page() -> None:
    template = '{{ gettext_in("es", "%(percent)s reviewed", percent=value) }}'
    assert render(template, autoescape=True, value="<b>") == "&lt;b&gt; revisado"


def test_numbers_and_names_are_written_as_the_reader_writes_them() -> None:
    assert [page_text.percent_in(87.5, lang) for lang in ("en", "es", "ru")] == [
        "87.5%",
        "87,5\u00a0%",
        "87,5\u00a0%",
    ]
    assert page_text.language_name_in("en", "ru") == "английский"
    assert page_text.list_in(["español", "inglés", "ruso"], "es") == "español, inglés y ruso"
