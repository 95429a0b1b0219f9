"""XLIFF 2.1 exchange with CAT tools: one file per document and target language.

- :mod:`.write`: a catalog as an XLIFF document (states ``initial``, ``translated``, ``final``;
  notes for translator comments, source comments and provenance).
- :mod:`.read`: an XLIFF file read and validated against the core schema shipped here
  (``xliff_core_2.1.xsd``), errors naming the file and line.
- :mod:`.merge`: what an XLIFF file brings into a catalog, under the never-overwrite rules.
"""

from pathlib import Path

NS = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
SCHEMA = Path(__file__).with_name("xliff_core_2.1.xsd")
