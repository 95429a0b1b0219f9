"""The review session's decisions, with no terminal in them: any front end can drive a Session.

A draft is what :mod:`pipeline.units` calls one. Accepting one is the only way it becomes reviewed:
the fuzzy flag and the previous source (``#| msgid``) go, translator comments (provenance
included) stay, and the catalog header records who reviewed and when. Every decision is written
to its catalog at once and atomically, so quitting, Ctrl-C or a crash loses nothing already
decided and never leaves half a file. Reviewed entries are never touched here.

A catalog may be saved by someone else during a session (Poedit, another reviewer). Each save
goes through :mod:`pipeline.catalog_save`: what they saved is kept, and the decision is written
only into its entry, and only if that entry is still as the reviewer saw it. Otherwise the
decision becomes a :class:`Conflict` the front end must show, so the reviewer chooses.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polib

from pipeline.catalog import gettext_date
from pipeline.catalog_save import Change, ChangedOnDisk, EntryKey, TrackedCatalog, entry_key
from pipeline.config import Settings
from pipeline.errors import PipelineError
from pipeline.locales import find_catalogs, select_languages
from pipeline.qa import ERROR, WARNING, CheckContext, Finding
from pipeline.units import is_draft, live_entries, mark_reviewed

# Findings of these severities keep a draft out of --accept-all-checked.
BLOCKING_SEVERITIES = frozenset({ERROR, WARNING})
ACCEPTED, EDITED, SKIPPED, KEPT_THEIRS = "accepted", "edited", "skipped", "kept theirs"
_REVIEWER = re.compile(r"^[^<>]+ <[^<>\s]+@[^<>\s]+>$")


# --- Catalogs and drafts --------------------------------------------------------------------


@dataclass
class Catalog:
    """One open catalog of a document, tracked so that saves never undo someone else's."""

    doc_id: str
    file: TrackedCatalog

    @property
    def name(self) -> str:
        """The path as users see it in messages."""
        return self.file.display

    @property
    def paragraphs(self) -> list[polib.POEntry]:
        """Live entries (not obsolete), in document order, as last read."""
        return list(live_entries(self.file.po))


@dataclass(frozen=True)
class Draft:
    """A draft entry of a catalog, found by its key in the catalog as last read."""

    catalog: Catalog
    key: EntryKey
    first_read: polib.POEntry  # shown while the entry is gone from the file

    @property
    def entry(self) -> polib.POEntry:
        return self.catalog.file.entry(self.key) or self.first_read

    @property
    def index(self) -> int:
        """Position among the catalog's paragraphs (0 when the entry is gone)."""
        keys = [entry_key(entry) for entry in self.catalog.paragraphs]
        return keys.index(self.key) if self.key in keys else 0

    @property
    def previous_source(self) -> str | None:
        index = self.index
        return self.catalog.paragraphs[index - 1].msgid if index > 0 else None

    @property
    def next_source(self) -> str | None:
        following = self.catalog.paragraphs[self.index + 1 : self.index + 2]
        return following[0].msgid if following else None


