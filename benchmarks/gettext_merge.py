"""Merge conformance: the pipeline's merge against ``msgmerge --previous`` on real catalog pairs.

Pairs come from the po/ folders of a corpus (any folder, or flattened ``a__b__`` prefix, holding
language catalogs named like ``fr.po``, ``pt_BR.po``): the catalogs of one folder were last merged
with templates of different dates (their ``POT-Creation-Date``). The newest catalog, its msgstrs
emptied, is the template; every catalog of the folder merged against an older template is an old
catalog. Each old catalog is converted to UTF-8 with ``msgconv`` first, then merged into the
template by ``msgmerge --previous`` (gettext) and by ``pipeline.gettext.merge``, and each entry's
outcome is compared:

* a template entry is *kept* (translated from the old entry with its msgid), *fuzzy* (translated
  from which old entry: the one with its translation, told apart by the previous msgid),
  or *untranslated*;
* an old entry no template entry took is *obsolete* (``#~``) or dropped.

An entry agrees when both tools give it the same outcome. Where the pipeline keeps a translation
because the edit changed whitespace alone (a deliberate difference; see
``pipeline/gettext/merge.py``), the entry, and the old entry it came from, counts as *deliberate*,
not as a disagreement: agreement = agreeing / (entries - deliberate).

    python benchmarks/gettext_merge.py CORPUS_DIR [--min-agreement 0.97] [--details 20]

Prints per pair and in total: entries, agreeing, deliberate, agreement; then the kinds of
difference, most frequent first. Exits 1 below ``--min-agreement`` (a fraction; none by default).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.gettext import format_po, merge, parse_po, read_po  # noqa: E402

GETTEXT_ENV = {**os.environ, "LC_ALL": "C.UTF-8"}
TOOL_TIMEOUT = 120  # seconds
_CATALOG_NAME = re.compile(r"^(?P<lang>[a-z]{2,3}(?:_[A-Z]{2})?(?:@[a-z]+)?)\.po$")
_POT_DATE = re.compile(rb'^"POT-Creation-Date: *([^\\"]*)', re.MULTILINE)

Key = tuple[str | None, str]
Outcome = tuple[str, ...]


@dataclass(frozen=True)
class Pair:
    old: Path
    newer: Path  # the catalog whose msgids are the template
    lang: str

    @property
    def name(self) -> str:
        return f"{self.old.name} <- {self.newer.name}"


@dataclass
class Comparison:
    """How one pair's entries came out in both merges."""

    name: str
    entries: int = 0
    agreeing: int = 0
    deliberate: int = 0
    differences: list[tuple[str, str, Outcome, Outcome]] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        counted = self.entries - self.deliberate
        return self.agreeing / counted if counted else 1.0


def find_pairs(corpus: Path) -> list[Pair]:
    """(old catalog, newer catalog) pairs of every po/ folder under ``corpus``."""
    folders: dict[tuple[Path, str], list[tuple[str, Path, str]]] = {}
    for path in sorted(corpus.rglob("*.po")):
        folder, _, base = path.name.rpartition("__")
        found = _CATALOG_NAME.match(base)
        date = _POT_DATE.search(path.read_bytes())
        if found and date:
            entry = (date.group(1).decode("ascii", "replace").strip(), path, found["lang"])
            folders.setdefault((path.parent, folder), []).append(entry)
    pairs = []
    for catalogs in folders.values():
        newest_date = max(date for date, _path, _lang in catalogs)
        newer = min(path for date, path, _lang in catalogs if date == newest_date)
        pairs += [Pair(path, newer, lang) for date, path, lang in catalogs if date < newest_date]
    return pairs


