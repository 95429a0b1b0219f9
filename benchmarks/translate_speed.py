"""Translation speed: argostranslate's own ``translate()`` against the pipeline's batched engine.

Builds a Transformer-base-sized copy package (6+6 layers, d=512, 8 heads, FFN 2048, int8, 32k
vocabulary) into a temporary folder, installs it through argostranslate, and translates one
document set (a seed article repeated N times) in one process:

* argostranslate's defaults, paragraph by paragraph (beam 4). Offline, its MiniSBD sentence
  splitter would download a model, so it is replaced by the pipeline's splitter (printed below);
* the pipeline's engine: the pipeline's sentences, then one ``ArgosTranslator.translate`` call for
  all of them, at beam 4 and greedy;
* the pipeline's whole translate stage on a project of one document per copy (plan, windows of
  batched calls, placeholders, catalogs written), at beam 4 and greedy;
* with ``--sweep``, thread settings and batch sizes, which chose the ``EngineOptions`` defaults.

The copy model makes outputs checkable: every sentence must come back as its normalised self.
Prints sentences/second, ratios and peak RSS; asserts nothing about time.

    python benchmarks/translate_speed.py [--repeat 20] [--sweep] [--skip-argos]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "rusia-kazajistan-alianza.txt"
SOURCE, TARGET = "es", "en"
SWEEP_REPEAT = 4  # settings compare alike on a smaller set, in a few minutes


@dataclass
class Run:
    name: str
    sentences: int
    seconds: float
    peak_rss_mb: float
    correct: int

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the seed article")
    parser.add_argument("--sweep", action="store_true", help="also sweep threads and batches")
    parser.add_argument(
        "--skip-argos", action="store_true", help="leave out argostranslate (minutes at ×20)"
    )
    parser.add_argument(
        "--sets",
        choices=("both", "repeated", "distinct"),
        default="both",
        help="document sets: the seed repeated as is, with distinct copies, or both",
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="also raw CTranslate2 translate_batch and whole `pipeline translate` processes",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="with --raw: interleaved rounds of raw and whole-process runs, medians reported",
    )
    parser.add_argument(
        "--window-seconds",
        type=float,
        nargs="+",
        metavar="S",
        help="translate-stage window targets to compare [default: the pipeline's own]",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="translate-speed-") as tmp:
        _isolate_argos(Path(tmp))  # before argostranslate is imported
        run_benchmark(
            Path(tmp),
            args.repeat,
            sweep=args.sweep,
            argos=not args.skip_argos,
            sets=args.sets,
            windows=args.window_seconds,
            raw=args.raw,
            rounds=args.rounds,
        )


def _isolate_argos(tmp: Path) -> None:
    """argostranslate reads these at import: keep its folders and settings out of $HOME."""
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(tmp / variable.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(tmp / "packages")


def run_benchmark(
    tmp: Path,
    repeat: int,
    *,
    sweep: bool,
    argos: bool,
    sets: str = "both",
    raw: bool = False,
    windows: Sequence[float] | None = None,
    rounds: int = 1,
) -> None:
    from pipeline.mt.argos.options import EngineOptions
    from pipeline.segment import load_document
    from pipeline.testing.argos_packages import build_package, copy_package, install_packages

    paragraphs = [s.text for s in load_document(SEED).segments]
    documents = {
        f"seed ×{repeat} (repeated as is)": paragraphs * repeat,
        f"seed ×{repeat} (each copy's sentences tagged, all distinct)": _distinct(
            paragraphs, repeat
        ),
    }
    started = time.perf_counter()
    spec = copy_package(
        SOURCE,
        TARGET,
        layers=6,
        d_model=512,
        heads=8,
        ffn=2048,
        quantization="int8",
        vocab_size=32000,
        sp_model_type="bpe",
        sp_vocab_size=1400,  # about 1.4 pieces per word on the seed, like real packages
        training_text=tuple(paragraphs),
    )
    archive = build_package(spec, tmp / "build")
    install_packages([archive], tmp / "packages")
    print(f"package: {spec.code} copy model, 6+6 layers, d=512, int8, 32k vocabulary")
    print(f"  built and installed in {time.perf_counter() - started:.1f} s (temporary, not kept)")
    _use_pipeline_splitter_in_argostranslate()
    print(
        "argostranslate: its MiniSBD sentence splitter (downloads a model) is replaced by the"
        " pipeline's (pySBD-based) splitter"
    )
    print(f"machine: {os.cpu_count()} CPUs\n")

    normalise = _normaliser(tmp / "packages")
    chosen = {"both": (0, 1), "repeated": (0,), "distinct": (1,)}[sets]
    for title, document in [list(documents.items())[i] for i in chosen]:
        started = time.perf_counter()
        sentences = _split(document)
        split_seconds = time.perf_counter() - started
        print(
            f"== {title}: {len(document)} paragraphs, {len(sentences)} sentences "
            f"(sentence split: {split_seconds:.2f} s, included below)"
        )
        runs = []
        if argos:
            runs.append(
                _measure(
                    "argostranslate translate(), defaults (beam 4)",
                    len(sentences),
                    lambda d=document: _argos_translate(d),
                    _argos_check(document, normalise),
                )
            )
        for name, options in (
            ("pipeline engine, beam 4", EngineOptions()),
            ("pipeline engine, greedy (fast)", EngineOptions.fast()),
        ):
            runs.append(_measure_pipeline(name, document, options, normalise))
        for seconds in windows or [None]:
            window = "" if seconds is None else f", {seconds:g} s windows"
            for label, options in (("beam 4", EngineOptions()), ("greedy", EngineOptions.fast())):
                name = f"translate stage, {label}{window}"
                runs.append(_measure_stage(name, document, options, normalise, tmp, seconds))
        if argos:
            _report(runs)
        if raw:
            for label, options in (("beam 4", EngineOptions()), ("greedy", EngineOptions.fast())):
                runs += _floor_rounds(label, document, options, normalise, tmp, rounds)
            _report_floor([run for run in runs if not run.name.startswith("argostranslate")])

    if sweep:
        _sweep(_distinct(paragraphs, SWEEP_REPEAT), normalise)


def _distinct(paragraphs: list[str], repeat: int) -> list[str]:
    """Each copy's sentences start with "Copia<k> ", so no sentence repeats (no dedup shortcut).

    A capitalised word keeps every sentence boundary where it was ("[k] " or "(k) " would not).
    """
    split = [_split([p]) for p in paragraphs]
    return [
        " ".join(f"Copia{k} {s}" for s in sentences)
        for k in range(1, repeat + 1)
        for sentences in split
    ]


def _split(paragraphs: Sequence[str]) -> list[str]:
    """Sentences of each paragraph, split as the pipeline's translate stage splits them."""
    from pipeline.sentences import split_sentences

    return [s for p in paragraphs for s in split_sentences(p, SOURCE)]


