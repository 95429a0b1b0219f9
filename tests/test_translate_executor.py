"""The translate stage's seams: frozen plan values, and an executor passed in by the caller."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from pathlib import Path

import polib
import pytest
from fake_engine import MarkingEngines
from test_translate_rules import catalog, make_project

from pipeline.config import load_settings
from pipeline.extract import load_documents
from pipeline.mt.routes import Pair
from pipeline.provenance import read_provenance
from pipeline.translate import Plan, plan_translation, run_plan
from pipeline.translate.execute import Memory, Report


class UpperExecutor:
    """Translates by upper-casing, and records every call it is given."""

    def __init__(self) -> None:
        self.calls: list[tuple[Pair, list[str]]] = []

    def translate(self, pair: Pair, sentences: Sequence[str], report: Report) -> list[str]:
        self.calls.append((pair, list(sentences)))
        return [sentence.upper() for sentence in sentences]


class ReturnOnlyEngines(MarkingEngines):
    """Translators that answer only through their return value, never filling ``finished``."""

    def translator(self, pair):
        translator = super().translator(pair)

        class ReturnOnly:
            def translate(self, sentences, on_progress=None, finished=None):
                return translator.translate(sentences, on_progress)

        return ReturnOnly()


def plan_for(root: Path, engine: MarkingEngines, langs=("en", "ru")) -> Plan:
    settings = load_settings(root)
    return plan_translation(settings, load_documents(settings), langs, engine)


def test_a_custom_executor_runs_every_leg_and_the_engine_translates_nothing(
    tmp_path: Path,
) -> None:
    make_project(tmp_path)
    engine, executor = MarkingEngines(), UpperExecutor()
    plan = plan_for(tmp_path, engine)
    outcome = run_plan(plan, engine, executor=executor)
    assert engine.calls == []
    assert {pair for pair, _sentences in executor.calls} == {Pair("es", "en"), Pair("en", "ru")}
    assert outcome.sentences == sum(len(sentences) for _pair, sentences in executor.calls)
    english = list(catalog(tmp_path, "en"))[2]
    assert english.msgstr == "EL SEGUNDO PÁRRAFO TIENE UNA SOLA FRASE."
    russian = list(catalog(tmp_path, "ru"))[2]
    assert russian.msgstr == english.msgstr  # upper-cased twice through the pivot
    assert read_provenance(russian).engine == "marking"  # provenance still names the engine


def test_plan_jobs_are_frozen_values_without_catalog_objects(tmp_path: Path) -> None:
    make_project(tmp_path)
    plan = plan_for(tmp_path, MarkingEngines())
    job = plan.jobs[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.lang = "fr"  # type: ignore[misc]
    values = [getattr(job, field.name) for field in dataclasses.fields(job)]
    assert not any(isinstance(value, polib.POEntry | polib.POFile) for value in values)
    assert job.key == (None, job.msgid) and job.doc_id == "nota"


def test_running_a_plan_leaves_its_jobs_as_planned(tmp_path: Path) -> None:
    make_project(tmp_path)
    engine = MarkingEngines()
    plan = plan_for(tmp_path, engine)
    before = list(plan.jobs)
    run_plan(plan, engine)
    assert plan.jobs == before


def test_drafts_come_from_the_translators_return_value(tmp_path: Path) -> None:
    make_project(tmp_path)
    engine = ReturnOnlyEngines()
    run_plan(plan_for(tmp_path, engine, ("en",)), engine)
    drafted = list(catalog(tmp_path, "en"))[2]
    assert drafted.msgstr == "[en] El segundo párrafo tiene una sola frase."


def test_every_paragraph_is_drafted_when_the_run_memory_overflows_within_a_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Memory, "LIMIT", 1)
    make_project(tmp_path)
    engine = MarkingEngines()
    run_plan(plan_for(tmp_path, engine, ("en",)), engine, window_sentences=100)
    assert all(entry.msgstr.startswith("[en] ") for entry in catalog(tmp_path, "en"))


class PlaceholderBreakingExecutor:
    """Repeats the first placeholder of a sentence, drops the second, and invents a ninth."""

    def translate(self, pair: Pair, sentences: Sequence[str], report: Report) -> list[str]:
        out = []
        for sentence in sentences:
            tokens = re.findall(r"ZXQ\d+", sentence, flags=re.IGNORECASE)
            if len(tokens) >= 2:
                sentence = sentence.replace(tokens[1], "").replace(tokens[0], tokens[0] * 2)
                sentence += " ZXQ9"
            out.append(sentence)
        return out


def test_placeholders_the_model_lost_repeated_or_invented_are_each_reported(
    tmp_path: Path,
) -> None:
    text = "Titular\n\nVisite https://kremlin.ru y escriba a prensa@kremlin.ru hoy.\n"
    make_project(tmp_path, text)
    settings = load_settings(tmp_path)
    engine = MarkingEngines()
    plan = plan_translation(settings, load_documents(settings), ("en",), engine)

    outcome = run_plan(plan, engine, executor=PlaceholderBreakingExecutor())

    warnings = [w for w in outcome.warnings if "locales/en/LC_MESSAGES/nota.po:" in w]
    assert any("repeated the protected span «https://kremlin.ru»" in w for w in warnings)
    assert any("lost the protected span «prensa@kremlin.ru»" in w for w in warnings)
    assert any("wrote «ZXQ9», which looks like a placeholder" in w for w in warnings)
    assert all(w.endswith("the draft needs a person's attention") for w in warnings)
