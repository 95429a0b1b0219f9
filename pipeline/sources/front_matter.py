"""YAML front matter at the top of a Markdown source: a mapping between two ``---`` lines.

The values of the project's ``front_matter_keys`` (title, subtitle, ...) are segments labelled
``front matter: <key>``, whose spans PyYAML's node marks give; every other key is kept as written.
An edition writes each translated value back as a YAML scalar in the source's quoting style when
it reads back as the translation, double-quoted when it would not (``Sí: no``, ``true``, ``#1``).
"""

from __future__ import annotations

import json
import re

import yaml

from pipeline.document import Kind, Segment, SourceSyntaxError

LABEL = "front matter: "
_OPENING = re.compile(r"---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_STRING_TAG = "tag:yaml.org,2002:str"


def front_matter_end(text: str) -> int:
    """Where the front matter of ``text`` ends (after its closing line); 0 when it has none."""
    bounds = _bounds(text)
    return 0 if bounds is None else bounds[2]


def front_matter_segments(
    text: str, keys: tuple[str, ...], *, has_title: bool = False
) -> list[Segment]:
    """The translatable values of ``text``'s front matter, in the order written; the ``title`` is
    the document's title (unless ``has_title``)."""
    bounds = _bounds(text)
    if bounds is None:
        return []
    start, end, _after = bounds
    root = _compose(text[start:end])
    segments: list[Segment] = []
    for key, value in root.value if isinstance(root, yaml.MappingNode) else []:
        if not (
            isinstance(value, yaml.ScalarNode)
            and value.tag == _STRING_TAG
            and key.value in keys
            and value.value.strip()
        ):
            continue
        kind = Kind.TITLE if key.value == "title" and not has_title else Kind.PARAGRAPH
        has_title = has_title or kind is Kind.TITLE
        span = _value_span(text, start + value.start_mark.index, start + value.end_mark.index)
        line = value.start_mark.line + 2
        segments.append(Segment(value.value.strip(), kind, line, LABEL + key.value, span))
    return segments


def blanked(text: str) -> str:
    """``text`` with its front matter turned into blank lines, so a Markdown parser sees none of
    it while every offset and line number stays where it was."""
    end = front_matter_end(text)
    return re.sub(r"[^\n]", " ", text[:end]) + text[end:]


def yaml_scalar(value: str, written: str) -> str:
    """``value`` as a YAML scalar to put where ``written`` (the source's scalar) was: in the
    same style (plain, single-quoted) when it reads back as ``value``, else double-quoted."""
    styles = {"'": "'" + value.replace("'", "''") + "'", '"': json.dumps(value, ensure_ascii=False)}
    candidate = styles.get(written[:1], value)
    return candidate if _reads_back(candidate, value) else json.dumps(value, ensure_ascii=False)


def _reads_back(scalar: str, value: str) -> bool:
    try:
        return yaml.safe_load(f"key: {scalar}\n") == {"key": value}
    except yaml.YAMLError:
        return False


def _bounds(text: str) -> tuple[int, int, int] | None:
    """Where the front matter's YAML starts and ends and where its closing line ends. A block
    between ``---`` lines is front matter when it is a YAML mapping (or empty); one that is not
    even YAML is the author's mistake, reported rather than read as Markdown."""
    opening = _OPENING.match(text)
    closing = _CLOSING.search(text, opening.end()) if opening is not None else None
    if opening is None or closing is None:
        return None
    root = _compose(text[opening.end() : closing.start()])
    if root is not None and not isinstance(root, yaml.MappingNode):
        return None
    return opening.end(), closing.start(), closing.end()


def _compose(block: str) -> yaml.Node | None:
    try:
        return yaml.compose(block, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + (mark.line if mark is not None else 0)  # the YAML starts on the 2nd line
        problem = getattr(exc, "problem", None) or "not YAML"
        raise SourceSyntaxError(
            line, f"the front matter is not YAML ({problem}); fix it, or remove its --- lines"
        ) from exc


def _value_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A scalar's span without the line breaks a block scalar's end mark takes in."""
    while end > start and text[end - 1] in " \t\n":
        end -= 1
    return start, end
