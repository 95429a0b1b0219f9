"""`pipeline review` driven as a person would: scripted keys, a fake $EDITOR, the catalog after."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import click
import polib
import pytest
from click.testing import CliRunner

import pipeline.review.session
import pipeline.review.tui
from pipeline.cli import main

REVIEWER = "Ana Pérez <ana@example.org>"
PROVENANCE = "mt: engine=argos route=es>en>ru packages=a@1,b@1 src=aaa pivot=bbb out=ccc"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}[+-]\d{4}$")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with two Russian catalogs; git knows nobody, no editor is configured."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("VISUAL", raising=False)
    root = tmp_path / "project"
    write_catalog(root, "news", NEWS)
    write_catalog(root, "notes", NOTES)
    return root


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stdin counts as a terminal; the keys still come from CliRunner's input."""
    monkeypatch.setattr(pipeline.review.tui, "stdin_is_terminal", lambda: True)


NEWS = [
    # (msgid, msgstr, fuzzy, previous msgid)
    ("Título", "Заголовок", False, None),
    ("Primer párrafo.", "Первый абзац.", True, None),
    ("Segundo párrafo.", "", False, None),
    ("El nuevo texto.", "Старый текст.", True, "El viejo texto."),
    ("Cuarto párrafo.", "Четвёртый абзац.", True, None),
]
NOTES = [("Nota.", "Заметка.", True, None)]


def write_catalog(root: Path, doc: str, rows: list) -> Path:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {
        "Project-Id-Version": doc,
        "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
        "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
        "Language": "ru",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for line, (msgid, msgstr, fuzzy, previous) in enumerate(rows, start=1):
        po.append(
            polib.POEntry(
                msgid=msgid,
                msgstr=msgstr,
                flags=["fuzzy"] if fuzzy else [],
                previous_msgid=previous,
                tcomment=PROVENANCE if fuzzy else "",
                occurrences=[(f"seeds/{doc}.txt", str(line))],
            )
        )
    po.append(polib.POEntry(msgid="Viejo.", msgstr="Старое.", obsolete=True))
    path = catalog_path(root, doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))
    return path


def catalog_path(root: Path, doc: str = "news") -> Path:
    return root / "locales" / "ru" / "LC_MESSAGES" / f"{doc}.po"


def load(root: Path, doc: str = "news") -> polib.POFile:
    return polib.pofile(str(catalog_path(root, doc)))


def states(root: Path, doc: str = "news") -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy) of the catalog's live entries."""
    return {e.msgid: (e.msgstr, e.fuzzy) for e in load(root, doc) if not e.obsolete}


def review(root: Path, *args: str, keys: str = "") -> click.testing.Result:
    return CliRunner().invoke(main, ["--project", str(root), "review", *args], input=keys)


