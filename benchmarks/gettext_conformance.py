"""Gettext conformance: the pipeline's PO reader and writer against GNU gettext on a corpus.

For every file under CORPUS_DIR (recursively; its group is its first folder level, e.g.
``gettext-tests``; files directly in CORPUS_DIR, such as its README, are not part of the corpus):

* msgfmt accepts it: ``msgfmt --check -o /dev/null FILE`` exits 0 (LC_ALL=C);
* the pipeline accepts it: ``pipeline.gettext.read_po`` raises no PipelineError and
  ``pipeline.gettext.check_po`` finds no problem; any other exception is a crash (a bug);
* for files both accept: the pipeline's bytes equal ``msgcat --force-po FILE``'s (LC_ALL=C).
  msgcat refuses some files that msgfmt --check accepts (a ``.po`` file declaring
  ``charset=CHARSET``, a missing charset with non-ASCII text): those have nothing to compare
  with and are counted apart ("no-msgcat").

Prints a table per group and in total: files tried, accepted by both, no-msgcat, byte-identical
to msgcat (count, and % of the both-accepted files msgcat writes), rejected by msgfmt only,
rejected by the pipeline only, crashed, and acceptance agreement (% of files tried where both
accept or both reject, without a crash), then the first few names of each kind of difference.

    python benchmarks/gettext_conformance.py CORPUS_DIR [--baseline FILE.json]
        [--write-baseline FILE.json] [--min-identical 1.0] [--min-agreement 0.99]

Exits 1 when the identical fraction is below ``--min-identical``, the agreement below
``--min-agreement`` (fractions; no threshold by default), or when a file that was byte-identical
or agreeing in ``--baseline`` no longer is. ``--write-baseline`` saves the per-file results.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.errors import PipelineError  # noqa: E402
from pipeline.gettext import check_po, format_po_bytes, read_po  # noqa: E402

GETTEXT_ENV = {**os.environ, "LC_ALL": "C"}
TOOL_TIMEOUT = 60  # seconds; a gettext tool that takes longer on one file has hung


@dataclass
class Result:
    """What msgfmt, the pipeline and msgcat made of one file."""

    name: str  # path relative to the corpus, with "/"
    msgfmt: bool  # msgfmt --check accepts it
    pipeline: str  # "accepted", "rejected" or "crashed"
    # pipeline bytes == msgcat bytes; None unless both accept and msgcat writes the file (msgcat
    # refuses some files msgfmt --check accepts, e.g. a .po file declaring charset=CHARSET)
    identical: bool | None
    detail: str = ""  # the pipeline's error, crash or first difference from msgcat
    msgfmt_error: str = ""  # the first line msgfmt printed, when it rejects the file

    @property
    def group(self) -> str:
        return self.name.split("/", 1)[0]

    @property
    def agrees(self) -> bool:
        return self.pipeline != "crashed" and self.msgfmt == (self.pipeline == "accepted")


def corpus_files(corpus: Path) -> list[Path]:
    """Every file inside a group folder of the corpus, in path order."""
    return sorted(
        path
        for path in corpus.rglob("*")
        if path.is_file() and len(path.relative_to(corpus).parts) > 1
    )


def examine(corpus: Path, path: Path) -> Result:
    """Run msgfmt, the pipeline and (when both accept) msgcat on one file."""
    name = path.relative_to(corpus).as_posix()
    msgfmt = _run_tool(["msgfmt", "--check", "-o", os.devnull, str(path)])
    msgfmt_ok = msgfmt.returncode == 0
    result = _pipeline_result(name, path, msgfmt_ok)
    if not msgfmt_ok:
        result.msgfmt_error = _first_line(msgfmt.stderr).replace(str(path), name)
    return result


def _pipeline_result(name: str, path: Path, msgfmt_ok: bool) -> Result:
    try:
        po = read_po(path, name)
        problems = check_po(po, name)
        ours = format_po_bytes(po)
    except PipelineError as error:
        return Result(name, msgfmt_ok, "rejected", None, str(error))
    except Exception as error:  # any other exception in the pipeline is a bug: report it
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        crash = f"{type(error).__name__}: {error} ({where})"
        return Result(name, msgfmt_ok, "crashed", None, crash)
    if problems:
        return Result(name, msgfmt_ok, "rejected", None, problems[0])
    if not msgfmt_ok:
        return Result(name, msgfmt_ok, "accepted", None)
    msgcat = _run_tool(["msgcat", "--force-po", str(path)])
    if msgcat.returncode != 0:
        return Result(name, True, "accepted", None, _last_line(msgcat.stderr))
    if ours == msgcat.stdout:
        return Result(name, True, "accepted", True)
    return Result(name, True, "accepted", False, _first_difference(ours, msgcat.stdout))


def _run_tool(command: list[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            command, capture_output=True, env=GETTEXT_ENV, timeout=TOOL_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, -1, b"", b"timed out")


def _first_line(output: bytes) -> str:
    lines = output.decode(errors="replace").strip().splitlines()
    return lines[0] if lines else ""


def _last_line(output: bytes) -> str:
    lines = output.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""


def _first_difference(ours: bytes, theirs: bytes) -> str:
    """Where the pipeline's output first differs from msgcat's: line, column and both texts."""
    our_lines, their_lines = ours.split(b"\n"), theirs.split(b"\n")
    for number, (our, their) in enumerate(zip(our_lines, their_lines, strict=False), 1):
        if our != their:
            column = next(
                (i for i, (a, b) in enumerate(zip(our, their, strict=False)) if a != b),
                min(len(our), len(their)),
            )
            start = max(0, column - 20)
            return (
                f"line {number} col {column + 1}: pipeline {our[start : column + 30]!r}, "
                f"msgcat {their[start : column + 30]!r}"
            )
    shorter = "pipeline" if len(our_lines) < len(their_lines) else "msgcat"
    return f"{shorter}'s output ends at line {min(len(our_lines), len(their_lines))}"


# ================================================================================ the figures


@dataclass
class Tally:
    tried: int = 0
    both: int = 0
    no_msgcat: int = 0  # accepted by both, but msgcat writes nothing to compare with
    identical: int = 0
    msgfmt_only: int = 0  # rejected by msgfmt only
    pipeline_only: int = 0  # rejected by the pipeline only
    crashed: int = 0
    agreeing: int = 0

    def add(self, result: Result) -> None:
        self.tried += 1
        self.agreeing += result.agrees
        if result.pipeline == "crashed":
            self.crashed += 1
        elif result.msgfmt and result.pipeline == "accepted":
            self.both += 1
            self.no_msgcat += result.identical is None
            self.identical += bool(result.identical)
        elif result.msgfmt:
            self.pipeline_only += 1
        elif result.pipeline == "accepted":
            self.msgfmt_only += 1

    @property
    def identical_fraction(self) -> float:
        compared = self.both - self.no_msgcat
        return self.identical / compared if compared else 1.0

    @property
    def agreement(self) -> float:
        return self.agreeing / self.tried if self.tried else 1.0


COLUMNS = (
    "tried",
    "both",
    "no-msgcat",
    "identical",
    "ident%",
    "msgfmt-only",
    "pipeline-only",
    "crashed",
)


def print_table(tallies: dict[str, Tally]) -> None:
    width = max(len(group) for group in tallies)
    columns = (*COLUMNS, "agree%")
    print(f"{'group':<{width}}", *columns, sep="  ")
    for group, tally in tallies.items():
        cells = (
            tally.tried,
            tally.both,
            tally.no_msgcat,
            tally.identical,
            f"{100 * tally.identical_fraction:.1f}%",
            tally.msgfmt_only,
            tally.pipeline_only,
            tally.crashed,
            f"{100 * tally.agreement:.1f}%",
        )
        aligned = (f"{cell:>{len(column)}}" for cell, column in zip(cells, columns, strict=True))
        print(f"{group:<{width}}", *aligned, sep="  ")


KINDS = {  # kind of difference: (which results, why)
    "rejected by msgfmt only": (
        lambda r: not r.msgfmt and r.pipeline == "accepted",
        lambda r: r.msgfmt_error,
    ),
    "rejected by the pipeline only": (
        lambda r: r.msgfmt and r.pipeline == "rejected",
        lambda r: r.detail,
    ),
    "crashed": (lambda r: r.pipeline == "crashed", lambda r: r.detail),
    "not identical to msgcat": (lambda r: r.identical is False, lambda r: r.detail),
    "accepted by both, but msgcat writes nothing": (
        lambda r: r.identical is None and r.msgfmt and r.pipeline == "accepted",
        lambda r: r.detail,
    ),
}


def print_names(results: Sequence[Result], show: int, details: bool) -> None:
    """Per group and kind of difference, the first ``show`` names (every crash, with its error)."""
    for group in sorted({result.group for result in results}):
        for kind, (matches, why) in KINDS.items():
            found = [r for r in results if r.group == group and matches(r)]
            if not found:
                continue
            print(f"\n{group}: {kind} ({len(found)}):")
            everything = details or kind == "crashed"
            listed = found if everything else found[:show]
            for result in listed:
                print(f"  {result.name}" + (f"  [{why(result)}]" if everything else ""))
            if len(found) > len(listed):
                print(f"  ... and {len(found) - len(listed)} more (--details lists them all, why)")


def regressions(results: Sequence[Result], baseline: dict[str, dict]) -> list[str]:
    """Files that were identical or agreeing in the baseline and no longer are."""
    found = []
    for result in results:
        before = baseline.get(result.name)
        if before is None:
            continue
        was = Result(**before)
        if was.identical and not result.identical:
            found.append(f"{result.name}: was identical to msgcat, now {_state(result)}")
        elif was.agrees and not result.agrees:
            found.append(f"{result.name}: acceptance agreed with msgfmt, now {_state(result)}")
    return found


def _state(result: Result) -> str:
    msgfmt = "accepted" if result.msgfmt else "rejected"
    state = f"msgfmt {msgfmt}, pipeline {result.pipeline}"
    if result.identical is False:
        state = "not identical"
    return state + (f" [{result.detail}]" if result.detail else "")


# ================================================================================== the command


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, metavar="CORPUS_DIR")
    parser.add_argument("--baseline", type=Path, help="per-file results to compare against")
    parser.add_argument("--write-baseline", type=Path, help="save the per-file results here")
    parser.add_argument("--min-identical", type=float, default=0.0, help="fraction, e.g. 1.0")
    parser.add_argument("--min-agreement", type=float, default=0.0, help="fraction, e.g. 0.99")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--show", type=int, default=5, help="names listed per kind (default 5)")
    parser.add_argument("--details", action="store_true", help="list every difference, why")
    args = parser.parse_args(argv)

    corpus = args.corpus.resolve()
    files = corpus_files(corpus)
    if not files:
        parser.error(f"{args.corpus}: no files in group folders")
    started = time.monotonic()
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(examine, [corpus] * len(files), files, chunksize=8))
    elapsed = time.monotonic() - started

    tallies: dict[str, Tally] = {}
    total = Tally()
    for result in results:
        tallies.setdefault(result.group, Tally()).add(result)
        total.add(result)
    tallies["total"] = total
    print(f"{corpus}: {len(files)} files in {elapsed:.1f} s ({args.jobs} workers)")
    print()
    print_table(tallies)
    print_names(results, args.show, args.details)

    if args.write_baseline:
        data = {"corpus": str(args.corpus), "files": {r.name: asdict(r) for r in results}}
        args.write_baseline.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(f"\nper-file results written to {args.write_baseline}")

    failures = []
    if total.identical_fraction < args.min_identical:
        failures.append(
            f"{total.identical} of {total.both - total.no_msgcat} files both accept (and msgcat "
            "writes) are byte-identical to msgcat "
            f"({100 * total.identical_fraction:.1f}%); the minimum is {100 * args.min_identical:g}%"
        )
    if total.agreement < args.min_agreement:
        failures.append(
            f"acceptance agrees with msgfmt --check on {total.agreeing} of {total.tried} files "
            f"({100 * total.agreement:.1f}%); the minimum is {100 * args.min_agreement:g}%"
        )
    if args.baseline:
        baseline = json.loads(args.baseline.read_text())["files"]
        for line in regressions(results, baseline):
            failures.append(f"regression since {args.baseline}: {line}")
    if failures:
        print("\nFAILED:", *failures, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
