"""The published pages' own text (navigation, legends, labels) in the reader's language.

The templates mark their strings with Jinja2's i18n extension: ``{% trans %}``, ``_()`` and
``ngettext()`` speak the page's language (the ``page_lang`` every page is rendered with), and
``gettext_in(lang, ...)`` / ``ngettext_in(lang, ...)`` a piece in another language (a column's
labels, in the column's language). The strings are extracted by Babel
(:mod:`pipeline.page_text.extract`) into ``pipeline/templates/locale/messages.pot``; the es, en and
ru catalogs beside it are read at run time, so there is no compiled ``.mo`` to keep in step. A
language without a catalog reads the English msgids.
"""

from __future__ import annotations

import functools
import gettext
from io import BytesIO
from pathlib import Path

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

LOCALE_DIR = Path(__file__).resolve().parent.parent / "templates" / "locale"
DOMAIN = "messages"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# The template functions that take a language first: Babel's keyword specs (the argument
# positions of the singular and plural), beside Babel's own gettext, ngettext, _ ...
IN_LANGUAGE_KEYWORDS = {"gettext_in": (2,), "ngettext_in": (2, 3)}


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The page strings of ``lang`` (its reviewed entries: a fuzzy one reads as English)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import Translations

    path = catalog_path(lang)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog)  # Babel's own reader of a .po gives a Catalog, not gettext
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def install(env: Environment) -> None:
    """Give ``env``'s templates the i18n extension, speaking each page's ``page_lang``, and the
    filters that write names and numbers in a given language."""
    env.add_extension("jinja2.ext.i18n")
    # {% trans %} blocks read as they are indented in the templates, one line each
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_callables(  # type: ignore[attr-defined]
        _page_gettext, _page_ngettext, newstyle=True
    )
    env.globals["gettext_in"] = gettext_in
    env.globals["ngettext_in"] = ngettext_in
    env.filters["language_name_in"] = language_name_in
    env.filters["percent_in"] = percent_in
    env.filters["list_in"] = list_in


@pass_context
def _page_gettext(context: Context, message: str) -> str:
    return translations(context["page_lang"]).gettext(message)


@pass_context
def _page_ngettext(context: Context, singular: str, plural: str, count: int) -> str:
    return translations(context["page_lang"]).ngettext(singular, plural, count)


@pass_context
def gettext_in(context: Context, lang: str, message: str, **variables: object) -> str:
    """``message`` in ``lang``, its ``%(name)s`` filled from ``variables`` (escaped on a page
    that escapes), as Jinja2's new-style ``gettext`` does for the page's language."""
    return _filled(context, translations(lang).gettext(message), variables)


@pass_context
def ngettext_in(
    context: Context, lang: str, singular: str, plural: str, num: int, **variables: object
) -> str:
    """The form of ``singular``/``plural`` that ``num`` takes in ``lang``; ``%(num)d`` is it."""
    text = translations(lang).ngettext(singular, plural, num)
    return _filled(context, text, {"num": num, **variables})


def _filled(context: Context, text: str, variables: dict[str, object]) -> str:
    if context.eval_ctx.autoescape:
        return Markup(text) % variables
    return text % variables


@functools.cache
def _locale(lang: str):  # noqa: ANN202 - a babel.Locale, imported only when needed
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def percent_in(value: float, lang: str) -> str:
    """``value`` (out of 100) as ``lang`` writes a percentage, decimals as given: en ``87.5%``,
    es ``87,5 %``, ru ``87,5 %`` (CLDR, through Babel; English for a language CLDR lacks)."""
    from babel.numbers import format_percent

    return format_percent(value / 100, locale=_locale(lang), decimal_quantization=False)


def language_name_in(code: str, lang: str) -> str:
    """The name of the language ``code`` in ``lang`` (CLDR: ru ``английский``, es ``inglés``);
    the code itself when CLDR has no name for it."""
    return _locale(lang).languages.get(code.replace("-", "_"), code)


def list_in(items: list[str], lang: str) -> str:
    """``items`` as ``lang`` lists them (CLDR: en ``a, b, and c``, es ``a, b y c``)."""
    from babel.lists import format_list

    return format_list(items, locale=_locale(lang))
