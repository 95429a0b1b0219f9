"""Bad input of every kind gets one clear line on stderr, a non-zero exit, and harms nothing.

Each case builds a small project (a translated article, its catalogs and pages), spoils one
thing in it, and runs one real command in a subprocess with a timeout (so a hang fails the test
instead of the suite). The command must exit non-zero with no traceback, say on stderr what is
wrong in a line holding ``fragment``, and leave every file of the project as it was. One file
may change: ``publish`` publishes the documents it can and writes the index, which names the
document that failed and why (a reader of the site sees it is missing, not an old page).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

TIMEOUT = 60  # seconds; the commands here take well under one

ARTICLE = "Titular de la nota\n\nEl río crece cada primavera.\n\nFoto: archivo\n"
CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {lang}\\n"

#: seeds/nota.txt:1
msgctxt "nota:p1"
msgid "Titular de la nota"
msgstr "Headline"
"""


@dataclass(frozen=True)
class Case:
    name: str
    spoil: Callable[[Path], None]
    command: tuple[str, ...]
    fragment: str
    exit_code: int = 1


def settings(text: str) -> Callable[[Path], None]:
    def spoil(root: Path) -> None:
        (root / "pyproject.toml").write_text(f"[tool.pipeline]\n{text}\n", encoding="utf-8")

    return spoil


def write(relative: str, data: bytes | str) -> Callable[[Path], None]:
    def spoil(root: Path) -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)

    return spoil


def replace_with(relative: str, kind: str) -> Callable[[Path], None]:
    """Put a directory, a FIFO, a file or a symlink loop where ``relative`` is expected."""

    def spoil(root: Path) -> None:
        path = root / relative
        if path.is_dir() and not path.is_symlink():
            for child in sorted(path.rglob("*"), reverse=True):
                child.rmdir() if child.is_dir() else child.unlink()
            path.rmdir()
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "directory":
            path.mkdir()
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "file":
            path.write_text("not a folder\n", encoding="utf-8")
        elif kind == "loop":
            path.symlink_to(path.name)

    return spoil


def catalog(lang: str = "en", text: str | None = None, data: bytes | None = None):
    body = data if data is not None else (text or CATALOG.format(lang=lang)).encode()
    return write(f"locales/{lang}/LC_MESSAGES/nota.po", body)


GOOD_HEADER = CATALOG.split("#:")[0].format(lang="en")

