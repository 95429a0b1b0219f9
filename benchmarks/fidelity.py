"""Fidelity of ``pipeline check``: recall per defect and language, false alarms, speed.

Reads the labelled set (``tests/fixtures/qa/fidelity-eval.tsv`` by default): Spanish news
paragraphs, correct English and Russian translations, free paraphrases, and defects each made by
one explicit edit of a correct translation. Every translation is checked as ``pipeline check``
checks a catalog entry; a defect counts as found when any check flags it, a correct translation
as a false alarm when any does. Then ``pipeline check`` itself runs on a generated project of
``--paragraphs`` entries per language and its whole time is scaled to 1,000 paragraphs.

    python benchmarks/fidelity.py                          # set + check speed, ~20 s
    python benchmarks/fidelity.py --skip-speed --details   # every miss and false alarm
    python benchmarks/fidelity.py --min-recall 0.9 --max-false-alarms 0.05 --max-seconds 5

Exits 1 when a ``--min-*``/``--max-*`` threshold is not met (the test suite runs it that way).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.qa import findings_for_entry  # noqa: E402

DEFAULT_SET = ROOT / "tests" / "fixtures" / "qa" / "fidelity-eval.tsv"
CORRECT = ("ok", "paraphrase")


@dataclass(frozen=True)
class Case:
    """One labelled translation: its source, text, language and defect ("ok", "paraphrase")."""

    key: str
    source: str
    target: str
    lang: str
    label: str


def load_cases(path: Path) -> list[Case]:
    """The set's translations, each defect applied as the edit it is written as."""
    sources: dict[str, str] = {}
    correct: dict[tuple[str, str], str] = {}
    cases = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        key, lang, label, text = line.split("\t")
        where = f"{path.name}:{number}"
        if label == "source":
            sources[key] = text
            continue
        if label == "ok":
            correct[(key, lang)] = text
        target = text if label in CORRECT else _apply(correct[(key, lang)], text, where)
        cases.append(Case(where, sources[key], target, lang, label))
    return cases


def _apply(text: str, edit: str, where: str) -> str:
    old, _, new = edit.partition(" =>")
    new = new[1:] if new.startswith(" ") else new
    if old == "*":
        return new
    if text.count(old) != 1:
        raise SystemExit(f"{where}: the edit's {old!r} is not exactly once in the translation")
    return text.replace(old, new)


def flags(case: Case) -> list[str]:
    """The checks that flag a case's translation."""
    entry = polib.POEntry(msgid=case.source, msgstr=case.target)
    return [f.check for f in findings_for_entry(entry, "es", case.lang)]


@dataclass
class Scores:
    found: Counter
    total: Counter
    by_check: dict[str, Counter]
    seconds: float
    misses: list[tuple[Case, list[str]]]

    def rate(self, labels: tuple[str, ...]) -> float:
        total = sum(n for (label, _), n in self.total.items() if label in labels)
        found = sum(n for (label, _), n in self.found.items() if label in labels)
        return found / total if total else 0.0

    def defects(self) -> tuple[str, ...]:
        return tuple(sorted({label for label, _ in self.total} - set(CORRECT)))


def score(cases: list[Case]) -> Scores:
    found: Counter = Counter()
    total: Counter = Counter()
    by_check: dict[str, Counter] = defaultdict(Counter)
    misses = []
    start = time.perf_counter()
    results = [(case, flags(case)) for case in cases]
    seconds = time.perf_counter() - start
    for case, checks in results:
        total[(case.label, case.lang)] += 1
        found[(case.label, case.lang)] += bool(checks)
        for name in set(checks):
            by_check[name][case.label] += 1
        if bool(checks) == (case.label in CORRECT):
            misses.append((case, checks))
    return Scores(found, total, by_check, seconds, misses)