def fake_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """$EDITOR becomes a Python script; ``body`` works on ``path``, the file being edited."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nfrom pathlib import Path\npath = Path(sys.argv[1])\n{body}\n")
    monkeypatch.setenv("EDITOR", f'"{sys.executable}" "{script}"')


@dataclass
class KeySpy:
    """Records the catalog each time a key is read, i.e. after every decision was handled."""

    root: Path
    seen: list[bytes]

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        read = click.getchar

        def spying_getchar(echo: bool = False) -> str:
            self.seen.append(catalog_path(self.root).read_bytes())
            return read(echo)

        monkeypatch.setattr(click, "getchar", spying_getchar)


def scripted_keys(
    monkeypatch: pytest.MonkeyPatch, reads: Iterable[str], then: BaseException
) -> None:
    """click.getchar returns each of ``reads`` in turn, then raises ``then`` (a crash or Ctrl-C)."""
    pending = iter(reads)

    def getchar(echo: bool = False) -> str:
        try:
            return next(pending)
        except StopIteration:
            raise then from None

    monkeypatch.setattr(click, "getchar", getchar)


# --- Decisions, step by step ------------------------------------------------------------------


def test_accept_clears_fuzzy_and_previous_source_keeps_comments_and_signs_header(
    project: Path, terminal: None
) -> None:
    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="aa")

    assert result.exit_code == 0, result.output
    po = load(project)
    first, changed = po.find("Primer párrafo."), po.find("El nuevo texto.")
    for entry in (first, changed):
        assert not entry.fuzzy
        assert entry.previous_msgid is None
        assert entry.tcomment == f"{PROVENANCE}\nmt: accepted"  # the record says a person took it
    assert (first.msgstr, changed.msgstr) == ("Первый абзац.", "Старый текст.")
    assert po.find("Cuarto párrafo.").fuzzy
    assert po.metadata["Last-Translator"] == REVIEWER
    assert DATE.match(po.metadata["PO-Revision-Date"])


def test_each_decision_is_saved_before_the_next_key_is_read(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    spy = KeySpy(project, [])
    spy.install(monkeypatch)
    original = catalog_path(project).read_bytes()

    review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="asa")

    before_a, after_a, after_s, after_second_a = spy.seen
    assert before_a == original
    assert not polib.pofile(after_a.decode()).find("Primer párrafo.").fuzzy
    assert after_s == after_a  # skipping writes nothing
    final = polib.pofile(after_second_a.decode())
    assert final.find("El nuevo texto.").fuzzy
    assert not final.find("Cuarto párrafo.").fuzzy


def test_edit_saves_the_editors_text_as_the_accepted_translation(
    project: Path, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_editor(tmp_path, monkeypatch, 'path.write_text("Исправленный абзац.\\n", "utf-8")')

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="eq")

    assert result.exit_code == 0, result.output
    entry = load(project).find("Primer párrafo.")
    assert (entry.msgstr, entry.fuzzy) == ("Исправленный абзац.", False)
    assert entry.tcomment == f"{PROVENANCE}\nmt: accepted"
    assert load(project).metadata["Last-Translator"] == REVIEWER


@pytest.mark.parametrize(
    "editor_body",
    [
        "pass",  # the reviewer quit without saving
        'path.write_text(path.read_text("utf-8"), "utf-8")',  # saved, but unchanged
        'path.write_text("\\n", "utf-8")',  # emptied
    ],
    ids=["aborted", "unchanged", "emptied"],
)
def test_edit_that_changes_nothing_leaves_the_catalog_alone(
    project: Path,
    terminal: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    editor_body: str,
) -> None:
    fake_editor(tmp_path, monkeypatch, editor_body)
    original = catalog_path(project).read_bytes()

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="eq")

    assert result.exit_code == 0, result.output
    assert "nothing changed" in result.output
    assert catalog_path(project).read_bytes() == original


def test_failing_editor_is_reported_and_the_session_goes_on(
    project: Path, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_editor(tmp_path, monkeypatch, "sys.exit(3)")

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="ea")

    assert "editor failed" in result.output
    assert not load(project).find("Primer párrafo.").fuzzy


def test_skip_leaves_the_draft_as_it_was(project: Path, terminal: None) -> None:
    original = catalog_path(project).read_bytes()

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="sssq")

    assert result.exit_code == 0, result.output
    assert catalog_path(project).read_bytes() == original
    assert "3 of 3 drafts still to review" in result.output


def test_back_revisits_a_skipped_draft_which_can_then_be_accepted(
    project: Path, terminal: None
) -> None:
    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="sbaq")

    assert result.output.count("Draft 1 of 3") == 2
    assert "Draft 1 of 3 · news, paragraph 2 of 5 · locales/ru/LC_MESSAGES/news.po  [skipped]" in (
        result.output
    )
    assert states(project)["Primer párrafo."] == ("Первый абзац.", False)
    assert states(project)["El nuevo texto."] == ("Старый текст.", True)


def test_back_on_the_first_draft_stays_there(project: Path, terminal: None) -> None:
    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="bq")

    assert "This is the first draft." in result.output
    assert result.output.count("Draft 1 of 3") == 2


def test_quit_midway_keeps_the_decisions_made(project: Path, terminal: None) -> None:
    result = review(project, "--lang", "ru", "--reviewer", REVIEWER, keys="asq")

    assert result.exit_code == 0, result.output
    assert [fuzzy for _, fuzzy in states(project).values()] == [False, False, False, True, True]
    assert states(project, "notes")["Nota."] == ("Заметка.", True)
    assert "Accepted 1, edited and accepted 0; 3 of 4 drafts still to review." in result.output


def test_session_walks_all_catalogs_in_document_order_then_offers_back_or_quit(
    project: Path, terminal: None
) -> None:
    result = review(project, "--lang", "ru", "--reviewer", REVIEWER, keys="aaaaabsq")

    assert result.exit_code == 0, result.output
    assert "Draft 4 of 4 · notes, paragraph 1 of 1" in result.output
    assert "That was the last draft.   [b] back   [q] quit" in result.output
    assert "There are no more drafts." in result.output
    assert "Skipped draft 4; it stays accepted." in result.output
    assert "notes.po  [accepted]" in result.output  # back from the end
    assert not any(fuzzy for _, fuzzy in states(project).values())
    assert states(project, "notes")["Nota."] == ("Заметка.", False)
    assert "Accepted 4" in result.output


def test_unknown_key_shows_the_legend_and_changes_nothing(project: Path, terminal: None) -> None:
    original = catalog_path(project).read_bytes()

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="xq")

    assert "Unknown key 'x'" in result.output
    assert catalog_path(project).read_bytes() == original


def test_keys_typed_ahead_count_one_by_one_but_an_arrow_key_is_one_unknown_key(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripted_keys(monkeypatch, ["as", "\x1b[A", "q"], then=AssertionError("read past q"))

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER)

    assert result.exit_code == 0, result.output
    assert "Unknown key '\\x1b[A'" in result.output
    assert states(project)["Primer párrafo."][1] is False
    assert states(project)["El nuevo texto."][1] is True


def test_screen_shows_context_source_changes_translation_and_keys(
    project: Path, terminal: None
) -> None:
    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="sq")

    second = result.output.split("Draft 2 of 3")[1]
    assert "Segundo párrafo." in second  # the paragraph before
    assert "Cuarto párrafo." in second  # the paragraph after
    assert "El [-viejo-]{+nuevo+} texto." in second
    assert "Старый текст." in second
    assert "[a] accept   [e] edit   [s] skip   [b] back   [q] quit" in second


def test_screen_shows_the_english_a_russian_draft_went_through(
    project: Path, terminal: None
) -> None:
    english = catalog_path(project).parents[2] / "en" / "LC_MESSAGES" / "news.po"
    english.parent.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    po.append(polib.POEntry(msgid="Primer párrafo.", msgstr="First paragraph."))
    po.save(str(english))

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="sq")

    first, second = result.output.split("Draft 2 of 3")
    assert "Via:" in first and "First paragraph." in first
    assert "Via:" not in second  # no English for that paragraph: nothing shown


# --- Interruptions ----------------------------------------------------------------------------


@pytest.mark.parametrize("interruption", [KeyboardInterrupt(), RuntimeError("crash")])
def test_interruption_after_two_decisions_keeps_both_an_intact_file_and_ctrl_c_exits_130(
    project: Path,
    terminal: None,
    monkeypatch: pytest.MonkeyPatch,
    interruption: BaseException,
) -> None:
    scripted_keys(monkeypatch, "as", then=interruption)

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER)

    after_two = states(project)  # parses: the file is whole
    assert after_two["Primer párrafo."] == ("Первый абзац.", False)
    assert after_two["El nuevo texto."] == ("Старый текст.", True)
    assert after_two["Cuarto párrafo."] == ("Четвёртый абзац.", True)
    assert sorted(p.name for p in catalog_path(project).parent.iterdir()) == ["news.po", "notes.po"]
    if isinstance(interruption, KeyboardInterrupt):
        assert result.exit_code == 130  # as translate: scripts can tell an interrupted run
        assert result.output.endswith(
            "interrupted: the decisions made so far are saved; run again to go on\n"
        )
        assert "Traceback" not in result.output
    else:
        assert result.exception is interruption


def test_crash_while_saving_leaves_the_previous_file_whole(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="aq")
    after_first = catalog_path(project).read_bytes()

    def failing_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, keys="aq")

    assert result.exit_code == 1 and "disk full" in result.output  # one line, no traceback
    assert catalog_path(project).read_bytes() == after_first
    assert sorted(p.name for p in catalog_path(project).parent.iterdir()) == ["news.po", "notes.po"]


# --- Someone else saves the catalog during the session -------------------------------------


def keys_and_saves(monkeypatch: pytest.MonkeyPatch, script: list) -> None:
    """click.getchar returns the script's keys in turn; a callable in it runs between two keys."""
    pending = iter(script)

    def getchar(echo: bool = False) -> str:
        for step in pending:
            if not callable(step):
                return step
            step()
        raise AssertionError("read past the end of the script")

    monkeypatch.setattr(click, "getchar", getchar)