CASES = [
    # ---------------------------------------------------------------- settings
    Case("target is a path", settings('target_languages = ["x/../../../../outside"]'),
         ("extract",), "is not a language code"),
    Case("target is the source language", settings('target_languages = ["es"]'),
         ("extract",), "is the source language"),
    Case("target listed twice", settings('target_languages = ["en", "en"]'),
         ("extract",), "listed twice"),
    Case("target with a space", settings('target_languages = ["en gb"]'),
         ("status",), "is not a language code"),
    Case("target empty string", settings('target_languages = [""]'),
         ("publish",), "is not a language code"),
    Case("targets empty", settings("target_languages = []"),
         ("extract",), "target_languages must be a list"),
    Case("targets a string", settings('target_languages = "en"'),
         ("extract",), "target_languages must be a list"),
    Case("targets numbers", settings("target_languages = [1, 2]"),
         ("check",), "target_languages must be a list"),
    Case("source language a path", settings('source_language = "../es"'),
         ("extract",), "is not a language code"),
    Case("pivot language a path", settings('pivot_language = "en/x"'),
         ("status",), "is not a language code"),
    Case("source language a number", settings("source_language = 3"),
         ("extract",), "must be a non-empty string"),
    Case("tool is a number", write("pyproject.toml", "tool = 3\n"),
         ("extract",), "must be a table"),
    Case("pipeline is a number", write("pyproject.toml", "[tool]\npipeline = 3\n"),
         ("status",), "must be a table"),
    Case("invalid TOML", write("pyproject.toml", "[tool.pipeline\n"),
         ("extract",), "cannot read the project settings"),
    Case("non-UTF-8 settings", write("pyproject.toml", b"[tool.pipeline]\n# \xff\n"),
         ("extract",), "cannot read the project settings"),
    Case("unknown setting", settings('colour = "blue"'),
         ("extract",), "unknown setting"),
    Case("unknown engine", settings('engine = "deepl"'),
         ("status",), "is not an engine; use one of: apertium, argos"),
    Case("output outside the project", settings('output_dir = "../elsewhere"'),
         ("publish",), "outside the project"),
    Case("locales absolute", settings('locales_dir = "/tmp/pipeline-locales"'),
         ("extract",), "outside the project"),
    Case("seeds outside the project", settings('seeds_dir = "../../seeds"'),
         ("extract",), "outside the project"),
    Case("glossary outside the project", settings('glossary_dir = "/etc"'),
         ("check",), "outside the project"),
    Case("templates outside the project", settings('templates_dir = "../t"'),
         ("publish",), "outside the project"),
    Case("seeds dir a number", settings("seeds_dir = 7"),
         ("extract",), "must be a non-empty string"),
    Case("source glob upward", settings('source_glob = "../*"'),
         ("extract",), "reaches outside the seeds folder"),
    Case("source glob absolute", settings('source_glob = "/etc/*"'),
         ("extract",), "reaches outside the seeds folder"),
    Case("source glob deep upward", settings('source_glob = "a/../../*.txt"'),
         ("publish",), "reaches outside the seeds folder"),
    # ---------------------------------------------------------------- source documents
    Case("empty document", write("seeds/nota.txt", ""), ("extract",), "the document is empty"),
    Case("blank document", write("seeds/nota.txt", "\n \n\t\n"),
         ("extract",), "the document is empty"),
    Case("non-UTF-8 document", write("seeds/nota.txt", "Titular\n\nEl r\xedo.\n".encode("latin-1")),
         ("extract",), "not UTF-8"),
    Case("UTF-16 document", write("seeds/nota.txt", "Titular\n".encode("utf-16")),
         ("extract",), "not UTF-8"),
    Case("NUL byte in a document", write("seeds/nota.txt", "Titular\n\nEl r\0o.\n"),
         ("extract",), "seeds/nota.txt:3: a NUL byte"),
    Case("document is a FIFO", replace_with("seeds/nota.txt", "fifo"),
         ("extract",), "not a regular file"),
    Case("document is a directory", replace_with("seeds/nota.txt", "directory"),
         ("extract",), "not a regular file"),
    Case("document is a symlink loop", replace_with("seeds/nota.txt", "loop"),
         ("extract",), "cannot read the source document"),
    Case("line break in a file name", write("seeds/no\nta.txt", ARTICLE),
         ("extract",), "control character"),
    Case("tab in a file name", write("seeds/no\tta.txt", ARTICLE),
         ("extract",), "control character"),
    Case("no seeds folder", replace_with("seeds", "file"), ("extract",), "no seeds folder"),
    Case("only a FIFO in seeds", replace_with("seeds/nota.txt", "fifo"),
         ("publish",), "not a regular file"),
    Case("non-UTF-8 document at publish", write("seeds/nota.txt", b"T\xe9tulo\n"),
         ("publish",), "not UTF-8"),
    Case("unknown document named", lambda root: None, ("extract", "otra"),
         "no source document named otra"),
    # ---------------------------------------------------------------- catalogs
    Case("unterminated string",
         catalog(text=GOOD_HEADER + 'msgid "a"\nmsgstr "Photo: kremlin.ru\n'),
         ("status",), "nota.po:"),
    Case("catalog not UTF-8", catalog(data=GOOD_HEADER.encode() + b'msgid "a"\nmsgstr "\xff"\n'),
         ("status",), "nota.po:"),
    Case("catalog garbage", catalog(data=b"\x00\x01\x02garbage"), ("check",), "nota.po"),
    Case("catalog stray keyword", catalog(text=GOOD_HEADER + "msgid\n"), ("status",), "nota.po:"),
    Case("catalog is a directory", replace_with("locales/en/LC_MESSAGES/nota.po", "directory"),
         ("status",), "nota.po"),
    Case("catalog is a FIFO", replace_with("locales/en/LC_MESSAGES/nota.po", "fifo"),
         ("status",), "nota.po"),
    Case("catalog is a symlink loop", replace_with("locales/en/LC_MESSAGES/nota.po", "loop"),
         ("status",), "nota.po"),
    Case("broken catalog at extract", catalog(text=GOOD_HEADER + 'msgid "a\nmsgstr ""\n'),
         ("extract",), "nota.po:"),
    Case("broken catalog at publish", catalog(text=GOOD_HEADER + 'msgid "a\nmsgstr ""\n'),
         ("publish",), "nota.po:"),
    Case("broken catalog at check", catalog(text=GOOD_HEADER + 'msgstr "b"\n'),
         ("check",), "nota.po:"),
    Case("broken catalog at translate", catalog(text=GOOD_HEADER + 'msgid "a\n'),
         ("translate",), "nota.po:"),
    Case("locales is a file", replace_with("locales", "file"), ("extract",), "locales"),
    Case("output is a file", replace_with("output", "file"), ("publish",), "output"),
    # ---------------------------------------------------------------- glossary and templates
    Case("glossary PO with a syntax error", write("glossary/en.po", 'msgid "río\nmsgstr "x"\n'),
         ("check",), "glossary/en.po:"),
    Case("glossary TSV not UTF-8", write("glossary/en.tsv", b"r\xedo\triver\n"),
         ("check",), "glossary/en.tsv"),
    Case("glossary TSV too many fields", write("glossary/en.tsv", "río\triver\tstream\n"),
         ("check",), "tab-separated field"),
    Case("template not UTF-8", write("templates/parallel.html", b"<p>\xff</p>\n"),
         ("publish",), "templates/parallel.html"),
    Case("template syntax error", write("templates/parallel.html", "{% for x in %}\n"),
         ("publish",), "templates/parallel.html"),
    Case("template runs code", write("templates/parallel.html",
         "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}\n"),
         ("publish",), "templates/parallel.html"),
    Case("template is a symlink out", lambda root: (root / "templates").mkdir()
         or (root / "templates" / "parallel.html").symlink_to("/etc/hostname"),
         ("publish",), "templates/parallel.html"),
    # ---------------------------------------------------------------- more settings
    Case("a target that is a path among good ones", settings('target_languages = ["ru", "../x"]'),
         ("extract",), "is not a language code"),
    Case("a target that is a number among good ones", settings('target_languages = ["en", 3]'),
         ("extract",), "target_languages must be a list"),
    Case("empty source glob", settings('source_glob = ""'), ("extract",), "non-empty string"),
    Case("source glob a number", settings("source_glob = 5"), ("extract",), "non-empty string"),
    Case("empty output folder", settings('output_dir = ""'), ("publish",), "non-empty string"),
    Case("locales through seeds and up", settings('locales_dir = "seeds/../../x"'),
         ("extract",), "outside the project"),
    Case("pipeline table twice", write("pyproject.toml", "[tool.pipeline]\n[tool.pipeline]\n"),
         ("status",), "cannot read the project settings"),
    Case("empty pivot language", settings('pivot_language = ""'), ("extract",), "non-empty string"),
    Case("language with a null byte", settings('target_languages = ["e\\u0000n"]'),
         ("extract",), "is not a language code"),
    # ---------------------------------------------------------------- more source documents
    Case("BOM only", write("seeds/nota.txt", "\ufeff"), ("extract",), "the document is empty"),
    Case("binary file named .txt", write("seeds/nota.txt", b"\x89PNG\r\n\x1a\n\x00\x00\xff"),
         ("extract",), "not UTF-8"),
    Case("a source linked to a device", lambda root: (root / "seeds" / "nota.txt").unlink()
         or (root / "seeds" / "nota.txt").symlink_to("/dev/zero"),
         ("extract",), "not a regular file"),
    Case("a source linked to a folder", lambda root: (root / "seeds" / "nota.txt").unlink()
         or (root / "seeds" / "nota.txt").symlink_to("/tmp"),
         ("extract",), "not a regular file"),
    Case("a source linked to nothing", lambda root: (root / "seeds" / "nota.txt").unlink()
         or (root / "seeds" / "nota.txt").symlink_to("missing.txt"),
         ("extract",), "nota.txt"),
    Case("DEL in a file name", write("seeds/no\x7fta.txt", ARTICLE), ("extract",),
         "control character"),
    Case("seeds is a FIFO", replace_with("seeds", "fifo"), ("extract",), "no seeds folder"),
    Case("seeds is a symlink loop", replace_with("seeds", "loop"), ("extract",), "no seeds folder"),
    Case("unknown document to translate", lambda root: None, ("translate", "otra"),
         "no source document named otra"),
    # ---------------------------------------------------------------- more catalogs
    Case("invalid escape", catalog(text=GOOD_HEADER + 'msgid "a"\nmsgstr "\\q"\n'),
         ("status",), "nota.po:7"),
    Case("duplicate definition", catalog(text=GOOD_HEADER + 'msgid "a"\nmsgstr "b"\n\n'
                                         'msgid "a"\nmsgstr "c"\n'),
         ("status",), "duplicate message definition"),
    Case("unterminated msgid", catalog(text=GOOD_HEADER + 'msgid "A/\nmsgstr "b"\n'),
         ("check",), "nota.po:6"),
    Case("mojibake charset", catalog(data=GOOD_HEADER.replace("UTF-8", "ISO-8859-1").encode()
                                     + 'msgid "a"\nmsgstr "río"\n'.encode()),
         ("status",), "nota.po"),
    Case("catalog linked to a device", lambda root: (root / "locales/en/LC_MESSAGES/nota.po")
         .unlink() or (root / "locales/en/LC_MESSAGES/nota.po").symlink_to("/dev/zero"),
         ("status",), "not a regular file"),
    Case("entry cut short", catalog(text=GOOD_HEADER + 'msgid "a"\n'), ("publish",), "nota.po:"),
    Case("msgstr before msgid", catalog(text=GOOD_HEADER + 'msgstr "b"\nmsgid "a"\n'),
         ("status",), "nota.po:"),
    Case("broken catalog at review", catalog(text=GOOD_HEADER + 'msgid "a\n'),
         ("review", "--lang", "en"), "nota.po:"),
    Case("broken catalog at check --json", catalog(text=GOOD_HEADER + 'msgid "a\n'),
         ("check", "--json"), "nota.po:"),
    Case("broken Russian catalog", catalog("ru", text=GOOD_HEADER + 'msgid "a\n'),
         ("status",), "locales/ru/LC_MESSAGES/nota.po:"),
    Case("language folder is a file", replace_with("locales/en", "file"), ("extract",),
         "locales/en"),
    Case("LC_MESSAGES is a file", replace_with("locales/en/LC_MESSAGES", "file"),
         ("extract",), "locales/en/LC_MESSAGES"),
    Case("template file is a folder", replace_with("locales/nota.pot", "directory"),
         ("extract",), "locales/nota.pot"),
    # ---------------------------------------------------------------- more output and glossary
    Case("a document's output folder is a file", replace_with("output/nota", "file"),
         ("publish",), "output/nota"),
    Case("a page is a folder", replace_with("output/nota/index.html", "directory"),
         ("publish",), "output/nota/index.html"),
    Case("glossary folder is a file", replace_with("glossary", "file"), ("check",), "glossary"),
    Case("glossary TSV is a folder", replace_with("glossary/en.tsv", "directory"),
         ("check",), "glossary/en.tsv"),
    Case("glossary TSV is a FIFO", replace_with("glossary/en.tsv", "fifo"),
         ("check",), "not a regular file"),
    Case("glossary PO is a FIFO", replace_with("glossary/en.po", "fifo"),
         ("check",), "not a regular file"),
    Case("glossary in both forms", lambda root: write("glossary/en.tsv", "río\triver\n")(root)
         or write("glossary/en.po", 'msgid "río"\nmsgstr "river"\n')(root),
         ("check",), "both exist"),
    Case("glossary term twice", write("glossary/en.tsv", "río\triver\nrío\tstream\n"),
         ("check",), "already defined"),
    Case("glossary PO not UTF-8", write("glossary/en.po", b'msgid "r\xedo"\nmsgstr "river"\n'),
         ("check",), "glossary/en.po"),
    Case("glossary at translate", write("glossary/en.po", 'msgid "río\nmsgstr "x"\n'),
         ("translate",), "glossary/en.po:"),
    # ---------------------------------------------------------------- more templates
    Case("template is a FIFO", replace_with("templates/parallel.html", "fifo"),
         ("publish",), "not a regular file"),
    Case("template includes a missing one", write("templates/parallel.html",
         '{% include "nowhere.html" %}\n'), ("publish",), "nowhere.html"),
    Case("index template broken", write("templates/index.html", "{% if %}\n"),
         ("publish",), "templates/index.html"),
    Case("markdown template broken", write("templates/parallel.md", "{{ text. }}\n"),
         ("publish",), "templates/parallel.md"),
    Case("template reads a missing field", write("templates/parallel.md", "{{ nothing_here }}\n"),
         ("publish",), "templates/parallel.md"),
    Case("template reaches for a file", write("templates/parallel.html",
         "{{ self._TemplateReference__context.__class__.__mro__ }}\n"),
         ("publish",), "templates/parallel.html"),
    # ---------------------------------------------------------------- options and models
    Case("unknown language to check", lambda root: None, ("check", "--lang", "xx"), "xx"),
    Case("unknown language to translate", lambda root: None, ("translate", "--lang", "fr"), "fr"),
    Case("unknown language to review", lambda root: None, ("review", "--lang", "de"), "de"),
    Case("status threshold out of range", lambda root: None, ("status", "--fail-under", "150"),
         "150", exit_code=2),
    Case("publish threshold negative", lambda root: None, ("publish", "--min-reviewed", "-5"),
         "-5", exit_code=2),
    Case("model file missing", lambda root: None, ("models", "import", "nowhere.argosmodel"),
         "nowhere.argosmodel", exit_code=2),
    Case("model file not an archive", write("fake.argosmodel", "not a zip\n"),
         ("models", "import", "fake.argosmodel"), "fake.argosmodel"),
    Case("model file is a FIFO", replace_with("pipe.argosmodel", "fifo"),
         ("models", "import", "pipe.argosmodel"), "pipe.argosmodel"),
    Case("model pair malformed", lambda root: None, ("models", "install", "es-en-ru"),
         "es-en-ru"),
]  # fmt: skip


