"""Small but real Argos Translate packages, built in seconds, for tests and benchmarks.

Real packages cannot be downloaded here, so we build ``.argosmodel`` files with the layout
argostranslate installs and loads: a top folder holding ``metadata.json``, ``model/`` (a
CTranslate2 Transformer), ``sentencepiece.model`` and ``README.md``.

Two kinds:

* ``copy``: output equals the tokenizer-normalised input. The Transformer is wired by hand: the
  model dimension is split into a token part and a position part; every sub-layer's output
  projection is zero except the last decoder layer's cross-attention, whose queries and keys read
  only the position part (decoder step *i* attends to source position *i*) and whose values copy
  the token part; the output projection is the source embedding matrix. With ``</s>`` appended to
  the source, greedy and beam search reproduce the source pieces and then stop.
* ``random``: the same layout with random weights, for failure modes (garbage, runaway length).

argostranslate reads ``ARGOS_PACKAGES_DIR`` once, when ``argostranslate.settings`` is imported,
and caches loaded translations per process; :func:`use_packages_dir` repoints an already
imported argostranslate at another folder and clears those caches.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np

ARGOS_VERSION = "1.9.0"
LANGUAGE_NAMES = {"es": "Spanish", "en": "English", "ru": "Russian"}

# Sentences the tokenizer is trained on: the three languages, the punctuation of Spanish and
# Russian typography, no-break spaces, digits, and placeholder-like tokens.
TRAINING_SENTENCES = (
    "¿Dónde está la estación? ¡Está a 300\u00a0metros!",
    "El presidente dijo: «abrirá una nueva era en las relaciones bilaterales».",
    "Los presidentes de Rusia y Kazajistán firmaron la Declaración el 28\u00a0de noviembre.",
    "La ceremonia tuvo lugar en el Kremlin, según el sitio kremlin.ru.",
    "The presidents of Russia and Kazakhstan signed the Declaration on 28 November 2024.",
    "He said the document would “open a new era” in bilateral relations.",
    "Where is the station? It is 300 metres away!",
    "Президенты России и Казахстана подписали Декларацию 28\u00a0ноября.",
    "Он сказал, что документ «откроет новую эру» в двусторонних отношениях.",
    "Где вокзал? В 300\u00a0метрах!",
    "Placeholders: {0} {1} %s %(name)s ⟦1⟧ ⟦2⟧ <x1/> __PH0__ __PH1__ [[1]] @@ 1.234,56 €",
    "Números: 0 1 2 3 4 5 6 7 8 9 10 100 1000 2025 3,14 50 % — OTSC, ONU, UEE.",
)


@dataclass(frozen=True)
class PackageSpec:
    """What to build; every field goes into the cache key."""

    kind: Literal["copy", "random"]
    from_code: str
    to_code: str
    version: str = "1.0"
    layers: int = 2  # encoder layers, and as many decoder layers
    d_model: int = 128
    heads: int = 2  # d_model / heads is the head size, which is also the position part's size
    ffn: int = 512
    quantization: str = "float32"
    vocab_size: int | None = None  # pad the model vocabulary to this size (output layer cost)
    sp_model_type: str = "unigram"  # or "bpe" (fewer pieces per word on a small corpus)
    sp_vocab_size: int = 400
    training_text: tuple[str, ...] = field(default=())  # more tokenizer training sentences
    seed: int = 0

    @property
    def code(self) -> str:
        return f"translate-{self.from_code}_{self.to_code}"

    @property
    def file_name(self) -> str:
        """A file name unique to this spec, so caches never serve a different build."""
        key = hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()[:10]
        return f"{self.code}-{self.kind}-{self.version}-{key}.argosmodel"


def copy_package(from_code: str, to_code: str, **options: object) -> PackageSpec:
    """The spec of a package whose output is its (normalised) input."""
    return PackageSpec("copy", from_code, to_code, **options)  # type: ignore[arg-type]


def random_package(from_code: str, to_code: str, **options: object) -> PackageSpec:
    """The spec of a package with random weights: garbage out, of unbounded length."""
    return PackageSpec("random", from_code, to_code, **options)  # type: ignore[arg-type]


def cached_package(spec: PackageSpec, cache_dir: Path) -> Path:
    """The ``.argosmodel`` for ``spec`` in ``cache_dir``, built on first request only."""
    target = cache_dir / spec.file_name
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache_dir) as tmp:
            built = build_package(spec, Path(tmp))
            os.replace(built, target)  # a concurrent or interrupted build never leaves half a file
    return target


def build_package(spec: PackageSpec, out_dir: Path) -> Path:
    """Build ``spec`` into ``out_dir`` and return the path of the ``.argosmodel`` zip."""
    import sentencepiece as spm

    with tempfile.TemporaryDirectory() as tmp:
        top = Path(tmp) / f"{spec.code}-{spec.kind}-{spec.version.replace('.', '_')}"
        top.mkdir()
        sp_model = train_sentencepiece(TRAINING_SENTENCES + spec.training_text, spec)
        (top / "sentencepiece.model").write_bytes(sp_model)
        processor = spm.SentencePieceProcessor(model_proto=sp_model)
        pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
        _save_model(spec, _padded_vocabulary(pieces, spec.vocab_size), top / "model")
        (top / "metadata.json").write_text(json.dumps(_metadata(spec), indent=2), "utf-8")
        (top / "README.md").write_text(_readme(spec), "utf-8")
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / spec.file_name
        _zip_folder(top, target)
    return target


def train_sentencepiece(sentences: Sequence[str], spec: PackageSpec) -> bytes:
    """A unigram SentencePiece model; byte fallback lets any text round-trip."""
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buffer,
        model_type=spec.sp_model_type,
        vocab_size=spec.sp_vocab_size,
        hard_vocab_limit=False,  # a few sentences cannot fill a fixed-size vocabulary
        byte_fallback=True,
        character_coverage=1.0,
        num_threads=1,  # deterministic
        minloglevel=2,
    )
    return buffer.getvalue()


def _padded_vocabulary(pieces: list[str], size: int | None) -> list[str]:
    """Extra never-produced tokens make the output layer as costly as a real model's."""
    extra = max(0, (size or 0) - len(pieces))
    return pieces + [f"<extra_{i}>" for i in range(extra)]