def poedit_save(root: Path, header: dict[str, str], entries: dict[str, tuple[str, bool]]) -> None:
    """What Poedit does: the whole file rewritten (here by polib), with some fields changed."""
    po = load(root)
    po.metadata.update(header)
    for msgid, (msgstr, fuzzy) in entries.items():
        entry = po.find(msgid)
        entry.msgstr = msgstr
        entry.flags = ["fuzzy"] if fuzzy else []
    po.save(str(catalog_path(root)))


def test_outside_save_between_two_decisions_keeps_their_header_and_entry_and_both_decisions(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = {"Cuarto párrafo.": ("Четвёртый абзац, исправленный.", False)}
    outside = partial(poedit_save, project, {"Language-Team": "Russian <ru@example.org>"}, theirs)
    keys_and_saves(monkeypatch, ["a", outside, "a", "q"])

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER)

    assert result.exit_code == 0, result.output
    assert "changed on disk" not in result.output  # nothing of theirs met a decision
    after = states(project)
    assert after["Primer párrafo."] == ("Первый абзац.", False)
    assert after["El nuevo texto."] == ("Старый текст.", False)
    assert after["Cuarto párrafo."] == theirs["Cuarto párrafo."]
    assert load(project).metadata["Language-Team"] == "Russian <ru@example.org>"
    assert load(project).metadata["Last-Translator"] == REVIEWER


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        ("t", ("Новый текст из Poedit.", True)),  # keep theirs
        ("s", ("Новый текст из Poedit.", True)),  # skip: nothing written
        ("o", ("Старый текст.", False)),  # overwrite with the draft the reviewer accepted
    ],
    ids=["keep-theirs", "skip", "overwrite"],
)
def test_outside_edit_of_the_draft_on_screen_is_shown_as_a_conflict_and_the_reviewer_chooses(
    project: Path,
    terminal: None,
    monkeypatch: pytest.MonkeyPatch,
    choice: str,
    expected: tuple[str, bool],
) -> None:
    theirs = {"El nuevo texto.": ("Новый текст из Poedit.", True)}
    outside = partial(poedit_save, project, {}, theirs)
    keys_and_saves(monkeypatch, ["a", outside, "a", choice, "q"])

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER)

    assert result.exit_code == 0, result.output
    screen = result.output.split("The file changed on disk:")[1]
    assert screen.startswith(" locales/ru/LC_MESSAGES/news.po:")
    assert "(draft 2) was saved by someone else since you saw it; nothing was written." in screen
    assert "Theirs:   Новый текст из Poedit." in screen
    assert "Yours:    Старый текст." in screen
    assert "[t] keep theirs   [o] overwrite with yours   [s] skip" in screen
    assert states(project)["El nuevo texto."] == expected
    assert states(project)["Primer párrafo."] == ("Первый абзац.", False)