@pytest.fixture(scope="module")
def extracted_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An article with its template and catalogs, made once and copied for each case."""
    root = tmp_path_factory.mktemp("base") / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "nota.txt").write_text(ARTICLE, encoding="utf-8")
    assert run(root, "extract").returncode == 0
    return root


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PIPELINE_PROJECT": str(root)}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT,
        stdin=subprocess.DEVNULL,
        cwd=root,
    )


def snapshot(root: Path) -> dict[str, object]:
    """Every path under the project with what it is: bytes for a file, its kind otherwise."""
    state: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            state[key] = ("symlink", os.readlink(path))
        elif path.is_fifo():
            state[key] = "fifo"
        elif path.is_dir():
            state[key] = "dir"
        else:
            state[key] = path.read_bytes()
    outside = root.parent / "elsewhere"
    state["<outside>"] = outside.exists()
    return state


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_gets_one_clear_line_and_harms_nothing(
    tmp_path: Path, extracted_project: Path, case: Case
) -> None:
    root = tmp_path / "project"
    shutil.copytree(extracted_project, root, symlinks=True)
    case.spoil(root)
    before = snapshot(root)
    result = run(root, *case.command)
    assert result.returncode == case.exit_code, result.stderr
    assert "Traceback" not in result.stderr
    assert case.fragment in result.stderr, result.stderr
    after = snapshot(root)
    after.pop("locales/.translate.lock", None)  # translate's lock file (empty when released)
    if case.command[0] == "publish":
        for state in (before, after):
            state.pop("output/index.html", None)
            state.pop("output", None)
    assert after == before
