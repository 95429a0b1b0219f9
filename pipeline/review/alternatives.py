"""Other engines' drafts of the entry under review, made when the reviewer asks for them.

Each engine the project may use (``[tool.pipeline] engine``), other than the one(s) that made the
draft, that offers the whole route to the language on its own translates the source as the
translate stage would (protected spans, sentences, placeholders restored). They are made on
request, not for every screen, since an engine may have to load a model first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.config import Settings
from pipeline.glossary import load_glossary
from pipeline.mt.engine import Engine
from pipeline.mt.layout import translate_paragraph
from pipeline.mt.routes import route
from pipeline.provenance import read_provenance
from pipeline.review.session import Draft


@dataclass(frozen=True)
class Alternative:
    """One engine's draft of the entry; ``problems`` names placeholders it lost or repeated."""

    engine: str
    text: str
    problems: tuple[str, ...] = ()


class Alternatives:
    """Other engines' drafts of a review's entries, each made once."""

    def __init__(
        self, settings: Settings, lang: str, engines: Callable[[], Sequence[Engine]] | None = None
    ) -> None:
        self._settings = settings
        self._lang = lang
        self._engines = engines or self._project_engines
        self._glossary = load_glossary(settings.glossary, lang)
        self._made: dict[str, list[Alternative]] = {}

    def __call__(self, draft: Draft) -> list[Alternative]:
        source = draft.entry.msgid
        if source not in self._made:
            self._made[source] = self._alternatives(draft)
        return self._made[source]

    def _alternatives(self, draft: Draft) -> list[Alternative]:
        record = read_provenance(draft.entry)
        made_by = set(record.engine.split("+")) if record is not None else set()
        source, pivot = self._settings.source_language, self._settings.pivot_language
        found = []
        for engine in self._engines():
            offered = engine.pairs()
            legs = route(source, self._lang, pivot, offered)
            if engine.name in made_by or not legs or not all(leg in offered for leg in legs):
                continue
            text = draft.entry.msgid
            restored = translate_paragraph(engine, legs, text, self._glossary.find(text))
            problems = [f"lost {p.source}" for p in restored.lost]
            problems += [f"repeated {p.source}" for p in restored.duplicated]
            found.append(Alternative(engine.name, restored.text, tuple(problems)))
        return found

    def _project_engines(self) -> list[Engine]:
        from pipeline.mt.registry import made_engine

        return [made_engine(name, self._settings) for name in self._settings.engine_order]