def test_after_keeping_theirs_back_shows_their_version_which_can_be_accepted(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = partial(poedit_save, project, {}, {"Primer párrafo.": ("Их абзац.", True)})
    keys_and_saves(monkeypatch, [outside, "a", "t", "b", "a", "q"])

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER)

    assert result.exit_code == 0, result.output
    assert "Kept their version of draft 1; [b] goes back to it." in result.output
    assert "Draft:    Их абзац." in result.output.split("[b] goes back to it.")[1]
    assert states(project)["Primer párrafo."] == ("Их абзац.", False)


def test_draft_removed_on_disk_cannot_be_overwritten(
    project: Path, terminal: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def remove_first_draft() -> None:
        po = load(project)
        po.remove(po.find("Primer párrafo."))
        po.save(str(catalog_path(project)))

    keys_and_saves(monkeypatch, [remove_first_draft, "a", "o", "s", "q"])

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER)

    assert result.exit_code == 0, result.output
    assert "Theirs:   the entry is no longer in the file" in result.output
    assert "Unknown key 'o'. Keys: [t] keep theirs   [s] skip" in result.output
    assert "Primer párrafo." not in states(project)


# --- Unattended -------------------------------------------------------------------------------


CHECKED_NOTES = [
    ("Llegaron 35 personas.", "Пришли люди.", True, None),  # error: the number is missing
    ("¿Vienes mañana?", "Ты придёшь завтра", True, None),  # warning: final punctuation
    ("Se fueron 35.", "Ушли 35.", True, None),
]