def compare_pair(pair: Pair, workdir: Path) -> Comparison:
    """Merge the pair both ways and compare each entry's outcome."""
    old_path = workdir / "old.po"
    _run(["msgconv", "-t", "UTF-8", "-o", str(old_path), str(pair.old)])
    template_path = workdir / "template.pot"
    template_path.write_text(format_po(template_of(read_po(_utf8(pair.newer, workdir)))), "utf-8")
    gettext_path = workdir / "msgmerge.po"
    _run(
        ["msgmerge", "--previous", "-q", "-o", str(gettext_path), str(old_path), str(template_path)]
    )
    template, old = read_po(template_path), read_po(old_path)
    ours = parse_po(format_po(merge(template, old, pair.lang)))
    return classify(pair.name, template, old, read_po(gettext_path), ours)


def template_of(catalog: polib.POFile) -> polib.POFile:
    """The template a catalog was merged with: its active msgids, msgstrs empty."""
    pot = polib.POFile(wrapwidth=79)
    pot.metadata = {
        "Project-Id-Version": catalog.metadata.get("Project-Id-Version", ""),
        "POT-Creation-Date": catalog.metadata.get("POT-Creation-Date", ""),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for entry in catalog:
        if entry.obsolete or (entry.msgid == "" and entry.msgctxt is None):
            continue
        pot.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgstr="",
                msgstr_plural={0: "", 1: ""} if entry.msgid_plural else {},
                comment=entry.comment,
                occurrences=list(entry.occurrences),
                flags=[flag for flag in entry.flags if flag != "fuzzy"],
            )
        )
    return pot


def classify(
    name: str,
    template: polib.POFile,
    old: polib.POFile,
    gettext: polib.POFile,
    ours: polib.POFile,
) -> Comparison:
    """Compare, entry by entry, the outcome of msgmerge (``gettext``) and of the pipeline."""
    result = Comparison(name)
    sources = _Sources(old)
    theirs_active, ours_active = _active(gettext), _active(ours)
    spacing_sources: set[Key] = set()
    for entry in template:
        if entry.msgid == "" and entry.msgctxt is None:
            continue
        key = _key(entry)
        expected = _outcome(theirs_active.get(key), sources)
        got = _outcome(ours_active.get(key), sources)
        result.entries += 1
        if got == expected:
            result.agreeing += 1
            continue
        source = sources.key_of(got[1]) if got[0] == "kept" else None
        if source is not None and _only_spacing_differs(source, key):
            result.deliberate += 1
            spacing_sources.add(source)
        else:
            result.differences.append((name, _label(key), expected, got))
    theirs_obsolete, ours_obsolete = _obsolete_keys(gettext), _obsolete_keys(ours)
    for key in sorted(theirs_obsolete | ours_obsolete, key=repr):
        result.entries += 1
        if key in theirs_obsolete and key in ours_obsolete:
            result.agreeing += 1
        elif key in spacing_sources:
            result.deliberate += 1
        else:
            expected = ("obsolete",) if key in theirs_obsolete else ("not obsolete",)
            got = ("obsolete",) if key in ours_obsolete else ("not obsolete",)
            result.differences.append((name, _label(key), expected, got))
    return result


class _Sources:
    """Which old entry a merged translation came from, judged the same way for both tools."""

    def __init__(self, old: polib.POFile) -> None:
        self._by_first_form: dict[str, list[polib.POEntry]] = {}
        for entry in old:
            if _first_form(entry):
                self._by_first_form.setdefault(_first_form(entry), []).append(entry)
        self._keys = {repr(_key(entry)): _key(entry) for entry in old}

    def source_of(self, merged: polib.POEntry) -> str:
        candidates = self._by_first_form.get(_first_form(merged), [])
        previous = (
            (merged.previous_msgctxt, merged.previous_msgid) if merged.previous_msgid else None
        )
        for preferred in (
            [c for c in candidates if _key(c) == _key(merged)],
            [c for c in candidates if _previous_of(c) == previous],
            candidates,
        ):
            if preferred:
                return repr(_key(preferred[0]))
        return "nowhere"

    def key_of(self, source: str) -> Key | None:
        return self._keys.get(source)