def print_scores(scores: Scores, details: bool) -> None:
    langs = sorted({lang for _, lang in scores.total})
    print(f"{'defect':<12}" + "".join(f"{lang:>14}" for lang in langs) + f"{'all':>14}")
    for label in (*scores.defects(), *CORRECT):
        cells = []
        for lang in langs:
            n, k = scores.total[(label, lang)], scores.found[(label, lang)]
            cells.append(f"{k:>3}/{n:<3} {k / n:>5.0%}" if n else f"{'-':>14}")
        overall = scores.rate((label,))
        print(f"{label:<12}" + "".join(f"{c:>14}" for c in cells) + f"{overall:>14.0%}")
    print(f"recall (defects flagged): {scores.rate(scores.defects()):.1%}")
    print(f"false alarms (correct translations flagged): {scores.rate(CORRECT):.1%}")
    print("\nflags per check (pairs of each label it flags):")
    for name, counts in sorted(scores.by_check.items()):
        shown = ", ".join(f"{label} {n}" for label, n in sorted(counts.items()))
        print(f"  {name:<12} {shown}")
    pairs = sum(scores.total.values())
    print(f"\nchecks on {pairs} pairs in-process: {scores.seconds * 1000 / pairs:.2f} s per 1,000")
    if details:
        print("\nmisses and false alarms:")
        for case, checks in scores.misses:
            print(f"  {case.key} {case.lang} {case.label}: {', '.join(checks) or 'not flagged'}")
            print(f"      {case.target}")


def check_speed(cases: list[Case], paragraphs: int) -> float:
    """Seconds of a whole ``pipeline check`` process per 1,000 paragraphs of a made-up project."""
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        (project / "pyproject.toml").write_text(
            '[tool.pipeline]\nsource_language = "es"\ntarget_languages = ["en", "ru"]\n', "utf-8"
        )
        for lang in ("en", "ru"):
            pool = [c for c in cases if c.lang == lang]
            po = polib.POFile()
            po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
            for i in range(paragraphs):
                case = pool[i % len(pool)]
                # Distinct msgids, as a real project's paragraphs are.
                entry = polib.POEntry(msgid=f"{case.source} ({i})", msgstr=f"{case.target} ({i})")
                po.append(entry)
            folder_po = project / "locales" / lang / "LC_MESSAGES"
            folder_po.mkdir(parents=True)
            po.save(str(folder_po / "bench.po"))
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pipeline", "--project", str(project), "check"],
            cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            check=False,
        )
        seconds = time.perf_counter() - start
    return seconds * 1000 / (2 * paragraphs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", nargs="?", type=Path, default=DEFAULT_SET)
    parser.add_argument("--limit", type=int, help="only every n-th case, for a quick run")
    parser.add_argument("--details", action="store_true", help="list misses and false alarms")
    parser.add_argument("--skip-speed", action="store_true", help="skip the pipeline check run")
    parser.add_argument("--paragraphs", type=int, default=1000, help="per language, for speed")
    parser.add_argument("--min-recall", type=float)
    parser.add_argument("--max-false-alarms", type=float)
    parser.add_argument("--max-seconds", type=float, help="per 1,000 paragraphs")
    args = parser.parse_args()
    cases = load_cases(args.set)
    if args.limit:
        cases = cases[:: args.limit]
    scores = score(cases)
    print_scores(scores, args.details)
    failed = []
    recall, false_alarms = scores.rate(scores.defects()), scores.rate(CORRECT)
    if args.min_recall is not None and recall < args.min_recall:
        failed.append(f"recall {recall:.1%} < {args.min_recall:.0%}")
    if args.max_false_alarms is not None and false_alarms > args.max_false_alarms:
        failed.append(f"false alarms {false_alarms:.1%} > {args.max_false_alarms:.0%}")
    if not args.skip_speed:
        per_thousand = check_speed(cases, args.paragraphs)
        print(f"pipeline check, whole process: {per_thousand:.2f} s per 1,000 paragraphs")
        if args.max_seconds is not None and per_thousand > args.max_seconds:
            failed.append(f"check {per_thousand:.2f} s > {args.max_seconds} s per 1,000")
    for line in failed:
        print(f"FAILED: {line}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