def test_accept_all_checked_accepts_only_drafts_without_findings(project: Path) -> None:
    write_catalog(project, "notes", CHECKED_NOTES)

    result = review(project, "--lang", "ru", "--reviewer", REVIEWER, "--accept-all-checked")

    assert result.exit_code == 0, result.output
    assert not any(fuzzy for _, fuzzy in states(project).values())
    assert states(project, "notes") == {
        "Llegaron 35 personas.": ("Пришли люди.", True),
        "¿Vienes mañana?": ("Ты придёшь завтра", True),
        "Se fueron 35.": ("Ушли 35.", False),
    }
    assert "accepted locales/ru/LC_MESSAGES/news.po: El nuevo texto." in result.output
    assert "accepted locales/ru/LC_MESSAGES/notes.po: Se fueron 35." in result.output
    assert "Llegaron" not in result.output
    assert "Accepted 4 of 6 drafts; 2 with findings left for review." in result.output
    assert load(project, "notes").metadata["Last-Translator"] == REVIEWER


def test_accept_all_checked_leaves_a_draft_someone_changed_since_it_was_read(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = pipeline.review.session.make_checker

    def checker_then_outside_save(settings, lang):  # the drafts are read, then Poedit saves
        poedit_save(project, {}, {"Primer párrafo.": ("Их абзац.", True)})
        return check(settings, lang)

    monkeypatch.setattr(pipeline.review.session, "make_checker", checker_then_outside_save)

    result = review(project, "--lang", "ru", "news", "--reviewer", REVIEWER, "--accept-all-checked")

    assert result.exit_code == 0, result.output
    assert re.search(
        r"locales/ru/LC_MESSAGES/news.po:\d+: changed on disk during the review; their version "
        "is kept",
        result.output,
    )
    assert states(project)["Primer párrafo."] == ("Их абзац.", True)
    assert states(project)["El nuevo texto."] == ("Старый текст.", False)


def test_screen_shows_the_check_findings_of_the_draft(project: Path, terminal: None) -> None:
    write_catalog(project, "notes", CHECKED_NOTES)

    result = review(project, "--lang", "ru", "notes", "--reviewer", REVIEWER, keys="q")

    assert "Checks:   error [numbers] a number of the source is missing" in result.output


def test_reviewed_untranslated_and_obsolete_entries_are_never_touched(
    project: Path, terminal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def not_drafts(po: polib.POFile) -> dict[str, str]:
        return {e.msgid: str(e) for e in po if e.obsolete or not e.fuzzy}

    before = not_drafts(load(project))
    fake_editor(tmp_path, monkeypatch, 'path.write_text("Другое.\\n", "utf-8")')

    review(project, "--lang", "ru", "--reviewer", REVIEWER, "--accept-all-checked")
    review(project, "--lang", "ru", "--reviewer", REVIEWER, keys="e")

    after = not_drafts(load(project))
    assert {msgid: after[msgid] for msgid in before} == before
    assert set(before) == {"Título", "Segundo párrafo.", "Viejo."}


def test_without_a_terminal_review_says_so_instead_of_waiting(project: Path) -> None:
    original = catalog_path(project).read_bytes()

    result = review(project, "--lang", "ru", "--reviewer", REVIEWER, keys="a")

    assert result.exit_code == 1
    assert "stdin is not one" in result.output and "--accept-all-checked" in result.output
    assert catalog_path(project).read_bytes() == original


# --- Who reviews ------------------------------------------------------------------------------


def test_reviewer_defaults_to_git_identity(project: Path, terminal: None) -> None:
    gitconfig = os.environ["GIT_CONFIG_GLOBAL"]
    subprocess.run(["git", "config", "--file", gitconfig, "user.name", "Iván Petrov"], check=True)
    subprocess.run(["git", "config", "--file", gitconfig, "user.email", "ivan@x.org"], check=True)

    result = review(project, "--lang", "ru", "news", keys="aq")

    assert result.exit_code == 0, result.output
    assert load(project).metadata["Last-Translator"] == "Iván Petrov <ivan@x.org>"


# --- Bad inputs -------------------------------------------------------------------------------


def test_unknown_reviewer_asks_for_reviewer_option(project: Path, terminal: None) -> None:
    result = review(project, "--lang", "ru", keys="a")

    assert result.exit_code == 1
    assert result.output.startswith("error: who is reviewing? pass --reviewer")
    assert states(project)["Primer párrafo."][1] is True


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lang", "de"], "pyproject.toml: language(s) de not in [tool.pipeline] target_lang"),
        (["--lang", "ru", "missing"], "locales/ru/LC_MESSAGES/missing.po: no such catalog"),
        (["--lang", "en"], "locales: no catalogs; run `pipeline extract` first"),
        (["--lang", "ru", "--reviewer", "Ana"], "--reviewer 'Ana': write it as \"Name <email>\""),
    ],
)
def test_bad_inputs_are_one_line_errors(
    project: Path, terminal: None, args: list[str], message: str
) -> None:
    result = review(project, *args, keys="a")

    assert result.exit_code == 1
    assert result.output.startswith(f"error: {message}")
    assert result.output.count("\n") == 1
    assert "Traceback" not in result.output


