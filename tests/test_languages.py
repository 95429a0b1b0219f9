"""Each language's data in one module (pipeline.languages): lookup, defaults, adding a language."""

from __future__ import annotations

import polib
import pytest

from pipeline import languages
from pipeline.catalog import catalog_header
from pipeline.languages import Language, language
from pipeline.qa import findings_for_entry


def test_every_language_module_is_found_under_its_code() -> None:
    known = languages.known_languages()
    assert {"es", "en", "ru"} <= set(known)
    assert all(code == data.code for code, data in known.items())


def test_an_unknown_code_is_named_by_itself_and_knows_nothing() -> None:
    unknown = language("xx")
    assert unknown.name == "xx"
    assert unknown.plural_forms is None and unknown.number_format is None
    assert not unknown.quote_style and not unknown.number_words


@pytest.fixture
def klingon(monkeypatch: pytest.MonkeyPatch) -> Language:
    """A language added as its module would add it: one Language in the registry."""
    data = Language(
        code="tlh",
        name="tlhIngan Hol",
        plural_forms="nplurals=1; plural=0;",
        foreign_quotes="«»",
        quote_style="“…”",
    )
    monkeypatch.setitem(languages.known_languages(), data.code, data)
    return data


def test_a_new_language_module_gives_catalogs_its_plural_forms(klingon: Language) -> None:
    header = catalog_header(polib.POFile(), "tlh", None)
    assert header["Plural-Forms"] == "nplurals=1; plural=0;"


def test_a_new_language_module_gives_the_quotes_check_its_style(klingon: Language) -> None:
    entry = polib.POEntry(msgid="Dijo «sí».", msgstr="Dijo «sí».")
    (finding,) = [f for f in findings_for_entry(entry, "es", "tlh") if f.check == "quotes"]
    assert finding.message.endswith("« » instead of “…”")