def _use_pipeline_splitter_in_argostranslate() -> None:
    from argostranslate import sbd, translate

    class PipelineSentencizer(sbd.ISentenceBoundaryDetectionModel):
        def __init__(self, pkg) -> None:  # noqa: ANN001
            self.pkg = pkg

        def split_sentences(self, text: str) -> list[str]:
            return _split([text])

    translate.MiniSBDSentencizer = PipelineSentencizer  # looked up when a package loads


def _argos_translate(document: list[str]) -> list[str]:
    from argostranslate import translate

    return [translate.translate(p, SOURCE, TARGET) for p in document]


def _argos_check(document: list[str], normalise: Callable[[str], str]) -> Callable:
    def correct(outputs: list[str]) -> tuple[int, int]:
        # argostranslate decodes a paragraph's sentences as one token list
        good = sum(
            out == normalise(" ".join(_split([p])))
            for p, out in zip(document, outputs, strict=True)
        )
        return good, len(outputs)

    return correct


def _measure_pipeline(name, document, options, normalise) -> Run:  # noqa: ANN001
    from pipeline.mt.argos.translator import ArgosTranslator

    translator = ArgosTranslator(SOURCE, TARGET, options)
    translator.translate(["Hola."])  # load the model outside the timing, as for argostranslate

    def run() -> list[str]:
        return translator.translate(_split(document))

    def correct(outputs: list[str]) -> tuple[int, int]:
        pairs = zip(_split(document), outputs, strict=True)
        return sum(out == normalise(s) for s, out in pairs), len(outputs)

    return _measure(name, len(_split(document)), run, correct)


