"""YAML front matter of a Markdown source: prose keys are entries, the rest is kept, and an
edition writes translated values back as YAML that reads as the translation."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
import yaml
from click.testing import CliRunner, Result

from pipeline.cli import main
from pipeline.document import Document, Kind
from pipeline.sources import format_named
from pipeline.sources.markdown import segment_markdown

ARTICLE = """\
---
title: Crece el río
subtitle: 'El Ebro, al límite'
description: >
  Las lluvias
  no paran.
date: 2024-03-01
tags: [agua, clima]
author: Ana Pérez
---

## Las lluvias

Texto del *artículo*.
"""


def _document(source: str) -> Document:
    return Document(
        doc_id="nota",
        path=Path("nota.md"),
        segments=tuple(segment_markdown(source)),
        format="markdown",
        source_text=source,
    )


def _front_matter(text: str) -> dict[str, object]:
    return yaml.safe_load(text.split("---\n")[1])


def _extract(tmp_path: Path, source: str, settings: str = "") -> Result:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "nota.md").write_text(source, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(f"[tool.pipeline]\n{settings}")
    return CliRunner().invoke(main, ["--project", str(tmp_path), "extract"])


def test_prose_keys_of_the_front_matter_are_labelled_entries_before_the_body() -> None:
    segments = segment_markdown(ARTICLE)
    assert [(s.label, s.kind, s.line, s.text) for s in segments] == [
        ("front matter: title", Kind.TITLE, 2, "Crece el río"),
        ("front matter: subtitle", Kind.PARAGRAPH, 3, "El Ebro, al límite"),
        ("front matter: description", Kind.PARAGRAPH, 4, "Las lluvias no paran."),
        ("heading 2", Kind.PARAGRAPH, 12, "Las lluvias"),
        ("paragraph", Kind.PARAGRAPH, 14, "Texto del *artículo*."),
    ]


def test_the_keys_to_translate_are_a_project_setting(tmp_path: Path) -> None:
    result = _extract(tmp_path, ARTICLE, 'front_matter_keys = ["author"]\n')
    assert result.exit_code == 0, result.output
    template = polib.pofile(str(tmp_path / "locales" / "nota.pot"))
    assert [(entry.comment, entry.msgid) for entry in template][0] == (
        "type: front matter: author",
        "Ana Pérez",
    )
    assert "Crece el río" not in [entry.msgid for entry in template]


def test_a_front_matter_key_list_that_is_not_one_is_refused(tmp_path: Path) -> None:
    result = _extract(tmp_path, ARTICLE, 'front_matter_keys = "title"\n')
    assert result.exit_code == 1
    assert "front_matter_keys must be a list" in result.output


def test_an_edition_with_the_sources_own_texts_keeps_every_key_as_written_but_folding() -> None:
    document = _document(ARTICLE)
    rebuilt = format_named("markdown").rebuild(document, [s.text for s in document.segments], "en")
    assert rebuilt == ARTICLE.replace(">\n  Las lluvias\n  no paran.", "Las lluvias no paran.")


def test_translated_values_are_quoted_where_yaml_needs_it_and_other_keys_stay() -> None:
    document = _document(ARTICLE)
    translations = ["The river: rising", "Ebro's limit", "true", "The rains", "Text."]
    rebuilt = format_named("markdown").rebuild(document, translations, "en")
    assert _front_matter(rebuilt) == {
        "title": "The river: rising",
        "subtitle": "Ebro's limit",
        "description": "true",
        "date": _front_matter(ARTICLE)["date"],
        "tags": ["agua", "clima"],
        "author": "Ana Pérez",
    }
    assert "subtitle: 'Ebro''s limit'\n" in rebuilt  # the source's quoting style kept
    assert rebuilt.endswith("---\n\n## The rains\n\nText.\n")


def test_front_matter_that_is_not_yaml_is_one_error_naming_the_file_and_line(
    tmp_path: Path,
) -> None:
    result = _extract(tmp_path, "---\ntitle: Sí: no\n---\n\nTexto.\n")
    assert result.exit_code == 1
    assert "seeds/nota.md:2: the front matter is not YAML" in result.output
    assert "Traceback" not in result.output


def test_rules_around_text_that_is_not_a_mapping_are_markdown_as_before() -> None:
    segments = segment_markdown("---\nUn titular\n---\n\nTexto.\n")
    assert [(s.label, s.text) for s in segments] == [
        ("heading 2", "Un titular"),
        ("paragraph", "Texto."),
    ]


@pytest.mark.parametrize("value", ["Sí: no", "#1 en ventas", "123", "- uno", "'citado'", "a\\b"])
def test_any_translated_value_reads_back_as_itself(value: str) -> None:
    document = _document("---\ntitle: Titular\n---\n\nTexto.\n")
    rebuilt = format_named("markdown").rebuild(document, [value, "Text."], "en")
    assert _front_matter(rebuilt) == {"title": value}
