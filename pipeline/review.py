"""Review of machine drafts by a person: accept, edit or skip each one, in document order.

A draft is what :mod:`pipeline.units` calls one. Accepting one is the only way it becomes reviewed:
the fuzzy flag and the previous source (``#| msgid``) go, translator comments (provenance
included) stay, and the catalog header records who reviewed and when. Every decision is written
to its catalog at once and atomically, so quitting, Ctrl-C or a crash loses nothing already
decided and never leaves half a file. Reviewed entries are never touched here.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import click
import polib

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.gettext import read_po, write_po
from pipeline.locales import find_catalogs, select_languages
from pipeline.qa import ERROR, WARNING, CheckContext, Finding
from pipeline.units import is_blank, is_draft, live_entries, mark_reviewed, previous_source

# Findings of these severities keep a draft out of --accept-all-checked.
BLOCKING_SEVERITIES = frozenset({ERROR, WARNING})
CONTEXT_CHARS = 240  # neighbouring paragraphs are context, not reading matter: shortened
TEXT_WIDTH = 100
LABEL_WIDTH = 10
KEY_LEGEND = "[a] accept   [e] edit   [s] skip   [b] back   [q] quit"
END_LEGEND = "That was the last draft.   [b] back   [q] quit"
_REVIEWER = re.compile(r"^[^<>]+ <[^<>\s]+@[^<>\s]+>$")
_DIFF_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


# --- Catalogs -------------------------------------------------------------------------------


@dataclass
class Catalog:
    """One open catalog: where it lives and its entries in document order."""

    doc_id: str
    path: Path
    name: str  # the path as users see it in messages
    po: polib.POFile
    paragraphs: list[polib.POEntry]  # live entries (not obsolete), in document order

    def save(self) -> None:
        write_po(self.po, self.path)


@dataclass(frozen=True)
class Draft:
    """A draft entry, and where it stands in its document."""

    catalog: Catalog
    entry: polib.POEntry
    index: int  # position among the catalog's paragraphs

    @property
    def previous_source(self) -> str | None:
        return self.catalog.paragraphs[self.index - 1].msgid if self.index > 0 else None

    @property
    def next_source(self) -> str | None:
        following = self.catalog.paragraphs[self.index + 1 : self.index + 2]
        return following[0].msgid if following else None


def load_drafts(settings: Settings, lang: str, doc_ids: Iterable[str] = ()) -> list[Draft]:
    """The drafts of the given documents (all catalogs of ``lang`` if none), in document order."""
    select_languages(settings, [lang])  # refuses a language the project does not translate into
    drafts: list[Draft] = []
    for doc_id, path in _catalog_paths(settings, lang, doc_ids):
        catalog = _open_catalog(settings, doc_id, path)
        drafts.extend(
            Draft(catalog, entry, index)
            for index, entry in enumerate(catalog.paragraphs)
            if is_draft(entry)
        )
    return drafts


def _catalog_paths(settings: Settings, lang: str, doc_ids: Iterable[str]) -> list[tuple[str, Path]]:
    wanted = list(dict.fromkeys(doc_ids))  # each document once, in the order given
    if wanted:
        return [(doc_id, settings.catalog_path(doc_id, lang)) for doc_id in wanted]
    found = [(c.doc_id, c.path) for c in find_catalogs(settings, [lang]) if c.exists]
    if not found:
        raise PipelineError(
            f"{settings.relative(settings.locales)}: no catalogs for {lang!r} yet; create them "
            "with `pipeline extract` and fill them with `pipeline translate` first"
        )
    return found


def _open_catalog(settings: Settings, doc_id: str, path: Path) -> Catalog:
    name = settings.relative(path)
    po = read_po(path, name)
    paragraphs = list(live_entries(po))
    return Catalog(doc_id, path, name, po, paragraphs)


# --- Checks ---------------------------------------------------------------------------------


@dataclass
class Checker:
    """The quality checks (``pipeline.qa``) for drafts in one language: its shared context."""

    context: CheckContext

    def __call__(self, draft: Draft) -> list[Finding]:
        return self.context.findings(draft.entry, draft.catalog.doc_id)


def make_checker(settings: Settings, lang: str) -> Checker:
    """The checks for drafts in ``lang``; reads the language's glossary once."""
    return Checker(CheckContext.for_language(settings, lang))


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that need a person's eye before the draft may be accepted unattended."""
    return [finding for finding in findings if finding.severity in BLOCKING_SEVERITIES]


# --- Decisions ------------------------------------------------------------------------------


def resolve_reviewer(given: str | None, cwd: Path) -> str:
    """Who is reviewing, as ``Name <email>``: ``--reviewer``, else git's user.name/user.email."""
    if given is not None:
        if not _REVIEWER.match(given.strip()):
            raise PipelineError(
                f'--reviewer {given!r}: write it as "Name <email>", e.g. '
                '--reviewer "Ana Pérez <ana@example.org>"'
            )
        return given.strip()
    name, email = _git_config("user.name", cwd), _git_config("user.email", cwd)
    if name and email:
        return f"{name} <{email}>"
    raise PipelineError(
        'who is reviewing? pass --reviewer "Name <email>" (or set git config user.name and '
        "user.email); it goes into the Last-Translator header of the catalogs"
    )


