"""Helpers for the publish tests: small projects written by hand, and a tiny HTML tree to query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import polib
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.config import Settings

SOURCE = """Titular de prueba

Pie de foto de la prueba

Primer párrafo del cuerpo, con un\u00a0espacio duro.

Segundo párrafo del cuerpo, más largo que el primero.
"""
HEADLINE, CAPTION, FIRST, SECOND = (
    "Titular de prueba",
    "Pie de foto de la prueba",
    "Primer párrafo del cuerpo, con un\u00a0espacio duro.",
    "Segundo párrafo del cuerpo, más largo que el primero.",
)

# msgid -> (msgstr, fuzzy); a msgid left out has no entry at all.
Entries = dict[str, tuple[str, bool]]

ENGLISH: Entries = {
    HEADLINE: ("Test headline", False),
    CAPTION: ("Test photo caption", True),
    FIRST: ("First body paragraph, with a\u00a0hard space.", False),
}
RUSSIAN: Entries = {
    HEADLINE: ("Тестовый заголовок", True),
    CAPTION: ("Подпись к тестовому фото", True),
    FIRST: ("Первый абзац текста.", True),
    SECOND: ("", False),
}


def write_source(root: Path, doc_id: str, text: str = SOURCE) -> Path:
    path = root / "seeds" / f"{doc_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_catalog(root: Path, doc_id: str, lang: str, entries: Entries) -> Path:
    catalog = polib.POFile()
    catalog.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
    for msgid, (msgstr, fuzzy) in entries.items():
        catalog.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else []))
    path = Settings(root=root).catalog_path(doc_id, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalog.save(str(path))
    return path


def write_document(
    root: Path, doc_id: str, text: str = SOURCE, en: Entries = ENGLISH, ru: Entries = RUSSIAN
) -> None:
    """A source document with an English and a Russian catalog."""
    write_source(root, doc_id, text)
    write_catalog(root, doc_id, "en", en)
    write_catalog(root, doc_id, "ru", ru)


def copy_drafted(root: Path, install_argos: Callable[..., object], name: str, text: str) -> Path:
    """A project whose ``seeds/<name>`` holds ``text``, drafted in English and Russian by the
    copy models (each draft its source, numbers written the language's way)."""
    install_argos("copy-es-en", "copy-en-ru")
    (root / "seeds").mkdir()
    (root / "seeds" / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "translate"])
    assert result.exit_code == 0, result.output
    return root


_VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    parts: list[str | Node] = field(default_factory=list)  # text and children in order

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.parts)

    @property
    def visible_text(self) -> str:
        """The text a sighted reader sees: without what is there for screen readers only."""
        return "".join(
            p if isinstance(p, str) else p.visible_text
            for p in self.parts
            if isinstance(p, str) or "visually-hidden" not in p.classes
        )

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (cls is None or cls in child.classes):
                found.append(child)
            found.extend(child.find_all(tag, cls))
        return found

    def find(self, tag: str | None = None, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        self.stack[-1].parts.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:  # <img ... />: a void element was never pushed
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].parts.append(data)


def parse_html(path: Path) -> Node:
    """The page as a tree; fails on a misnested tag, so it also checks the markup is balanced."""
    builder = _TreeBuilder()
    builder.feed(path.read_text(encoding="utf-8"))
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def content_rows(page: Node) -> list[Node]:
    """The rows of the parallel text (not the row of language names)."""
    return [row for row in page.find_all("div", "row") if "languages" not in row.classes]


def cells(row: Node) -> list[Node]:
    return [child for child in row.children if "cell" in child.classes]