def _previous_of(entry: polib.POEntry) -> Key | None:
    """The previous msgid msgmerge gives a fuzzy match from ``entry``."""
    if "fuzzy" in entry.flags:
        return (entry.previous_msgctxt, entry.previous_msgid) if entry.previous_msgid else None
    return _key(entry)


def _outcome(merged: polib.POEntry | None, sources: _Sources) -> Outcome:
    if merged is None:
        return ("missing",)
    if not _first_form(merged):
        return ("untranslated",)
    return ("fuzzy" if "fuzzy" in merged.flags else "kept", sources.source_of(merged))


def _only_spacing_differs(source: Key, key: Key) -> bool:
    """Whether the pipeline kept the translation of ``source`` across a whitespace-only edit."""
    return source != key and source[0] == key[0] and source[1].split() == key[1].split()


def _active(catalog: polib.POFile) -> dict[Key, polib.POEntry]:
    return {_key(entry): entry for entry in catalog if not entry.obsolete}


def _obsolete_keys(catalog: polib.POFile) -> set[Key]:
    return {_key(entry) for entry in catalog if entry.obsolete and _first_form(entry)}


def _key(entry: polib.POEntry) -> Key:
    return entry.msgctxt, entry.msgid


def _first_form(entry: polib.POEntry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr


def _label(key: Key) -> str:
    context, msgid = key
    text = msgid if len(msgid) <= 60 else msgid[:57] + "..."
    return f"[{context}] {text!r}" if context is not None else repr(text)


def _utf8(path: Path, workdir: Path) -> Path:
    converted = workdir / f"utf8-{path.name}"
    _run(["msgconv", "-t", "UTF-8", "-o", str(converted), str(path)])
    return converted


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, env=GETTEXT_ENV, timeout=TOOL_TIMEOUT)


def difference_kind(expected: Outcome, got: Outcome) -> str:
    """A difference's kind, e.g. ``msgmerge fuzzy, pipeline untranslated``."""
    if expected[0] == got[0] == "fuzzy":
        return "both fuzzy, from different old entries"
    return f"msgmerge {expected[0]}, pipeline {got[0]}"


def report(comparisons: Iterable[Comparison], details: int) -> Comparison:
    """Print one line per pair, the total and the kinds of difference; return the total."""
    total = Comparison("total")
    print(f"{'pair':<44} {'entries':>7} {'agree':>7} {'delib.':>6} {'agreement':>9}")
    for comparison in comparisons:
        _print_row(comparison)
        total.entries += comparison.entries
        total.agreeing += comparison.agreeing
        total.deliberate += comparison.deliberate
        total.differences += comparison.differences
    _print_row(total)
    kinds = Counter(difference_kind(expected, got) for _n, _k, expected, got in total.differences)
    for kind, count in kinds.most_common():
        print(f"  {count:6}  {kind}")
    for name, label, expected, got in total.differences[:details]:
        print(f"  {name}: {label}: msgmerge {expected}, pipeline {got}")
    return total


def _print_row(comparison: Comparison) -> None:
    print(
        f"{comparison.name:<44} {comparison.entries:>7} {comparison.agreeing:>7} "
        f"{comparison.deliberate:>6} {comparison.agreement:>9.2%}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--min-agreement", type=float, default=None)
    parser.add_argument("--details", type=int, default=0, help="print the first N differences")
    args = parser.parse_args(argv)
    pairs = find_pairs(args.corpus)
    if not pairs:
        print(f"{args.corpus}: no po/ folder with catalogs of different template dates")
        return 1
    comparisons = []
    for pair in pairs:
        with tempfile.TemporaryDirectory() as workdir:
            try:
                comparisons.append(compare_pair(pair, Path(workdir)))
            except subprocess.CalledProcessError as error:
                print(f"{pair.name}: skipped, {error.cmd[0]} failed: {error.stderr.strip()[:200]}")
    total = report(comparisons, args.details)
    print(f"{len(comparisons)} pairs")
    if args.min_agreement is not None and total.agreement < args.min_agreement:
        print(f"agreement {total.agreement:.2%} is below {args.min_agreement:.2%}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
