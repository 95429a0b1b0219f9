"""Downloading over HTTP: small documents into memory, packages into a file with a progress bar."""

from __future__ import annotations

import hashlib
import http.client
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

# argostranslate's own User-Agent: the Argos download servers know it.
USER_AGENT = "ArgosTranslate"
TIMEOUT_SECONDS = 30
_CHUNK_BYTES = 1 << 16
NETWORK_ERRORS = (OSError, ValueError, http.client.HTTPException)


@dataclass(frozen=True)
class Downloaded:
    """A finished download: where from, how many bytes, their SHA-256."""

    url: str
    size: int
    sha256: str


class DownloadFailed(Exception):
    """No link worked; ``failures`` holds each link with the reason it failed."""

    def __init__(self, failures: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{url}: {reason}" for url, reason in failures))
        self.failures = failures


def fetch(url: str) -> bytes:
    """The body of ``url``; raises one of ``NETWORK_ERRORS``."""
    with urllib.request.urlopen(_request(url), timeout=TIMEOUT_SECONDS) as response:
        return response.read()


def download_first(links: Sequence[str], target: Path, label: str) -> Downloaded:
    """Download the first of ``links`` that works into ``target`` (overwritten), with progress.

    Raises :class:`DownloadFailed` when none works (or there is none).
    """
    failures: list[tuple[str, str]] = []
    for url in links:
        try:
            return _download(url, target, label)
        except NETWORK_ERRORS as exc:
            failures.append((url, error_reason(exc)))
    raise DownloadFailed(failures)


def error_reason(exc: BaseException) -> str:
    """The short cause of a network or file error, for a one-line message."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _request(url: str) -> urllib.request.Request:
    return urllib.request.Request(url, headers={"User-Agent": USER_AGENT})


def _download(url: str, target: Path, label: str) -> Downloaded:
    digest = hashlib.sha256()
    size = 0
    with (
        urllib.request.urlopen(_request(url), timeout=TIMEOUT_SECONDS) as response,
        target.open("wb") as out,
    ):
        expected = int(response.headers.get("Content-Length") or 0) or None
        with _progress(label, expected) as advance:
            while chunk := response.read(_CHUNK_BYTES):
                out.write(chunk)
                digest.update(chunk)
                size += len(chunk)
                advance(len(chunk))
    if expected is not None and size != expected:
        raise OSError(f"the connection closed after {size} of {expected} bytes")
    return Downloaded(url, size, digest.hexdigest())


@contextmanager
def _progress(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar (bytes, rate, ETA) on a terminal; elsewhere one summary line at the end."""
    stream = sys.stderr
    started = time.monotonic()
    done = 0

    def rate_text(_item: object = None) -> str:
        rate = done / max(time.monotonic() - started, 1e-6)
        of_total = f"/{_size(total)}" if total else ""
        return f"{_size(done)}{of_total} at {_size(rate)}/s"

    if total and stream.isatty():
        with click.progressbar(
            length=total, label=label, file=stream, show_eta=True, item_show_func=rate_text
        ) as bar:

            def advance(count: int) -> None:
                nonlocal done
                done += count
                bar.update(count)

            yield advance
        return

    def count_only(count: int) -> None:
        nonlocal done
        done += count

    yield count_only
    elapsed = time.monotonic() - started
    click.echo(f"{label}: downloaded {rate_text()} in {elapsed:.1f} s", err=True)


def _size(count: float) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{count / 1000:.1f} kB"