def _measure_stage(name, document, options, normalise, tmp: Path, window_seconds) -> Run:  # noqa: ANN001
    """The whole translate stage on a project: plan, windows, placeholders, catalogs saved.

    The document set is cut into documents of one seed article each, as a publisher has them.
    """
    from pipeline.config import load_settings
    from pipeline.extract import extract_document, load_documents
    from pipeline.mt.argos.engine import ArgosEngine
    from pipeline.mt.routes import Pair
    from pipeline.translate import execute, plan_translation, run_plan

    project = _stage_project(document, tmp)
    settings = load_settings(project)
    documents = load_documents(settings)
    for doc in documents:
        extract_document(settings, doc)
    engine = ArgosEngine(settings, options)
    plan = plan_translation(settings, documents, [TARGET], engine)
    engine.translator(Pair(SOURCE, TARGET)).translate(["Hola."])  # load it outside the timing

    default = execute.WINDOW_SECONDS
    execute.WINDOW_SECONDS = window_seconds or default
    try:
        return _measure(
            name, plan.sentences, lambda: run_plan(plan, engine), _drafts_check(project, normalise)
        )
    finally:
        execute.WINDOW_SECONDS = default


def _stage_project(document: list[str], tmp: Path) -> Path:
    """A project of the document set cut into documents of one seed article each."""
    project = Path(tempfile.mkdtemp(prefix="stage-", dir=tmp))
    per_doc = len(load_document_paragraphs())
    (project / "seeds").mkdir()
    for k in range(0, len(document), per_doc):
        text = "\n\n".join(document[k : k + per_doc]) + "\n"
        (project / "seeds" / f"doc-{k // per_doc:03d}.txt").write_text(text, encoding="utf-8")
    return project


def _drafts_check(project: Path, normalise: Callable[[str], str]) -> Callable:
    def correct(_outcome: object) -> tuple[int, int]:
        from pipeline.gettext import read_po

        entries = [
            entry
            for path in sorted((project / "locales" / TARGET).rglob("*.po"))
            for entry in read_po(path)
        ]
        return sum(e.msgstr == normalise(e.msgid) for e in entries), len(entries)

    return correct


def _floor_rounds(label, document, options, normalise, tmp: Path, rounds: int) -> list[Run]:  # noqa: ANN001
    """Raw ``translate_batch`` and a whole process at one beam, interleaved ``rounds`` times:
    the medians, so that a moment of load on a shared machine does not decide the ratio."""
    raw_name, process_name = (
        f"raw translate_batch, {label}",
        f"whole `pipeline translate` process, {label}",
    )
    raws, processes = [], []
    for _round in range(rounds):
        raws.append(_measure_raw(raw_name, document, options, normalise))
        processes.append(
            _measure_process(process_name, document, options.beam_size, normalise, tmp)
        )
    if rounds == 1:
        return [raws[0], processes[0]]
    medians = [_median_run(raws), _median_run(processes)]
    for run in medians:
        print(f"  {run.name}: median of {rounds} rounds {run.seconds:.2f} s")
    return medians