def test_language_with_templates_but_no_catalogs_yet_is_an_error(project: Path) -> None:
    (project / "locales" / "news.pot").write_text('msgid ""\nmsgstr ""\n', "utf-8")

    result = review(project, "--lang", "en", "--reviewer", REVIEWER)

    assert result.exit_code == 1
    assert result.output.startswith("error: locales: no catalogs for 'en' yet; create them")


def test_broken_catalog_is_named_in_the_error(project: Path, terminal: None) -> None:
    catalog_path(project, "notes").write_text("this is not a PO file\n", "utf-8")

    result = review(project, "--lang", "ru", "notes", "--reviewer", REVIEWER)

    assert result.exit_code == 1
    assert result.output.startswith("error: locales/ru/LC_MESSAGES/notes.po:1: syntax error")


def test_no_drafts_means_nothing_to_review(project: Path) -> None:
    review(project, "--lang", "ru", "--reviewer", REVIEWER, "--accept-all-checked")

    result = review(project, "--lang", "ru")

    assert result.exit_code == 0
    assert "Nothing to review: no drafts in 'ru'." in result.output


@pytest.mark.parametrize(
    ("modules", "unwanted"),
    [
        ("pipeline.cli, pipeline.review.tui", ("argostranslate", "ctranslate2")),
        ("pipeline.review.session", ("click",)),  # a web front end would not want a terminal
    ],
    ids=["no-engine", "session-without-terminal"],
)
def test_review_loads_no_translation_engine_and_its_session_no_terminal_library(
    modules: str, unwanted: tuple[str, ...]
) -> None:
    code = (
        f"import sys, {modules}; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {unwanted!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    )
    assert done.stdout.strip() == "[]"
