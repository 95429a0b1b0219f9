"""Ukrainian: only its name is known so far."""

from pipeline.languages.model import Language

LANGUAGE = Language(code="uk", name="Українська")
