"""Pipeline speed at archive scale: extract, unchanged re-runs and check, per document.

Makes projects of N documents (each a different recombination of the seed article's sentences,
13 paragraphs, es → en and ru through the copy models of ``pipeline.testing``) and times whole
``python -m pipeline`` processes on them, in this order: the first ``extract``, an unchanged
``extract``, a first ``translate`` and ``run`` (shown, not the point), an unchanged ``translate``
and ``run``; then ``check`` on 80 documents of distinct paragraphs, per 1,000 checked (whole
process, and less the start-up of a ``--help`` process; ``--check-only`` for this alone). Every
unchanged run must leave every catalog and page as it was: the script says so when one did not.

With ``--baseline REV`` the same is done with REV checked out in a temporary git worktree, each
step run for the baseline and for the current tree in turn (order alternating by round), and the
ratio baseline / current printed beside them. Times are medians of ``--rounds`` rounds.

    python benchmarks/pipeline_speed.py [--documents 100 1000] [--large] [--baseline REV]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "rusia-kazajistan-alianza.txt"
CONFIG = (
    "[tool.pipeline]\n"
    'source_language = "es"\n'
    'target_languages = ["en", "ru"]\n'  # no `engine`: older revisions did not know it
)
LARGE = 5000
POOL = 130  # distinct paragraphs documents are made of
CHECK_DOCUMENTS = 80  # of distinct paragraphs, for check (about 2,000 checked)
DEFAULT_CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "pipeline-bench"

# (label, command, timed): steps run in this order on every project
STEPS = (
    ("first extract", "extract", True),
    ("unchanged extract", "extract", True),
    ("first translate", "translate", False),
    ("unchanged translate", "translate", True),
    ("first run (publishes)", "run", False),
    ("unchanged run", "run", True),
)
UNCHANGED = {"unchanged extract", "unchanged translate", "unchanged run"}


@dataclass
class Tree:
    """A checkout of the pipeline to time: its name in the table and its root."""

    name: str
    root: Path
    seconds: dict[tuple[int, str], list[float]] = field(default_factory=dict)
    rewrote: dict[tuple[int, str], int] = field(default_factory=dict)

    def median(self, documents: int, label: str) -> float | None:
        times = self.seconds.get((documents, label))
        return statistics.median(times) if times else None


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[100, 1000], metavar="N")
    parser.add_argument("--large", action="store_true", help=f"also {LARGE:,} documents")
    parser.add_argument("--baseline", metavar="REV", help="a git revision to compare with")
    parser.add_argument("--rounds", type=int, default=1, help="rounds per size (median)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="built model packages")
    parser.add_argument("--check-only", action="store_true", help="only the check measure")
    args = parser.parse_args(argv)
    if args.check_only:
        args.documents = []
    sizes = sorted(set(args.documents) | ({LARGE} if args.large and args.documents else set()))
    with tempfile.TemporaryDirectory(prefix="pipeline-speed-") as folder:
        tmp = Path(folder)
        environment = _environment(tmp, args.cache)
        trees = [Tree("current", ROOT)]
        if args.baseline:
            trees.insert(0, _checkout(args.baseline, tmp / "baseline"))
        try:
            run_benchmark(tmp, trees, sizes, args.rounds, environment)
        finally:
            if args.baseline:
                remove = ["worktree", "remove", "--force", str(tmp / "baseline")]
                subprocess.run(["git", "-C", str(ROOT), *remove], check=False)


def _environment(tmp: Path, cache: Path) -> dict[str, str]:
    """The subprocesses' environment: argostranslate's folders in ``tmp``, the copy models
    (built once into ``cache``) installed there."""
    from pipeline.testing.argos_packages import cached_package, copy_package, install_packages

    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C.UTF-8"}
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        environment[variable] = str(tmp / variable.lower())
    environment["ARGOS_PACKAGES_DIR"] = str(tmp / "packages")
    environment["ARGOS_PACKAGE_INDEX"] = "http://127.0.0.1:9/"  # nothing is downloaded
    archives = [cached_package(copy_package(a, b), cache) for a, b in (("es", "en"), ("en", "ru"))]
    install_packages(archives, tmp / "packages")
    return environment


def _checkout(revision: str, where: Path) -> Tree:
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(where), revision],
        check=True,
        capture_output=True,
    )
    described = subprocess.run(
        ["git", "-C", str(where), "log", "-1", "--format=%h %s"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Tree(f"baseline {described[:60]}", where)


def run_benchmark(
    tmp: Path, trees: list[Tree], sizes: list[int], rounds: int, environment: dict[str, str]
) -> None:
    python = sys.version.split()[0]
    print(f"python {python}, {os.cpu_count()} CPUs; whole processes, medians of {rounds}")
    for tree in trees:
        print(f"  {tree.name}: {tree.root}")
    for tree in trees:  # a fresh checkout's first command would compile every module it imports
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree.root / "pipeline")])
    startup = {tree.name: _startup(tree, environment) for tree in trees}
    for tree in trees:
        print(f"  {tree.name}: `pipeline --help` process {startup[tree.name] * 1000:.0f} ms")
    paragraphs = {}
    for documents in sizes:
        sources = make_documents(documents)
        paragraphs[documents] = sum(text.count("\n\n") + 1 for text in sources)
        for round_number in range(rounds):
            order = trees if round_number % 2 == 0 else trees[::-1]
            projects = {tree.name: _project(tmp, tree, documents, sources) for tree in order}
            for label, command, _timed in STEPS:
                for tree in order:
                    _time_step(tree, projects[tree.name], documents, label, command, environment)
            for tree in order:
                shutil.rmtree(projects[tree.name])
        _print_size(trees, documents, paragraphs[documents])
    _print_marginal(trees, sizes)
    _print_check(tmp, trees, rounds, environment, startup)


def make_documents(count: int, pool_size: int = POOL) -> list[str]:
    """``count`` source texts of 13 paragraphs, drawn with a fixed random seed from a pool of
    ``pool_size`` paragraphs, each a recombination of the seed's sentences: every document
    differs, while a first translate (the copy model is slow) translates only the pool."""
    from pipeline.segment import load_document
    from pipeline.sentences import split_sentences

    paragraphs = [segment.text for segment in load_document(SEED).segments]
    sentences = [s for text in paragraphs for s in split_sentences(text, "es")]
    pick = random.Random(16)
    pool = [
        " ".join(pick.sample(sentences, len(split_sentences(paragraph, "es"))))
        for _ in range(max(1, pool_size // len(paragraphs)))
        for paragraph in paragraphs
    ]
    return ["\n\n".join(pick.sample(pool, len(paragraphs))) + "\n" for _ in range(count)]


def _project(tmp: Path, tree: Tree, documents: int, sources: list[str]) -> Path:
    project = tmp / f"project-{tree.root.name}-{documents}"
    (project / "seeds").mkdir(parents=True)
    (project / "pyproject.toml").write_text(CONFIG, encoding="utf-8")
    for number, text in enumerate(sources):
        (project / "seeds" / f"doc{number:05d}.txt").write_text(text, encoding="utf-8")
    return project


def _pipeline(tree: Tree, project: Path, args: list[str], environment: dict[str, str]):
    return subprocess.run(
        [sys.executable, "-m", "pipeline", "--project", str(project), *args],
        cwd=tree.root,
        env={**environment, "PYTHONPATH": str(tree.root)},
        capture_output=True,
        text=True,
        check=False,
    )


def _startup(tree: Tree, environment: dict[str, str]) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        _pipeline(tree, tree.root, ["--help"], environment)
        times.append(time.perf_counter() - started)
    return min(times)


def _time_step(
    tree: Tree,
    project: Path,
    documents: int,
    label: str,
    command: str,
    environment: dict[str, str],
) -> None:
    before = _fingerprint(project) if label in UNCHANGED else None
    started = time.perf_counter()
    done = _pipeline(tree, project, [command], environment)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{tree.name}: pipeline {command} failed:\n{done.stdout}{done.stderr}")
    tree.seconds.setdefault((documents, label), []).append(seconds)
    if before is not None:
        after = _fingerprint(project)
        rewritten = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
        tree.rewrote[(documents, label)] = max(tree.rewrote.get((documents, label), 0), rewritten)


def _fingerprint(project: Path) -> dict[str, tuple[int, str]]:
    """Every catalog and page by path: modification time and content hash (a rewrite of the
    same bytes counts as a rewrite: an unchanged run should not even write)."""
    stamps = {}
    for folder in ("locales", "output"):
        for path in (project / folder).rglob("*"):
            if path.is_file() and not path.name.startswith("."):  # the lock, caches
                digest = hashlib.blake2b(path.read_bytes(), digest_size=8).hexdigest()
                stamps[str(path.relative_to(project))] = (path.stat().st_mtime_ns, digest)
    return stamps


def _print_size(trees: list[Tree], documents: int, paragraphs: int) -> None:
    print(f"\n{documents:,} documents ({paragraphs:,} paragraphs): ms per document")
    header = f"  {'step':<24}" + "".join(f"{tree.name.split()[0]:>12}" for tree in trees)
    print(header + ("   baseline/current" if len(trees) == 2 else ""))
    for label, _command, _timed in STEPS:
        cells = [tree.median(documents, label) for tree in trees]
        line = f"  {label:<24}" + "".join(
            f"{seconds * 1000 / documents:>12.1f}" for seconds in cells if seconds is not None
        )
        if len(trees) == 2 and all(cells):
            line += f"   {cells[0] / cells[1]:>8.2f}×"
        rewritten = [tree.rewrote.get((documents, label), 0) for tree in trees]
        if any(rewritten):
            line += "   rewrote " + " / ".join(str(count) for count in rewritten) + " files"
        print(line)


def _print_marginal(trees: list[Tree], sizes: list[int]) -> None:
    """Per-document cost without the fixed part (start-up, imports): the slope between the
    smallest and the largest project."""
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    print(f"\nmarginal ms per document (slope {small:,} → {large:,}, start-up excluded)")
    for label, _command, timed in STEPS:
        if not timed:
            continue
        cells = []
        for tree in trees:
            low, high = tree.median(small, label), tree.median(large, label)
            cells.append((high - low) / (large - small) if low and high else None)
        line = f"  {label:<24}" + "".join(f"{c * 1000:>12.2f}" for c in cells if c is not None)
        if len(trees) == 2 and all(cells) and cells[1] > 0:
            line += f"   {cells[0] / cells[1]:>8.2f}×"
        print(line)


def _print_check(
    tmp: Path,
    trees: list[Tree],
    rounds: int,
    environment: dict[str, str],
    startup: dict[str, float],
) -> None:
    """``check`` per 1,000 checked paragraphs (every language counted), on CHECK_DOCUMENTS
    documents whose paragraphs are all distinct (checks may cache per text). Translating them
    with the copy model would take minutes, so each msgstr is its msgid, as the copy model
    would write it, and reviewed; the checks' findings are the same in both trees."""
    sources = _distinct_documents(CHECK_DOCUMENTS)
    projects = {}
    for tree in trees:
        project = _project(tmp, tree, CHECK_DOCUMENTS, sources)
        done = _pipeline(tree, project, ["extract"], environment)
        if done.returncode != 0:
            raise SystemExit(f"{tree.name}: pipeline extract failed:\n{done.stderr}")
        checked = _copy_translations(project)
        projects[tree.name] = project
    seconds: dict[str, list[float]] = {tree.name: [] for tree in trees}
    for round_number in range(rounds):
        for tree in trees if round_number % 2 == 0 else trees[::-1]:
            started = time.perf_counter()
            _pipeline(tree, projects[tree.name], ["check"], environment)  # exits 1 on findings
            seconds[tree.name].append(time.perf_counter() - started)
    whole = [statistics.median(seconds[tree.name]) for tree in trees]
    print(
        f"\ncheck on {CHECK_DOCUMENTS} documents ({checked:,} distinct paragraphs checked): "
        "s per 1,000 paragraphs"
    )
    for label, cells in (
        ("whole process", [s * 1000 / checked for s in whole]),
        (
            "less `--help` start-up",
            [(s - startup[t.name]) * 1000 / checked for s, t in zip(whole, trees, strict=True)],
        ),
    ):
        line = f"  {label:<24}" + "".join(f"{c:>12.2f}" for c in cells)
        if len(cells) == 2:
            line += f"   {cells[0] / cells[1]:>8.2f}×"
        print(line)


