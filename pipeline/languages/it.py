"""Italian: only its name is known so far."""

from pipeline.languages.model import Language

LANGUAGE = Language(code="it", name="Italiano")