def _median_run(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def _measure_raw(name: str, document: list[str], options, normalise) -> Run:  # noqa: ANN001
    """CTranslate2's ``translate_batch`` alone, on the distinct sentences tokenized beforehand,
    with the engine's threads, batch size and decoding settings: the floor for the others."""
    import ctranslate2
    import sentencepiece as spm

    from pipeline.mt.argos.translator import find_package

    package = Path(find_package(SOURCE, TARGET).package_path)
    processor = spm.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    sentences = list(dict.fromkeys(_split(document)))
    tokens = [processor.encode(sentence, out_type=str) for sentence in sentences]
    model = ctranslate2.Translator(
        str(package / "model"),
        compute_type=options.compute_type,
        inter_threads=options.inter_threads,
        intra_threads=options.intra_threads,
    )
    model.translate_batch(tokens[:1], beam_size=options.beam_size)  # loaded outside the timing

    def run() -> list:
        return model.translate_batch(
            tokens,
            max_batch_size=options.max_batch_size,
            batch_type=options.batch_type,
            beam_size=options.beam_size,
            replace_unknowns=True,
            length_penalty=0.2,
        )

    def correct(results: list) -> tuple[int, int]:
        outputs = [processor.decode(result.hypotheses[0]) for result in results]
        pairs = zip(sentences, outputs, strict=True)
        return sum(out.strip() == normalise(s) for s, out in pairs), len(outputs)

    return _measure(name, len(sentences), run, correct)


def _measure_process(name: str, document: list[str], beam: int, normalise, tmp: Path) -> Run:  # noqa: ANN001
    """A whole ``python -m pipeline translate --lang en`` process (start-up, models loaded,
    extract of unchanged sources, plan, windows, saves) after an untimed ``extract``."""
    project = _stage_project(document, tmp)
    command = [sys.executable, "-m", "pipeline", "--project", str(project)]
    environment = _caching_bytecode({**os.environ, "PYTHONPATH": str(ROOT)}, tmp)
    # untimed: also compiles the pipeline's modules once, as a user's first run does
    subprocess.run([*command, "extract"], env=environment, check=True, capture_output=True)
    sentences = len(dict.fromkeys(_split(document)))

    def run() -> None:
        translate = [*command, "translate", "--lang", TARGET, "--beam-size", str(beam)]
        subprocess.run(translate, env=environment, check=True, capture_output=True)

    return _measure(name, sentences, run, _drafts_check(project, normalise))


def _caching_bytecode(environment: dict[str, str], tmp: Path) -> dict[str, str]:
    """``environment`` with Python's bytecode cache on (in ``tmp``), as on a user's machine.

    Some environments (this project's machines) set PYTHONDONTWRITEBYTECODE: each process then
    compiles the pipeline's modules from source, 0.1-0.2 s that no installed copy pays.
    """
    cached = {k: v for k, v in environment.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**cached, "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}


def _report_floor(runs: list[Run]) -> None:
    """Each run's time against raw translate_batch at the same beam (the issue's ≤ 1.10×)."""
    for run in runs:
        if run.name.startswith("raw"):
            continue
        beam = "greedy" if "greedy" in run.name else "beam 4"
        raw = next(r for r in runs if r.name.startswith("raw") and beam in r.name)
        print(f"  → {run.name}: {run.seconds / raw.seconds:.2f}× raw translate_batch ({beam})")
    print()


def load_document_paragraphs() -> list[str]:
    from pipeline.segment import load_document

    return [s.text for s in load_document(SEED).segments]


def _measure(name: str, sentences: int, run: Callable, correct: Callable) -> Run:
    run_once_untimed = name.startswith("argostranslate")
    if run_once_untimed:
        _argos_translate(["Hola."])  # load its model outside the timing
    before = _rss_mb("VmRSS:")
    _reset_peak_rss()
    started = time.perf_counter()
    outputs = run()
    seconds = time.perf_counter() - started
    good, checked = correct(outputs)
    result = Run(name, sentences, seconds, _rss_mb("VmHWM:"), good)
    print(
        f"  {name:47s} {result.rate:7.1f} sentences/s ({seconds:6.2f} s)"
        f"  peak RSS {result.peak_rss_mb:5.0f} MB (+{result.peak_rss_mb - before:4.0f})"
        f"  correct {good}/{checked}"
    )
    return result


def _report(runs: list[Run]) -> None:
    baseline = runs[0]
    for run in runs[1:]:
        print(f"  → {run.name}: {run.rate / baseline.rate:.1f}× argostranslate's defaults")
    print()


def _sweep(document: list[str], normalise: Callable[[str], str]) -> None:
    from pipeline.mt.argos.options import EngineOptions

    cpus = os.cpu_count() or 1
    print(
        f"== engine settings sweep (seed ×{SWEEP_REPEAT} tagged, {len(_split(document))} sentences)"
    )
    for beam in (4, 1):
        base = EngineOptions(beam_size=beam)
        for inter, intra in sorted({(1, 0), (1, 1), (1, cpus), (min(2, cpus), 1)}):
            options = replace(base, inter_threads=inter, intra_threads=intra)
            _measure_pipeline(
                f"beam {beam}, inter {inter} intra {intra}, batch 16", document, options, normalise
            )
        for size, kind in (
            (4, "examples"),
            (8, "examples"),
            (16, "examples"),
            (32, "examples"),
            (64, "examples"),
            (1024, "tokens"),
        ):
            options = replace(base, max_batch_size=size, batch_type=kind)
            label = f"{size} {kind}"
            _measure_pipeline(f"beam {beam}, batch {label}", document, options, normalise)
        print()


def _normaliser(packages_dir: Path) -> Callable[[str], str]:
    import sentencepiece as spm

    model = next(packages_dir.glob("*/sentencepiece.model"))
    processor = spm.SentencePieceProcessor(model_file=str(model))
    return lambda text: processor.decode(processor.encode(text))


def _reset_peak_rss() -> None:
    """Linux: writing 5 to clear_refs resets VmHWM, so each phase reports its own peak."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _rss_mb(field: str) -> float:
    """``VmRSS:`` (now) or ``VmHWM:`` (peak) in MB; elsewhere than Linux, the process peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
