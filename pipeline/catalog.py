"""A document's template (``.pot``) and the headers the pipeline writes in its catalogs."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import polib

from pipeline.document import Document
from pipeline.languages import language

# Fields the pipeline owns in every catalog header; the rest (Last-Translator, Language-Team,
# PO-Revision-Date, ...) belong to translators and their tools and are kept as they are.
TEMPLATE_DATE = "POT-Creation-Date"
_PLACEHOLDER_HEADER = {
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
}


def build_template(
    document: Document, source_path: str, created: str | None = None
) -> polib.POFile:
    """The ``.pot`` of a document: one entry per distinct paragraph, in document order.

    ``source_path`` is how references name the source (relative to the project). Identical
    paragraphs share an entry, as in gettext, with one reference per occurrence. Each entry's
    extracted comment says what its paragraphs are (``#. type: heading 2``, po4a's convention).
    """
    pot = polib.POFile(wrapwidth=79)
    pot.header = f"Source paragraphs of {source_path}."
    pot.metadata = template_header(document.doc_id, created)
    by_text: dict[str, polib.POEntry] = {}
    labels: dict[str, list[str]] = {}
    for segment in document.segments:
        entry = by_text.get(segment.text)
        if entry is None:
            entry = polib.POEntry(msgid=segment.text, msgstr="")
            by_text[segment.text] = entry
            labels[segment.text] = []
            pot.append(entry)
        if segment.type_label not in labels[segment.text]:
            labels[segment.text].append(segment.type_label)
        entry.comment = "type: " + ", ".join(labels[segment.text])
        entry.occurrences.append((source_path, str(segment.line)))
    return pot


def template_header(doc_id: str, created: str | None = None) -> dict[str, str]:
    """Header of a document's template; ``created`` defaults to now (UTC, gettext's format)."""
    return {
        "Project-Id-Version": doc_id,
        "Report-Msgid-Bugs-To": "",
        TEMPLATE_DATE: created or gettext_date(),
        **_PLACEHOLDER_HEADER,
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }


def catalog_header(template: polib.POFile, lang: str, old: dict[str, str] | None) -> dict[str, str]:
    """Header of a language's catalog: the template's, the translators' fields kept from ``old``."""
    old = old or {}
    header = {"Project-Id-Version": template.metadata.get("Project-Id-Version", "")}
    # As msgmerge: these two come from the template when it has them, else stay as they were.
    for key in ("Report-Msgid-Bugs-To", TEMPLATE_DATE):
        header[key] = template.metadata.get(key, old.get(key, ""))
    for key, placeholder in _PLACEHOLDER_HEADER.items():
        header[key] = old.get(key, placeholder)
    header.update(
        {
            "Language": lang,
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
    )
    # The plural rule of a language the pipeline knows is its own; another's is the translators'.
    plural_forms = language(lang).plural_forms
    if plural_forms is not None:
        header["Plural-Forms"] = plural_forms
    owned = set(header)
    header.update({key: value for key, value in old.items() if key not in owned})
    return header


def gettext_date(now: datetime | None = None) -> str:
    """A time (default: now) as gettext's tools write header dates: ``YYYY-MM-DD HH:MM+ZZZZ``.

    In the local time zone with its offset, as xgettext, msgmerge and Poedit write them, so that
    a template's creation date and a catalog's revision date read alike. ``SOURCE_DATE_EPOCH``
    (the reproducible-builds convention) stands for now when set: the time, in UTC.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if now is None and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M%z")
    return (now or datetime.now()).astimezone().strftime("%Y-%m-%d %H:%M%z")
