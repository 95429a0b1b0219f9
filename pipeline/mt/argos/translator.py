"""The Argos Translate translator: one installed package, its CTranslate2 model, batched decoding.

argostranslate's own ``translate()`` decodes one paragraph at a time at beam 4 with its own
sentence splitter; here the caller hands over every pending sentence of every document at once,
and we send them through the model in length-sorted batches, translating each distinct sentence
once. Packages are found through ``argostranslate.package`` (so ``ARGOS_PACKAGES_DIR`` and
packages installed with ``argospm`` count) and tokenized with the package's own tokenizer.

argostranslate and ctranslate2 are imported inside functions: the CLI imports this module
cheaply and pays for the libraries only when it translates.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import PipelineError
from pipeline.mt.argos.options import EngineOptions
from pipeline.mt.argos.package_index import version_key
from pipeline.mt.engine import Progress

if TYPE_CHECKING:
    from argostranslate.package import Package

# A model that never emits </s> (a broken or mismatched package) stops at this many target
# tokens per source token (plus a few): real translations stay well under twice the input.
MAX_LENGTH_RATIO = 3.0
MAX_LENGTH_SLACK = 10
# Model calls under way at once: the next one queued while one decodes (see _submitted).
CONCURRENT_CALLS = 2
# argostranslate's decoding settings, kept so that our drafts equal its translations.
_ARGOS_DECODING = {"replace_unknowns": True, "length_penalty": 0.2}

Tokenized = tuple[str, list[str]]  # a sentence and its tokens


@dataclass(frozen=True)
class PackageIdentity:
    """Which package made a translation, as recorded in provenance (``code@version``)."""

    code: str
    version: str

    def __str__(self) -> str:
        return f"{self.code}@{self.version}"


class ArgosTranslator:
    """Translates sentences with the installed Argos package for one language pair."""

    def __init__(self, from_code: str, to_code: str, options: EngineOptions | None = None) -> None:
        self.from_code = from_code
        self.to_code = to_code
        self.options = options or EngineOptions()
        self._package = find_package(from_code, to_code)
        self.identity = PackageIdentity(
            code=self._package.code or f"translate-{from_code}_{to_code}",
            version=self._package.package_version,
        )
        self._tokenizer = _tokenizer_of(self._package)
        self._model: Any = None  # ctranslate2.Translator, loaded on first use
        self._loading = threading.Lock()  # concurrent calls load it once

    def __repr__(self) -> str:
        return f"ArgosTranslator({self.from_code}→{self.to_code}, {self.identity})"

    @property
    def package_path(self) -> Path:
        return Path(self._package.package_path)

    def translate(
        self,
        sentences: Sequence[str],
        on_progress: Progress | None = None,
        finished: dict[str, str] | None = None,
    ) -> list[str]:
        """Translations in input order; each distinct sentence goes through the model once.

        Blank sentences come back unchanged without a model call; an empty list loads nothing.
        ``finished``, when given, receives each sentence's translation as its batch completes,
        so a caller interrupted mid-call keeps what was done.
        """
        counts = Counter(sentences)
        translations = {s: s for s in counts if not s.strip()} if finished is None else finished
        translations.update({s: s for s in counts if not s.strip()})
        done = sum(counts[s] for s in translations)
        pending = [(s, self._tokenizer.encode(s)) for s in counts if s not in translations]
        for batch, decoding in self._submitted(self._chunks(pending)):
            for sentence, translation in self._decoded(batch, decoding):
                translations[sentence] = translation
                done += counts[sentence]
            if on_progress is not None:
                on_progress(done)
        return [translations[s] for s in sentences]

    def _submitted(
        self, chunks: Iterator[list[Tokenized]]
    ) -> Iterator[tuple[list[Tokenized], Future[list[str]]]]:
        """Each chunk with its decoding, CONCURRENT_CALLS of them under way at a time.

        One call at a time leaves CTranslate2's workers idle at the end of each call, while the
        worker with the longest sentences finishes; with the next call already queued they go
        straight on to it (a core was idle a third of the time: issue 16).
        """
        queued: deque[tuple[list[Tokenized], Future[list[str]]]] = deque()
        with ThreadPoolExecutor(max_workers=CONCURRENT_CALLS) as pool:
            try:
                for chunk in chunks:
                    queued.append((chunk, pool.submit(self._decode_batch, chunk)))
                    if len(queued) >= CONCURRENT_CALLS:
                        yield queued.popleft()
                while queued:
                    yield queued.popleft()
            finally:
                for _chunk, decoding in queued:
                    decoding.cancel()  # an interrupted call waits only for what is decoding

    def _decoded(
        self, batch: list[Tokenized], decoding: Future[list[str]] | None = None
    ) -> Iterator[tuple[str, str]]:
        """(sentence, translation) for the batch; an engine failure is a PipelineError naming
        the sentence it failed on, raised once the batch's other sentences are translated."""
        try:
            translations = decoding.result() if decoding else self._decode_batch(batch)
        except (RuntimeError, ValueError) as exc:
            if len(batch) == 1:
                raise self._failure(batch[0][0], exc) from exc
            yield from self._decoded_one_by_one(batch)
            return
        yield from zip((sentence for sentence, _ in batch), translations, strict=True)

    def _decoded_one_by_one(self, batch: list[Tokenized]) -> Iterator[tuple[str, str]]:
        # Usually one sentence is to blame (too long for the model): the others are translated,
        # so that their paragraphs are saved, and the first to fail is named.
        failure: PipelineError | None = None
        for item in batch:
            try:
                yield from self._decoded([item])
            except PipelineError as exc:
                failure = failure or exc
        if failure is not None:
            raise failure

    def _failure(self, sentence: str, exc: Exception) -> PipelineError:
        words = sentence.split()
        quoted = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        reason = next(iter(str(exc).strip().splitlines()), type(exc).__name__)
        return PipelineError(
            f"{self.identity} failed on the sentence “{quoted}” ({len(words)} words): {reason}; "
            "split or shorten that sentence in its source document and run again (the drafts "
            "made so far are saved)"
        )

    def _chunks(self, pending: list[Tokenized]) -> Iterator[list[Tokenized]]:
        """Length-sorted groups: one model call each, split by CTranslate2 over its workers."""
        ordered = sorted(pending, key=lambda item: len(item[1]), reverse=True)
        limit = self.options.max_batch_size * max(1, self.options.inter_threads)
        if limit <= 0:
            if ordered:
                yield ordered
            return
        group: list[Tokenized] = []
        size = 0
        for item in ordered:
            cost = len(item[1]) if self.options.batch_type == "tokens" else 1
            if group and size + cost > limit:
                yield group
                group, size = [], 0
            group.append(item)
            size += cost
        if group:
            yield group

    def _decode_batch(self, batch: list[Tokenized]) -> list[str]:
        tokens = [item[1] for item in batch]
        longest = max(len(t) for t in tokens)
        prefix = self._package.target_prefix
        results = self.load().translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            max_batch_size=self.options.max_batch_size,
            batch_type=self.options.batch_type,
            beam_size=self.options.beam_size,
            num_hypotheses=1,
            max_decoding_length=math.ceil(longest * MAX_LENGTH_RATIO) + MAX_LENGTH_SLACK,
            **_ARGOS_DECODING,
        )
        return [self._detokenize(result.hypotheses[0]) for result in results]

    def _detokenize(self, tokens: list[str]) -> str:
        prefix = self._package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        text = _decode(self._tokenizer, tokens)
        return text[1:] if text.startswith(" ") else text  # as argostranslate: tokenizer's space

    def load(self) -> Any:
        """The model (a ``ctranslate2.Translator``), loaded now if it was not yet."""
        with self._loading:
            if self._model is None:
                self._model = self._new_model()
        return self._model

    def _new_model(self) -> Any:
        import ctranslate2

        model_dir = self.package_path / "model"
        try:
            return ctranslate2.Translator(
                str(model_dir),
                device=self.options.device,
                compute_type=self.options.compute_type,
                inter_threads=self.options.inter_threads,
                intra_threads=self.options.intra_threads,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise PipelineError(
                f"{model_dir}: cannot load the model of {self.identity} ({exc}); "
                "reinstall the package"
            ) from exc


def find_package(from_code: str, to_code: str) -> Package:
    """The installed Argos package for a pair; the newest version if several are installed."""
    from argostranslate import package, settings

    try:
        installed = package.get_installed_packages()
    except (OSError, ValueError) as exc:  # a folder without (valid) metadata.json
        raise PipelineError(
            f"cannot list the Argos packages in {_dirs(settings)}: {exc}; "
            "remove or reinstall the broken package folder"
        ) from exc
    matching = [
        p
        for p in installed
        if p.type == "translate" and p.from_code == from_code and p.to_code == to_code
    ]
    if not matching:
        raise PipelineError(
            f"no Argos Translate package for {from_code}→{to_code} is installed in "
            f"{_dirs(settings)}; install translate-{from_code}_{to_code} and run again"
        )
    return max(matching, key=lambda p: version_key(p.package_version))


def _tokenizer_of(pkg: Package) -> Any:
    tokenizer = getattr(pkg, "tokenizer", None)
    if tokenizer is None:
        raise PipelineError(
            f"{pkg.package_path}: the Argos package has neither sentencepiece.model nor "
            "bpe.model; reinstall it"
        )
    return tokenizer


def _decode(tokenizer: Any, tokens: list[str]) -> str:
    """Detokenize like argostranslate, but keep underscores.

    argostranslate's SentencePiece decode also turns every ``_`` into a space, which would break
    placeholders and identifiers; the SentencePiece processor alone already handles ``▁``.
    """
    from argostranslate.tokenizer import SentencePieceTokenizer

    if isinstance(tokenizer, SentencePieceTokenizer):
        return tokenizer.lazy_processor().decode_pieces(tokens).replace("▁", " ")
    return tokenizer.decode(tokens)


def _dirs(settings: Any) -> str:
    return ", ".join(str(d) for d in settings.package_dirs)