def _git_config(key: str, cwd: Path) -> str:
    try:
        done = subprocess.run(
            ["git", "config", "--get", key],
            cwd=cwd if cwd.is_dir() else None,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git installed: the reviewer must say who they are
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def revision_date(now: datetime | None = None) -> str:
    """A time in gettext's header format, ``YYYY-MM-DD HH:MM+ZZZZ``, local time zone."""
    return (now or datetime.now()).astimezone().strftime("%Y-%m-%d %H:%M%z")


def accept(draft: Draft, reviewer: str, translation: str | None = None) -> None:
    """Accept a draft in memory (optionally with a new translation) and sign the catalog."""
    mark_reviewed(draft.entry, translation)
    draft.catalog.po.metadata["Last-Translator"] = reviewer
    draft.catalog.po.metadata["PO-Revision-Date"] = revision_date()


def accept_all_checked(drafts: list[Draft], reviewer: str, check: Checker) -> list[Draft]:
    """Accept every draft without error or warning findings; returns those accepted.

    Each catalog is saved once, after all its drafts were decided.
    """
    accepted = [draft for draft in drafts if not blocking(check(draft))]
    for draft in accepted:
        accept(draft, reviewer)
    for catalog in {id(d.catalog): d.catalog for d in accepted}.values():
        catalog.save()
    return accepted


# --- Showing a draft ------------------------------------------------------------------------


def word_diff(old: str, new: str) -> str:
    """What changed from ``old`` to ``new``, word by word: ``[-removed-]{+added+}``."""
    before, after = _DIFF_TOKEN.findall(old), _DIFF_TOKEN.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append("".join(before[i1:i2]))
            continue
        if i2 > i1:
            parts.append(click.style(f"[-{''.join(before[i1:i2])}-]", fg="red"))
        if j2 > j1:
            parts.append(click.style(f"{{+{''.join(after[j1:j2])}+}}", fg="green"))
    return "".join(parts)


def render_draft(
    draft: Draft, position: int, total: int, findings: list[Finding], decision: str | None
) -> str:
    """The screen for one draft: where it is, its context, source, draft, changes and findings."""
    catalog, entry = draft.catalog, draft.entry
    status = f"  [{decision}]" if decision else ""
    lines = [
        click.style(
            f"Draft {position} of {total} · {catalog.doc_id}, paragraph {draft.index + 1} of "
            f"{len(catalog.paragraphs)} · {catalog.name}{status}",
            bold=True,
        ),
        "",
    ]
    if draft.previous_source is not None:
        lines += _labelled("Before", _context(draft.previous_source), dim=True)
    lines += _labelled("Source", entry.msgid, bold=True)
    if draft.next_source is not None:
        lines += _labelled("After", _context(draft.next_source), dim=True)
    changed_from = previous_source(entry)
    if changed_from is not None:
        # Not wrapped: the colour codes would throw textwrap's widths off.
        lines += ["", "Changed:".ljust(LABEL_WIDTH) + word_diff(changed_from, entry.msgid)]
    lines += ["", *_labelled("Draft", entry.msgstr)]
    lines += ["", *_findings_lines(findings)] if findings else []
    lines += ["", KEY_LEGEND]
    return "\n".join(lines)


def _context(text: str) -> str:
    return textwrap.shorten(text, CONTEXT_CHARS, placeholder=" …")


def _labelled(label: str, text: str, **style: bool) -> list[str]:
    """``Label:   text`` wrapped under itself; msgstr may hold newlines, each starts a line."""
    wrapped: list[str] = []
    for line in text.split("\n"):
        indent = f"{label}:".ljust(LABEL_WIDTH) if not wrapped else " " * LABEL_WIDTH
        wrapped += textwrap.wrap(
            line, TEXT_WIDTH, initial_indent=indent, subsequent_indent=" " * LABEL_WIDTH
        ) or [indent]
    return [click.style(line, **style) for line in wrapped]


def _findings_lines(findings: list[Finding]) -> list[str]:
    lines = []
    for number, finding in enumerate(findings):
        colour = {"error": "red", "warning": "yellow"}.get(str(finding.severity))
        severity = click.style(str(finding.severity), fg=colour, bold=colour is not None)
        label = "Checks:" if number == 0 else ""
        lines.append(f"{label.ljust(LABEL_WIDTH)}{severity} [{finding.check}] {finding.message}")
    return lines


# --- The interactive session ----------------------------------------------------------------


def stdin_is_terminal() -> bool:
    """The session reads single keypresses; without a terminal it would wait for nobody."""
    return sys.stdin.isatty()


@dataclass
class Session:
    """Walks through the drafts; each decision is saved before the next key is read."""

    drafts: list[Draft]
    reviewer: str
    check: Checker
    position: int = 0
    decisions: dict[int, str] = field(default_factory=dict)
    note: str = ""  # what happened with the last key, shown above the next screen
    typed_ahead: list[str] = field(default_factory=list)

    def run(self) -> dict[int, str]:
        """Review until the reviewer quits (past the last draft: back or quit); the decisions."""
        try:
            while True:
                self._show()
                if not self._handle(self._next_key()):
                    break
        except (KeyboardInterrupt, EOFError):
            click.echo("\nInterrupted; the decisions made are saved.")
        return self.decisions

    def _next_key(self) -> str:
        """One key; keys typed while the screen was drawn arrive together and count one by one."""
        if not self.typed_ahead:
            typed = click.getchar()
            # An escape sequence (arrows, function keys) is one key, unknown to the session.
            self.typed_ahead = [typed] if typed.startswith("\x1b") or not typed else list(typed)
        return self.typed_ahead.pop(0)

    def _show(self) -> None:
        click.clear()
        if self.note:
            click.echo(self.note + "\n")
        if self._at_end():
            click.echo(END_LEGEND)
            return
        draft = self.drafts[self.position]
        decision = self.decisions.get(self.position)
        screen = render_draft(
            draft, self.position + 1, len(self.drafts), self.check(draft), decision
        )
        click.echo(screen)

    def _handle(self, key: str) -> bool:
        """Act on one key; False means stop."""
        command = key.lower()
        if command in ("q", ""):  # "" is the end of scripted input
            return False
        actions = {"a": self._accept, "e": self._edit, "s": self._skip, "b": self._back}
        action = actions.get(command)
        if self._at_end() and command != "b":
            self.note = "There are no more drafts."
        elif action is None:
            self.note = f"Unknown key {key!r}. Keys: {KEY_LEGEND}"
        else:
            action()
        return True

    def _at_end(self) -> bool:
        return self.position == len(self.drafts)

    def _accept(self) -> None:
        self._decide("accepted")

    def _edit(self) -> None:
        entry = self.drafts[self.position].entry
        try:
            edited = click.edit(entry.msgstr)
        except click.ClickException as exc:
            self.note = f"The editor failed ({exc.format_message()}); nothing changed."
            return
        translation = _edited_translation(edited, entry.msgstr)
        if translation is None:
            self.note = "Edit left the translation as it was; nothing changed."
            return
        self._decide("edited", translation)

    def _skip(self) -> None:
        earlier = self.decisions.setdefault(self.position, "skipped")
        stays = "a draft" if earlier == "skipped" else earlier  # a revisited decision stands
        self.note = f"Skipped draft {self.position + 1}; it stays {stays}."
        self.position += 1

    def _back(self) -> None:
        if self.position == 0:
            self.note = "This is the first draft."
            return
        self.position -= 1
        self.note = ""

    def _decide(self, decision: str, translation: str | None = None) -> None:
        draft = self.drafts[self.position]
        accept(draft, self.reviewer, translation)
        draft.catalog.save()
        self.decisions[self.position] = decision
        self.note = f"Draft {self.position + 1} {decision}; saved {draft.catalog.name}."
        self.position += 1


def _edited_translation(edited: str | None, current: str) -> str | None:
    """The reviewer's new translation, or None when the edit was aborted, emptied or unchanged."""
    if edited is None:
        return None
    # The editor adds a final newline the translation never had.
    text = edited.rstrip("\n") if not current.endswith("\n") else edited
    if is_blank(text) or text == current:
        return None
    return text


# --- The command ----------------------------------------------------------------------------


def review(
    settings: Settings,
    lang: str,
    doc_ids: Iterable[str] = (),
    reviewer: str | None = None,
    accept_checked: bool = False,
) -> None:
    """``pipeline review``: the interactive session, or ``--accept-all-checked`` unattended."""
    drafts = load_drafts(settings, lang, doc_ids)
    if not drafts:
        click.echo(f"Nothing to review: no drafts in {lang!r}.")
        return
    if not accept_checked and not stdin_is_terminal():
        raise PipelineError(
            "review reads single keys from a terminal, but stdin is not one; run it in a "
            "terminal, or pass --accept-all-checked to accept the drafts without findings"
        )
    who = resolve_reviewer(reviewer, settings.root)
    check = make_checker(settings, lang)
    if accept_checked:
        _report_accepted(accept_all_checked(drafts, who, check), len(drafts))
    else:
        _report_session(Session(drafts, who, check).run(), len(drafts))


def _report_accepted(accepted: list[Draft], total: int) -> None:
    for draft in accepted:
        click.echo(f"accepted {draft.catalog.name}: {textwrap.shorten(draft.entry.msgid, 70)}")
    click.echo(
        f"Accepted {len(accepted)} of {total} drafts; {total - len(accepted)} with findings "
        "left for review."
    )


def _report_session(decisions: dict[int, str], total: int) -> None:
    counts = {kind: list(decisions.values()).count(kind) for kind in ("accepted", "edited")}
    still = total - counts["accepted"] - counts["edited"]
    click.echo(
        f"Accepted {counts['accepted']}, edited and accepted {counts['edited']}; "
        f"{still} of {total} drafts still to review."
    )