def _metadata(spec: PackageSpec) -> dict[str, object]:
    return {
        "package_version": spec.version,
        "argos_version": ARGOS_VERSION,
        "from_code": spec.from_code,
        "from_name": LANGUAGE_NAMES.get(spec.from_code, spec.from_code),
        "to_code": spec.to_code,
        "to_name": LANGUAGE_NAMES.get(spec.to_code, spec.to_code),
        "code": spec.code,
        "type": "translate",
        "links": [],
    }


def _readme(spec: PackageSpec) -> str:
    what = "copies its input" if spec.kind == "copy" else "has random weights"
    return (
        f"# {spec.code} ({spec.kind}) — test fixture\n\n"
        f"Built by pipeline.testing.argos_packages; the model {what}. Not a translation model.\n"
    )


def _zip_folder(folder: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            archive.write(path, path.relative_to(folder.parent).as_posix())


# --- the CTranslate2 model ------------------------------------------------------------------

MAX_POSITIONS = 1024  # CTranslate2 truncates inputs to 1024 tokens by default
ATTENTION_SHARPNESS = 60.0  # attention logit at the matching position (others stay below half)
OUTPUT_SHARPNESS = 60.0  # logit of the copied token (others stay below half)


def _save_model(spec: PackageSpec, vocabulary: list[str], model_dir: Path) -> None:
    from ctranslate2.specs import TransformerSpec

    model = TransformerSpec.from_config((spec.layers, spec.layers), spec.heads)
    rng = np.random.default_rng(spec.seed)
    weights = _Weights(spec, len(vocabulary), rng)
    if spec.kind == "copy":
        weights.fill_copy(model)
    else:
        weights.fill_random(model)
    model.config.add_source_eos = True
    model.register_source_vocabulary(vocabulary)
    model.register_target_vocabulary(vocabulary)
    model.validate()
    model.optimize(quantization=spec.quantization)
    model_dir.mkdir()
    model.save(str(model_dir))


class _Weights:
    """Fills a ``TransformerSpec`` with numpy weights."""

    def __init__(self, spec: PackageSpec, vocab: int, rng: np.random.Generator) -> None:
        self.d = spec.d_model
        self.head = spec.d_model // spec.heads
        if self.head * spec.heads != self.d or self.head >= self.d:
            raise ValueError("d_model must be a multiple of heads, with at least two heads")
        self.tok = self.d - self.head  # token part [0, tok); position part [tok, d)
        self.heads = spec.heads
        self.ffn = spec.ffn
        self.vocab = vocab
        self.rng = rng

    # Random input projections keep the compute of a real model; outputs decide the function.
    def _random(self, rows: int, cols: int) -> np.ndarray:
        return (self.rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)

    def _zeros(self, rows: int, cols: int) -> np.ndarray:
        return np.zeros((rows, cols), dtype=np.float32)

    def _unit_rows(self, rows: int, cols: int) -> np.ndarray:
        """Random zero-mean unit vectors: layer norm then only rescales part-wise sums."""
        values = self.rng.standard_normal((rows, cols))
        values -= values.mean(axis=1, keepdims=True)
        return (values / np.linalg.norm(values, axis=1, keepdims=True)).astype(np.float32)

    def _layer_norm(self, norm) -> None:  # noqa: ANN001 - a ctranslate2 LayerNormSpec
        norm.gamma = np.ones(self.d, dtype=np.float32)
        norm.beta = np.zeros(self.d, dtype=np.float32)

    def fill_copy(self, model) -> None:  # noqa: ANN001 - a ctranslate2 TransformerSpec
        tokens = self._unit_rows(self.vocab, self.tok)
        positions = self._unit_rows(MAX_POSITIONS, self.head)
        embeddings = np.zeros((self.vocab, self.d), dtype=np.float32)
        embeddings[:, : self.tok] = tokens
        table = np.zeros((MAX_POSITIONS, self.d), dtype=np.float32)
        table[:, self.tok :] = positions
        encoder, decoder = model.encoder, model.decoder
        encoder.embeddings[0].weight = embeddings
        decoder.embeddings.weight = self._zeros(self.vocab, self.d)  # only positions enter
        for stack in (encoder, decoder):
            stack.scale_embeddings = False
            stack.position_encodings.encodings = table
            self._layer_norm(stack.layer_norm)
        for layer in encoder.layer:
            self._silent_layer(layer, cross_attention=False)
        for layer in decoder.layer:
            self._silent_layer(layer, cross_attention=True)
        self._copying_cross_attention(decoder.layer[-1].attention)
        projection = self._zeros(self.vocab, self.d)
        # The decoder's final norm scales the copied token part by sqrt(d/2) (token and
        # position parts have unit norm each): divide it out so the logit is OUTPUT_SHARPNESS.
        projection[:, : self.tok] = tokens * (OUTPUT_SHARPNESS / np.sqrt(self.d / 2))
        decoder.projection.weight = projection

    def _silent_layer(self, layer, *, cross_attention: bool) -> None:  # noqa: ANN001
        """A layer whose sub-layers all add zero to the residual stream."""
        self._layer_norm(layer.self_attention.layer_norm)
        layer.self_attention.linear[0].weight = self._random(3 * self.d, self.d)
        layer.self_attention.linear[1].weight = self._zeros(self.d, self.d)
        if cross_attention:
            self._layer_norm(layer.attention.layer_norm)
            layer.attention.linear[0].weight = self._random(self.d, self.d)
            layer.attention.linear[1].weight = self._random(2 * self.d, self.d)
            layer.attention.linear[2].weight = self._zeros(self.d, self.d)
        self._layer_norm(layer.ffn.layer_norm)
        layer.ffn.linear_0.weight = self._random(self.ffn, self.d)
        layer.ffn.linear_1.weight = self._zeros(self.d, self.ffn)

    def _copying_cross_attention(self, attention) -> None:  # noqa: ANN001
        """Every head: query = decoder position, key = source position, value = source token."""
        d, tok, head = self.d, self.tok, self.head
        # Norm factors: the decoder query input is a unit position vector alone (layer norm
        # multiplies it by sqrt(d)); the encoder output is token + position (times sqrt(d/2));
        # attention divides logits by sqrt(head).
        query_scale = ATTENTION_SHARPNESS * np.sqrt(head) / (np.sqrt(d) * np.sqrt(d / 2))
        query = self._zeros(d, d)
        keys = self._zeros(d, d)
        for h in range(self.heads):
            rows = np.arange(h * head, (h + 1) * head)
            query[rows, tok + np.arange(head)] = query_scale
            keys[rows, tok + np.arange(head)] = 1.0
        values = self._zeros(d, d)
        values[np.arange(tok), np.arange(tok)] = 1.0 / np.sqrt(d / 2)  # back to unit norm
        output = self._zeros(d, d)
        output[np.arange(tok), np.arange(tok)] = 1.0
        attention.linear[0].weight = query
        attention.linear[1].weight = np.concatenate([keys, values])
        attention.linear[2].weight = output

    def fill_random(self, model) -> None:  # noqa: ANN001 - a ctranslate2 TransformerSpec
        d, ffn = self.d, self.ffn
        model.encoder.embeddings[0].weight = self.rng.standard_normal((self.vocab, d)).astype(
            np.float32
        )
        model.decoder.embeddings.weight = self.rng.standard_normal((self.vocab, d)).astype(
            np.float32
        )
        for stack in (model.encoder, model.decoder):
            self._layer_norm(stack.layer_norm)
            stack.position_encodings.encodings = self._random(MAX_POSITIONS, d)
            for layer in stack.layer:
                self._layer_norm(layer.self_attention.layer_norm)
                layer.self_attention.linear[0].weight = self._random(3 * d, d)
                layer.self_attention.linear[1].weight = self._random(d, d)
                self._layer_norm(layer.ffn.layer_norm)
                layer.ffn.linear_0.weight = self._random(ffn, d)
                layer.ffn.linear_1.weight = self._random(d, ffn)
        for layer in model.decoder.layer:
            self._layer_norm(layer.attention.layer_norm)
            layer.attention.linear[0].weight = self._random(d, d)
            layer.attention.linear[1].weight = self._random(2 * d, d)
            layer.attention.linear[2].weight = self._random(d, d)
        model.decoder.projection.weight = self._random(self.vocab, d) * 4.0


# --- installing into argostranslate -----------------------------------------------------------


@contextmanager
def use_packages_dir(packages_dir: Path) -> Iterator[Path]:
    """Point an imported argostranslate at ``packages_dir`` for the duration of the block.

    ``argostranslate.settings`` computes ``package_data_dir`` (where installs go) and
    ``package_dirs`` (where packages are looked for) at import time from ``ARGOS_PACKAGES_DIR``,
    so setting the variable later has no effect; we set both attributes instead, and clear the
    per-process caches of loaded languages and translations on entry and exit.
    """
    from argostranslate import settings

    packages_dir.mkdir(parents=True, exist_ok=True)
    saved = settings.package_data_dir, settings.package_dirs, os.environ.get("ARGOS_PACKAGES_DIR")
    settings.package_data_dir = packages_dir
    settings.package_dirs = [packages_dir]
    os.environ["ARGOS_PACKAGES_DIR"] = str(packages_dir)
    reset_argos_caches()
    try:
        yield packages_dir
    finally:
        settings.package_data_dir, settings.package_dirs, env = saved
        if env is None:
            os.environ.pop("ARGOS_PACKAGES_DIR", None)
        else:
            os.environ["ARGOS_PACKAGES_DIR"] = env
        reset_argos_caches()


def install_packages(archives: Sequence[Path], packages_dir: Path) -> None:
    """Install ``.argosmodel`` files into ``packages_dir`` through argostranslate's installer."""
    from argostranslate import package

    with use_packages_dir(packages_dir):
        for archive in archives:
            package.install_from_path(archive)


def reset_argos_caches() -> None:
    """Forget languages and loaded translations that ``argostranslate.translate`` keeps per process.

    The pipeline never uses that module (it loads models itself), so only code that compares with
    argostranslate's own ``translate()`` in the same process, as the benchmark does, needs this.
    """
    import sys

    translate = sys.modules.get("argostranslate.translate")
    if translate is None:  # not imported yet: nothing cached (and importing it is slow)
        return
    translate.get_installed_languages.cache_clear()
    translate.installed_translates.clear()