def load_drafts(settings: Settings, lang: str, doc_ids: Iterable[str] = ()) -> list[Draft]:
    """The drafts of the given documents (all catalogs of ``lang`` if none), in document order."""
    select_languages(settings, [lang])  # refuses a language the project does not translate into
    drafts: list[Draft] = []
    for doc_id, path in _catalog_paths(settings, lang, doc_ids):
        catalog = Catalog(doc_id, TrackedCatalog.open(path, settings.relative(path)))
        drafts.extend(
            Draft(catalog, entry_key(entry), entry)
            for entry in catalog.paragraphs
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


# --- Checks ---------------------------------------------------------------------------------


@dataclass
class Checker:
    """The quality checks (``pipeline.qa``) for drafts in one language: its shared context."""

    context: CheckContext

    def __call__(self, draft: Draft) -> list[Finding]:
        return self.context.findings(draft.entry, draft.catalog.doc_id)

    def pivot(self, draft: Draft) -> str | None:
        """The current pivot-language (English) text the draft's language goes through, if any."""
        return self.context.pivots(draft.catalog.doc_id).get(draft.entry.msgid)


def make_checker(settings: Settings, lang: str) -> Checker:
    """The checks for drafts in ``lang``; reads the language's glossary once."""
    return Checker(CheckContext.for_language(settings, lang))


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that need a person's eye before the draft may be accepted unattended."""
    return [finding for finding in findings if finding.severity in BLOCKING_SEVERITIES]


# --- Who reviews, and when ------------------------------------------------------------------


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


def _signer(reviewer: str) -> Callable[[polib.POFile], None]:
    """The header change that goes with every accepted draft: who reviewed, and when.

    Applied to the catalog as it is on disk at the save: the signature is of the latest edit.
    """

    def sign(po: polib.POFile) -> None:
        po.metadata["Last-Translator"] = reviewer
        po.metadata["PO-Revision-Date"] = gettext_date()

    return sign


# --- Unattended -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Unattended:
    """What ``--accept-all-checked`` did: drafts accepted, and those someone changed meanwhile."""

    accepted: list[Draft]
    changed_on_disk: list[str]  # ``file:line`` of drafts left as someone else saved them


def accept_all_checked(drafts: list[Draft], reviewer: str, check: Checker) -> Unattended:
    """Accept every draft without error or warning findings; each catalog is saved once."""
    checked = [draft for draft in drafts if not blocking(check(draft))]
    by_catalog: dict[int, list[Draft]] = {}
    for draft in checked:
        by_catalog.setdefault(id(draft.catalog), []).append(draft)
    refused: set[tuple[int, EntryKey]] = set()
    changed: list[str] = []
    for group in by_catalog.values():
        file = group[0].catalog.file
        conflicts = file.save({d.key: mark_reviewed for d in group}, _signer(reviewer))
        refused.update((id(group[0].catalog), c.key) for c in conflicts)
        changed += [c.describe(file.display) for c in conflicts]
    accepted = [d for d in checked if (id(d.catalog), d.key) not in refused]
    return Unattended(accepted, changed)


# --- The interactive session ----------------------------------------------------------------


@dataclass(frozen=True)
class Saved:
    """A decision written to its catalog."""

    number: int  # the draft's number, from 1
    decision: str
    catalog: str


@dataclass(frozen=True)
class Conflict:
    """The entry being decided was changed on disk: the reviewer must choose what stays.

    ``theirs`` is the entry as now saved (None: gone from the file); ``mine`` the translation
    the reviewer was accepting. Nothing was written.
    """

    number: int
    draft: Draft
    theirs: polib.POEntry | None
    mine: str
    decision: str


@dataclass
class Session:
    """The drafts in order, where the reviewer is, and what they decided; saves each decision.

    A front end shows :meth:`current`, calls :meth:`decide`, :meth:`skip`, :meth:`back` (and
    :meth:`redraft` to put another draft in front of the reviewer), and when
    a decision returns a :class:`Conflict`, one of :meth:`keep_theirs`, :meth:`overwrite` or
    :meth:`skip`.
    """

    drafts: list[Draft]
    reviewer: str
    position: int = 0
    decisions: dict[int, str] = field(default_factory=dict)
    conflict: Conflict | None = None

    @property
    def at_end(self) -> bool:
        return self.position == len(self.drafts)

    @property
    def at_start(self) -> bool:
        return self.position == 0

    def current(self) -> Draft | None:
        """The draft in front of the reviewer (None past the last one), as a decision will see it.

        What is shown is what a decision builds on: a change saved on disk after this call is a
        conflict, one saved before it is what the reviewer sees.
        """
        if self.at_end:
            return None
        draft = self.drafts[self.position]
        draft.catalog.file.adopt([draft.key])
        return draft

    def decision(self) -> str | None:
        """What was decided on the current draft in this session, if anything."""
        return self.decisions.get(self.position)

    def decide(self, translation: str | None = None) -> Saved | Conflict:
        """Accept the current draft (with ``translation``: edited), saved at once."""
        draft = self.drafts[self.position]
        mine = draft.entry.msgstr if translation is None else translation
        return self._save(ACCEPTED if translation is None else EDITED, mine)

    def redraft(self, change: Change) -> ChangedOnDisk | None:
        """Replace the current draft (e.g. by a memory match): it stays a draft, undecided, and
        the reviewer stays on it. Saved at once; returns the entry as someone else saved it
        instead (nothing written), whom the next :meth:`current` shows."""
        draft = self.drafts[self.position]
        if not is_draft(draft.entry):
            raise ValueError("the entry is reviewed: only a decision of the reviewer changes it")
        conflicts = draft.catalog.file.save({draft.key: change})
        return conflicts[0] if conflicts else None

    def overwrite(self) -> Saved | Conflict:
        """Write the conflicting decision over their version (which must still exist)."""
        conflict = self._take_conflict()
        if conflict.theirs is None:
            raise ValueError("the entry is gone from the file: there is nothing to overwrite")
        conflict.draft.catalog.file.adopt([conflict.draft.key])
        return self._save(conflict.decision, conflict.mine)

    def _save(self, decision: str, translation: str) -> Saved | Conflict:
        draft = self.drafts[self.position]
        conflicts = draft.catalog.file.save(
            {draft.key: lambda entry: mark_reviewed(entry, translation)}, _signer(self.reviewer)
        )
        if conflicts:
            self.conflict = Conflict(
                self.position + 1, draft, conflicts[0].theirs, translation, decision
            )
            return self.conflict
        self.decisions[self.position] = decision
        self.position += 1
        return Saved(self.position, decision, draft.catalog.name)

    def keep_theirs(self) -> None:
        """Leave their version as saved and go on; ``back`` shows it."""
        self._take_conflict()
        self.decisions[self.position] = KEPT_THEIRS
        self.position += 1

    def skip(self) -> str:
        """Go on without deciding; returns what the draft stays (a revisited decision stands)."""
        self.conflict = None
        earlier = self.decisions.setdefault(self.position, SKIPPED)
        self.position += 1
        return earlier

    def back(self) -> bool:
        """Back to the previous draft; False on the first."""
        if self.at_start:
            return False
        self.conflict = None
        self.position -= 1
        return True

    def counts(self) -> dict[str, int]:
        """How many drafts were accepted and edited."""
        values = list(self.decisions.values())
        return {kind: values.count(kind) for kind in (ACCEPTED, EDITED)}

    def _take_conflict(self) -> Conflict:
        if self.conflict is None:
            raise ValueError("no conflict to resolve")
        conflict, self.conflict = self.conflict, None
        return conflict