def _distinct_documents(count: int) -> list[str]:
    """``count`` documents of 13 paragraphs, no paragraph repeated in any: each a distinct
    recombination of the seed's sentences, as many as its paragraph had but at least three (the
    seed's 22 sentences make only 462 pairs), so that a check caching per text gains nothing it
    would not gain on real documents (``make_documents`` repeats paragraphs across documents).
    Paragraphs have 3.1 sentences on average against the seed's 1.7: the measure is severe."""
    from pipeline.segment import load_document
    from pipeline.sentences import split_sentences

    paragraphs = [segment.text for segment in load_document(SEED).segments]
    sentences = [s for text in paragraphs for s in split_sentences(text, "es")]
    sizes = [max(3, len(split_sentences(text, "es"))) for text in paragraphs]
    pick = random.Random(16)
    pool: dict[str, None] = {}
    while len(pool) < count * len(paragraphs):
        size = sizes[len(pool) % len(sizes)]
        pool.setdefault(" ".join(pick.sample(sentences, size)))
    texts = list(pool)
    step = len(paragraphs)
    return ["\n\n".join(texts[k : k + step]) + "\n" for k in range(0, len(texts), step)]


def _copy_translations(project: Path) -> int:
    """Every catalog's entries translated by their own source, reviewed; how many."""
    import polib

    count = 0
    for path in sorted((project / "locales").glob("*/LC_MESSAGES/*.po")):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if entry.msgid and not entry.obsolete:
                entry.msgstr = entry.msgid
                count += 1
        catalog.save()
    return count


if __name__ == "__main__":
    main()
