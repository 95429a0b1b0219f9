"""Kazakh: only its name is known so far."""

from pipeline.languages.model import Language

LANGUAGE = Language(code="kk", name="Қазақша")
