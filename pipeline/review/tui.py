"""``pipeline review`` in a terminal: single keys drive a :class:`~pipeline.review.session.Session`.

Everything decided lives in the session; this module only draws screens, reads keys, runs
$EDITOR and prints the summary.
"""

from __future__ import annotations

import difflib
import re
import sys
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import click

from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.qa import Finding
from pipeline.review.alternatives import Alternative, Alternatives
from pipeline.review.matches import MemoryMatches, taking
from pipeline.review.session import (
    Checker,
    Conflict,
    Draft,
    Saved,
    Session,
    load_drafts,
    make_checker,
    resolve_reviewer,
)
from pipeline.tm.memory import Match
from pipeline.units import is_blank, is_draft, previous_source

CONTEXT_CHARS = 240  # neighbouring paragraphs are context, not reading matter: shortened
TEXT_WIDTH = 100
LABEL_WIDTH = 10
KEY_LEGEND = "[a] accept   [e] edit   [s] skip   [b] back   [q] quit   [v] other engines"
END_LEGEND = "That was the last draft.   [b] back   [q] quit"
CONFLICT_LEGEND = "[t] keep theirs   [o] overwrite with yours   [s] skip"
GONE_LEGEND = "[t] keep theirs   [s] skip"
MATCH_KEY = "   [m] memory match"
_DIFF_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


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
    draft: Draft,
    position: int,
    total: int,
    findings: list[Finding],
    decision: str | None,
    pivot: str | None = None,
    matches: Sequence[Match] = (),
) -> str:
    """The screen for one draft: where it is, its context, source, the pivot text it went
    through (English for Russian), the draft, changes, findings and the memory's matches."""
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
    lines += ["", *_labelled("Via", pivot, dim=True)] if pivot is not None else []
    lines += ["", *_labelled("Draft", entry.msgstr)]
    lines += ["", *_findings_lines(findings)] if findings else []
    lines += ["", render_matches(matches, entry.msgid)] if matches else []
    lines += ["", KEY_LEGEND + (MATCH_KEY if matches else "")]
    return "\n".join(lines)


def render_alternatives(alternatives: list[Alternative]) -> str:
    """Other engines' drafts, numbered: the number's key accepts that text."""
    lines: list[str] = []
    for number, alternative in enumerate(alternatives, start=1):
        lines += _labelled(f"[{number}]", f"{alternative.engine}: {alternative.text}")
        if alternative.problems:
            lines.append(" " * LABEL_WIDTH + click.style("; ".join(alternative.problems), fg="red"))
    keys = "   ".join(f"[{n}] accept {a.engine}'s" for n, a in enumerate(alternatives, start=1))
    return "\n".join([*lines, "", keys])


def render_matches(matches: Sequence[Match], source: str) -> str:
    """The memory's matches, numbered: each one's score, where it was reviewed, its source with
    what differs from the current source (``[-theirs-]{+ours+}``) and its translation."""
    lines: list[str] = []
    for number, match in enumerate(matches, start=1):
        unit = match.unit
        where = unit.doc if unit.reviewed else f"{unit.doc or 'a unit'} of {unit.origin}"
        lines.append(click.style(f"[m{number}] {match.score:.0%} match, from {where}", bold=True))
        # Not wrapped: the colour codes would throw textwrap's widths off.
        lines.append("Match:".ljust(LABEL_WIDTH) + word_diff(unit.source, source))
        lines += _labelled("Target", unit.target)
    return "\n".join(lines)


