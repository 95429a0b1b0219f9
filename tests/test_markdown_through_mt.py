"""A Markdown article through machine translation: code spans never reach the engine, links and
figures come back, numbers are written the target language's way."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from fake_engine import registered_shouting

from pipeline.cli import main
from pipeline.sources.markdown import verbatim_spans

ARTICLE = """# Rusia y Kazajistán firman una alianza

El acuerdo, publicado en [el sitio del Kremlin](http://kremlin.ru/events "Kremlin"),
prevé 1.500,75 millones.

- Un corredor con el `código` de proyecto y ``un ` raro``.
"""


def test_code_spans_are_found_with_their_backticks_as_markdown_it_reads_them():
    text = "Un ``código ` raro`` y `x`, no ```a`` ni \\`b\\`."
    assert [text[start:end] for start, end in verbatim_spans(text)] == ["``código ` raro``", "`x`"]


def _project(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "articulo.md").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _catalog(root: Path, lang: str) -> polib.POFile:
    return polib.pofile(str(root / "locales" / lang / "LC_MESSAGES" / "articulo.po"))


def test_code_spans_and_urls_never_reach_the_engine_and_come_back_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = registered_shouting(monkeypatch)
    root = _project(tmp_path)
    (root / "pyproject.toml").write_text('[tool.pipeline]\nengine = "shouting"\n')
    result = CliRunner().invoke(main, ["--project", str(root), "translate"])
    assert result.exit_code == 0, result.output
    seen = " ".join(engine.seen)
    assert "código" not in seen and "kremlin.ru" not in seen and "1.500,75" not in seen
    english = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}
    item = english["Un corredor con el `código` de proyecto y ``un ` raro``."]
    assert item == "UN CORREDOR CON EL `código` DE PROYECTO Y ``un ` raro``."
    paragraph = next(text for source, text in english.items() if source.startswith("El acuerdo"))
    assert "](http://kremlin.ru/events " in paragraph and "1,500.75 MILLONES" in paragraph
    russian = {entry.msgid: entry.msgstr for entry in _catalog(root, "ru")}
    assert "`código`" in russian["Un corredor con el `código` de proyecto y ``un ` raro``."]


@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium-eng-spa")
def test_a_markdown_article_through_apertium_keeps_links_code_and_figures(
    tmp_path: Path, argos_home
) -> None:
    root = _project(tmp_path)
    result = CliRunner().invoke(main, ["--project", str(root), "run"])
    assert result.exit_code == 3, result.output  # Russian waits for its model
    english = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}
    assert all(english.values())
    assert (
        english["Rusia y Kazajistán firman una alianza"] == "Russia and Kazakhstan sign an alliance"
    )
    paragraph = next(text for source, text in english.items() if source.startswith("El acuerdo"))
    assert '](http://kremlin.ru/events "Kremlin")' in paragraph and "1,500.75" in paragraph
    item = english["Un corredor con el `código` de proyecto y ``un ` raro``."]
    assert "`código`" in item and "``un ` raro``" in item
    page = (root / "output" / "articulo" / "index.html").read_text(encoding="utf-8")
    assert '<a href="http://kremlin.ru/events"' in page


def test_every_piece_of_inline_markup_is_kept_from_the_model():
    text = 'El **río** en [el sitio](http://x.org/a "T"), ![un río](foto.jpg) y <b>aquí</b>.'
    pieces = [text[start:end] for start, end in verbatim_spans(text)]
    assert pieces == [
        *("**", "**", "[", '](http://x.org/a "', '")', "![", "](foto.jpg)", "<b>", "</b>")
    ]


TITLED = (
    'Según [la agencia](https://aemet.es "Agencia de meteorología"), '
    'mira ![Un río](rio.jpg "Foto del río").'
)


def test_link_and_image_titles_are_prose_and_only_their_delimiters_are_kept():
    pieces = [TITLED[start:end] for start, end in verbatim_spans(TITLED)]
    assert pieces == ["[", '](https://aemet.es "', '")', "![", '](rio.jpg "', '")']


def test_a_title_in_single_quotes_or_parentheses_is_prose_too():
    text = "Vea [a](u.html 'Sitio') y [b](v.html (Otro sitio))."
    pieces = [text[start:end] for start, end in verbatim_spans(text)]
    assert pieces == ["[", "](u.html '", "')", "[", "](v.html (", "))"]


def test_a_link_without_a_title_keeps_its_closing_whole():
    text = "Vea [el sitio](http://x.org/a) y [otro](<b c.html>)."
    pieces = [text[start:end] for start, end in verbatim_spans(text)]
    assert pieces == ["[", "](http://x.org/a)", "[", "](<b c.html>)"]


