"""Extract the templates' page strings into ``messages.pot`` and merge them into each language's
catalog: ``python -m pipeline.page_text.extract`` after changing a template's text.

Babel's extraction with Jinja2's own extractor (``jinja2.ext.babel_extract``), reading the
templates as the publish environment parses them; merging is Babel's ``Catalog.update`` (as
msgmerge: a changed string turns fuzzy, a removed one obsolete). The English catalog's new
entries get their msgid as msgstr (as ``msgen`` does): the msgids are English.
"""

from __future__ import annotations

import copy
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from pipeline.atomic import write_bytes_atomic
from pipeline.page_text import DOMAIN, IN_LANGUAGE_KEYWORDS, LOCALE_DIR, TEMPLATE, catalog_path

LANGUAGES = ("es", "en", "ru")
MSGID_LANGUAGE = "en"
KEYWORDS = {**DEFAULT_KEYWORDS, **IN_LANGUAGE_KEYWORDS}
# The options the publish environment renders with (pipeline.publish.Renderer); a syntax error
# in a template is reported, not skipped.
_JINJA_OPTIONS = {
    "extensions": "jinja2.ext.i18n",
    "trimmed": "true",
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "keep_trailing_newline": "true",
    "newstyle_gettext": "true",
    "silent": "false",
}
_METHODS = [("*.html", "jinja2"), ("*.md", "jinja2")]
_WIDTH = 79
_HEADER = (
    "# The page strings of the pipeline's templates (pipeline/templates/*.html, *.md).\n"
    "# Made by python -m pipeline.page_text.extract: edit the templates, not this file."
)


def template_strings() -> Catalog:
    """Every page string the packaged templates mark, with where it is and its comments."""
    catalog = Catalog(project="pipeline", domain=DOMAIN, fuzzy=False, header_comment=_HEADER)
    found = extract_from_dir(
        LOCALE_DIR.parent,
        _METHODS,
        {pattern: _JINJA_OPTIONS for pattern, _ in _METHODS},
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
        directory_filter=lambda path: path == str(LOCALE_DIR.parent),
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def main() -> None:
    template = template_strings()
    _write(TEMPLATE, _po_bytes(template))
    for lang in LANGUAGES:
        path = catalog_path(lang)
        catalog = _read(path, lang)
        # Babel's update puts the template's own message objects in the catalog: the English
        # msgstrs filled in below would otherwise become the next language's
        catalog.update(copy.deepcopy(template))
        if lang == MSGID_LANGUAGE:
            for message in catalog:
                if message.id and not any(message.string or ()):  # a plural's is a tuple
                    message.string = message.id
        _write(path, _po_bytes(catalog))
        print(f"{path.relative_to(LOCALE_DIR)}: {len(catalog)} strings")


def _read(path: Path, lang: str) -> Catalog:
    """The catalog of ``lang``; a new one (as ``pybabel init`` makes) for a new language."""
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        return Catalog(locale=lang, domain=DOMAIN, project="pipeline", fuzzy=False)
    with path.open("rb") as po:
        return read_po(po, locale=lang, domain=DOMAIN)


def _po_bytes(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_po(out, catalog, width=_WIDTH, sort_by_file=True)
    return out.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` unless the file says the same but for its creation date (no churn)."""
    if path.is_file() and _undated(path.read_bytes()) == _undated(data):
        return
    write_bytes_atomic(path, data)


def _undated(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if not line.startswith(b'"POT-Creation-Date:')]


if __name__ == "__main__":
    main()