def render_conflict(conflict: Conflict) -> str:
    """The screen for a decision that met someone else's save of the same entry."""
    theirs = conflict.theirs
    where = conflict.draft.catalog.name
    if theirs is not None and theirs.linenum:
        where += f":{theirs.linenum}"
    lines = [
        click.style(
            f"The file changed on disk: {where} (draft {conflict.number}) was saved by someone "
            f"else since you saw it; nothing was written.",
            bold=True,
            fg="yellow",
        ),
        "",
        *_labelled("Source", conflict.draft.entry.msgid, bold=True),
        "",
    ]
    if theirs is None:
        lines += ["Theirs:".ljust(LABEL_WIDTH) + "the entry is no longer in the file"]
    else:
        lines += _labelled("Theirs", theirs.msgstr)
        lines += [" " * LABEL_WIDTH + ("(a draft)" if is_draft(theirs) else "(reviewed)")]
    lines += ["", *_labelled("Yours", conflict.mine), ""]
    lines += [CONFLICT_LEGEND if theirs is not None else GONE_LEGEND]
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


# --- Keys -----------------------------------------------------------------------------------


def stdin_is_terminal() -> bool:
    """The session reads single keypresses; without a terminal it would wait for nobody."""
    return sys.stdin.isatty()


@dataclass
class Terminal:
    """Draws the session's screens and turns keys into its calls."""

    session: Session
    check: Checker
    alternatives: Alternatives | None = None  # other engines' drafts, made on [v]
    matches: MemoryMatches | None = None  # the memory's best matches, shown with each draft
    note: str = ""  # what happened with the last key, shown above the next screen
    typed_ahead: list[str] = field(default_factory=list)
    shown: list[Alternative] = field(default_factory=list)  # the current draft's, once asked
    found: list[Match] = field(default_factory=list)  # the memory's matches on the screen
    choosing_match: bool = False  # [m] was pressed: a number takes that match

    def run(self) -> None:
        """Until the reviewer quits (past the last draft: back or quit). Ctrl-C propagates."""
        try:
            while True:
                self._show()
                if not self._handle(self._next_key()):
                    break
        except EOFError:
            click.echo("\nInterrupted; the decisions made are saved.")

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
        session = self.session
        if session.conflict is not None:
            click.echo(render_conflict(session.conflict))
            return
        draft = session.current()
        if draft is None:
            click.echo(END_LEGEND)
            return
        total = len(session.drafts)
        self.found = self._matches(draft)
        click.echo(
            render_draft(
                draft,
                session.position + 1,
                total,
                self.check(draft),
                session.decision(),
                self.check.pivot(draft),
                self.found,
            )
        )
        if self.shown:
            click.echo("\n" + render_alternatives(self.shown))

    def _matches(self, draft: Draft) -> list[Match]:
        if self.matches is None:
            return []
        try:
            return self.matches(draft)
        except PipelineError as exc:  # a broken catalog or TMX: review goes on without them
            self.note = f"No memory matches: {exc}"
            self.matches = None
            return []

    def _handle(self, key: str) -> bool:
        """Act on one key; False means stop."""
        command = key.lower()
        if command in ("q", ""):  # "" is the end of scripted input
            return False
        self.note = ""
        choosing_match, self.choosing_match = self.choosing_match, False
        if self.session.conflict is not None:
            self._resolve(command, key)
        elif self.session.at_end and command != "b":
            self.note = "There are no more drafts."
        elif choosing_match:
            self._take_match(command)
        elif command == "m":
            self._choose_match()
        elif command.isdigit() and 0 < int(command) <= len(self.shown):
            self._report(self.session.decide(self.shown[int(command) - 1].text))
        else:
            action = {
                "a": self._accept,
                "e": self._edit,
                "s": self._skip,
                "b": self._back,
                "v": self._other_engines,
            }
            if command in action:
                action[command]()
            else:
                self.note = f"Unknown key {key!r}. Keys: {KEY_LEGEND}"
        if command not in ("v", "m"):
            self.shown = []
        return True

    def _choose_match(self) -> None:
        if not self.found:
            self.note = "The memory has no match for this paragraph."
            return
        self.choosing_match = True
        numbers = "1" if len(self.found) == 1 else f"1–{len(self.found)}"
        self.note = f"Take which memory match as the draft? {numbers}"

    def _take_match(self, command: str) -> None:
        if not (command.isdigit() and 0 < int(command) <= len(self.found)):
            self.note = f"No memory match {command!r}; nothing changed."
            return
        number = int(command)
        draft = self.session.current()
        assert draft is not None
        if not is_draft(draft.entry):
            self.note = "This paragraph is reviewed now; a memory match would not replace it."
            return
        theirs = self.session.redraft(taking(self.found[number - 1]))
        if theirs is not None:
            self.note = "The entry changed on disk meanwhile; nothing written, theirs is shown."
            return
        self.note = f"Took memory match {number} as the draft (still a draft: [a] accepts it)."

    def _other_engines(self) -> None:
        draft = self.session.current()
        assert draft is not None
        if self.alternatives is None:
            self.note = "No other engine is set up for this project."
            return
        try:
            self.shown = self.alternatives(draft)
        except PipelineError as exc:
            self.note = f"Another engine failed: {exc}"
            return
        if not self.shown:
            self.note = "No other engine offers this language on its own."

    def _resolve(self, command: str, key: str) -> None:
        conflict = self.session.conflict
        assert conflict is not None
        if command == "t":
            self.session.keep_theirs()
            self.note = f"Kept their version of draft {conflict.number}; [b] goes back to it."
        elif command == "o" and conflict.theirs is not None:
            self._report(self.session.overwrite())
        elif command == "s":
            self._skip()
        else:
            legend = CONFLICT_LEGEND if conflict.theirs is not None else GONE_LEGEND
            self.note = f"Unknown key {key!r}. Keys: {legend}"

    def _accept(self) -> None:
        self._report(self.session.decide())

    def _edit(self) -> None:
        draft = self.session.current()
        assert draft is not None
        current = draft.entry.msgstr
        try:
            edited = click.edit(current)
        except click.ClickException as exc:
            self.note = f"The editor failed ({exc.format_message()}); nothing changed."
            return
        translation = _edited_translation(edited, current)
        if translation is None:
            self.note = "Edit left the translation as it was; nothing changed."
            return
        self._report(self.session.decide(translation))

    def _skip(self) -> None:
        number = self.session.position + 1
        earlier = self.session.skip()
        stays = "a draft" if earlier == "skipped" else earlier  # a revisited decision stands
        self.note = f"Skipped draft {number}; it stays {stays}."

    def _back(self) -> None:
        if not self.session.back():
            self.note = "This is the first draft."

    def _report(self, outcome: Saved | Conflict) -> None:
        if isinstance(outcome, Saved):
            self.note = f"Draft {outcome.number} {outcome.decision}; saved {outcome.catalog}."


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


def nothing_to_review(lang: str) -> str:
    return f"Nothing to review: no drafts in {lang!r}."


def review(
    settings: Settings, lang: str, doc_ids: Iterable[str] = (), reviewer: str | None = None
) -> None:
    """``pipeline review`` in a terminal; unattended, it is :func:`pipeline.api.accept_checked`."""
    drafts = load_drafts(settings, lang, doc_ids)
    if not drafts:
        click.echo(nothing_to_review(lang))
        return
    if not stdin_is_terminal():
        raise PipelineError(
            "review reads single keys from a terminal, but stdin is not one; run it in a "
            "terminal, or pass --accept-all-checked to accept the drafts without findings"
        )
    session = Session(drafts, resolve_reviewer(reviewer, settings.root))
    check, matches = make_checker(settings, lang), MemoryMatches(settings, lang)
    Terminal(session, check, Alternatives(settings, lang), matches).run()
    _report_session(session, len(drafts))


def _report_session(session: Session, total: int) -> None:
    counts = session.counts()
    still = total - counts["accepted"] - counts["edited"]
    click.echo(
        f"Accepted {counts['accepted']}, edited and accepted {counts['edited']}; "
        f"{still} of {total} drafts still to review."
    )
