"""The review session driven without a terminal, as another front end (a web page) would."""

from __future__ import annotations

from pathlib import Path

import polib

from pipeline.catalog_save import TrackedCatalog
from pipeline.config import load_settings
from pipeline.review.session import Conflict, Saved, Session, load_drafts

REVIEWER = "Ana Pérez <ana@example.org>"


def write_catalog(path: Path, rows: list[tuple[str, str]]) -> None:
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Language": "ru", "Content-Type": "text/plain; charset=UTF-8"}
    for msgid, msgstr in rows:
        po.append(polib.POEntry(msgid=msgid, msgstr=msgstr, flags=["fuzzy"]))
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def set_outside(path: Path, msgid: str, msgstr: str) -> None:
    po = polib.pofile(str(path))
    po.find(msgid).msgstr = msgstr
    po.save(str(path))


def project(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "project"
    catalog = root / "locales" / "ru" / "LC_MESSAGES" / "doc.po"
    write_catalog(catalog, [("Uno.", "Один."), ("Dos.", "Два.")])
    return root, catalog


def test_a_front_end_decides_and_resolves_a_conflict_through_the_session_alone(
    tmp_path: Path,
) -> None:
    root, catalog = project(tmp_path)
    session = Session(load_drafts(load_settings(root), "ru"), REVIEWER)

    assert session.current().entry.msgstr == "Один."
    assert session.decide() == Saved(1, "accepted", "locales/ru/LC_MESSAGES/doc.po")
    set_outside(catalog, "Dos.", "Два (их).")  # saved after the draft was shown
    outcome = session.decide("Два!")

    assert isinstance(outcome, Conflict) and outcome.theirs.msgstr == "Два (их)."
    assert polib.pofile(str(catalog)).find("Dos.").msgstr == "Два (их)."
    assert isinstance(session.overwrite(), Saved) and session.at_end
    entries = {e.msgid: (e.msgstr, e.fuzzy) for e in polib.pofile(str(catalog))}
    assert entries == {"Uno.": ("Один.", False), "Dos.": ("Два!", False)}


def test_tracked_save_writes_only_entries_still_as_known_and_keeps_the_rest_of_the_disk(
    tmp_path: Path,
) -> None:
    _, catalog = project(tmp_path)
    tracked = TrackedCatalog.open(catalog, "doc.po")
    set_outside(catalog, "Dos.", "Два (их).")

    def mark(entry: polib.POEntry) -> None:
        entry.msgstr += " ✓"

    conflicts = tracked.save({(None, "Uno."): mark, (None, "Dos."): mark})

    assert [(c.key, c.theirs.msgstr) for c in conflicts] == [((None, "Dos."), "Два (их).")]
    on_disk = {e.msgid: e.msgstr for e in polib.pofile(str(catalog))}
    assert on_disk == {"Uno.": "Один. ✓", "Dos.": "Два (их)."}