def test_titles_go_through_the_model_and_urls_do_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = registered_shouting(monkeypatch)
    root = _markdown_project(tmp_path, f"# Título\n\n{TITLED}\n", "shouting")
    result = CliRunner().invoke(main, ["--project", str(root), "translate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    seen = " ".join(engine.seen)
    assert "Agencia de meteorología" in seen and "Foto del río" in seen
    assert "aemet.es" not in seen and "rio.jpg" not in seen
    english = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}
    assert english[TITLED] == (
        'SEGÚN [LA AGENCIA](https://aemet.es "AGENCIA DE METEOROLOGÍA"), '
        'MIRA ![UN RÍO](rio.jpg "FOTO DEL RÍO").'
    )


def test_the_copy_model_gives_back_a_titled_paragraph_exactly(
    tmp_path: Path, install_argos
) -> None:
    install_argos("copy-es-en")
    root = _markdown_project(tmp_path, f"# Título\n\n{TITLED}\n", "argos")
    result = CliRunner().invoke(main, ["--project", str(root), "translate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    english = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}
    assert english[TITLED] == TITLED


@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium-eng-spa")
def test_apertium_translates_link_and_image_titles(tmp_path: Path) -> None:
    root = _markdown_project(tmp_path, f"# Título\n\n{TITLED}\n", "apertium")
    result = CliRunner().invoke(main, ["--project", str(root), "translate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    draft = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}[TITLED]
    assert '](https://aemet.es "' in draft and '](rio.jpg "' in draft
    assert "meteorología" not in draft and "Foto del río" not in draft


def test_a_link_destination_holding_the_next_words_is_markup_up_to_its_parenthesis():
    text = "Vea [el sitio](http://x.org/a.b). Y ![foto](una.jpg) y. Fin"
    pieces = [text[start:end] for start, end in verbatim_spans(text)]
    assert pieces == ["[", "](http://x.org/a.b)", "![", "](una.jpg)"]


EMPHASIS = "# Título\n\nEl **río** crece y [el sitio](http://x.org/a) lo _dice_.\n"


def _markdown_project(root: Path, text: str, engine: str) -> Path:
    (root / "seeds").mkdir()
    (root / "seeds" / "articulo.md").write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text(f'[tool.pipeline]\nengine = "{engine}"\n')
    return root


def test_emphasis_and_links_reach_the_engine_as_placeholders_beside_whole_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = registered_shouting(monkeypatch)
    root = _markdown_project(tmp_path, EMPHASIS, "shouting")
    result = CliRunner().invoke(main, ["--project", str(root), "translate"])
    assert result.exit_code == 0, result.output
    seen = [s for s in engine.seen if "RÍO" in s.upper()][0]
    assert "*" not in seen and "](" not in seen and "_" not in seen
    assert " río " in seen.lower()  # the word stands alone, as the model must see it
    english = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}
    source = "El **río** crece y [el sitio](http://x.org/a) lo _dice_."
    assert english[source] == "EL **RÍO** CRECE Y [EL SITIO](http://x.org/a) LO _DICE_."


def test_markup_a_model_drops_is_reported_on_the_entry_never_put_back_somewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered_shouting(monkeypatch, "dropping", dropping=True)
    root = _markdown_project(tmp_path, EMPHASIS, "dropping")
    result = CliRunner().invoke(main, ["--project", str(root), "translate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "the model lost the protected span «**»" in result.output
    assert "the model lost the protected span «](http://x.org/a)»" in result.output


@pytest.mark.skipif(shutil.which("apertium") is None, reason="needs Debian's apertium-eng-spa")
def test_apertium_translates_emphasised_and_linked_words_and_keeps_their_markup(
    tmp_path: Path,
) -> None:
    root = _markdown_project(tmp_path, EMPHASIS, "apertium")
    result = CliRunner().invoke(main, ["--project", str(root), "translate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    english = {entry.msgid: entry.msgstr for entry in _catalog(root, "en")}
    draft = english["El **río** crece y [el sitio](http://x.org/a) lo _dice_."]
    assert "**river**" in draft and "](http://x.org/a)" in draft and "_says_" in draft


REFERENCED = """Según [el informe anual][informe], ver también [informe] y [informe][].

[informe]: https://puerto.example.org/informe.pdf
"""


def test_a_reference_link_label_is_markup_where_the_document_defines_it_a_bare_label_whole():
    text = "Según [el informe anual][informe], ver [informe] y [nota][sin definir]."
    defined = {"INFORME": {"href": "https://puerto.example.org/informe.pdf", "title": ""}}
    pieces = [text[start:end] for start, end in verbatim_spans(text, defined)]
    assert pieces == ["[", "][informe]", "[informe]"]  # "[nota][sin definir]" is text


def test_a_reference_link_label_survives_the_model_and_its_text_is_translated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = registered_shouting(monkeypatch)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "articulo.md").write_text(REFERENCED, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.pipeline]\nengine = "shouting"\n')
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "translate"])
    assert result.exit_code == 0, result.output
    seen = " ".join(engine.seen)
    assert "el informe anual" in seen and "[" not in seen and "]" not in seen
    english = {entry.msgid: entry.msgstr for entry in _catalog(tmp_path, "en")}
    assert english[REFERENCED.split("\n")[0]] == (
        "SEGÚN [EL INFORME ANUAL][informe], VER TAMBIÉN [informe] Y [informe][]."
    )
