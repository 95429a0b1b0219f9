"""Random sequences of what people and tools do to a project; after every step no work is lost.

A seeded generator plays sequences of source edits (edit, add, delete, reorder, restore a
paragraph), people's work on the catalogs (accept a draft, hand-edit a draft, add a translator
comment), other tools rewriting a catalog (``msgmerge --previous``, ``msgcat``) and the pipeline's
own stages (extract; translate with an engine that marks text, so drafts are recognisable; and
translate while a person saves the catalog mid-run). Kills at random moments are played against
the real CLI in ``test_translate_killed.py``.

After every step, in every catalog: no msgid appears twice (active or obsolete), every reviewed
translation and every translator comment a person wrote is still there (in ``#~`` if its paragraph
was removed; back in place, still reviewed, when the paragraph returns), and no hand-edited draft
was replaced by a machine. At the end of each sequence every catalog is also byte-identical to
what ``msgcat`` makes of it and clean under ``msgfmt --check`` (checking those after every step
would cost a subprocess per catalog per step; the writer's conformance is tested on its own).
Those end checks run on a second thread, fed the catalogs' bytes, so that the gettext tools work on
the other core while the next sequence plays; durability is not under test here, so ``fsync`` is
skipped.

``PIPELINE_SEQUENCES`` sets how many sequences run (default 1,000; each prints its seed on failure).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from fake_engine import EditingEngines, MarkingEngines, OneWindowAtATime

from pipeline.config import load_settings
from pipeline.extract import extract_document, load_documents
from pipeline.gettext import read_po, write_po
from pipeline.translate import plan_translation, run_plan

SEQUENCES = int(os.environ.get("PIPELINE_SEQUENCES", "1000"))
STEPS = 6
LANGS = ("en", "ru")
WORDS = ("la", "casa", "el", "río", "una", "ciudad", "nueva", "vieja", "grande", "pequeña", "lejos",
         "cerca", "hoy", "ayer")  # fmt: skip
SHARED_MEMORY = Path("/dev/shm")
HAS_GETTEXT = shutil.which("msgmerge") is not None and shutil.which("msgfmt") is not None


@dataclass
class World:
    """The project on disk and what people did to it, which must never be lost."""

    root: Path
    rng: random.Random
    paragraphs: list[str]
    removed: list[tuple[int, str]] = field(default_factory=list)
    reviewed: set[tuple[str, str]] = field(default_factory=set)  # (lang, msgstr)
    edited: set[tuple[str, str]] = field(default_factory=set)  # (lang, msgstr) of hand edits
    comments: set[tuple[str, str]] = field(default_factory=set)  # (lang, comment line)
    counter: int = 0

    def sentence(self) -> str:
        self.counter += 1
        words = self.rng.sample(WORDS, 4)
        return f"{' '.join(words).capitalize()} número {self.counter}."

    def write_source(self) -> None:
        text = "Titular de la nota\n\n" + "\n\n".join(self.paragraphs) + "\n"
        (self.root / "seeds" / "nota.txt").write_text(text, encoding="utf-8")

    def catalog_path(self, lang: str) -> Path:
        return self.root / "locales" / lang / "LC_MESSAGES" / "nota.po"

    def template_path(self) -> Path:
        return self.root / "locales" / "nota.pot"


# ---------------------------------------------------------------- steps


def edit_paragraph(world: World) -> None:
    if world.paragraphs:
        i = world.rng.randrange(len(world.paragraphs))
        words = world.paragraphs[i].split()
        words[world.rng.randrange(len(words))] = world.rng.choice(WORDS)
        world.paragraphs[i] = " ".join(words)
        world.write_source()


def add_paragraph(world: World) -> None:
    position = world.rng.randrange(len(world.paragraphs) + 1)
    world.paragraphs.insert(position, world.sentence())
    world.write_source()


def delete_paragraph(world: World) -> None:
    if len(world.paragraphs) > 1:
        i = world.rng.randrange(len(world.paragraphs))
        world.removed.append((i, world.paragraphs.pop(i)))
        world.write_source()


def reorder_paragraphs(world: World) -> None:
    if len(world.paragraphs) > 1:
        i, j = world.rng.sample(range(len(world.paragraphs)), 2)
        world.paragraphs[i], world.paragraphs[j] = world.paragraphs[j], world.paragraphs[i]
        world.write_source()


def restore_paragraph(world: World) -> None:
    """Put a deleted paragraph back and extract: its reviewed translation must come back too."""
    if not world.removed:
        return
    i, text = world.removed.pop(world.rng.randrange(len(world.removed)))
    if text in world.paragraphs:
        return
    expected = {}
    for lang in LANGS:
        path = world.catalog_path(lang)
        if path.exists():
            for entry in read_po(path):
                if entry.obsolete and entry.msgid == text and entry.msgstr:
                    expected[lang] = (entry.msgstr, entry.fuzzy)
    world.paragraphs.insert(min(i, len(world.paragraphs)), text)
    world.write_source()
    extract(world)
    for lang, (msgstr, fuzzy) in expected.items():
        back = find_active(read_po(world.catalog_path(lang)), text)
        assert back is not None and (back.msgstr, back.fuzzy) == (msgstr, fuzzy), (lang, text)


def accept_draft(world: World) -> None:
    """What a person does in Poedit: clear the fuzzy flag of a machine draft."""
    lang, po, entries = pick_entries(world, lambda e: e.fuzzy and e.msgstr)
    if entries:
        entry = world.rng.choice(entries)
        entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        world.reviewed.add((lang, entry.msgstr))
        write_po(po, world.catalog_path(lang))


def hand_edit_draft(world: World) -> None:
    lang, po, entries = pick_entries(world, lambda e: e.fuzzy and e.msgstr)
    if entries:
        entry = world.rng.choice(entries)
        world.counter += 1
        # a person may rework their own edit, or their own accepted text once it is fuzzy again
        world.edited.discard((lang, entry.msgstr))
        world.reviewed.discard((lang, entry.msgstr))
        entry.msgstr = f"{entry.msgstr} (corregido {world.counter})"
        world.edited.add((lang, entry.msgstr))
        write_po(po, world.catalog_path(lang))


def add_comment(world: World) -> None:
    lang, po, entries = pick_entries(world, lambda e: e.msgstr)
    if entries:
        entry = world.rng.choice(entries)
        world.counter += 1
        line = f"nota del traductor {world.counter}"
        entry.tcomment = f"{entry.tcomment}\n{line}" if entry.tcomment else line
        world.comments.add((lang, line))
        write_po(po, world.catalog_path(lang))


def run_msgmerge(world: World) -> None:
    """Another tool updates a catalog from the template: GNU msgmerge."""
    lang = world.rng.choice(LANGS)
    path = world.catalog_path(lang)
    if HAS_GETTEXT and path.exists():
        gettext_tool("msgmerge", "--previous", "-q", "-o", str(path), str(path),
                     str(world.template_path()))  # fmt: skip


def run_msgcat(world: World) -> None:
    lang = world.rng.choice(LANGS)
    path = world.catalog_path(lang)
    if HAS_GETTEXT and path.exists():
        gettext_tool("msgcat", "--force-po", "-o", str(path), str(path))


def extract(world: World) -> None:
    settings = load_settings(world.root)
    for document in load_documents(settings):
        extract_document(settings, document)


def translate(world: World) -> None:
    extract(world)
    settings = load_settings(world.root)
    engine = MarkingEngines()
    run_plan(plan_translation(settings, load_documents(settings), LANGS, engine), engine)


def translate_while_a_person_saves(world: World) -> None:
    """A person accepts, edits or comments in a catalog while translate is under way."""
    extract(world)
    settings = load_settings(world.root)
    person = world.rng.choice((accept_draft, hand_edit_draft, add_comment))
    engine = EditingEngines(lambda: person(world))
    plan = plan_translation(settings, load_documents(settings), LANGS, engine)
    executor = OneWindowAtATime(engine)
    run_plan(plan, engine, window_sentences=1, save_interval=0, executor=executor)


STEP_KINDS = (
    edit_paragraph, add_paragraph, delete_paragraph, reorder_paragraphs, restore_paragraph,
    accept_draft, hand_edit_draft, add_comment, run_msgmerge, run_msgcat, extract, translate,
    translate_while_a_person_saves,
)  # fmt: skip


# ---------------------------------------------------------------- helpers and invariants


def gettext_tool(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        args, input=data, capture_output=True, check=True, env={**os.environ, "LC_ALL": "C"}
    )


def pick_entries(world: World, wanted) -> tuple[str, polib.POFile, list[polib.POEntry]]:
    lang = world.rng.choice(LANGS)
    path = world.catalog_path(lang)
    if not path.exists():
        return lang, polib.POFile(), []
    po = read_po(path)
    return lang, po, [entry for entry in po if not entry.obsolete and wanted(entry)]


def find_active(po: polib.POFile, msgid: str) -> polib.POEntry | None:
    return next((e for e in po if not e.obsolete and e.msgid == msgid), None)


def check_nothing_lost(world: World, step: str) -> None:
    for lang in LANGS:
        path = world.catalog_path(lang)
        if not path.exists():
            continue
        po = read_po(path)
        keys = [(entry.msgctxt, entry.msgid) for entry in po]
        assert len(keys) == len(set(keys)), f"{step}: a msgid appears twice in {lang}"
        texts = {entry.msgstr for entry in po}
        comment_lines = {line for entry in po for line in (entry.tcomment or "").split("\n")}
        for kind, records in (("reviewed", world.reviewed), ("hand-edited", world.edited)):
            lost = {text for record_lang, text in records if record_lang == lang} - texts
            assert not lost, f"{step}: {kind} translation(s) lost in {lang}: {sorted(lost)}"
        lost = {line for record_lang, line in world.comments if record_lang == lang}
        lost -= comment_lines
        assert not lost, f"{step}: translator comment(s) lost in {lang}: {sorted(lost)}"


def catalogs_on_disk(world: World) -> dict[str, bytes]:
    paths = [world.template_path(), *(world.catalog_path(lang) for lang in LANGS)]
    return {path.name if path.suffix == ".pot" else path.parts[-3]: path.read_bytes()
            for path in paths if path.exists()}  # fmt: skip


def check_gettext_accepts(seed: int, catalogs: dict[str, bytes]) -> None:
    """Each catalog is what msgcat writes, and msgfmt --check finds nothing wrong in it."""
    for name, data in catalogs.items():
        try:
            written = gettext_tool("msgcat", "--force-po", "-", data=data).stdout
            assert written == data, f"seed {seed}: msgcat rewrites the {name} catalog"
            gettext_tool("msgfmt", "--check", "-o", os.devnull, "-", data=data)
        except subprocess.CalledProcessError as error:
            raise AssertionError(f"seed {seed}, {name}: {error.stderr.decode()}") from None


def play(seed: int, root: Path) -> dict[str, bytes]:
    """One sequence; returns the catalogs' final bytes for the gettext checks."""
    rng = random.Random(seed)
    (root / "seeds").mkdir(parents=True)
    world = World(root, rng, [])
    world.paragraphs = [world.sentence() for _ in range(rng.randint(2, 4))]
    world.write_source()
    translate(world)
    for _ in range(STEPS):
        step = rng.choice(STEP_KINDS)
        step(world)
        check_nothing_lost(world, f"seed {seed}, after {step.__name__}")
    extract(world)
    check_nothing_lost(world, f"seed {seed}, after the final extract")
    return catalogs_on_disk(world)


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory when the machine has one: the sequences write thousands of small
    files, and on a disk the file system, not the pipeline, would take most of the time."""
    if not SHARED_MEMORY.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="pipeline-sequences-", dir=SHARED_MEMORY))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not HAS_GETTEXT, reason="GNU gettext (msgmerge, msgcat, msgfmt) not installed")
def test_random_edit_and_rerun_sequences_lose_nothing(
    scratch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = scratch
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    checks: list[Future[None]] = []
    with ThreadPoolExecutor(max_workers=1) as gettext_checks:
        for seed in range(SEQUENCES):
            try:
                catalogs = play(seed, tmp_path / str(seed))
            except (AssertionError, subprocess.CalledProcessError) as error:
                detail = (getattr(error, "stderr", b"") or b"").decode(errors="replace")
                raise AssertionError(f"seed {seed}: {error} {detail}") from None
            checks.append(gettext_checks.submit(check_gettext_accepts, seed, catalogs))
            shutil.rmtree(tmp_path / str(seed))
    for check in checks:
        check.result()
